"""The counting rules of votes and elections, as plain functions (no database).

Every rule here cites where it comes from: DOMAIN.md "Votes and elections", which follows the Party
Charter (Điều lệ Đảng) art. 9 and Quy định 24-QĐ/TW §9.3 (replaced by Quy định 232-QĐ/TW in 2025) for
the base and "more than half", and Quy định 96-QĐ/TW for confidence votes. Thresholds that DOMAIN.md marks
**(setting)** are read from Django settings with the default given there:

- ``CAPUY_QUORUM_FRACTION`` (default 2/3): quorum of ordinary meetings (also used by the conferences app).
- ``CAPUY_EXTRA_CANDIDATES_PREPARED`` (default (0.10, 0.15)): extra candidates a prepared list should carry.
- ``CAPUY_EXTRA_CANDIDATES_MAX`` (default 0.30): extra candidates never more than this share of the seats.
- ``CAPUY_FLOOR_NOMINEE_SUPPORT`` (default 0.30): share of delegates who must agree to add a floor nominee.
- ``CAPUY_ELECTION_TIE_REVOTE`` (default True): a tie at the last seat leads to a re-vote among the tied.

The database side (who is a member, who checked in) is in ``capuy.voting.models``; it turns records into
the ``Voter`` values below and calls these functions.
"""

import dataclasses
import math
from collections.abc import Iterable, Mapping, Sequence
from fractions import Fraction

from django.conf import settings

# ---------------------------------------------------------------------------------------------------------
# Settings
# ---------------------------------------------------------------------------------------------------------


def _fraction(value) -> Fraction:
    if isinstance(value, float):
        return Fraction(value).limit_denominator(1000)
    return Fraction(value)


def setting_fraction(name: str, default) -> Fraction:
    """A share read from ``settings.<name>`` ("2/3", 0.3, Fraction(1, 3)…), ``default`` when unset."""
    fraction = _fraction(getattr(settings, name, default))
    if not 0 <= fraction <= 1:
        raise ValueError(f"{name} must lie between 0 and 1.")
    return fraction


def quorum_fraction() -> Fraction:
    """Quorum of ordinary meetings (DOMAIN.md: **(setting)**, default two thirds of the base present)."""
    return setting_fraction("CAPUY_QUORUM_FRACTION", Fraction(2, 3))


CONFIDENCE_QUORUM = Fraction(2, 3)  # Quy định 96-QĐ/TW: a confidence vote needs two thirds present (not a setting)


def prepared_extra_range() -> tuple[Fraction, Fraction]:
    """Extra candidates on a prepared list: 10–15% more than the seats (DOMAIN.md, **(setting)**)."""
    low, high = getattr(settings, "CAPUY_EXTRA_CANDIDATES_PREPARED", ("1/10", "3/20"))
    return _fraction(low), _fraction(high)


def extra_max() -> Fraction:
    """Extra candidates are never more than 30% of the seats (DOMAIN.md, **(setting)**)."""
    return setting_fraction("CAPUY_EXTRA_CANDIDATES_MAX", Fraction(3, 10))


def floor_support_fraction() -> Fraction:
    """A nominee from the floor joins the list only if more than 30% of delegates agree (DOMAIN.md, **(setting)**)."""
    return setting_fraction("CAPUY_FLOOR_NOMINEE_SUPPORT", Fraction(3, 10))


def tie_revote() -> bool:
    """A tie at the last seat leads to a re-vote among the tied (DOMAIN.md, **(setting)**, default on)."""
    return bool(getattr(settings, "CAPUY_ELECTION_TIE_REVOTE", True))


def more_than(fraction: Fraction, whole: int) -> int:
    """The least whole number strictly greater than ``fraction`` × ``whole``."""
    return math.floor(fraction * whole) + 1


def at_least(fraction: Fraction, whole: int) -> int:
    """The least whole number greater than or equal to ``fraction`` × ``whole``."""
    return math.ceil(fraction * whole)


def majority_of(base: int) -> int:
    """"More than half" of ``base``: the least number of votes that is more than half (Charter art. 9)."""
    return base // 2 + 1


# ---------------------------------------------------------------------------------------------------------
# The base for "more than half"
# ---------------------------------------------------------------------------------------------------------


class BaseKind:
    """Who a vote is counted against (DOMAIN.md, "Votes and elections")."""

    BODY = "body"  # BCH, BTV, UBKT (and chi ủy): all incumbent members on the date
    MEMBERS_MEETING = "members_meeting"  # congress or meeting of party members (a chi bộ meeting)
    CONGRESS = "congress"  # representative congress (đại hội đại biểu)

    choices = [
        (BODY, "Cấp ủy, ban thường vụ, ủy ban kiểm tra: toàn bộ thành viên đương nhiệm"),
        (MEMBERS_MEETING, "Đại hội, hội nghị đảng viên: đảng viên chính thức được triệu tập, trừ các trường hợp loại trừ"),
        (CONGRESS, "Đại hội đại biểu: đại biểu chính thức được triệu tập, trừ người vắng cả kỳ đại hội không có dự khuyết"),
    ]


@dataclasses.dataclass(frozen=True)
class Voter:
    """What the base rules need to know about one person summoned or sitting on the body."""

    key: object  # anything identifying the person (a Person pk in the app)
    official: bool = True  # official member (chính thức); probationary members are not counted in meetings
    temporarily_transferred: bool = False  # sinh hoạt tạm thời nơi khác
    exempt: bool = False  # miễn công tác và sinh hoạt đảng
    suspended: bool = False  # đình chỉ sinh hoạt đảng
    prosecuted: bool = False  # bị truy tố, tạm giam
    present: bool = True  # attends (checked in)
    absent_excused: bool = False  # absent for the whole meeting with a reason accepted
    has_alternate: bool = False  # representative congress: an alternate delegate takes the seat


@dataclasses.dataclass
class Base:
    """The base of a vote: who is counted, who is left out and why, and the rule applied."""

    kind: str
    counted: list  # keys of the voters counted
    excluded: list  # [(key, reason)]
    rule: str

    @property
    def size(self) -> int:
        return len(self.counted)


RULE_BODY = ("Cơ sở tính: toàn bộ thành viên đương nhiệm của cơ quan (Điều lệ Đảng, Điều 9; "
             "Quy định 232-QĐ/TW, thay Quy định 24-QĐ/TW, mục 9.3).")
RULE_MEETING = ("Cơ sở tính: đảng viên chính thức được triệu tập, trừ người sinh hoạt tạm thời nơi khác, được miễn "
                "sinh hoạt và vắng mặt, bị đình chỉ sinh hoạt, bị truy tố, tạm giam, vắng cả buổi có lý do được chấp "
                "nhận (Điều lệ Đảng, Điều 9; Quy định 232-QĐ/TW, mục 9.3).")
RULE_CONGRESS = ("Cơ sở tính: đại biểu chính thức được triệu tập, trừ đại biểu vắng mặt cả kỳ đại hội không có đại "
                 "biểu dự khuyết thay thế (Điều lệ Đảng, Điều 9; Quy định 232-QĐ/TW, mục 9.3).")

EXCLUDED_PROBATIONARY = "Đảng viên dự bị"
EXCLUDED_TRANSFERRED = "Sinh hoạt tạm thời nơi khác"
EXCLUDED_EXEMPT = "Miễn công tác và sinh hoạt đảng, vắng mặt"
EXCLUDED_SUSPENDED = "Đình chỉ sinh hoạt đảng"
EXCLUDED_PROSECUTED = "Bị truy tố, tạm giam"
EXCLUDED_EXCUSED = "Vắng mặt cả buổi có lý do được chấp nhận"
EXCLUDED_NO_ALTERNATE = "Vắng mặt cả kỳ đại hội, không có đại biểu dự khuyết"


def body_base(members: Iterable[Voter]) -> Base:
    """Base of a vote in the BCH, BTV or inspection committee (and a chi ủy).

    DOMAIN.md; Party Charter art. 9; Quy định 24-QĐ/TW §9.3 (232-QĐ/TW): all incumbent members of the body on
    the date of the vote. Nobody is left out, absent or not: an absence counts against a resolution.
    """
    return Base(BaseKind.BODY, [m.key for m in members], [], RULE_BODY)


def members_meeting_base(summoned: Iterable[Voter]) -> Base:
    """Base of a congress or meeting of party members (e.g. a chi bộ meeting).

    DOMAIN.md; Party Charter art. 9; Quy định 24-QĐ/TW §9.3 (232-QĐ/TW): all *official* members summoned,
    minus those
    - temporarily transferred to another organization (sinh hoạt tạm thời nơi khác),
    - exempt from work and party activity *and absent* (an exempt member who attends is counted),
    - suspended from party activity,
    - under prosecution or detention,
    - absent for the whole meeting with a reason the meeting accepted.
    An absence without an accepted reason stays in the base (it counts against).
    """
    counted, excluded = [], []
    for m in summoned:
        if not m.official:
            excluded.append((m.key, EXCLUDED_PROBATIONARY))
        elif m.temporarily_transferred:
            excluded.append((m.key, EXCLUDED_TRANSFERRED))
        elif m.exempt and not m.present:
            excluded.append((m.key, EXCLUDED_EXEMPT))
        elif m.suspended:
            excluded.append((m.key, EXCLUDED_SUSPENDED))
        elif m.prosecuted:
            excluded.append((m.key, EXCLUDED_PROSECUTED))
        elif not m.present and m.absent_excused:
            excluded.append((m.key, EXCLUDED_EXCUSED))
        else:
            counted.append(m.key)
    return Base(BaseKind.MEMBERS_MEETING, counted, excluded, RULE_MEETING)


def congress_base(delegates: Iterable[Voter]) -> Base:
    """Base of a representative congress (đại hội đại biểu).

    DOMAIN.md; Party Charter art. 9; Quy định 24-QĐ/TW §9.3 (232-QĐ/TW): all official delegates summoned,
    minus those absent for the whole congress who have no alternate (dự khuyết) in their place. An absent
    delegate replaced by an alternate stays counted (the alternate takes the seat).
    """
    counted, excluded = [], []
    for d in delegates:
        if not d.present and not d.has_alternate:
            excluded.append((d.key, EXCLUDED_NO_ALTERNATE))
        else:
            counted.append(d.key)
    return Base(BaseKind.CONGRESS, counted, excluded, RULE_CONGRESS)


def compute_base(kind: str, voters: Iterable[Voter]) -> Base:
    """The base for ``kind`` (``BaseKind``)."""
    return {BaseKind.BODY: body_base, BaseKind.MEMBERS_MEETING: members_meeting_base,
            BaseKind.CONGRESS: congress_base}[kind](voters)


# ---------------------------------------------------------------------------------------------------------
# Quorum
# ---------------------------------------------------------------------------------------------------------


@dataclasses.dataclass
class QuorumCheck:
    base: int
    present: int
    required: int
    reached: bool
    rule: str


def quorum(base: int, present: int, confidence: bool = False) -> QuorumCheck:
    """Is the meeting quorate for a vote?

    Ordinary meetings: ``settings.CAPUY_QUORUM_FRACTION`` of the base present (DOMAIN.md **(setting)**, default
    two thirds). Confidence votes (Quy định 96-QĐ/TW): at least two thirds of the base present, always.
    """
    fraction = CONFIDENCE_QUORUM if confidence else quorum_fraction()
    required = at_least(fraction, base)
    what = "lấy phiếu tín nhiệm" if confidence else "hội nghị"
    rule = f"Số có mặt phải đạt ít nhất {fraction.numerator}/{fraction.denominator} cơ sở tính ({what}): {required}/{base}."
    return QuorumCheck(base, present, required, base > 0 and present >= required, rule)


# ---------------------------------------------------------------------------------------------------------
# Passed / not passed
# ---------------------------------------------------------------------------------------------------------


@dataclasses.dataclass
class Outcome:
    base: int
    votes_for: int
    against: int
    abstain: int
    not_voted: int
    required: int
    passed: bool
    rule: str

    @property
    def share_for(self) -> Fraction:
        return Fraction(self.votes_for, self.base) if self.base else Fraction(0)


class CountError(ValueError):
    """Counts that cannot be true (more votes than the base, negative numbers)."""


def check_counts(base: int, counts: Mapping[str, int]) -> None:
    """Counts entered by the counting board may not be negative nor exceed the base in total."""
    if any(v is None or v < 0 for v in counts.values()):
        raise CountError("Số phiếu không được âm.")
    total = sum(counts.values())
    if total > base:
        raise CountError(f"Tổng số phiếu ({total}) vượt quá cơ sở tính ({base}).")


def decide(base: int, votes_for: int, against: int = 0, abstain: int = 0) -> Outcome:
    """Passed only when more than half of the *base* vote for (Party Charter art. 9; Quy định 24-QĐ/TW §9.3,
    232-QĐ/TW): abstentions, votes against and those who did not vote all count against, because the
    denominator is the base, never those present or those who voted.
    """
    check_counts(base, {"for": votes_for, "against": against, "abstain": abstain})
    required = majority_of(base)
    passed = base > 0 and votes_for >= required
    not_voted = base - votes_for - against - abstain
    verdict = "thông qua" if passed else "không thông qua"
    rule = (f"Cần quá nửa cơ sở tính ({base}) tán thành, tức ít nhất {required} phiếu; có {votes_for} phiếu tán "
            f"thành: {verdict} (Điều lệ Đảng, Điều 9; Quy định 232-QĐ/TW, mục 9.3).")
    return Outcome(base, votes_for, against, abstain, not_voted, required, passed, rule)


# ---------------------------------------------------------------------------------------------------------
# Candidate lists
# ---------------------------------------------------------------------------------------------------------


@dataclasses.dataclass
class ListCheck:
    seats: int
    candidates: int
    ok: bool
    message: str
    prepared_range: tuple[int, int]  # extra candidates recommended (10–15%)
    maximum: int  # most candidates allowed


def check_candidate_list(seats: int, candidates: int) -> ListCheck:
    """The list must be longer than the seats: 10–15% more as prepared, never more than 30% more.

    DOMAIN.md "Elections" (**setting**: ``CAPUY_EXTRA_CANDIDATES_PREPARED``, ``CAPUY_EXTRA_CANDIDATES_MAX``).
    The list is refused when it is not longer than the seats or exceeds the maximum; within those bounds a
    count outside the prepared range is allowed with a notice (the congress may have added floor nominees).
    For one seat (a secretary) the list may equal the seats; for few seats one extra candidate is allowed
    even when it is more than 30%.
    """
    low, high = prepared_extra_range()
    # Small numbers of seats: when 30% is less than one person, one extra candidate is still allowed (the list
    # must be longer than the seats); a single seat (a secretary) may also have a single candidate.
    maximum = seats + max(1, math.floor(extra_max() * seats))
    prepared = (seats + at_least(low, seats), seats + math.floor(high * seats))
    minimum = seats if seats == 1 else seats + 1
    if seats < 1:
        return ListCheck(seats, candidates, False, "Số lượng cần bầu phải từ 1 trở lên.", prepared, maximum)
    if candidates < minimum:
        return ListCheck(seats, candidates, False,
                         f"Danh sách bầu cử phải nhiều hơn số lượng cần bầu ({seats}); hiện có {candidates} người.",
                         prepared, maximum)
    if candidates > maximum:
        return ListCheck(seats, candidates, False,
                         f"Số dư không được quá {_pct(extra_max())} số lượng cần bầu: tối đa {maximum} người "
                         f"cho {seats} chỗ, hiện có {candidates}.", prepared, maximum)
    if not prepared[0] <= candidates <= max(prepared):
        note = (f"Lưu ý: số dư chuẩn bị thường từ {_pct(low)} đến {_pct(high)} "
                f"({prepared[0]}–{max(prepared)} người); hiện có {candidates}.")
        return ListCheck(seats, candidates, True, note, prepared, maximum)
    return ListCheck(seats, candidates, True, "", prepared, maximum)


def _pct(fraction: Fraction) -> str:
    from capuy.core.vietnamese import percent

    return percent(round(float(fraction) * 100, 1))


def floor_nominee_admitted(delegates: int, agreeing: int) -> tuple[bool, int, str]:
    """A nominee from the floor joins the list only if *more than* 30% of the delegates agree.

    DOMAIN.md "Elections" (**setting** ``CAPUY_FLOOR_NOMINEE_SUPPORT``). ``delegates`` is the congress's
    base. Returns (admitted, least number needed, explanation).
    """
    if agreeing < 0 or agreeing > delegates:
        raise CountError(f"Số đại biểu đồng ý ({agreeing}) phải từ 0 đến {delegates}.")
    fraction = floor_support_fraction()
    required = more_than(fraction, delegates)
    admitted = agreeing >= required
    rule = (f"Cần trên {_pct(fraction)} đại biểu ({delegates}) đồng ý, tức ít nhất {required}; có {agreeing}: "
            f"{'được bổ sung vào danh sách' if admitted else 'không được bổ sung'}.")
    return admitted, required, rule


# ---------------------------------------------------------------------------------------------------------
# Election counting
# ---------------------------------------------------------------------------------------------------------


def ballot_valid(kept: Sequence, seats: int, candidates: Iterable) -> bool:
    """A ballot is invalid when it keeps more names than seats (DOMAIN.md "Elections"), or keeps a name
    twice or a name not on the list. A ballot keeping fewer names (all crossed out included) is valid.
    """
    kept = list(kept)
    return len(kept) <= seats and len(set(kept)) == len(kept) and set(kept) <= set(candidates)


@dataclasses.dataclass
class CandidateResult:
    key: object
    votes: int
    share: Fraction  # of the base
    elected: bool
    reason: str


@dataclasses.dataclass
class ElectionOutcome:
    base: int
    seats: int
    ballots: int
    valid: int
    invalid: int
    required: int
    rows: list  # CandidateResult, highest first
    elected: list  # keys
    unfilled: int  # seats not filled
    revote_among: list  # keys of the tied candidates for a re-vote (tie at the last seat)
    another_round: bool
    rule: str


def count_election(base: int, seats: int, candidates: Sequence, ballots: Iterable[Sequence]) -> ElectionOutcome:
    """Count crossing-out ballots: ``ballots`` are the names each ballot kept.

    DOMAIN.md "Elections"; Party Charter art. 9; Quy định 24-QĐ/TW §9.3 (232-QĐ/TW):
    - a ballot keeping more names than seats is invalid (and counts for nobody);
    - a candidate is elected with more than half of the *base* (the total summoned, not the ballots cast),
      highest first, up to the seats;
    - a tie at the last seat leads to a re-vote among the tied (**setting** ``CAPUY_ELECTION_TIE_REVOTE``);
      seats left unfilled lead to another round among the candidates named by the congress.
    """
    votes = {c: 0 for c in candidates}
    total = valid = 0
    for kept in ballots:
        total += 1
        if ballot_valid(kept, seats, candidates):
            valid += 1
            for name in kept:
                votes[name] += 1
    return count_tallies(base, seats, candidates, votes, total, valid)


def count_tallies(base: int, seats: int, candidates: Sequence, votes: Mapping, ballots: int,
                  valid: int) -> ElectionOutcome:
    """The same rule as ``count_election`` from per-candidate totals (what a secret ballot box keeps)."""
    if ballots > base:
        raise CountError(f"Số phiếu thu vào ({ballots}) vượt quá cơ sở tính ({base}).")
    if valid > ballots or any(votes.get(c, 0) > valid for c in candidates):
        raise CountError("Số phiếu của một ứng cử viên không được vượt quá số phiếu hợp lệ.")
    required = majority_of(base)
    ranked = sorted(candidates, key=lambda c: (-votes.get(c, 0), candidates.index(c)))
    qualified = [c for c in ranked if votes.get(c, 0) >= required]
    elected, revote = list(qualified[:seats]), []
    if len(qualified) > seats:
        last = votes[qualified[seats - 1]]
        tied = [c for c in qualified if votes[c] == last]
        if len(tied) > 1 and tie_revote():
            elected = [c for c in elected if votes[c] > last]
            revote = tied
    unfilled = seats - len(elected)
    rows = []
    for c in ranked:
        n = votes.get(c, 0)
        share = Fraction(n, base) if base else Fraction(0)
        if c in elected:
            reason = "Trúng cử: quá nửa cơ sở tính và trong số lượng cần bầu."
        elif c in revote:
            reason = "Bằng phiếu ở vị trí cuối cùng: bầu lại giữa những người bằng phiếu."
        elif n >= required:
            reason = "Quá nửa nhưng ngoài số lượng cần bầu (ít phiếu hơn)."
        else:
            reason = "Không đạt quá nửa cơ sở tính."
        rows.append(CandidateResult(c, n, share, c in elected, reason))
    rule = (f"Trúng cử khi được quá nửa cơ sở tính ({base}) đồng ý, tức ít nhất {required} phiếu, lấy từ cao "
            f"xuống thấp đến đủ {seats} người (Điều lệ Đảng, Điều 9; Quy định 232-QĐ/TW, mục 9.3).")
    if revote:
        rule += " Có người bằng phiếu ở vị trí cuối: bầu lại giữa những người này."
    elif unfilled:
        rule += f" Còn thiếu {unfilled} người: đại hội quyết định bầu tiếp vòng sau trong số ứng cử viên được giới thiệu."
    return ElectionOutcome(base, seats, ballots, valid, ballots - valid, required, rows, elected, unfilled, revote,
                           bool(unfilled), rule)


# ---------------------------------------------------------------------------------------------------------
# Confidence votes (Quy định 96-QĐ/TW)
# ---------------------------------------------------------------------------------------------------------


class Confidence:
    HIGH = "high"
    CONFIDENT = "confident"
    LOW = "low"
    choices = [(HIGH, "Tín nhiệm cao"), (CONFIDENT, "Tín nhiệm"), (LOW, "Tín nhiệm thấp")]


@dataclasses.dataclass
class ConfidenceOutcome:
    base: int
    high: int
    confident: int
    low: int
    review: bool
    dismissal: bool
    rule: str


def confidence_outcome(base: int, high: int, confident: int, low: int) -> ConfidenceOutcome:
    """Quy định 96-QĐ/TW: more than half "low" → the person is reviewed (xem xét, cho thôi chức vụ if they
    ask); two thirds or more "low" → the competent level considers dismissal (miễn nhiệm). Shares are of the
    base (the members entitled to vote), as for every vote of the Party.
    """
    check_counts(base, {"high": high, "confident": confident, "low": low})
    dismissal = base > 0 and low >= at_least(Fraction(2, 3), base)
    review = base > 0 and low >= majority_of(base)
    if dismissal:
        rule = (f"{low}/{base} phiếu tín nhiệm thấp, từ hai phần ba trở lên: cấp có thẩm quyền xem xét miễn nhiệm "
                f"(Quy định 96-QĐ/TW).")
    elif review:
        rule = (f"{low}/{base} phiếu tín nhiệm thấp, quá nửa: cơ quan có thẩm quyền xem xét, đồng chí có thể xin "
                f"thôi chức vụ (Quy định 96-QĐ/TW).")
    else:
        rule = f"{low}/{base} phiếu tín nhiệm thấp, không quá nửa (Quy định 96-QĐ/TW)."
    return ConfidenceOutcome(base, high, confident, low, review, dismissal, rule)


# ---------------------------------------------------------------------------------------------------------
# Counting board of a secret electronic vote
# ---------------------------------------------------------------------------------------------------------


def teller_threshold(tellers: int) -> int:
    """How many members of the counting board (ban kiểm phiếu, DOMAIN.md "Votes and elections": elected by
    the conference to count the ballots) must enter their codes to decrypt the totals of a secret electronic
    vote: more than half of them, so that no minority of the board can open the totals alone nor block them.
    """
    if tellers < 1:
        raise CountError("Ban kiểm phiếu chưa có thành viên nào có mã khóa kiểm phiếu.")
    return tellers // 2 + 1
