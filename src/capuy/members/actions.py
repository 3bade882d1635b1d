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


@action("Quyết định xếp loại", page="members:rating_step", api="api:decide")
def decide_rating(user, rating: Rating, level: str, note: str = "") -> Rating:
    """Quyết định xếp loại for one rating: the batch action with one item (same checks, same quota). The
    member rated may see the rating, so is told that deciding it is not theirs (403), not "not found"."""
    _readable_rating(user, rating)
    if not access.can_decide(user, rating):
        raise PermissionDenied(DECIDE_REFUSED)
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


ADD_REFUSED = "Chỉ văn phòng cấp ủy quản lý hồ sơ đảng viên mới được thêm đảng viên."
EDIT_REFUSED = "Chỉ văn phòng cấp ủy quản lý hồ sơ đảng viên mới được sửa hồ sơ."


def record_of(member: PartyMember) -> dict:
    """``member``'s record as ``edit_member`` takes it (the edit form starts from it; a partial change overlays it)."""
    person = member.person
    return {**{f: getattr(person, f) for f in RECORD_FIELDS}, "cell": person.organization,
            "card_number": member.card_number or "", "admission_date": member.admission_date,
            "official_date": member.official_date}


@action("Thêm một đảng viên", page="members:create", api="api:create_member")
def add_member(user, organization, data: dict) -> PartyMember:
    """A new person and party record kept in a cell of ``organization`` (which ``user`` manages); with
    ``data["status"]`` set (bị khởi tố, truy tố, tạm giam; miễn sinh hoạt …) that status is recorded from its date."""
    from capuy.members.models import Status
    from capuy.organizations.models import Person

    if not permissions.can_read(user, organization):
        raise Http404("Không tìm thấy tổ chức.")
    if not permissions.can_manage(user, organization) or not permissions.can_manage(user, data["cell"]):
        raise PermissionDenied(ADD_REFUSED)
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


@action("Sửa hồ sơ một đảng viên", page="members:edit", api="api:update_member")
def edit_member(user, member: PartyMember, data: dict) -> PartyMember:
    """Change the person and party record of ``member`` (statuses are recorded by ``record_status``)."""
    if not access.can_read_member(user, member):
        raise Http404("Không tìm thấy đảng viên.")
    if not access.can_manage_member(user, member) or not permissions.can_manage(user, data["cell"]):
        raise PermissionDenied(EDIT_REFUSED)
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
# --- the rest of a member's record, ratings, opinions and commendations (issue 14) ----------------------------

NOT_FOUND = "Không tìm thấy đảng viên."
MANAGE_ONLY = "Chỉ văn phòng cấp ủy quản lý hồ sơ đảng viên mới được thay đổi."
ORGANIZATION_MANAGE_ONLY = "Chỉ văn phòng cấp ủy của tổ chức này mới được thực hiện thao tác này."
OFFICIAL_TRANSFER_REFUSED = "Chỉ văn phòng cấp ủy quản lý cả hai tổ chức mới được chuyển sinh hoạt chính thức."
SELF_RATE_REFUSED = "Bạn không được tự đánh giá thay cho người khác."
APPRAISE_REFUSED = "Chỉ chi ủy, cấp ủy quản lý mới được thẩm định, đề xuất."
ANSWER_REFUSED = "Chỉ văn phòng cấp ủy mới được trả lời ý kiến."
ANSWER_EMPTY = "Nội dung trả lời không được để trống."
OPINION_ELSEWHERE = "Chỉ gửi ý kiến đến cấp ủy của tổ chức mình đang sinh hoạt."
COMMENDATION_REFUSED = "Chỉ văn phòng cấp ủy quản lý đối tượng mới được ghi khen thưởng."
IMPORT_FORMATS = "Chỉ nhận tệp Excel (.xlsx) hoặc CSV (.csv)."


def _managed_member(user, member: PartyMember) -> PartyMember:
    if not access.can_read_member(user, member):
        raise Http404(NOT_FOUND)
    if not access.can_manage_member(user, member):
        raise PermissionDenied(MANAGE_ONLY)
    return member


def managed_organization(user, organization):
    """``organization`` (an instance or an id) if ``user`` manages it: 404 when its members are not readable."""
    from capuy.organizations.models import Organization

    if not isinstance(organization, Organization):
        organization = Organization.objects.filter(pk=organization or 0).first()
    if organization is None or not access.can_read_organization_members(user, organization):
        raise Http404("Không tìm thấy tổ chức.")
    if not permissions.can_manage(user, organization):
        raise PermissionDenied(ORGANIZATION_MANAGE_ONLY)
    return organization


def _save_validated(obj, fields: dict | None = None):
    for name, value in (fields or {}).items():
        setattr(obj, name, value)
    obj.full_clean()
    obj.save()
    return obj


@action("Ghi thay đổi trạng thái đảng viên", page="members:detail", api="api:add_status")
def record_status(user, member: PartyMember, status: str, day, decision: str = "", note: str = ""):
    """A status change of ``member`` from ``day`` (``PartyMember.record_status``)."""
    from capuy.members.models import Status

    _managed_member(user, member)
    if status not in Status.values:
        raise ValidationError({"status": "Trạng thái không hợp lệ."})
    return member.record_status(status, day, by=user, decision=decision, note=note)


@action("Ghi chuyển sinh hoạt đảng", page="members:detail", api="api:add_transfer")
def transfer_member(user, member: PartyMember, to_organization, day, kind: str = "official", note: str = ""):
    """Chuyển sinh hoạt (``PartyMember.transfer``): an official transfer moves the record, so it needs the
    right to manage the receiving organization too."""
    from capuy.members.models import Transfer
    from capuy.organizations.models import Organization

    _managed_member(user, member)
    if not isinstance(to_organization, Organization):
        to_organization = Organization.objects.filter(pk=to_organization or 0).first()
        if to_organization is None:
            raise Http404("Không tìm thấy tổ chức.")
    if kind not in Transfer.Kind.values:
        raise ValidationError({"kind": "Hình thức chuyển sinh hoạt không hợp lệ."})
    if kind == Transfer.Kind.OFFICIAL and not permissions.can_manage(user, to_organization):
        raise PermissionDenied(OFFICIAL_TRANSFER_REFUSED)
    return member.transfer(to_organization, day, kind=kind, by=user, note=note)


@action("Nhập danh sách đảng viên từ tệp", page="members:import", api="api:import_members")
def import_members(user, organization, upload):
    """Queue the import of a member list into ``organization``'s subtree (``exchange.start_import``);
    returns the job (its page shows each row's outcome; all rows or none are saved)."""
    from capuy.members import exchange

    organization = managed_organization(user, organization)
    if not (upload.name or "").lower().endswith((".xlsx", ".csv")):
        raise ValidationError({"file": IMPORT_FORMATS})
    return exchange.start_import(upload, organization, user)


@action("Gửi ý kiến đến cấp ủy", page="members:me", api="api:send_opinion")
def send_opinion(user, subject: str, text: str, organization=None):
    """A member's opinion to the committee of their grassroots organization (or of ``organization``, an
    organization the member's cell belongs to)."""
    from capuy.members import rules
    from capuy.members.models import Opinion
    from capuy.organizations.models import Organization, Person

    person = Person.objects.select_related("organization").filter(pk=user.person_id or 0).first()
    if person is None:
        raise Http404("Tài khoản này không gắn với hồ sơ đảng viên nào.")
    if organization is None:
        organization = rules.grassroots_of(person.organization) if person.organization_id else None
    elif not isinstance(organization, Organization):
        organization = Organization.objects.filter(pk=organization).first()
    if organization is None or person.organization is None or not person.organization.is_within(organization):
        raise ValidationError(OPINION_ELSEWHERE)
    return _save_validated(Opinion(author=person, organization=organization, subject=(subject or "").strip(),
                                   text=(text or "").strip()))


@action("Trả lời ý kiến của đảng viên", page="members:opinions", api="api:answer_opinion")
def answer_opinion(user, opinion, answer: str):
    from django.utils import timezone

    from capuy.members.models import Opinion

    if not permissions.can_read(user, opinion.organization):
        raise Http404("Không tìm thấy ý kiến.")
    if not permissions.can_manage(user, opinion.organization):
        raise PermissionDenied(ANSWER_REFUSED)
    answer = (answer or "").strip()
    if not answer:
        raise ValidationError({"answer": ANSWER_EMPTY})
    return _save_validated(opinion, {"answer": answer, "state": Opinion.State.ANSWERED, "answered_by": user,
                                     "answered_at": timezone.now()})


@action("Mở đợt đánh giá, xếp loại", page="members:campaign_create", api="api:create_campaign")
def create_campaign(user, organization, fields: dict) -> RatingCampaign:
    """A rating campaign of ``organization`` (which ``user`` manages), filled with an empty rating for each
    member (or organization) it rates (``RatingCampaign.populate``)."""
    organization = managed_organization(user, organization)
    fields = {k: v for k, v in fields.items() if k not in ("organization", "organization_id")}
    campaign = _save_validated(RatingCampaign(created_by=user, organization=organization), fields)
    campaign.populate()
    return campaign


def _readable_rating(user, rating: Rating) -> Rating:
    own = rating.member_id and user.person_id and user.person_id == rating.member.person_id
    if not (own or _visible(user, rating)):
        raise Http404("Không tìm thấy bản xếp loại.")
    return rating


@action("Tự đánh giá, xếp loại", page="members:rating_step", api="api:self_rate")
def self_rate(user, rating: Rating, score, all_tasks_done=False, beyond_share=0, level: str = "", note: str = ""):
    """Step 1 (``Rating.self_rate``): the member, the cell's secretary or the office on the member's behalf."""
    _readable_rating(user, rating)
    if not access.can_self_rate(user, rating):
        raise PermissionDenied(SELF_RATE_REFUSED)
    return rating.self_rate(user, score, all_tasks_done, beyond_share, level, note)


@action("Thẩm định, đề xuất mức xếp loại", page="members:rating_step", api="api:appraise")
def appraise(user, rating: Rating, level: str, score=None, note: str = ""):
    """Step 2 (``Rating.appraise``): the cell committee or the managing committee."""
    _readable_rating(user, rating)
    if not access.can_appraise(user, rating):
        raise PermissionDenied(APPRAISE_REFUSED)
    return rating.appraise(user, level, score, note)


@action("Ghi khen thưởng", page="members:commendations", api="api:create_commendation")
def create_commendation(user, fields: dict):
    """A commendation of a person or a collective; ``user`` must manage the recipient's organization (or the
    issuing organization for a collective named in words). ``fields`` are the model's, with objects."""
    from capuy.members.models import Commendation

    person, organization = fields.get("person"), fields.get("organization")
    target = person.organization if person else organization or fields.get("issuer_organization")
    if target is None or not permissions.can_manage(user, target):
        raise PermissionDenied(COMMENDATION_REFUSED)
    return _save_validated(Commendation(recorded_by=user), fields)


@action("Lập bộ tiêu chí của địa phương", api="api:create_criteria_list")
def create_criteria_list(user, organization, name: str, subject: str, criteria: list[str]):
    from capuy.members.models import CriteriaList, Criterion

    organization = managed_organization(user, organization)
    texts = [t.strip() for t in criteria if t.strip()]
    if not texts:
        raise ValidationError({"criteria": "Bộ tiêu chí phải có ít nhất một tiêu chí."})
    criteria_list = _save_validated(CriteriaList(organization=organization, name=(name or "").strip(), subject=subject))
    Criterion.objects.bulk_create(Criterion(criteria_list=criteria_list, text=t, order=i)
                                  for i, t in enumerate(texts, 1))
    return criteria_list


@action("Ghi kết quả đạt tiêu chí trong năm", api="api:record_criteria_result")
def record_criteria_result(user, criteria_list, year: int, met: list[int], member=None, organization=None,
                           note: str = ""):
    """Which criteria of ``criteria_list`` a member (or an organization) met in ``year``; replaces that
    year's result."""
    from capuy.members.models import CriteriaResult

    if member is not None:
        subject_org = _managed_member(user, member).person.organization
        organization = None
    else:
        subject_org = organization = managed_organization(user, organization)
    if subject_org is None or not subject_org.is_within(criteria_list.organization):
        raise PermissionDenied("Bộ tiêu chí này không áp dụng cho tổ chức của đối tượng.")
    valid = set(criteria_list.criteria.values_list("pk", flat=True))
    if not set(met) <= valid:
        raise ValidationError({"met": "Có tiêu chí không thuộc bộ tiêu chí này."})
    result = CriteriaResult.objects.filter(criteria_list=criteria_list, year=year, member=member,
                                           organization=organization).first() or CriteriaResult()
    _save_validated(result, {"criteria_list": criteria_list, "year": year, "member": member,
                             "organization": organization, "note": note, "recorded_by": user})
    result.met.set(met)
    return result
