"""What awaits people in the members app, for the home page (``capuy.core.inbox``).

- Office staff: rating campaigns of their subtree not yet finished, with how many ratings wait at each
  step (self-rating by the member, appraisal, decision; Quy định 366-QĐ/TW, steps in ``Rating``), and the
  members' opinions sent through the feedback channel not yet answered.
- A party member: their own rating at its current step, and the feedback channel to the committee.
"""

from django.db.models import Count, Exists, OuterRef, Q
from django.urls import reverse

from capuy.core.inbox import OFFICE, PERSONAL, ROLE_OFFICE, Block, Item, first
from capuy.members.models import Opinion, PartyMember, Rating, RatingCampaign

STEP = Rating.Step


def campaigns_at_step(viewer):
    """(count, first campaigns) of the office subtree with ratings not yet decided, annotated per step."""
    scope = viewer.subtree_q("organization__", ROLE_OFFICE)
    if scope is None:
        return 0, []
    open_campaigns = RatingCampaign.objects.filter(scope).filter(Exists(Rating.objects.filter(
        campaign=OuterRef("pk"), step__in=(STEP.PENDING, STEP.SELF, STEP.APPRAISED))))
    rows = first(open_campaigns.select_related("organization")
                 .annotate(pending=Count("ratings", filter=Q(ratings__step=STEP.PENDING)),
                           to_appraise=Count("ratings", filter=Q(ratings__step=STEP.SELF)),
                           to_decide=Count("ratings", filter=Q(ratings__step=STEP.APPRAISED)))
                 .order_by("-year", "organization__path"))
    return open_campaigns.count(), rows


def step_note(campaign) -> str:
    parts = [f"{n} {label}" for n, label in ((campaign.pending, "chưa tự đánh giá"),
                                             (campaign.to_appraise, "chờ thẩm định"),
                                             (campaign.to_decide, "chờ quyết định")) if n]
    return ", ".join(parts).capitalize()


def blocks(viewer) -> list[Block]:
    result = []
    count, rows = campaigns_at_step(viewer)
    if count:
        result.append(Block(
            key="danh-gia-xep-loai", section=OFFICE, title="Đánh giá, xếp loại đang thực hiện", count=count,
            items=[Item(title=str(c), url=c.get_absolute_url(), note=step_note(c), urgent=bool(c.to_decide))
                   for c in rows],
            more_url=reverse("members:campaigns"), more_label="Tất cả đợt đánh giá, xếp loại", order=60))
    scope = viewer.subtree_q("organization__", ROLE_OFFICE)
    if scope is not None:
        new = Opinion.objects.filter(scope).exclude(state=Opinion.State.ANSWERED)
        count = new.count()
        if count:
            rows = first(new.select_related("author").order_by("created_at", "pk"))
            result.append(Block(
                key="y-kien-dang-vien", section=OFFICE, title="Ý kiến của đảng viên chưa trả lời", count=count,
                items=[Item(title=o.subject, url=reverse("members:opinions"),
                            note=f"{o.author.full_name} – {o.get_state_display().lower()}") for o in rows],
                more_url=reverse("members:opinions"), more_label="Tất cả ý kiến gửi cấp ủy", order=70))
    if viewer.person_id:
        result += _personal(viewer)
    return result


def _personal(viewer) -> list[Block]:
    member = PartyMember.objects.filter(person_id=viewer.person_id).only("pk").first()
    if member is None:
        return []
    result = []
    ratings = Rating.objects.filter(member=member).exclude(step=STEP.DECIDED)
    rows = first(ratings.select_related("campaign__organization", "campaign__term").order_by("-campaign__year", "pk"))
    if rows:
        result.append(Block(
            key="xep-loai-cua-toi", section=PERSONAL, title="Đánh giá, xếp loại của tôi",
            count=sum(1 for r in rows if r.step == STEP.PENDING),
            # The member's page shows their ratings; the web self-rating form is on the campaign page, which
            # the cell secretary and the office open (they record it on the member's behalf).
            items=[Item(title=f"Đánh giá, xếp loại {r.campaign.period_label}", url=reverse("members:me"),
                        note=("Đồng chí chưa tự đánh giá, chấm điểm; nộp bản tự kiểm điểm cho chi bộ"
                              if r.step == STEP.PENDING
                              else f"{r.get_step_display()}; chờ cấp ủy xem xét"),
                        urgent=r.step == STEP.PENDING) for r in rows],
            order=50, always=True))
    result.append(Block(
        key="gop-y", section=PERSONAL, title="Gửi ý kiến đến cấp ủy", items=[], count=0, always=True, counts=False,
        note="Đồng chí có thể gửi ý kiến, kiến nghị đến cấp ủy và xem trả lời trên trang của mình.",
        more_url=reverse("members:me") + "#gui-y-kien", more_label="Gửi ý kiến, xem trả lời", order=90))
    return result
