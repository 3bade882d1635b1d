"""What awaits people in the conferences app, for the home page (``capuy.core.inbox``).

- Office staff: conferences of their subtree being prepared, each with what is still missing.
- Anyone with a person record: the meetings they are invited to (and their answer), and the drafts open
  for their comments.
"""

from django.db.models import Count, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse

from capuy.conferences.models import Conference, Draft, DraftComment, Invitation
from capuy.conferences.roll import quorum_check
from capuy.core.inbox import OFFICE, PERSONAL, ROLE_OFFICE, Block, Item, first
from capuy.core.vietnamese import short_date

PREPARING = (Conference.Status.DRAFT, Conference.Status.INVITED)


def _count(queryset):
    """A correlated ``COUNT(*)`` of ``queryset`` (already filtered on ``conference=OuterRef("pk")``)."""
    counted = queryset.order_by().values("conference").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def preparing(viewer):
    """Conferences of the viewer's office subtree still ahead (draft or invited, today or later), soonest first,
    annotated with what is missing. Two queries whatever the size of the subtree."""
    scope = viewer.subtree_q("organization__", ROLE_OFFICE)
    if scope is None:
        return 0, []
    conferences = Conference.objects.filter(scope, status__in=PREPARING, date__gte=viewer.today)
    invitations = Invitation.objects.filter(conference=OuterRef("pk"))
    members = invitations.filter(role=Invitation.Role.MEMBER)
    rows = first(conferences.select_related("organization").annotate(
        members_invited=_count(members),
        members_absent=_count(members.filter(answer=Invitation.Answer.ABSENT)),
        unsent=_count(invitations.filter(sent_at__isnull=True)),
        unanswered=_count(invitations.filter(sent_at__isnull=False, answer=Invitation.Answer.PENDING)),
        comments_pending=Coalesce(Subquery(
            DraftComment.objects.filter(draft__conference=OuterRef("pk"), answer=DraftComment.Answer.PENDING)
            .order_by().values("draft__conference").annotate(n=Count("pk")).values("n"),
            output_field=IntegerField()), 0),
    ).order_by("date", "pk"))
    return conferences.count(), rows


def missing(conference) -> list[str]:
    """What a conference being prepared still lacks, in the office's words (from ``preparing``'s annotations).

    Quorum expected: the members invited are the base the meeting is counted against (the office invites the
    summoned members, ``Conference.invite_body_members``); those who answered they will be absent are not
    expected, and fewer than the quorum (``roll.quorum_check``) of the base expected means the meeting may not be quorate."""
    notes = []
    if conference.members_invited == 0:
        notes.append("chưa mời thành viên")
    elif conference.status == Conference.Status.DRAFT or conference.unsent:
        notes.append(f"{conference.unsent} giấy mời chưa gửi")
    if conference.unanswered:
        notes.append(f"{conference.unanswered} giấy mời chưa trả lời")
    if conference.comments_pending:
        notes.append(f"{conference.comments_pending} ý kiến góp ý chưa tiếp thu, giải trình")
    if conference.members_invited:
        expected = conference.members_invited - conference.members_absent
        required = quorum_check(conference.members_invited, 0).required
        if expected < required:
            notes.append(f"dự kiến không đủ số lượng: {expected}/{conference.members_invited} thành viên dự, "
                         f"cần {required}")
    return notes


def blocks(viewer) -> list[Block]:
    result = []
    count, rows = preparing(viewer)
    if count:
        items = []
        for conference in rows:
            notes = missing(conference)
            items.append(Item(
                title=f"{conference.short_title} – {conference.organization.name}, ngày {short_date(conference.date, True)}",
                url=reverse("conferences:prepare", args=[conference.pk]),
                note="; ".join(notes).capitalize() if notes else "Đã đủ các bước chuẩn bị",
                when=conference.date, urgent=bool(notes) and (conference.date - viewer.today).days <= 3))
        result.append(Block(
            key="hoi-nghi-chuan-bi", section=OFFICE, title="Hội nghị đang chuẩn bị", items=items, count=count,
            more_url=reverse("conferences:index") + "?chuan-bi=1", more_label="Tất cả hội nghị đang chuẩn bị",
            order=10))
    if viewer.person_id:
        result += _personal(viewer)
    return result


def _personal(viewer) -> list[Block]:
    result = []
    invitations = Invitation.objects.filter(
        person_id=viewer.person_id, sent_at__isnull=False, conference__date__gte=viewer.today,
        conference__status__in=(Conference.Status.INVITED, Conference.Status.IN_PROGRESS))
    pending = invitations.filter(answer=Invitation.Answer.PENDING).count()
    rows = first(invitations.select_related("conference__organization").order_by("conference__date", "pk"))
    if rows:
        items = [Item(
            title=f"{i.conference.short_title} – {i.conference.organization.name}, "
                  f"{i.conference.when_text}",
            url=reverse("conferences:invitation", args=[i.conference_id]),
            note=("Chưa trả lời giấy mời" if i.answer == Invitation.Answer.PENDING
                  else f"Đã trả lời: {i.get_answer_display().lower()}"),
            when=i.conference.date,
            urgent=i.answer == Invitation.Answer.PENDING and (i.conference.date - viewer.today).days <= 3,
        ) for i in rows]
        result.append(Block(
            key="giay-moi", section=PERSONAL, title="Giấy mời họp", items=items, count=pending,
            note="Các cuộc họp sắp tới đồng chí được mời; hãy trả lời để văn phòng chuẩn bị.",
            more_url=reverse("conferences:mine"), more_label="Tất cả hội nghị của tôi", order=10,
            always=True))  # upcoming meetings stay listed with the answer given; only unanswered ones count
    drafts = Draft.objects.filter(
        status=Draft.Status.OPEN, conference__invitations__person_id=viewer.person_id,
        conference__status__in=PREPARING + (Conference.Status.IN_PROGRESS,),
    ).filter(Q(comment_deadline__isnull=True) | Q(comment_deadline__gte=viewer.today))
    count = drafts.count()
    if count:
        rows = first(drafts.select_related("conference").order_by("comment_deadline", "pk"))
        items = [Item(
            title=f"{d.title} ({d.conference.short_title})", url=d.get_absolute_url(),
            note=f"Hạn góp ý: {short_date(d.comment_deadline, True)}" if d.comment_deadline else "Đang lấy ý kiến",
            when=d.comment_deadline,
            urgent=bool(d.comment_deadline) and (d.comment_deadline - viewer.today).days <= 2) for d in rows]
        result.append(Block(
            key="du-thao-gop-y", section=PERSONAL, title="Dự thảo đang lấy ý kiến", items=items, count=count,
            more_url=reverse("conferences:mine"), more_label="Các hội nghị có dự thảo", order=20))
    return result


FOLLOWED_MAX = 100


def followed_ids(viewer) -> list[int]:
    """Conferences whose live events change what awaits the viewer: not yet closed, prepared by their office
    subtree or to which they are invited (at most ``FOLLOWED_MAX``, soonest first; two queries)."""
    ahead = Conference.objects.exclude(status=Conference.Status.CLOSED).filter(date__gte=viewer.today)
    ids = []
    scope = viewer.subtree_q("organization__", ROLE_OFFICE)
    if scope is not None:
        ids += ahead.filter(scope).order_by("date", "pk").values_list("pk", flat=True)[:FOLLOWED_MAX]
    if viewer.person_id:
        ids += ahead.filter(invitations__person_id=viewer.person_id).order_by("date", "pk").values_list(
            "pk", flat=True)[:FOLLOWED_MAX]
    return sorted(set(ids))[:FOLLOWED_MAX]
