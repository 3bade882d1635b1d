"""The voting app's part of the conference pages (filled into ``capuy.conferences.panels`` at start-up)."""

from django.db.models import Count
from django.urls import reverse

from capuy.voting.models import Vote, VoterRegister
from capuy.voting.results import minutes_text


def vote_lines(conference, item=None) -> list[str]:
    """One line per vote of the conference for the record and the minutes, worded by the voting app."""
    votes = Vote.objects.filter(conference=conference).select_related("agenda_item")
    if item is not None:
        votes = votes.filter(agenda_item=item)
    return [minutes_text(vote) for vote in votes.order_by("agenda_item__order", "pk")]


def open_votes(conference) -> list[dict]:
    """Electronic votes open now, with their count; "vote" events then update the count in place."""
    votes = (Vote.objects.filter(conference=conference, status=Vote.Status.OPEN, method__in=Vote.ELECTRONIC)
             .annotate(voted=Count("register")).order_by("pk"))
    return [{"pk": v.pk, "subject": v.subject, "voted": v.voted, "eligible": v.eligible_count,
             "ballot_url": reverse("voting:ballot", args=[v.pk])} for v in votes]


def has_voted(conference, person_id) -> bool:
    """Has the person cast a ballot at the conference (its roll entry then cannot be undone)?"""
    return VoterRegister.objects.filter(vote__conference=conference, person_id=person_id).exists()
