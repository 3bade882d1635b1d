"""From records to the base of a vote: who is counted, who may cast a ballot.

The rules themselves are ``capuy.voting.rules.body_base`` / ``members_meeting_base`` / ``congress_base``;
this module reads memberships, party member flags, attendance (conferences app) and alternates.
``capuy.conferences.models.eligible_base`` applies the same rule for its quorum; a test checks they agree.
"""

import dataclasses

from capuy.conferences.models import Attendance, Conference, Invitation, summoned_members
from capuy.organizations.models import Body, Person
from capuy.voting import rules
from capuy.voting.models import DelegateAlternate


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
    may_vote = []
    for v in voters:
        if v.key not in counted:
            continue
        if v.present:
            may_vote.append(v.key)
        elif v.key in alternates and _present(attendance.get(alternates[v.key])):
            may_vote.append(alternates[v.key])
    present_in_base = sum(1 for v in voters if v.key in counted and v.present)
    return Roll(base, may_vote, present_in_base, {p.pk: p.full_name for p in people})
