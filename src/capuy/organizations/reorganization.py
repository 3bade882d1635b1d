"""Reorganizing party organizations: merge (hợp nhất), split (chia tách), move cells and members, rename.

Quy định 294-QĐ/TW, Điều 11 and Kết luận 137-KL/TW (sắp xếp tổ chức đảng khi sáp nhập đơn vị hành chính): the
superior committee decides; from the date it names, the successor's committee leads the cells and members
that move to it, the posts in the dissolved organizations' bodies end, and the old organizations keep only
their history. ``day`` is always the first day under the new arrangement; the old one's last day is the day
before. Every step is recorded (``Reorganization``) so both organizations show it.
"""

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db.models import Q

from capuy.core import vietnamese
from capuy.organizations.models import BodyMembership, Organization, Person, Reorganization


@dataclass
class Figures:
    """What a step moves or ends: shown on the confirmation page, recorded on the step."""

    cells: int = 0
    people: int = 0
    members: int = 0  # party members in the moved subtrees (including the cells' members)
    posts: int = 0

    def add(self, other: "Figures") -> "Figures":
        return Figures(self.cells + other.cells, self.people + other.people, self.members + other.members,
                       self.posts + other.posts)

    def lines(self) -> list[str]:
        return [f"{self.cells} tổ chức trực thuộc chuyển sang tổ chức mới",
                f"{self.members} đảng viên ({self.people} hồ sơ nhân sự do chính tổ chức quản lý) chuyển theo",
                f"{self.posts} chức vụ trong cơ quan lãnh đạo đang mở sẽ kết thúc"]


def open_cells(organization: Organization, day: datetime.date):
    return organization.children.filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day))


def open_posts(organization: Organization, day: datetime.date):
    """Body memberships of ``organization`` still held on ``day`` (or starting later)."""
    return BodyMembership.objects.filter(body__organization=organization).filter(
        Q(end_date__isnull=True) | Q(end_date__gte=day))


def figures(organization: Organization, day: datetime.date) -> Figures:
    """What merging or splitting ``organization`` on ``day`` moves and ends."""
    from capuy.members.models import PartyMember

    cells = list(open_cells(organization, day))
    members = PartyMember.objects.filter(person__organization=organization).count()
    for cell in cells:
        members += PartyMember.objects.in_subtree(cell).count()
    return Figures(cells=len(cells), people=organization.people.count(), members=members,
                   posts=open_posts(organization, day).count())


def _date(day):
    if not isinstance(day, datetime.date):
        raise ValidationError({"date": "Vui lòng nhập ngày."})
    return day


def _check_open(organization: Organization, day: datetime.date, field: str) -> None:
    organization.refuse_if_closed("tổ chức trực thuộc, đảng viên chuyển đến", field=field, day=day)
    if not organization.is_active(day) and not (organization.valid_from and organization.valid_from > day):
        raise ValidationError({field: f"{organization.name} không còn hoạt động vào ngày "
                                      f"{vietnamese.numeric_date(day)}."})


def _move_people(people, source: Organization, target: Organization, day: datetime.date, by, note: str) -> int:
    """Move the records kept by ``source`` to ``target``; each party member's move is dated (``Transfer``)."""
    from capuy.members.models import PartyMember, Transfer

    people = list(people)
    ids = [p.pk for p in people]
    Person.objects.filter(pk__in=ids).update(organization=target)
    _follow_member_logins(ids, source, target)
    # Recorded as it happened (the decision may be dated before today): Transfer.clean's "not after today"
    # rule is for a member's own move, not for the superior's decision.
    Transfer.objects.bulk_create(
        Transfer(member=m, kind=Transfer.Kind.OFFICIAL, from_organization=source, to_organization=target,
                 date=day, note=note, recorded_by=by)
        for m in PartyMember.objects.filter(person_id__in=ids))
    return len(ids)


def _follow_member_logins(person_ids, source: Organization, target: Organization):
    """A moved member's login belongs to the organization that now keeps their record (answering its invitations,
    voting in its conferences), not to the one they left."""
    from capuy.accounts.models import Role, RoleGrant

    for grant in RoleGrant.objects.filter(role=Role.MEMBER, organization=source, user__person_id__in=person_ids):
        if RoleGrant.objects.filter(user_id=grant.user_id, organization=target, role=Role.MEMBER).exists():
            grant.delete()
        else:
            grant.organization = target
            grant.save(update_fields=["organization"])


def office_accounts(organization: Organization):
    """The users who hold the office role of ``organization`` itself."""
    from capuy.accounts.models import Role, User

    return User.objects.filter(grants__organization=organization, grants__role=Role.OFFICE, is_active=True).distinct()


def _carry_office_accounts(source: Organization, successor: Organization):
    """The office staff of a merged organization go on working at the successor: they get its office role and keep
    the old one, with which they still read the old organization's records (it takes nothing new)."""
    from capuy.accounts.models import Role, RoleGrant

    for user in office_accounts(source):
        RoleGrant.objects.get_or_create(user=user, organization=successor, role=Role.OFFICE)


def _move_cells(cells, target: Organization) -> int:
    count = 0
    for cell in list(cells):
        if target.is_within(cell):
            raise ValidationError({"cells": f"Không thể chuyển {cell.name} vào tổ chức trực thuộc chính nó."})
        cell.parent = target
        cell.save()
        count += 1
    return count


def _close(source: Organization, day: datetime.date, successor: Organization | None, decision: str) -> int:
    """End ``source`` the day before ``day``: its open posts and terms end, it takes nothing new."""
    last_day = day - datetime.timedelta(days=1)
    posts = 0
    for membership in open_posts(source, day).select_related("body__term"):
        if membership.start_date >= day:
            membership.delete()  # appointed for a time the organization no longer exists
        else:
            membership.end(day, BodyMembership.EndReason.REORGANIZED, decision)
        posts += 1
    source.terms.filter(Q(end_date__isnull=True) | Q(end_date__gt=last_day)).filter(
        start_date__lte=last_day).update(end_date=last_day)
    source.dissolve(last_day, successor)
    return posts


def merge(sources: list[Organization], successor: Organization, day: datetime.date, by=None,
          decision: str = "", carry_offices: bool = False) -> list[Reorganization]:
    """Hợp nhất: every organization of ``sources`` into ``successor`` from ``day``.

    Their open cells and the records they keep move to the successor (each member's move dated), with the
    members' logins; their open posts end on ``day``; they are closed the day before, pointing at the
    successor. With ``carry_offices`` their office staff also get the successor's office role.
    """
    day = _date(day)
    sources = list(dict.fromkeys(sources))
    if not sources:
        raise ValidationError({"sources": "Chọn ít nhất một tổ chức hợp nhất."})
    if successor in sources:
        raise ValidationError({"successor": "Không thể hợp nhất tổ chức vào chính nó."})
    _check_open(successor, day, "successor")
    steps = []
    for source in sources:
        _check_open(source, day, "sources")
        if source.valid_from and day <= source.valid_from:
            raise ValidationError({"date": f"Ngày hợp nhất phải sau ngày thành lập {source.name}."})
        if successor.is_within(source):
            raise ValidationError({"successor": f"{successor.name} đang trực thuộc {source.name}; "
                                                "hãy chuyển tổ chức đó ra trước."})
        counted = figures(source, day)
        note = f"Hợp nhất {source.name} vào {successor.name}"
        moved = list(open_cells(source, day))
        cells = _move_cells(moved, successor)
        _move_people(source.people.all(), source, successor, day, by, note)
        posts = _close(source, day, successor, decision)
        if carry_offices:
            _carry_office_accounts(source, successor)
        step = Reorganization.objects.create(
            kind=Reorganization.Kind.MERGE, date=day, predecessor=source, successor=successor, cells=cells,
            people=counted.members, posts_ended=posts, decision=decision, recorded_by=by)
        step.moved_cells.set(moved)
        steps.append(step)
    return steps


def split(source: Organization, allocation: dict, day: datetime.date, by=None,
          decision: str = "") -> list[Reorganization]:
    """Chia tách: ``source`` into the organizations of ``allocation`` ({target: {"cells": [...], "people":
    [...]}}) from ``day``. Every open cell and every record kept by ``source`` must be given a target."""
    day = check_split(source, allocation, day)
    targets = list(allocation)
    steps = []
    for target in targets:
        chosen = allocation[target]
        from capuy.members.models import PartyMember

        members = sum(PartyMember.objects.in_subtree(c).count() for c in chosen.get("cells", []))
        members += PartyMember.objects.filter(person__in=chosen.get("people", [])).count()
        cells = _move_cells(chosen.get("cells", []), target)
        _move_people(chosen.get("people", []), source, target, day, by, f"Chia tách {source.name}")
        steps.append(Reorganization(kind=Reorganization.Kind.SPLIT, date=day, predecessor=source, successor=target,
                                    cells=cells, people=members, decision=decision, recorded_by=by))
    posts = _close(source, day, None, decision)
    for i, step in enumerate(steps):
        step.posts_ended = posts if i == 0 else 0
        step.save()
        step.moved_cells.set(allocation[step.successor].get("cells", []))
    return steps


def check_split(source: Organization, allocation: dict, day) -> datetime.date:
    """The checks of ``split``, run before its confirmation page too."""
    day = _date(day)
    targets = list(allocation)
    if len(targets) < 2:
        raise ValidationError({"targets": "Chia tách cần ít nhất hai tổ chức tiếp nhận."})
    _check_open(source, day, "source")
    for target in targets:
        if target == source or target.is_within(source):
            raise ValidationError({"targets": f"{target.name} không thể tiếp nhận vì là (hoặc trực thuộc) "
                                              f"{source.name}."})
        _check_open(target, day, "targets")
    given_cells = [c.pk for t in targets for c in allocation[t].get("cells", [])]
    given_people = [p.pk for t in targets for p in allocation[t].get("people", [])]
    left = [c.name for c in open_cells(source, day).exclude(pk__in=given_cells)]
    left += [p.full_name for p in source.people.exclude(pk__in=given_people)]
    if left:
        raise ValidationError({"allocation": "Chưa chọn tổ chức tiếp nhận cho: " + ", ".join(left[:10])
                                             + (f" và {len(left) - 10} nơi khác" if len(left) > 10 else "") + "."})
    if len(set(given_cells)) != len(given_cells) or len(set(given_people)) != len(given_people):
        raise ValidationError({"allocation": "Mỗi tổ chức, mỗi nhân sự chỉ chuyển đến một nơi."})
    return day


def move(source: Organization, target: Organization, cells, people, day: datetime.date, by=None,
         decision: str = "") -> Reorganization:
    """Chuyển tổ chức trực thuộc và hồ sơ đảng viên từ ``source`` sang ``target`` từ ``day`` (both stay open)."""
    from capuy.members.models import PartyMember

    day = _date(day)
    cells, people = list(cells), list(people)
    if source == target:
        raise ValidationError({"target": "Tổ chức chuyển đến phải khác tổ chức hiện tại."})
    if not cells and not people:
        raise ValidationError({"cells": "Chọn ít nhất một tổ chức trực thuộc hoặc một nhân sự để chuyển."})
    _check_open(target, day, "target")
    if any(c.parent_id != source.pk for c in cells):
        raise ValidationError({"cells": f"Chỉ chuyển được tổ chức trực thuộc {source.name}."})
    if any(p.organization_id != source.pk for p in people):
        raise ValidationError({"people": f"Chỉ chuyển được hồ sơ do {source.name} quản lý."})
    members = sum(PartyMember.objects.in_subtree(c).count() for c in cells)
    members += PartyMember.objects.filter(person__in=people).count()
    moved = _move_cells(cells, target)
    _move_people(people, source, target, day, by, f"Chuyển từ {source.name} sang {target.name}")
    step = Reorganization.objects.create(kind=Reorganization.Kind.MOVE, date=day, predecessor=source,
                                         successor=target, cells=moved, people=members, decision=decision,
                                         recorded_by=by)
    step.moved_cells.set(cells)
    return step


def rename(organization: Organization, new_name: str, day: datetime.date, by=None, committee_name: str | None = None,
           decision: str = "") -> Reorganization:
    """Đổi tên: the old name stays in the history (``Reorganization.old_name``) and on the organization's page."""
    day = _date(day)
    new_name = " ".join((new_name or "").split())
    if not new_name:
        raise ValidationError({"name": "Vui lòng nhập tên mới."})
    if new_name == organization.name:
        raise ValidationError({"name": "Tên mới trùng tên hiện tại."})
    max_length = Organization._meta.get_field("name").max_length
    if len(new_name) > max_length:
        raise ValidationError({"name": f"Tên không quá {max_length} ký tự."})
    step = Reorganization.objects.create(kind=Reorganization.Kind.RENAME, date=day, predecessor=organization,
                                         successor=organization, old_name=organization.name, new_name=new_name,
                                         decision=decision, recorded_by=by)
    organization.name = new_name
    fields = ["name", "search_text", "path", "depth"]
    if committee_name is not None and committee_name.strip():
        organization.committee_name = " ".join(committee_name.split())
        fields.append("committee_name")
    organization.save(update_fields=fields)
    return step


def history(organization: Organization):
    """(before, after): the steps that brought organizations, cells or members into ``organization`` and the
    ones that took them out, with renames among the first."""
    before = Reorganization.objects.filter(successor=organization).select_related("predecessor", "successor")
    after = Reorganization.objects.filter(predecessor=organization).exclude(kind=Reorganization.Kind.RENAME)
    return list(before), list(after.select_related("predecessor", "successor"))


def former_subtree(root: Organization, field: str = "organization__") -> Q:
    """A filter on records (``year`` and ``{field}path``) of ``root``'s subtree as it was when they were made:
    today's subtree plus, for the years before each move, the cells moved out of it since (with their own
    subtrees). Figures of a past year keep counting the cells that were there then."""
    query = Q(**{f"{field}path__startswith": root.path})
    for path, year in _moved_out(root):
        query |= Q(**{f"{field}path__startswith": path, "year__lt": year})
    return query


def _moved_out(root: Organization) -> list[tuple[str, int]]:
    """(path, year of the move) of each cell moved out of ``root``'s subtree; read once per ``root`` object (a
    dashboard asks for it several times in one request)."""
    cached = root.__dict__.get("_moved_out")
    if cached is None:
        steps = Reorganization.objects.filter(predecessor__path__startswith=root.path).exclude(
            successor__path__startswith=root.path).prefetch_related("moved_cells")
        cached = root.__dict__["_moved_out"] = [(cell.path, step.date.year) for step in steps
                                                for cell in step.moved_cells.all()]
    return cached
