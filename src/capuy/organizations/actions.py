"""What a user can do with organizations, terms, bodies and people: one function per action.

Pages (whose ModelForms set the fields on the instance) and the API (which passes ``fields``) both call
these; each checks the caller's right (``organizations.access``), validates the whole record and writes
in one transaction (``capuy.core.actions.action``), so both refuse alike with the same words.
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from capuy.accounts import permissions
from capuy.core import references
from capuy.core.actions import action
from capuy.organizations import access, reorganization
from capuy.organizations.models import Body, BodyMembership, Organization, Person, Term

TOP_LEVEL_REFUSED = "Chỉ quản trị hệ thống mới được tạo tổ chức cấp cao nhất."
MOVE_TO_TOP_REFUSED = "Chỉ quản trị hệ thống mới được đưa tổ chức lên cấp cao nhất."
LEAVE_REFUSED = "Chỉ văn phòng cấp ủy quản lý hồ sơ và các cơ quan lãnh đạo mới được ghi nhận."


def _save(obj, fields: dict | None):
    """Apply ``fields``, check the whole record, save; nothing is saved when a check fails."""
    for name, value in (fields or {}).items():
        setattr(obj, name, value)
    obj.full_clean()
    obj.save()
    return obj


def _check_parent(user, parent_id):
    if parent_id is None:
        if not permissions.is_admin(user):
            raise PermissionDenied(TOP_LEVEL_REFUSED)
    else:
        access.managed_or_404(user, parent_id)


@action("Thêm tổ chức", page="organizations:create_child", api="api:create_organization")
def create_organization(user, organization: Organization, fields: dict | None = None) -> Organization:
    """A new organization under a parent whose office ``user`` is (a top-level one: administrators only)."""
    parent_id = (fields or {}).get("parent_id", organization.parent_id)
    _check_parent(user, parent_id)
    return _save(organization, fields)


@action("Sửa hồ sơ tổ chức", page="organizations:edit", api="api:update_organization")
def update_organization(user, organization: Organization, fields: dict | None = None) -> Organization:
    access.check_manage(user, Organization.objects.filter(pk=organization.pk).first())
    fields = fields or {}
    if "parent_id" in fields and fields["parent_id"] != organization.parent_id:
        if fields["parent_id"] is None:
            if not permissions.is_admin(user):
                raise PermissionDenied(MOVE_TO_TOP_REFUSED)
        else:
            access.managed_or_404(user, fields["parent_id"])
    return _save(organization, fields)


@action("Giải thể hoặc sáp nhập tổ chức", api="api:dissolve_organization")
def dissolve_organization(user, organization: Organization, date: datetime.date, into: Organization | None = None):
    """Close ``organization`` after ``date`` (its last day), the superior's decision as on the pages; with
    ``into``, the merge of ``merge_organizations`` from the next day (cells, members and posts follow its rules)."""
    _check_superior(user, organization)
    if into is not None:
        if into.pk == organization.pk:
            raise ValidationError({"merged_into_id": "Không thể hợp nhất tổ chức vào chính nó."})
        merge_organizations(user, [organization], into, date + datetime.timedelta(days=1))
        organization.refresh_from_db()
        return organization
    organization.dissolve(date, into)
    return organization


@action("Thêm nhiệm kỳ", page="organizations:term_create", api="api:create_term")
def create_term(user, term: Term, fields: dict | None = None) -> Term:
    access.managed_or_404(user, (fields or {}).get("organization_id", term.organization_id))
    return _save(term, fields)


@action("Sửa nhiệm kỳ", api="api:update_term")
def update_term(user, term: Term, fields: dict | None = None) -> Term:
    access.managed_or_404(user, term.organization_id)
    if fields and "organization_id" in fields:
        access.managed_or_404(user, fields["organization_id"])
    return _save(term, fields)


@action("Thêm cơ quan lãnh đạo", page="organizations:body_create", api="api:create_body")
def create_body(user, body: Body, fields: dict | None = None) -> Body:
    fields = dict(fields or {})
    if "term_id" in fields:
        term = Term.objects.filter(pk=fields["term_id"]).first()
        if term is None:
            raise Http404("Không tìm thấy nhiệm kỳ.")
        body.organization_id = term.organization_id
    access.managed_or_404(user, body.organization_id)
    return _save(body, fields)


@action("Thêm thành viên cơ quan lãnh đạo", page="organizations:membership_create", api="api:create_membership")
def create_membership(user, membership: BodyMembership, fields: dict | None = None) -> BodyMembership:
    fields = fields or {}
    body = Body.objects.select_related("organization").filter(pk=fields.get("body_id", membership.body_id)).first()
    if body is None or not permissions.can_read(user, body.organization):
        raise Http404("Không tìm thấy cơ quan.")
    access.check_manage(user, body.organization)
    if fields.get("person_id") is not None:
        references.readable(user, Person, fields["person_id"], "person_id")
    return _save(membership, fields)


@action("Sửa thành viên cơ quan lãnh đạo", api="api:update_membership")
def update_membership(user, membership: BodyMembership, fields: dict | None = None) -> BodyMembership:
    access.managed_or_404(user, membership.body.organization_id)
    return _save(membership, fields)


@action("Ghi nhận thôi tham gia cơ quan lãnh đạo", page="organizations:membership_end", api="api:end_membership")
def end_membership(user, membership: BodyMembership, date: datetime.date, reason: str, decision: str = ""):
    """Record the event (death, expulsion, removal, resignation, retirement…) that ends a membership."""
    access.managed_or_404(user, membership.body.organization_id)
    return membership.end(date, reason, decision)


@action("Ghi nhận thôi tham gia mọi cơ quan lãnh đạo", page="organizations:person_leave_bodies",
        api="api:leave_bodies")
def leave_bodies(user, person: Person, date: datetime.date, reason: str, decision: str = "") -> list[BodyMembership]:
    """End every body membership of ``person`` on the event's date; returns the memberships ended."""
    access.check_read_person(user, person)
    held = list(person.body_memberships.filter(start_date__lte=date).select_related("body__organization"))
    if not permissions.can_manage_person(user, person) or any(
            not permissions.can_manage(user, m.body.organization) for m in held):
        raise PermissionDenied(LEAVE_REFUSED)
    person.leave_bodies(date, reason, decision)
    return list(person.body_memberships.filter(pk__in=[m.pk for m in held], end_reason=reason))


@action("Xóa thành viên cơ quan lãnh đạo", api="api:delete_membership")
def delete_membership(user, membership: BodyMembership) -> None:
    access.managed_or_404(user, membership.body.organization_id)
    membership.delete()


@action("Thêm nhân sự", page="organizations:person_create", api="api:create_person")
def create_person(user, person: Person, fields: dict | None = None, titles: list[str] | None = None) -> Person:
    access.managed_or_404(user, (fields or {}).get("organization_id", person.organization_id))
    _save(person, fields)
    person.set_current_titles(Person.normalize_title_names(titles or []))
    return person


@action("Sửa hồ sơ nhân sự", page="organizations:person_edit", api="api:update_person")
def update_person(user, person: Person, fields: dict | None = None, titles: list[str] | None = None) -> Person:
    access.check_manage_person(user, Person.objects.filter(pk=person.pk).first())
    _save(person, fields)
    if titles is not None:
        person.set_current_titles(Person.normalize_title_names(titles))
    return person


# --- reorganization (Quy định 294-QĐ/TW, Điều 11): the superior's office, within its subtree ----------------

REORGANIZE_REFUSED = "Chỉ văn phòng cấp ủy cấp trên mới được sắp xếp tổ chức này."


def _check_superior(user, organization: Organization) -> Organization:
    """Reorganizing is the superior's decision: the office must manage the organization's parent."""
    access.check_read(user, organization)
    if organization.parent_id is None:
        if not permissions.is_admin(user):
            raise PermissionDenied(REORGANIZE_REFUSED)
    elif not permissions.can_manage(user, organization.parent):
        raise PermissionDenied(REORGANIZE_REFUSED)
    return organization


@action("Hợp nhất tổ chức", page="organizations:merge")
def merge_organizations(user, sources: list[Organization], successor: Organization | None, date: datetime.date,
                        new: Organization | None = None, decision: str = "", carry_offices: bool = False):
    """Merge ``sources`` into ``successor`` (an existing organization) or into ``new`` (created here under the
    same superior) from ``date``; returns the successor. ``carry_offices``: the sources' office staff work on at
    the successor."""
    for source in sources:
        _check_superior(user, source)
    if successor is None and new is None:
        raise ValidationError({"successor": "Chọn tổ chức tiếp nhận hoặc nhập tên tổ chức mới."})
    if successor is not None:
        access.check_manage(user, successor)
    else:
        _check_parent(user, new.parent_id)
        if new.valid_from is None:
            new.valid_from = date
        successor = _save(new, None)
    reorganization.merge(sources, successor, date, by=user, decision=decision, carry_offices=carry_offices)
    return successor


@action("Chia tách tổ chức", page="organizations:split")
def split_organization(user, source: Organization, allocation: dict, date: datetime.date, decision: str = ""):
    """Split ``source`` into the organizations of ``allocation`` ({target: {"cells": [...], "people": [...]}})."""
    _check_superior(user, source)
    for target in allocation:
        access.check_manage(user, target)
    return reorganization.split(source, allocation, date, by=user, decision=decision)


@action("Chuyển tổ chức trực thuộc, đảng viên", page="organizations:move", api="api:move_to")
def move_to(user, source: Organization, target: Organization, cells, people, date: datetime.date,
            decision: str = ""):
    access.check_manage(user, source)
    access.check_manage(user, target)
    return reorganization.move(source, target, cells, people, date, by=user, decision=decision)


@action("Đổi tên tổ chức", page="organizations:rename", api="api:rename_organization")
def rename_organization(user, organization: Organization, name: str, date: datetime.date,
                        committee_name: str | None = None, decision: str = ""):
    _check_superior(user, organization)
    return reorganization.rename(organization, name, date, by=user, committee_name=committee_name, decision=decision)


@action("Thêm tổ chức cấp cao nhất", page="organizations:create_top")
def create_top_organization(user, organization: Organization) -> Organization:
    """A province-level (top) organization: system administrators only."""
    if not permissions.is_admin(user):
        raise PermissionDenied(TOP_LEVEL_REFUSED)
    organization.parent = None
    return _save(organization, None)
