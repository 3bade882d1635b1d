"""REST endpoints of the members app, under /api/members/."""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from ninja import File, Form, Router, Schema
from ninja.files import UploadedFile

from capuy.accounts import permissions
from capuy.core import paging, references
from capuy.core.api import require, require_visible
from capuy.core.vietnamese import word_prefix_filter
from capuy.members import access, actions, exchange, reports, rules
from capuy.members.models import (
    Commendation,
    CriteriaList,
    Opinion,
    PartyMember,
    Rating,
    RatingCampaign,
    RatingRules,
    Transfer,
    visible_commendations,
)
from capuy.organizations.models import Organization, Person

router = Router(tags=["Đảng viên"])
NOT_FOUND = "Không tìm thấy đảng viên."
MANAGE_ONLY = "Chỉ văn phòng cấp ủy quản lý hồ sơ đảng viên mới được thay đổi."


# --- schemas -------------------------------------------------------------------------------------------


class StatusOut(Schema):
    id: int
    status: str
    status_display: str
    date: datetime.date
    decision: str
    note: str

    @staticmethod
    def resolve_status_display(obj):
        return obj.get_status_display()


class TransferOut(Schema):
    id: int
    kind: str
    from_organization_id: int | None
    to_organization_id: int
    date: datetime.date
    note: str


class MemberOut(Schema):
    id: int
    person_id: int
    full_name: str
    card_number: str | None
    birth_date: datetime.date | None
    gender: str
    admission_date: datetime.date
    official_date: datetime.date | None
    is_official: bool
    organization_id: int | None
    organization_name: str
    status: str
    status_display: str
    temporarily_transferred: bool
    exempt: bool
    suspended: bool
    prosecuted: bool

    @staticmethod
    def resolve_full_name(obj):
        return obj.person.full_name

    @staticmethod
    def resolve_birth_date(obj):
        return obj.person.birth_date

    @staticmethod
    def resolve_gender(obj):
        return obj.person.gender

    @staticmethod
    def resolve_organization_id(obj):
        return obj.person.organization_id

    @staticmethod
    def resolve_organization_name(obj):
        return str(obj.person.organization) if obj.person.organization_id else ""

    @staticmethod
    def resolve_status_display(obj):
        return obj.get_status_display()


class RatingOut(Schema):
    id: int
    campaign_id: int
    period: str
    member_id: int | None
    organization_id: int | None
    subject_name: str
    unit_id: int | None
    step: str
    self_score: Decimal | None
    all_tasks_done: bool
    beyond_share: int
    self_level: str
    self_by_id: int | None
    self_at: datetime.datetime | None
    appraisal_score: Decimal | None
    appraisal_level: str
    appraisal_note: str
    appraisal_by_id: int | None
    appraisal_at: datetime.datetime | None
    decision_level: str
    decision_note: str
    decision_by_id: int | None
    decision_at: datetime.datetime | None

    @staticmethod
    def resolve_period(obj):
        return obj.campaign.period_label


class CommendationOut(Schema):
    id: int
    form: str
    form_display: str
    badge_years: int | None
    person_id: int | None
    organization_id: int | None
    recipient_name: str
    collective_count: int | None
    individual_count: int | None
    conference_id: int | None
    issuer: str
    decision_number: str
    decision_date: datetime.date | None
    reason: str
    period_start: datetime.date | None
    period_end: datetime.date | None
    posthumous: bool


class CriteriaResultOut(Schema):
    id: int
    criteria_list_id: int
    name: str
    year: int
    met: list[int]
    passed: bool

    @staticmethod
    def resolve_name(obj):
        return obj.criteria_list.name

    @staticmethod
    def resolve_met(obj):
        return [c.pk for c in obj.met.all()]


class MemberDetailOut(MemberOut):
    statuses: list[StatusOut]
    transfers: list[TransferOut]
    positions: list[str]
    ratings: list[RatingOut]
    commendations: list[CommendationOut]
    criteria_results: list[CriteriaResultOut]

    @staticmethod
    def resolve_statuses(obj):
        return list(obj.status_changes.all())

    @staticmethod
    def resolve_transfers(obj):
        return list(obj.transfers.all())

    @staticmethod
    def resolve_positions(obj):
        return [t.name for t in obj.person.titles.all()]

    @staticmethod
    def resolve_ratings(obj):
        return list(obj.ratings.select_related("campaign__term", "member__person").order_by("-campaign__year"))

    @staticmethod
    def resolve_commendations(obj):
        return list(obj.person.commendations.select_related("person", "organization"))

    @staticmethod
    def resolve_criteria_results(obj):
        return list(obj.criteria_results.select_related("criteria_list").prefetch_related("met"))


class StatusIn(Schema):
    status: str
    date: datetime.date
    decision: str = ""
    note: str = ""


class TransferIn(Schema):
    to_organization_id: int
    date: datetime.date
    kind: str = Transfer.Kind.OFFICIAL
    note: str = ""


class MemberPatch(Schema):
    """The fields sent are changed, the others stay (statuses such as "bị truy tố" go through
    ``POST /members/{id}/statuses/``, which keeps their history)."""

    full_name: str | None = None
    gender: str | None = None
    birth_date: datetime.date | None = None
    email: str | None = None
    phone: str | None = None
    cell_id: int | None = None
    card_number: str | None = None
    admission_date: datetime.date | None = None
    official_date: datetime.date | None = None


class MemberIn(Schema):
    organization_id: int  # the organization whose office keeps the record
    cell_id: int
    full_name: str
    gender: str = ""
    birth_date: datetime.date | None = None
    email: str = ""
    phone: str = ""
    card_number: str = ""
    admission_date: datetime.date
    official_date: datetime.date | None = None
    status: str = ""  # an initial status (bị khởi tố, truy tố, tạm giam …), from status_date
    status_date: datetime.date | None = None
    decision: str = ""


class OpinionIn(Schema):
    subject: str
    text: str
    organization_id: int | None = None


class OpinionOut(Schema):
    id: int
    author_id: int
    author_name: str
    organization_id: int
    subject: str
    text: str
    created_at: datetime.datetime
    state: str
    answer: str

    @staticmethod
    def resolve_author_name(obj):
        return obj.author.full_name


class AnswerIn(Schema):
    answer: str


class CampaignIn(Schema):
    organization_id: int
    subject: str = RatingCampaign.Subject.MEMBERS
    period: str = RatingCampaign.Period.YEAR
    year: int
    quarter: int | None = None
    term_id: int | None = None


class CampaignOut(Schema):
    id: int
    organization_id: int
    subject: str
    period: str
    year: int
    quarter: int | None
    term_id: int | None
    name: str
    ratings: int

    @staticmethod
    def resolve_name(obj):
        return str(obj)

    @staticmethod
    def resolve_ratings(obj):
        return obj.ratings.count()


class SelfRatingIn(Schema):
    score: Decimal
    all_tasks_done: bool = False
    beyond_share: int = 0
    level: str = ""
    note: str = ""


class AppraisalIn(Schema):
    level: str
    score: Decimal | None = None
    note: str = ""


class DecisionIn(Schema):
    level: str
    note: str = ""


class BatchDecisionItem(Schema):
    rating_id: int
    level: str
    note: str = ""


class BatchDecisionIn(Schema):
    decisions: list[BatchDecisionItem]


class CommendationIn(Schema):
    form: str
    form_detail: str = ""
    badge_years: int | None = None
    person_id: int | None = None
    organization_id: int | None = None
    collective_name: str = ""
    issuer: str
    issuer_organization_id: int | None = None
    decision_number: str
    decision_date: datetime.date
    reason: str = ""
    period_start: datetime.date | None = None
    period_end: datetime.date | None = None
    posthumous: bool = False


class BadgeOut(Schema):
    member_id: int
    full_name: str
    organization_name: str
    admission_date: datetime.date
    years: int
    milestone: datetime.date
    posthumous: bool


class CriteriaListIn(Schema):
    name: str
    subject: str
    organization_id: int
    criteria: list[str]


class CriterionOut(Schema):
    id: int
    text: str


class CriteriaListOut(Schema):
    id: int
    name: str
    subject: str
    organization_id: int
    active: bool
    criteria: list[CriterionOut]

    @staticmethod
    def resolve_criteria(obj):
        return list(obj.criteria.all())


class CriteriaResultIn(Schema):
    criteria_list_id: int
    year: int
    member_id: int | None = None
    organization_id: int | None = None
    met: list[int] = []
    note: str = ""


class RulesOut(Schema):
    excellent_min: Decimal
    good_min: Decimal
    done_min: Decimal
    excellent_requires_all_tasks: bool
    excellent_beyond_share_min: int
    quota_enabled: bool
    quota_percent: int
    quota_base: str


# --- helpers ----------------------------------------------------------------------------------------------


def _member(request, pk) -> PartyMember:
    member = get_object_or_404(PartyMember.objects.select_related("person__organization"), pk=pk)
    require_visible(access.can_read_member(request.user, member), NOT_FOUND)
    return member


def _managed_member(request, pk) -> PartyMember:
    member = _member(request, pk)
    require(access.can_manage_member(request.user, member), MANAGE_ONLY)
    return member


def _org(request, pk, manage=False) -> Organization:
    organization = get_object_or_404(Organization, pk=pk)
    require_visible(access.can_read_organization_members(request.user, organization), "Không tìm thấy tổ chức.")
    if manage:
        require(permissions.can_manage(request.user, organization),
                "Chỉ văn phòng cấp ủy của tổ chức này mới được thực hiện thao tác này.")
    return organization


def _rating(request, pk) -> Rating:
    rating = get_object_or_404(Rating.objects.select_related("campaign", "member__person__organization",
                                                             "organization", "unit"), pk=pk)
    require_visible(access.can_read_organization_members(request.user, rating.subject_organization)
                    or (rating.member_id and request.user.person_id == rating.member.person_id),
                    "Không tìm thấy bản xếp loại.")
    return rating


# --- members ----------------------------------------------------------------------------------------------


@router.get("/members/", response=list[MemberOut], description=paging.API_PAGING_DOC)
def list_members(request, response: HttpResponse, organization_id: int | None = None, q: str = "", status: str = "",
                 limit: int = paging.api_limit(), offset: int = paging.api_offset(), cursor: str = paging.api_cursor()):
    members = access.readable_members(request.user).select_related("person__organization")
    if organization_id:
        members = members.in_subtree(_org(request, organization_id))
    if q:
        members = members.filter(word_prefix_filter("person__search_text", q) | Q(card_number=q.strip()))
    if status:
        members = members.filter(status=status)
    return paging.api_page(response, request.user, members, ("person__sort_key",), limit, offset, cursor)


@router.get("/members/me/", response=MemberDetailOut)
def my_record(request):
    member = PartyMember.objects.filter(person_id=request.user.person_id).select_related("person__organization").first()
    require_visible(member is not None, "Tài khoản này không gắn với hồ sơ đảng viên nào.")
    return member


@router.get("/members/{int:pk}/", response=MemberDetailOut)
def get_member(request, pk: int):
    return _member(request, pk)


def _cell(request, pk: int | None) -> Organization:
    if pk is None:
        raise ValidationError({"cell_id": ["Vui lòng chọn chi bộ sinh hoạt."]})
    return references.readable(request.user, Organization, pk, "cell_id")


@router.post("/members/", response={201: MemberOut})
def create_member(request, data: MemberIn):
    organization = get_object_or_404(Organization, pk=data.organization_id)
    require_visible(permissions.can_read(request.user, organization), "Không tìm thấy tổ chức.")
    fields = data.dict(exclude={"organization_id", "cell_id"})
    return 201, actions.add_member(request.user, organization, {**fields, "cell": _cell(request, data.cell_id)})


@router.patch("/members/{int:pk}/", response=MemberOut)
def update_member(request, pk: int, data: MemberPatch):
    """The same action as the edit page, from the record as it is with the fields sent changed."""
    member = _member(request, pk)
    record, changes = actions.record_of(member), data.dict(exclude_unset=True)
    if "cell_id" in changes:
        record["cell"] = _cell(request, changes.pop("cell_id"))
    return actions.edit_member(request.user, member, {**record, **changes})


@router.post("/members/{int:pk}/statuses/", response={201: StatusOut})
def add_status(request, pk: int, data: StatusIn):
    return 201, actions.record_status(request.user, _member(request, pk), data.status, data.date,
                                      decision=data.decision, note=data.note)


@router.post("/members/{int:pk}/transfers/", response={201: TransferOut})
def add_transfer(request, pk: int, data: TransferIn):
    return 201, actions.transfer_member(request.user, _member(request, pk), data.to_organization_id, data.date,
                                        kind=data.kind, note=data.note)


# --- import / export ---------------------------------------------------------------------------------------


@router.post("/members/import/", response={202: dict, 400: dict})
def import_members(request, organization_id: int = Form(...), file: UploadedFile = File(...)):  # noqa: B008
    """Queue the import of a member list (.xlsx or .csv, columns in README.md): all rows or none.

    Answers 202 with the job; ``GET /api/jobs/{id}/`` gives its progress, then each row's outcome or the bad
    rows (``result.errors``, nothing saved).
    """
    job = actions.import_members(request.user, organization_id, file)
    return 202, {"job_id": job.pk, "status": job.status, "url": f"/api/jobs/{job.pk}/",
                 "detail": "Đã nhận tệp; đang kiểm tra và nhập ở chế độ nền."}


@router.get("/members/export/")
def export_members(request, organization_id: int, format: str = "xlsx"):
    root = _org(request, organization_id)
    members = access.readable_members(request.user).in_subtree(root)
    if format == "csv":
        response = HttpResponse(exchange.export_csv(members), content_type="text/csv; charset=utf-8")
        name = "danh-sach-dang-vien.csv"
    else:
        response = HttpResponse(exchange.export_xlsx(members),
                                content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        name = "danh-sach-dang-vien.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


# --- opinions -------------------------------------------------------------------------------------------


@router.post("/members/opinions/", response={201: OpinionOut})
def send_opinion(request, data: OpinionIn):
    return 201, actions.send_opinion(request.user, data.subject, data.text, data.organization_id)


@router.get("/members/opinions/", response=list[OpinionOut], description=paging.API_PAGING_DOC)
def list_opinions(request, response: HttpResponse, state: str = "", limit: int = paging.api_limit(),
                  offset: int = paging.api_offset(), cursor: str = paging.api_cursor()):
    opinions = permissions.filter_by_organization(Opinion.objects.select_related("author"), request.user,
                                                  roles=permissions.MANAGE_ROLES)
    mine = Opinion.objects.filter(author_id=request.user.person_id or 0).select_related("author")
    opinions = (opinions | mine).distinct()
    opinions = opinions.filter(state=state) if state else opinions
    return paging.api_page(response, request.user, opinions, ("-created_at",), limit, offset, cursor)


@router.post("/members/opinions/{int:pk}/answer/", response=OpinionOut)
def answer_opinion(request, pk: int, data: AnswerIn):
    opinion = get_object_or_404(Opinion.objects.select_related("author", "organization"), pk=pk)
    return actions.answer_opinion(request.user, opinion, data.answer)


# --- rating campaigns -----------------------------------------------------------------------------------


@router.get("/members/rating-rules/", response=RulesOut)
def rating_rules(request):
    return RatingRules.current()


@router.get("/members/campaigns/", response=list[CampaignOut])
def list_campaigns(request, year: int | None = None):
    campaigns = permissions.filter_by_organization(RatingCampaign.objects.all(), request.user)
    return campaigns.filter(year=year) if year else campaigns


@router.post("/members/campaigns/", response={201: CampaignOut})
def create_campaign(request, data: CampaignIn):
    fields = data.dict()
    return 201, actions.create_campaign(request.user, fields.pop("organization_id"), fields)


def _campaign(request, pk) -> RatingCampaign:
    campaign = get_object_or_404(RatingCampaign.objects.select_related("organization"), pk=pk)
    require_visible(access.can_read_organization_members(request.user, campaign.organization)
                    or access.secretary_cells(request.user).filter(path__startswith=campaign.organization.path).exists(),
                    "Không tìm thấy đợt đánh giá.")
    return campaign


@router.get("/members/campaigns/{int:pk}/ratings/", response=list[RatingOut], description=paging.API_PAGING_DOC)
def campaign_ratings(request, response: HttpResponse, pk: int, organization_id: int | None = None,
                     limit: int = paging.api_limit(), offset: int = paging.api_offset(),
                     cursor: str = paging.api_cursor()):
    campaign = _campaign(request, pk)
    ratings = campaign.ratings.select_related("campaign", "member__person", "organization")
    if not permissions.can_read(request.user, campaign.organization):
        cells = access.secretary_cells(request.user)
        ratings = ratings.filter(member__person__organization__in=cells) | ratings.filter(organization__in=cells)
    if organization_id:
        root = _org(request, organization_id)
        ratings = ratings.filter(member__person__organization__path__startswith=root.path) | ratings.filter(
            organization__path__startswith=root.path)
    return paging.api_page(response, request.user, ratings, ("pk",), limit, offset, cursor)


@router.post("/members/ratings/{int:pk}/self/", response=RatingOut)
def self_rate(request, pk: int, data: SelfRatingIn):
    return actions.self_rate(request.user, _rating(request, pk), data.score, data.all_tasks_done, data.beyond_share,
                             data.level, data.note)


@router.post("/members/ratings/{int:pk}/appraise/", response=RatingOut)
def appraise(request, pk: int, data: AppraisalIn):
    return actions.appraise(request.user, _rating(request, pk), data.level, data.score, data.note)


@router.post("/members/ratings/{int:pk}/decide/", response=RatingOut)
def decide(request, pk: int, data: DecisionIn):
    rating = _rating(request, pk)
    return actions.decide_rating(request.user, rating, data.level, data.note)


@router.post("/members/campaigns/{int:pk}/decisions/", response=list[RatingOut])
def decide_many(request, pk: int, data: BatchDecisionIn):
    """Decide many ratings at once; the quota is checked on the whole resulting set, all or nothing."""
    campaign = _campaign(request, pk)
    return actions.decide_ratings(request.user, campaign, [(d.rating_id, d.level, d.note) for d in data.decisions])


@router.get("/members/reports/levels/")
def level_report(request, organization_id: int, year: int, subject: str = "members"):
    root = _org(request, organization_id)
    rows = reports.level_report(root, year, subject)
    for row in rows:
        for level in row["levels"]:
            level["share"] = float(level["share"]) if level["share"] is not None else None
    return rows


# --- commendations and badges --------------------------------------------------------------------------


@router.get("/members/commendations/", response=list[CommendationOut], description=paging.API_PAGING_DOC)
def list_commendations(request, response: HttpResponse, organization_id: int | None = None, year: int | None = None,
                       limit: int = paging.api_limit(), offset: int = paging.api_offset(),
                       cursor: str = paging.api_cursor()):
    readable = permissions.readable_organizations(request.user)
    items = Commendation.objects.select_related("person", "organization").filter(visible_commendations(readable))
    if organization_id:
        root = _org(request, organization_id)
        items = items.filter(Q(person__organization__path__startswith=root.path)
                             | Q(organization__path__startswith=root.path)
                             | Q(conference__organization__path__startswith=root.path))
    if year:
        items = items.filter(Q(decision_date__year=year) | Q(decision_date__isnull=True, conference__date__year=year))
    own = Commendation.objects.filter(person_id=request.user.person_id or 0)
    return paging.api_page(response, request.user, (items | own).distinct(), ("-decision_date",), limit, offset, cursor)


@router.post("/members/commendations/", response={201: CommendationOut})
def create_commendation(request, data: CommendationIn):
    fields = data.dict()
    person_id = fields.pop("person_id")
    fields["person"] = references.readable(request.user, Person, person_id, "person_id") if person_id else None
    # The recipient collective and the issuer may lie outside what the office reads (a superior issues it);
    # the action checks that the office manages the recipient.
    for name in ("organization", "issuer_organization"):
        pk = fields.pop(f"{name}_id")
        fields[name] = get_object_or_404(Organization, pk=pk) if pk else None
    return 201, actions.create_commendation(request.user, fields)


@router.get("/members/badges/", response=list[BadgeOut])
def badges(request, batch: datetime.date, organization_id: int):
    """Members due the Huy hiệu Đảng at a batch date (3/2, 19/5, 2/9, 7/11)."""
    root = _org(request, organization_id)
    members = access.readable_members(request.user).in_subtree(root)
    return [{"member_id": e["member"].pk, "full_name": e["member"].person.full_name,
             "organization_name": str(e["member"].person.organization or ""),
             "admission_date": e["member"].admission_date, "years": e["years"], "milestone": e["milestone"],
             "posthumous": e["posthumous"]} for e in rules.badge_list(batch, members)]


# --- locality criteria ----------------------------------------------------------------------------------


@router.get("/members/criteria-lists/", response=list[CriteriaListOut])
def list_criteria(request):
    return permissions.filter_by_organization(CriteriaList.objects.prefetch_related("criteria"), request.user)


@router.post("/members/criteria-lists/", response={201: CriteriaListOut})
def create_criteria_list(request, data: CriteriaListIn):
    return 201, actions.create_criteria_list(request.user, data.organization_id, data.name, data.subject,
                                             data.criteria)


@router.post("/members/criteria-results/", response={201: CriteriaResultOut})
def record_criteria_result(request, data: CriteriaResultIn):
    criteria_list = get_object_or_404(CriteriaList, pk=data.criteria_list_id)
    member = _member(request, data.member_id) if data.member_id else None
    return 201, actions.record_criteria_result(request.user, criteria_list, data.year, data.met, member=member,
                                               organization=data.organization_id, note=data.note)
