"""Actions on ratings that pages, the API and the demo share: one function per thing a user can do.

Each checks the caller's rights on every id it receives, validates, and writes in one transaction;
views and API handlers only translate requests and responses.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404

from capuy.accounts import permissions
from capuy.core.actions import action
from capuy.members import access
from capuy.members.models import PartyMember, Rating, RatingCampaign
from capuy.members.models import decide_ratings as _decide_ratings

DECIDE_REFUSED = "Chỉ cấp có thẩm quyền mới được quyết định xếp loại."


def _visible(user, rating: Rating) -> bool:
    return access.can_read_organization_members(user, rating.subject_organization)


def can_see_campaign(user, campaign: RatingCampaign) -> bool:
    """The campaign's organization is readable, or some of its ratings are (an office or cell secretary of
    part of the subtree works on its own part)."""
    if access.can_read_organization_members(user, campaign.organization):
        return True
    by_member = permissions.organization_filter(user, field="member__person__organization__")
    by_organization = permissions.organization_filter(user, field="organization__")
    if by_member is None or by_organization is None:  # administrators see everything
        return True
    query = by_member | by_organization
    cells = access.secretary_cells(user)
    query |= Q(member__person__organization__in=cells) | Q(organization__in=cells)
    return campaign.ratings.filter(query).exists()


@action("Quyết định xếp loại nhiều đảng viên, tổ chức", page="members:campaign_decide", api="api:decide_many")
def decide_ratings(user, campaign: RatingCampaign, items) -> list[Rating]:
    """Quyết định xếp loại for many members (or organizations) of ``campaign`` at once.

    ``items`` is [(rating_id, level, note)]. The campaign must be one ``user`` may see, and every id a rating of this campaign that ``user`` may
    read (else 404, naming the id) and decide (else 403). The decisions are validated together and the
    quota of "Hoàn thành xuất sắc nhiệm vụ" (Quy định 366-QĐ/TW) is checked on the whole resulting set
    per grassroots organization (``models.decide_ratings``): all are saved, or none with the reasons.
    """
    if not can_see_campaign(user, campaign):
        raise Http404("Không tìm thấy đợt đánh giá.")
    items = list(items)
    if not items:
        raise ValidationError("Chưa chọn đối tượng nào để quyết định xếp loại.")
    ids = [rating_id for rating_id, _, _ in items]
    ratings = {r.pk: r for r in campaign.ratings.select_related(
        "campaign", "member__person__organization", "organization", "unit").filter(pk__in=ids)}
    decisions = []
    for rating_id, level, note in items:
        rating = ratings.get(rating_id)
        if rating is None or not _visible(user, rating):
            raise Http404(f"Không tìm thấy bản xếp loại {rating_id} trong đợt này.")
        if not access.can_decide(user, rating):
            raise PermissionDenied(DECIDE_REFUSED)
        decisions.append((rating, level, note or ""))
    return _decide_ratings(campaign, decisions, user)


@action("Quyết định xếp loại", api="api:decide")
def decide_rating(user, rating: Rating, level: str, note: str = "") -> Rating:
    """Quyết định xếp loại for one rating: the batch action with one item (same checks, same quota)."""
    return decide_ratings(user, rating.campaign, [(rating.pk, level, note)])[0]


# --- one member's record (issue 17): add and edit from a page -------------------------------------------------

RECORD_FIELDS = ("full_name", "gender", "birth_date", "email", "phone")


def member_cells(user, organization):
    """The cells of ``organization``'s subtree a member may be kept in (the office manages them)."""
    from capuy.organizations.models import Organization

    if not permissions.can_manage(user, organization):
        return Organization.objects.none()
    return Organization.objects.filter(path__startswith=organization.path, valid_to__isnull=True,
                                       kind__in=[Organization.Kind.CELL, Organization.Kind.GRASSROOTS_CELL])


def _check_record(member, person):
    errors = {}
    for obj in (person, member):
        try:
            obj.full_clean(exclude=["person"] if obj is member else None)
        except ValidationError as exc:
            errors.update(exc.message_dict)
    if errors:
        raise ValidationError(errors)


@action("Thêm một đảng viên", page="members:create")
def add_member(user, organization, data: dict) -> PartyMember:
    """A new person and party record kept in a cell of ``organization`` (which ``user`` manages); with
    ``data["status"]`` set (bị khởi tố, truy tố, tạm giam; miễn sinh hoạt …) that status is recorded from its date."""
    from capuy.members.models import Status
    from capuy.organizations.models import Person

    if not permissions.can_read(user, organization):
        raise Http404("Không tìm thấy tổ chức.")
    if not permissions.can_manage(user, organization) or not permissions.can_manage(user, data["cell"]):
        raise PermissionDenied("Chỉ văn phòng cấp ủy quản lý hồ sơ đảng viên mới được thêm đảng viên.")
    if not data["cell"].path.startswith(organization.path):
        raise ValidationError({"cell": "Chi bộ không thuộc tổ chức này."})
    status = data.get("status") or ""
    if status and status not in Status.values:
        raise ValidationError({"status": "Trạng thái không hợp lệ."})
    if status and not data.get("status_date"):
        raise ValidationError({"status_date": "Vui lòng nhập ngày bắt đầu của trạng thái."})
    person = Person(organization=data["cell"], **{f: data.get(f) or ("" if f != "birth_date" else None)
                                                  for f in RECORD_FIELDS})
    member = PartyMember(card_number=data.get("card_number"), admission_date=data["admission_date"],
                         official_date=data.get("official_date"))
    member.person = person
    _check_record(member, person)
    person.save()
    member.person = person
    member.save()
    if status:
        member.record_status(status, data["status_date"], by=user, decision=data.get("decision") or "")
    else:
        member.sync_status()
    return member


@action("Sửa hồ sơ một đảng viên", page="members:edit")
def edit_member(user, member: PartyMember, data: dict) -> PartyMember:
    """Change the person and party record of ``member`` (statuses are recorded by ``record_status``)."""
    if not access.can_read_member(user, member):
        raise Http404("Không tìm thấy đảng viên.")
    if not access.can_manage_member(user, member) or not permissions.can_manage(user, data["cell"]):
        raise PermissionDenied("Chỉ văn phòng cấp ủy quản lý hồ sơ đảng viên mới được sửa hồ sơ.")
    person = member.person
    for field in RECORD_FIELDS:
        setattr(person, field, data.get(field) or (None if field == "birth_date" else ""))
    person.organization = data["cell"]
    member.card_number = data.get("card_number")
    member.admission_date, member.official_date = data["admission_date"], data.get("official_date")
    _check_record(member, person)
    person.save()
    member.save()
    member.sync_status()
    return member


# -- the notification inbox (issue 17) ----------------------------------------------------------------------


@action("Đánh dấu thông báo đã đọc", page="members:notification_read")
def mark_notification_read(user, key: str):
    """Mark one of the user's current notifications read; a key that is not theirs is refused (404)."""
    from capuy.members import notifications
    from capuy.members.models import NotificationRead

    note = next((n for n in notifications.for_user(user) if n.key == key), None)
    if note is None:
        raise Http404("Không có thông báo này.")
    NotificationRead.objects.get_or_create(user=user, key=key)
    return note


@action("Đánh dấu mọi thông báo đã đọc", page="members:notifications_read_all")
def mark_all_notifications_read(user) -> int:
    """Mark every current notification of the user read; returns how many were unread."""
    from capuy.members import notifications
    from capuy.members.models import NotificationRead

    if not user.is_authenticated:
        raise PermissionDenied("Vui lòng đăng nhập.")
    unread = [n for n in notifications.for_user(user) if not n.read]
    NotificationRead.objects.bulk_create([NotificationRead(user=user, key=n.key) for n in unread],
                                         ignore_conflicts=True)
    return len(unread)
