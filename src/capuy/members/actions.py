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
from capuy.members.models import Rating, RatingCampaign
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
