"""The lists of the members app (core/paging.py): members, ratings of a campaign, commendations, opinions."""

from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404

from capuy.accounts import permissions
from capuy.core import paging
from capuy.members import access
from capuy.members.models import (
    Commendation,
    Opinion,
    PartyMember,
    Rating,
    RatingCampaign,
    Status,
    visible_commendations,
)
from capuy.organizations.models import Organization, Person


def search_members(rows, words: str):
    """Members whose name matches ``words``, through the people's search (full-text where available); digits alone
    are a party card number (its unique index finds it at once)."""
    if not words:
        return rows
    if words.strip().isdigit():
        return rows.filter(card_number=words.strip())
    search = getattr(rows, "search", None)
    if search is not None:
        return search(words)
    return rows.filter(person__in=Person.objects.search(words).values("pk"))


class MemberList(paging.Listing):
    """The members of an organization's subtree that the user may read."""

    noun = "đảng viên"
    title = "Danh sách đảng viên"
    bounded_count = True  # a province has hundreds of thousands of members
    filename = "danh-sach-dang-vien"
    sorts = {
        "ten": paging.Sort("Họ tên", ("person__sort_key",)),
        "-vao-dang": paging.Sort("Ngày vào Đảng (mới nhất)", ("-admission_date",)),
        "vao-dang": paging.Sort("Ngày vào Đảng (sớm nhất)", ("admission_date",)),
        "chi-bo": paging.Sort("Chi bộ", ("person__organization__path", "person__sort_key")),
    }
    default_sort = "ten"
    filters = (
        paging.text("q", "Họ tên hoặc số thẻ", search_members),
        paging.choice("trang-thai", "Trạng thái", Status.choices, "status"),
    )

    def __init__(self, user, params, organization_id: int | None = None, organization=None, **context):
        super().__init__(user, params, organization_id=organization_id, **context)
        # The page hands over the organization it has already read; an export in the background reads it by id.
        self.organization = organization if organization is not None and organization.pk == organization_id \
            else get_object_or_404(Organization, pk=organization_id)
        # Office or committee of the organization or above read its whole subtree (access.py); a cell
        # secretary reads their cells only.
        self.reads_subtree = permissions.can_read(user, self.organization)
        if not (self.reads_subtree or access.is_cell_secretary(user, self.organization)):
            raise Http404("Không tìm thấy tổ chức.")

    def rows(self):
        # The subtree alone when it is all readable: readable_members would repeat the same path filter,
        # which makes PostgreSQL expect a hundredth of the rows and pick nested loops (bench/scale.py).
        members = (PartyMember.objects.all() if self.reads_subtree else access.readable_members(self.user))
        return members.in_subtree(self.organization).select_related("person__organization")

    def export_rows(self):
        from capuy.members import exchange

        return exchange.export_rows(self.ordered(), ordered=True)


class RatingList(paging.Listing):
    """The ratings of one campaign that the user may see (all of them for its office; a part otherwise)."""

    noun = "đối tượng"
    title = "Kết quả đánh giá, xếp loại"
    filename = "danh-gia-xep-loai"
    sorts = {"thu-tu": paging.Sort("Thứ tự lập danh sách", ("pk",)),
             "buoc": paging.Sort("Bước đánh giá", ("step", "pk"))}
    default_sort = "thu-tu"
    filters = (paging.choice("buoc", "Bước", Rating.Step.choices, "step"),)
    columns = (
        paging.Column("Đối tượng", lambda r: r.subject_name),
        paging.Column("Tổ chức", lambda r: str(r.subject_organization or "")),
        paging.Column("Bước", lambda r: r.get_step_display()),
        paging.Column("Điểm tự chấm", lambda r: r.self_score),
        paging.Column("Tự xếp loại", lambda r: r.get_self_level_display()),
        paging.Column("Mức đề xuất", lambda r: r.get_appraisal_level_display()),
        paging.Column("Mức quyết định", lambda r: r.get_decision_level_display()),
    )

    def __init__(self, user, params, campaign_id: int | None = None, **context):
        super().__init__(user, params, campaign_id=campaign_id, **context)
        self.campaign = get_object_or_404(RatingCampaign.objects.select_related("organization"), pk=campaign_id)
        self.title = f"Kết quả đánh giá, xếp loại – {self.campaign}"[:200]

    def rows(self):
        # Who rated is read apart (a few users): three more joins made PostgreSQL plan longer than it ran.
        ratings = self.campaign.ratings.select_related(
            "member__person__organization", "organization__parent", "unit__parent").prefetch_related(
            "self_by", "appraisal_by", "decision_by")
        if permissions.can_read(self.user, self.campaign.organization):
            return ratings
        # Office or committee of a part of the subtree, or a cell secretary: their part only.
        cells = list(access.secretary_cells(self.user).values_list("pk", flat=True))
        query = permissions.organization_filter(self.user, field="member__person__organization__")
        query_org = permissions.organization_filter(self.user, field="organization__")
        own = Q(member__person_id=self.user.person_id) if self.user.person_id else Q(pk__in=[])  # self-rating
        ratings = ratings.filter(query | query_org | Q(member__person__organization__in=cells)
                                 | Q(organization__in=cells) | own)
        if not ratings.exists():
            raise Http404("Không tìm thấy đợt đánh giá.")
        return ratings

    def decorate(self, rows):
        rights = access.RatingRights(self.user)  # read once: no permission query per row
        for r in rows:
            r.may_self = access.can_self_rate(self.user, r, rights)
            r.may_appraise = access.can_appraise(self.user, r, rights)
            r.may_decide = access.can_decide(self.user, r, rights)
        return rows


class CommendationList(paging.Listing):
    noun = "khen thưởng"
    title = "Khen thưởng"
    filename = "khen-thuong"
    sorts = {"-ngay": paging.Sort("Ngày quyết định (mới nhất)", ("-decision_date",)),
             "ngay": paging.Sort("Ngày quyết định (sớm nhất)", ("decision_date",))}
    default_sort = "-ngay"
    filters = (
        paging.choice("hinh-thuc", "Hình thức", Commendation.Form.choices, "form"),
        paging.year("nam", "Năm quyết định", "decision_date__year"),
    )
    columns = (
        paging.Column("Hình thức", lambda c: c.form_display + (" (truy tặng)" if c.posthumous else "")),
        paging.Column("Đối tượng", lambda c: c.recipient_name),
        paging.Column("Cơ quan khen thưởng", lambda c: c.issuer),
        paging.Column("Số lượng", lambda c: c.counts_text if c.is_counted else ""),
        paging.Column("Số quyết định", lambda c: c.decision_number),
        paging.Column("Ngày quyết định", lambda c: c.decision_date),
        paging.Column("Thành tích, phong trào", lambda c: f"{c.reason} {c.period_display}".strip()),
    )

    def rows(self):
        readable = permissions.readable_organizations(self.user).values("pk")
        return (Commendation.objects.filter(visible_commendations(readable))
                .select_related("person", "organization", "conference"))


class OpinionList(paging.Listing):
    noun = "ý kiến"
    title = "Ý kiến đảng viên gửi cấp ủy"
    filename = "y-kien-dang-vien"
    sorts = {"-ngay": paging.Sort("Mới nhất", ("-created_at",)), "ngay": paging.Sort("Cũ nhất", ("created_at",))}
    default_sort = "-ngay"
    filters = (paging.choice("tinh-trang", "Tình trạng", Opinion.State.choices, "state"),)
    columns = (
        paging.Column("Tiêu đề", lambda o: o.subject),
        paging.Column("Người gửi", lambda o: o.author.full_name),
        paging.Column("Gửi", lambda o: o.organization.display_committee),
        paging.Column("Thời gian gửi", lambda o: o.created_at.strftime("%d/%m/%Y %H:%M")),
        paging.Column("Tình trạng", lambda o: o.get_state_display()),
        paging.Column("Nội dung", lambda o: o.text),
        paging.Column("Trả lời", lambda o: o.answer),
    )

    def rows(self):
        return permissions.filter_by_organization(Opinion.objects.select_related("author", "organization"),
                                                  self.user, roles=permissions.MANAGE_ROLES)

