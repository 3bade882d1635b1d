"""The meeting roll: who is summoned, who is present, the base of each kind of meeting and the quorum.

The one place that answers these questions for a conference on its date; the quorum screen, the minutes,
the API, votes and elections (``capuy.voting``) all ask it. The rules (register: ``docs/RULES.md``) follow the Party Charter (Điều lệ Đảng) art. 9 and Quy định 24-QĐ/TW §9.3 (replaced by Quy định
232-QĐ/TW in 2025), Hướng dẫn 04-HD/TW (election rules: who is not summoned), Quy chế bầu cử art. 32 and
Hướng dẫn 01-HD/TW §13.2 (transferred or exempt members who attend count), Quy định 96-QĐ/TW (confidence
votes).

Everything is read **as it was on the meeting's date**: body memberships by their dates, party member
statuses from the dated status history (``PartyMember.standing_on``), never today's flags; so a status or an
end of membership recorded later never changes a past meeting's base, quorum or minutes.

Two layers:
- plain rules on ``Voter`` values (``body_base``, ``members_meeting_base``, ``congress_base``,
  ``quorum_check``), tested with tables;
- ``roll(conference, kind, at)`` turns records into those values and answers with a ``Roll``.

Settings (rules whose official text could not be confirmed are configurable, default given):
- ``CAPUY_QUORUM_FRACTION`` (default "2/3"): quorum of ordinary meetings.
- ``CAPUY_TRANSFERRED_COUNT_IF_ATTENDING`` (default True): a member of a committee temporarily transferred
  elsewhere is left out of its base unless they attend.
"""

import dataclasses
import datetime
from collections.abc import Iterable
from fractions import Fraction

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db.models import Q

from capuy.conferences.models import Attendance, Conference, DelegateAlternate, Invitation
from capuy.organizations.models import Body, BodyMembership, Person

# ---------------------------------------------------------------------------------------------------------
# Settings
# ---------------------------------------------------------------------------------------------------------


def parse_fraction(value, name: str) -> Fraction:
    """A share given as "2/3", 0.3 or Fraction(1, 3) for setting ``name``; anything else or a value outside
    [0, 1] raises ``ImproperlyConfigured`` naming the setting."""
    try:
        fraction = Fraction(value).limit_denominator(1000) if isinstance(value, float) else Fraction(value)
    except (TypeError, ValueError, ZeroDivisionError) as exc:
        raise ImproperlyConfigured(f"{name} must be a share such as \"2/3\" or 0.5, not {value!r}.") from exc
    if not 0 <= fraction <= 1:
        raise ImproperlyConfigured(f"{name} must lie between 0 and 1.")
    return fraction


def fraction_setting(name: str, default, *, allow_zero: bool = True) -> Fraction:
    """A share read from ``settings.<name>`` ("2/3", 0.3, Fraction(1, 3)…), ``default`` when unset.

    The one reader of share settings (the quorum and the voting app's thresholds use it).
    """
    fraction = parse_fraction(getattr(settings, name, default), name)
    if not allow_zero and fraction == 0:
        raise ImproperlyConfigured(f"{name} must lie above 0 and at most 1.")
    return fraction


def quorum_fraction() -> Fraction:
    """Quorum of ordinary meetings (**setting** ``CAPUY_QUORUM_FRACTION``, default two thirds of the base present)."""
    return fraction_setting("CAPUY_QUORUM_FRACTION", Fraction(2, 3), allow_zero=False)


CONFIDENCE_QUORUM = Fraction(2, 3)  # Quy định 96-QĐ/TW: a confidence vote needs two thirds present (not a setting)


def transferred_count_if_attending() -> bool:
    """Committees: a member temporarily transferred elsewhere counts only if they attend
    (**setting** ``CAPUY_TRANSFERRED_COUNT_IF_ATTENDING``, default True; False leaves them out even present)."""
    return bool(getattr(settings, "CAPUY_TRANSFERRED_COUNT_IF_ATTENDING", True))


# ---------------------------------------------------------------------------------------------------------
# The rules, on plain values
# ---------------------------------------------------------------------------------------------------------


class BaseKind:
    """Who a meeting and its votes are counted against (Party Charter art. 9; Quy định 232-QĐ/TW §9.3)."""

    BODY = "body"  # BCH, BTV, UBKT (and chi ủy): the incumbent members summoned
    MEMBERS_MEETING = "members_meeting"  # congress or meeting of party members (a chi bộ meeting)
    CONGRESS = "congress"  # representative congress (đại hội đại biểu)

    choices = [
        (BODY, "Cấp ủy, ban thường vụ, ủy ban kiểm tra: toàn bộ thành viên đương nhiệm được triệu tập"),
        (MEMBERS_MEETING, "Đại hội, hội nghị đảng viên: đảng viên chính thức được triệu tập, trừ các trường hợp loại trừ"),
        (CONGRESS, "Đại hội đại biểu: đại biểu chính thức được triệu tập, trừ người vắng cả kỳ đại hội không có dự khuyết"),
    ]


@dataclasses.dataclass(slots=True)
class Voter:
    """What the base rules need to know about one person summoned or sitting on the body, on the date."""

    key: object  # anything identifying the person (a Person pk in the app)
    official: bool = True  # official member (chính thức); probationary (dự bị) members are not counted
    temporarily_transferred: bool = False  # sinh hoạt tạm thời nơi khác
    exempt: bool = False  # miễn công tác và sinh hoạt đảng
    suspended: bool = False  # đình chỉ sinh hoạt đảng (or from committee activity)
    prosecuted: bool = False  # bị khởi tố, truy tố, tạm giam
    attended: bool = True  # checked in at some moment of the meeting (even if they left early)
    present: bool = True  # present at the moment asked (checked in, not left)
    absent_excused: bool = False  # absent for the whole meeting with a reason accepted
    has_alternate: bool = False  # representative congress: an alternate delegate takes the seat


@dataclasses.dataclass
class Base:
    """The base of a meeting or vote: who is counted, who is left out and why, and the rule applied."""

    kind: str
    counted: list  # keys of the voters counted
    excluded: list  # [(key, reason)]
    rule: str

    @property
    def size(self) -> int:
        return len(self.counted)


RULE_BODY = ("Cơ sở tính: toàn bộ thành viên đương nhiệm được triệu tập, trừ người bị đình chỉ sinh hoạt, bị khởi tố, "
             "truy tố, tạm giam, sinh hoạt tạm thời nơi khác mà không dự (Điều lệ Đảng, Điều 9; Quy định 232-QĐ/TW, "
             "thay Quy định 24-QĐ/TW, mục 9.3; Hướng dẫn 04-HD/TW).")
RULE_MEETING = ("Cơ sở tính: đảng viên chính thức được triệu tập, trừ người bị đình chỉ sinh hoạt, bị khởi tố, truy tố, "
                "tạm giam, vắng cả buổi có lý do được chấp nhận, sinh hoạt tạm thời nơi khác hoặc được miễn sinh hoạt "
                "mà không dự (Điều lệ Đảng, Điều 9; Quy định 232-QĐ/TW, mục 9.3; Hướng dẫn 01-HD/TW, mục 13.2).")
RULE_CONGRESS = ("Cơ sở tính: đại biểu chính thức được triệu tập, trừ đại biểu vắng mặt cả kỳ đại hội không có đại "
                 "biểu dự khuyết thay thế (Điều lệ Đảng, Điều 9; Quy định 232-QĐ/TW, mục 9.3).")

EXCLUDED_PROBATIONARY = "Đảng viên dự bị"
EXCLUDED_TRANSFERRED = "Sinh hoạt tạm thời nơi khác, không dự"
EXCLUDED_EXEMPT = "Miễn công tác và sinh hoạt đảng, không dự"
EXCLUDED_SUSPENDED = "Đình chỉ sinh hoạt đảng"
EXCLUDED_PROSECUTED = "Bị khởi tố, truy tố, tạm giam"
EXCLUDED_EXCUSED = "Vắng mặt cả buổi có lý do được chấp nhận"
EXCLUDED_NO_ALTERNATE = "Vắng mặt cả kỳ đại hội, không có đại biểu dự khuyết"


def _not_summoned(m: Voter) -> str | None:
    """Members suspended, indicted, prosecuted or detained are not summoned (Hướng dẫn 04-HD/TW)."""
    if m.suspended:
        return EXCLUDED_SUSPENDED
    if m.prosecuted:
        return EXCLUDED_PROSECUTED
    return None


def body_base(members: Iterable[Voter]) -> Base:
    """Base of a BCH, BTV or inspection committee (and a chi ủy) meeting or vote.

    Party Charter art. 9; Quy định 24-QĐ/TW §9.3 (232-QĐ/TW); Hướng dẫn 04-HD/TW: the incumbent
    members on the date (memberships ended by death, expulsion, removal, resignation or retirement are no
    longer incumbent), minus those suspended, indicted, prosecuted or detained (not summoned), and those
    temporarily transferred elsewhere unless they attend (**setting** ``CAPUY_TRANSFERRED_COUNT_IF_ATTENDING``).
    An absence, excused or not, stays in the base: it counts against a resolution.
    """
    counted, excluded = [], []
    for m in members:
        if reason := _not_summoned(m):
            excluded.append((m.key, reason))
        elif m.temporarily_transferred and not (m.attended and transferred_count_if_attending()):
            excluded.append((m.key, EXCLUDED_TRANSFERRED))
        else:
            counted.append(m.key)
    return Base(BaseKind.BODY, counted, excluded, RULE_BODY)


def members_meeting_base(summoned: Iterable[Voter]) -> Base:
    """Base of a congress or meeting of party members (e.g. a chi bộ meeting).

    Party Charter art. 9; Quy định 24-QĐ/TW §9.3 (232-QĐ/TW); Quy chế bầu cử art. 32; Hướng dẫn
    01-HD/TW §13.2: all *official* members summoned (probationary members attend but neither vote nor count,
    Charter art. 5), minus those
    - suspended, indicted, prosecuted or detained;
    - temporarily transferred elsewhere or exempt from work and party activity, *unless they attend* (if they
      come and take part at any moment, they count);
    - absent for the whole meeting with a reason the meeting accepted.
    An absence without an accepted reason stays in the base (it counts against).
    """
    counted, excluded = [], []
    for m in summoned:
        if not m.official:
            excluded.append((m.key, EXCLUDED_PROBATIONARY))
        elif reason := _not_summoned(m):
            excluded.append((m.key, reason))
        elif m.temporarily_transferred and not m.attended:
            excluded.append((m.key, EXCLUDED_TRANSFERRED))
        elif m.exempt and not m.attended:
            excluded.append((m.key, EXCLUDED_EXEMPT))
        elif not m.attended and m.absent_excused:
            excluded.append((m.key, EXCLUDED_EXCUSED))
        else:
            counted.append(m.key)
    return Base(BaseKind.MEMBERS_MEETING, counted, excluded, RULE_MEETING)


def congress_base(delegates: Iterable[Voter]) -> Base:
    """Base of a representative congress (đại hội đại biểu).

    Party Charter art. 9; Quy định 24-QĐ/TW §9.3 (232-QĐ/TW): all official delegates summoned,
    minus those absent for the **whole** congress who have no alternate (dự khuyết) in their place. A delegate
    who attended and left early still counts; an absent delegate replaced by an alternate stays counted (the
    alternate takes the seat).
    """
    counted, excluded = [], []
    for d in delegates:
        if not d.attended and not d.has_alternate:
            excluded.append((d.key, EXCLUDED_NO_ALTERNATE))
        else:
            counted.append(d.key)
    return Base(BaseKind.CONGRESS, counted, excluded, RULE_CONGRESS)


def compute_base(kind: str, voters: Iterable[Voter]) -> Base:
    """The base for ``kind`` (``BaseKind``)."""
    return {BaseKind.BODY: body_base, BaseKind.MEMBERS_MEETING: members_meeting_base,
            BaseKind.CONGRESS: congress_base}[kind](voters)


@dataclasses.dataclass
class QuorumCheck:
    base: int
    present: int
    required: int
    reached: bool
    fraction: Fraction
    rule: str

    @property
    def missing(self) -> int:
        return max(0, self.required - self.present)


def at_least(fraction: Fraction, whole: int) -> int:
    """The least whole number greater than or equal to ``fraction`` × ``whole``."""
    return -((-fraction.numerator * whole) // fraction.denominator)


def quorum_check(base: int, present: int, confidence: bool = False) -> QuorumCheck:
    """Is the meeting quorate?

    Ordinary meetings: ``CAPUY_QUORUM_FRACTION`` of the base present (**setting**, default two
    thirds). Confidence votes (Quy định 96-QĐ/TW): at least two thirds of the base present, always. A meeting
    with nobody to count is never quorate.
    """
    fraction = CONFIDENCE_QUORUM if confidence else quorum_fraction()
    required = at_least(fraction, base)
    what = "lấy phiếu tín nhiệm" if confidence else "hội nghị"
    rule = (f"Số có mặt phải đạt ít nhất {fraction.numerator}/{fraction.denominator} cơ sở tính ({what}): "
            f"{required}/{base}.")
    return QuorumCheck(base, present, required, base > 0 and present >= required, fraction, rule)


# ---------------------------------------------------------------------------------------------------------
# From records
# ---------------------------------------------------------------------------------------------------------


def default_base_kind(conference: Conference) -> str:
    """A chi bộ meeting counts like a meeting of party members; every leading body counts its members.
    A representative congress is chosen explicitly (``BaseKind.CONGRESS``) on the vote or election."""
    if conference.body_kind_value == Body.Kind.CELL_MEETING:
        return BaseKind.MEMBERS_MEETING
    return BaseKind.BODY


@dataclasses.dataclass
class Entry:
    """One person on a conference's list, read as plain values (a congress of 1,587 in a few queries)."""

    pk: int
    full_name: str
    standing: object = None  # ``members.models.Standing`` on the conference date, None without a party record


def _standings(person_ids, day: datetime.date) -> dict:
    """person id -> ``Standing`` on ``day`` (``members.models.standing_from``) for ``person_ids`` (a subquery of
    person ids), in two queries."""
    from capuy.members.models import PartyMember, StatusChange, standing_from

    records = {pk: (person_id, admitted, official) for pk, person_id, admitted, official in
               PartyMember.objects.filter(person_id__in=person_ids)
               .values_list("pk", "person_id", "admission_date", "official_date").order_by()}
    changes = {pk: [] for pk in records}
    for member_id, day_, status, pk in (StatusChange.objects.filter(member__person_id__in=person_ids)
                                        .values_list("member_id", "date", "status", "pk").order_by()):
        changes[member_id].append((day_, status, pk))
    return {person_id: standing_from(admitted, official, changes[pk], day)
            for pk, (person_id, admitted, official) in records.items()}


def body_roll(conference: Conference) -> list[Entry]:
    """Everyone on the conference's list on its date, before the exclusions: the body's incumbent members
    (memberships active on the date, secretary first); for a meeting of party members whose body keeps no list,
    the party members of the organization who were on the rolls on the date."""
    day = conference.date
    if not conference.body_id:
        # A past conference recorded without its body (issue 13): capuy holds no list to count from.
        return []
    memberships = conference.body.memberships.active_on(day)
    rows = sorted(memberships.values_list("person_id", "person__full_name", "person__sort_key", "role").order_by(),
                  key=lambda r: (BodyMembership.ROLE_ORDER.get(r[3], 99), r[2]))
    people = list({pk: name for pk, name, _, _ in rows}.items())
    ids = memberships.values("person_id")
    cell_list = not people and conference.body.kind == Body.Kind.CELL_MEETING
    if cell_list:
        cell = Person.objects.filter(organization_id=conference.organization_id, party_member__isnull=False,
                                     party_member__admission_date__lte=day)
        people = list(cell.order_by("sort_key").values_list("pk", "full_name"))
        ids = cell.values("pk")
    standings = _standings(ids, day)
    entries = [Entry(pk, name, standings.get(pk)) for pk, name in people]
    if cell_list:
        entries = [e for e in entries if e.standing is not None and e.standing.on_rolls]
    return entries


def _not_summoned_on(entry: Entry) -> bool:
    return entry.standing is not None and (entry.standing.suspended or entry.standing.prosecuted)


def summoned(conference: Conference) -> list:
    """Who is summoned as a member on the conference date (Person records, in the order of the list):
    ``body_roll`` minus members suspended, indicted, prosecuted or detained on that date (not summoned:
    Hướng dẫn 04-HD/TW)."""
    entries = [e for e in body_roll(conference) if not _not_summoned_on(e)]
    people = Person.objects.in_bulk([e.pk for e in entries])
    return [people[e.pk] for e in entries]


def _voter_flags(standing) -> dict:
    if standing is None:  # no party record (e.g. a committee member recorded only as a person): counted as official
        return {"official": True}
    return {"official": standing.official, "temporarily_transferred": standing.temporarily_transferred,
            "exempt": standing.exempt, "suspended": standing.suspended, "prosecuted": standing.prosecuted}


PRESENT, EXCUSED = str(Attendance.Status.PRESENT), str(Attendance.Status.EXCUSED)


@dataclasses.dataclass(slots=True)
class Presence:
    status: str
    here_now: bool = False  # checked in and not left (filled when the roll is asked for now)
    arrived_at: datetime.datetime | None = None
    left_at: datetime.datetime | None = None

    @property
    def attended(self) -> bool:
        """Checked in at some moment of the meeting (even if they left early)."""
        return self.status == PRESENT

    @property
    def excused(self) -> bool:
        return self.status == EXCUSED

    def present_at(self, at: datetime.datetime | None) -> bool:
        """Present at ``at`` (now when None): checked in before it and not left."""
        if at is None:
            return self.here_now
        if self.status != PRESENT:
            return False
        return (self.arrived_at is None or self.arrived_at <= at) and (self.left_at is None or self.left_at > at)


ABSENT = Presence("")


def presence(conference: Conference, at: datetime.datetime | None = None) -> dict:
    """person id -> ``Presence``: what the attendance record says about each invitee (one query). For the
    present moment only whether each one is still here is read (no times to convert)."""
    rows = Attendance.objects.filter(conference=conference).order_by()
    if at is None:
        return {person_id: Presence(status, status == PRESENT and not gone) for person_id, status, gone in
                rows.annotate(gone=Q(left_at__isnull=False)).values_list("invitation__person_id", "status", "gone")}
    return {person_id: Presence(status, False, arrived, left) for person_id, status, arrived, left in
            rows.values_list("invitation__person_id", "status", "arrived_at", "left_at")}


@dataclasses.dataclass
class Roll:
    """The roll of a conference for one kind of base, at one moment."""

    conference: Conference
    kind: str
    at: datetime.datetime | None
    base: Base
    voters: list  # person ids who may vote at the moment: seat holders present
    seats: list  # person ids holding the base's seats (the alternate in the seat of an absent delegate)
    present_in_base: int  # seats whose holder is present at the moment
    names: dict  # person id -> full name (everyone on the list and the alternates in a seat)

    @property
    def size(self) -> int:
        return self.base.size

    def quorum(self, confidence: bool = False) -> QuorumCheck:
        return quorum_check(self.base.size, self.present_in_base, confidence=confidence)

    @property
    def excluded_people(self) -> list:
        """[(Person, reason)] left out of the base."""
        people = Person.objects.in_bulk([key for key, _ in self.base.excluded])
        return [(people[key], reason) for key, reason in self.base.excluded if key in people]


def roll(conference: Conference, kind: str | None = None, at: datetime.datetime | None = None) -> Roll:
    """The roll of ``conference`` for ``kind`` (default ``default_base_kind``) at moment ``at`` (default: now).

    Membership and statuses are those of the conference date; attendance is the record: a member "attended"
    when they checked in at any moment, is "present" at ``at`` when checked in before and not left.
    """
    kind = kind or default_base_kind(conference)
    attendance = presence(conference, at)
    alternates = {}
    if kind == BaseKind.CONGRESS:
        entries = [Entry(pk, name) for pk, name in Invitation.objects.filter(
            conference=conference, role=Invitation.Role.MEMBER).order_by("person__sort_key")
            .values_list("person_id", "person__full_name")]
        alternates = dict(DelegateAlternate.objects.filter(conference=conference)
                          .values_list("delegate_id", "alternate_id"))
        voters = []
        for e in entries:
            p = attendance.get(e.pk, ABSENT)
            voters.append(Voter(e.pk, attended=p.attended, present=p.present_at(at), has_alternate=e.pk in alternates))
    else:
        entries = body_roll(conference)
        voters = []
        for e in entries:
            p = attendance.get(e.pk, ABSENT)
            voters.append(Voter(e.pk, **_voter_flags(e.standing), attended=p.attended, present=p.present_at(at),
                                absent_excused=p.excused))
    base = compute_base(kind, voters)
    counted = set(base.counted)
    seats, may_vote = [], []
    for v in voters:
        if v.key not in counted:
            continue
        # The alternate sits in the seat of a delegate who has not attended the congress.
        holder = alternates[v.key] if not v.attended and v.key in alternates else v.key
        seats.append(holder)
        if attendance.get(holder, ABSENT).present_at(at):
            may_vote.append(holder)
    names = {e.pk: e.full_name for e in entries}
    missing = [pk for pk in seats if pk not in names]
    if missing:
        names.update(Person.objects.filter(pk__in=missing).values_list("pk", "full_name"))
    return Roll(conference, kind, at, base, may_vote, seats, len(may_vote), names)


# ---------------------------------------------------------------------------------------------------------
# The quorum screen
# ---------------------------------------------------------------------------------------------------------


@dataclasses.dataclass
class Quorum:
    base: int  # members counted (the denominator)
    present: int  # of them, present at the moment
    required: int  # the least number present for a quorum
    fraction: Fraction
    excluded: list  # [(person, reason)] left out of the base
    reached: bool
    rule: str = ""

    @property
    def missing(self) -> int:
        return max(0, self.required - self.present)

    def as_dict(self) -> dict:
        return {"base": self.base, "present": self.present, "required": self.required, "reached": self.reached,
                "fraction": str(self.fraction), "excluded": len(self.excluded)}


def quorum(conference: Conference, kind: str | None = None, at: datetime.datetime | None = None,
           confidence: bool = False) -> Quorum:
    """Is ``conference`` quorate at ``at`` (now by default)? The same roll that votes use; guests never count."""
    current = roll(conference, kind, at)
    check = current.quorum(confidence=confidence)
    return Quorum(base=check.base, present=check.present, required=check.required, fraction=check.fraction,
                  excluded=current.excluded_people, reached=check.reached, rule=check.rule)



def counts_recorded(conference: Conference, base: int | None = None) -> bool:
    """Does the record hold the meeting's counts (members, present, absent, quorum)? ``base``: the meeting's base
    when the caller has its quorum already.

    A meeting run in capuy has its roll by construction. One recorded after the fact holds them only when every
    summoned member's attendance was recorded: someone the record does not name was neither present nor absent as
    far as anyone can say, so the minutes leave the counts blank for the clerk rather than count them absent.
    """
    if not conference.body_id:
        return False
    if not conference.is_past:
        return True
    recorded = conference.invitations.filter(role=Invitation.Role.MEMBER, attendance__isnull=False).count()
    return recorded >= (quorum(conference).base if base is None else base) > 0
