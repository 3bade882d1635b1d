"""Demo data: the resolution votes of the sample conferences (passed unanimously, as the articles say) and a
prepared vote for the upcoming conference."""

from django.utils import timezone

from capuy.conferences.models import AgendaItem
from capuy.conferences.roll import default_base_kind, roll
from capuy.voting import ballots
from capuy.voting.models import TallyCell, Vote


def _past_vote(conference, subject):
    """A closed show-of-hands vote on a past (closed) conference: everyone present voted for."""
    item = (conference.agenda_items.filter(kind=AgendaItem.Kind.VOTE).first()
            or conference.agenda_items.order_by("-order").first())
    if item is None:
        return None
    kind = default_base_kind(conference)
    current = roll(conference, kind)
    present = len(current.voters)
    vote = Vote.objects.create(
        agenda_item=item, conference=conference, subject=subject, method=Vote.Method.HANDS, base_kind=kind,
        base=current.base.size, base_rule=current.base.rule, eligible_count=present,
        excluded=[{"person": k, "name": current.names.get(k, ""), "reason": r} for k, r in current.base.excluded],
        choices_snapshot=[k for k, _ in ballots.QUESTION_CHOICES], status=Vote.Status.CLOSED,
        opened_at=conference.closed_at or timezone.now(), closed_at=conference.closed_at or timezone.now())
    TallyCell.objects.bulk_create([TallyCell(vote=vote, key=k, count=n) for k, n in
                                   [("for", present), ("against", 0), ("abstain", 0), ("ballots", present),
                                    ("valid", present)]])
    vote.result = ballots.compute_result(vote)
    vote.save(update_fields=["result"])
    return vote


def load(context):
    votes = []
    for key in ("conference_000", "conference_001", "conference_003"):
        conference = context.get(key)
        if conference is not None and conference.is_closed:
            vote = _past_vote(conference, f"Thông qua Nghị quyết {conference.short_title}")
            if vote is not None:
                votes.append(vote)
    upcoming = context.get("conference_upcoming")
    if upcoming is not None and not upcoming.is_closed:
        item = upcoming.agenda_items.filter(kind=AgendaItem.Kind.VOTE).first() or upcoming.agenda_items.last()
        if item is not None:
            votes.append(ballots.create_vote(item, f"Thông qua Nghị quyết {upcoming.short_title}", Vote.Method.SECRET))
    context.update(votes=votes)
