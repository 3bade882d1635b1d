"""Who may cast a ballot at the moment of casting.

The base, who is summoned and present, and the quorum are the meeting roll's (``capuy.conferences.roll``);
this module only answers, inside the cast transaction, whether a seat holder of an open vote is present now.
"""

from django.db.models import Exists, Subquery

from capuy.conferences.models import Attendance, Invitation
from capuy.voting.models import EligibleVoter


def may_cast(vote_id: int, conference_id: int, person_id: int) -> bool | None:
    """May ``person_id`` cast a ballot in ``vote_id`` now? One indexed query.

    The base is fixed when the vote opens (``EligibleVoter`` holds its seats), but the right to cast follows
    presence at the moment of casting (DOMAIN.md: the base is computed from membership and status, not from
    who votes): the seat holder must be checked in and not have left (conferences ``Attendance``).
    Returns ``None`` when the person holds no seat of the base, ``False`` when they are not present now.
    """
    # Both lookups go through unique indexes by constants (the invitation's (conference, person), then the
    # attendance's invitation), so the plan stays one row each even before the tables' statistics exist: a
    # congress checked in minutes ago, not yet analyzed, had PostgreSQL scan every attendance per ballot.
    invitation = Invitation.objects.filter(conference_id=conference_id, person_id=person_id).order_by().values("pk")[:1]
    present = Attendance.objects.filter(invitation_id=Subquery(invitation), status=Attendance.Status.PRESENT,
                                        left_at__isnull=True)
    rows = list(EligibleVoter.objects.filter(vote_id=vote_id, person_id=person_id)
                .annotate(present=Exists(present)).values_list("present", flat=True).order_by()[:1])
    return rows[0] if rows else None


def attending_now(conference_id, person_id):
    """Attendance rows saying ``person_id`` is at ``conference_id`` now: checked in and not left
    (either argument may be an ``OuterRef``; the invitation's unique (conference, person) index serves it)."""
    return Attendance.objects.filter(invitation__conference_id=conference_id, invitation__person_id=person_id,
                                     status=Attendance.Status.PRESENT, left_at__isnull=True)
