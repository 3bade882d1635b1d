"""From records to the base of a vote: who is counted, who may cast a ballot.

The rules themselves are ``capuy.voting.rules.body_base`` / ``members_meeting_base`` / ``congress_base``;
this module reads memberships, party member flags, attendance (conferences app) and alternates.
``capuy.conferences.models.eligible_base`` applies the same rule for its quorum; a test checks they agree.
"""

import dataclasses

from django.db.models import Exists, OuterRef

from capuy.conferences.models import Attendance, Conference, Invitation, summoned_members
from capuy.organizations.models import Body, Person
from capuy.voting import rules
from capuy.voting.models import DelegateAlternate, EligibleVoter


def default_base_kind(conference: Conference) -> str:
    """A chi bộ meeting counts like a meeting of party members; every leading body counts its members."""
    if conference.body.kind == Body.Kind.CELL_MEETING:
        return rules.BaseKind.MEMBERS_MEETING
    return rules.BaseKind.BODY


@dataclasses.dataclass
class Roll:
    base: rules.Base
    voters: list  # person ids who may cast a ballot now (counted and present, or an alternate in their seat)
    present_in_base: int
    names: dict  # person id -> full name (for the excluded list)
    seats: list  # person ids holding the base's seats: each counted member, or the alternate of an absent delegate


def _attendance(conference: Conference) -> dict:
    return {a.invitation.person_id: a for a in
            Attendance.objects.filter(conference=conference).select_related("invitation")}


def _present(att) -> bool:
    return att is not None and att.status == Attendance.Status.PRESENT and att.left_at is None


def roll(conference: Conference, kind: str) -> Roll:
    """The base of ``kind`` for ``conference`` now, and who may vote (present members of the base)."""
    attendance = _attendance(conference)
    if kind == rules.BaseKind.CONGRESS:
        people = list(Person.objects.filter(conference_invitations__conference=conference,
                                            conference_invitations__role=Invitation.Role.MEMBER))
        alternates = {a.delegate_id: a.alternate_id for a in DelegateAlternate.objects.filter(conference=conference)}
        voters = [rules.Voter(p.pk, present=_present(attendance.get(p.pk)), has_alternate=p.pk in alternates)
                  for p in people]
    else:
        people = summoned_members(conference)
        alternates = {}
        voters = []
        for p in people:
            record = getattr(p, "party_member", None)
            att = attendance.get(p.pk)
            voters.append(rules.Voter(
                p.pk, official=record is not None and record.is_official,
                temporarily_transferred=bool(record and record.temporarily_transferred),
                exempt=bool(record and record.exempt), suspended=bool(record and record.suspended),
                prosecuted=bool(record and record.prosecuted), present=_present(att),
                absent_excused=att is not None and att.status == Attendance.Status.EXCUSED))
    base = rules.compute_base(kind, voters)
    counted = set(base.counted)
    may_vote, seats = [], []
    for v in voters:
        if v.key not in counted:
            continue
        holder = alternates[v.key] if not v.present and v.key in alternates else v.key
        seats.append(holder)
        if _present(attendance.get(holder)):
            may_vote.append(holder)
    present_in_base = sum(1 for v in voters if v.key in counted and v.present)
    return Roll(base, may_vote, present_in_base, {p.pk: p.full_name for p in people}, seats)


def may_cast(vote_id: int, conference_id: int, person_id: int) -> bool | None:
    """May ``person_id`` cast a ballot in ``vote_id`` now? One indexed query.

    The base is fixed when the vote opens (``EligibleVoter`` holds its seats), but the right to cast follows
    presence at the moment of casting (DOMAIN.md: the base is computed from membership and status, not from
    who votes): the seat holder must be checked in and not have left (conferences ``Attendance``).
    Returns ``None`` when the person holds no seat of the base, ``False`` when they are not present now.
    """
    rows = list(EligibleVoter.objects.filter(vote_id=vote_id, person_id=person_id)
                .annotate(present=Exists(attending_now(conference_id, OuterRef("person_id"))))
                .values_list("present", flat=True).order_by()[:1])
    return rows[0] if rows else None


def attending_now(conference_id, person_id):
    """Attendance rows saying ``person_id`` is at ``conference_id`` now: checked in and not left
    (either argument may be an ``OuterRef``; the invitation's unique (conference, person) index serves it)."""
    return Attendance.objects.filter(invitation__conference_id=conference_id, invitation__person_id=person_id,
                                     status=Attendance.Status.PRESENT, left_at__isnull=True)
