"""The counting rules of votes and elections, as plain functions (no database).

Every rule here cites where it comes from (register: ``docs/RULES.md``): the Party
Charter (Điều lệ Đảng) art. 9 and Quy định 24-QĐ/TW §9.3 (replaced by Quy định 232-QĐ/TW in 2025) for
"more than half" of the base, and Quy định 96-QĐ/TW for confidence votes. The base itself, who is present
and the quorum are the meeting roll's (``capuy.conferences.roll``), the one place for them. Thresholds whose
official text could not be confirmed are settings, read through ``roll.fraction_setting`` with the default given there:

- ``CAPUY_EXTRA_CANDIDATES_PREPARED`` (default ("1/10", "3/20")): extra candidates a prepared list should carry.
- ``CAPUY_EXTRA_CANDIDATES_MAX`` (default "3/10"): extra candidates never more than this share of the seats.
- ``CAPUY_FLOOR_NOMINEE_SUPPORT`` (default "3/10"): share of delegates who must agree to add a floor nominee.
- ``CAPUY_ELECTION_TIE_REVOTE`` (default True): a tie at the last seat leads to a re-vote among the tied.
"""

import dataclasses
import math
from collections.abc import Iterable, Mapping, Sequence
from fractions import Fraction

from django.conf import settings

from capuy.conferences.roll import BaseKind, at_least, fraction_setting, parse_fraction

__all__ = ["BaseKind"]  # re-exported for the voting models' choices; defined by the roll

# ---------------------------------------------------------------------------------------------------------
# Settings
# ---------------------------------------------------------------------------------------------------------


def prepared_extra_range() -> tuple[Fraction, Fraction]:
    """Extra candidates on a prepared list: 10–15% more than the seats (**setting**)."""
    name = "CAPUY_EXTRA_CANDIDATES_PREPARED"
    low, high = (parse_fraction(v, name) for v in getattr(settings, name, ("1/10", "3/20")))
    if low > high:
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured(f"{name}: the low end must not exceed the high end.")
    return low, high


def extra_max() -> Fraction:
    """Extra candidates are never more than 30% of the seats (**setting**)."""
    return fraction_setting("CAPUY_EXTRA_CANDIDATES_MAX", Fraction(3, 10))


def floor_support_fraction() -> Fraction:
    """A nominee from the floor joins the list only if more than 30% of delegates agree (**setting**)."""
    return fraction_setting("CAPUY_FLOOR_NOMINEE_SUPPORT", Fraction(3, 10))


def tie_revote() -> bool:
    """A tie at the last seat leads to a re-vote among the tied (**setting**, default on)."""
    return bool(getattr(settings, "CAPUY_ELECTION_TIE_REVOTE", True))


def more_than(fraction: Fraction, whole: int) -> int:
    """The least whole number strictly greater than ``fraction`` × ``whole``."""
    return math.floor(fraction * whole) + 1


def majority_of(base: int) -> int:
    """"More than half" of ``base``: the least number of votes that is more than half (Charter art. 9)."""
    return base // 2 + 1


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


def check_counts(base: int, counts: Mapping[str, int], present: int | None = None) -> None:
    """Counts may not be negative nor exceed the base in total; counts of a show of hands may not exceed the
    number of members of the base present (``present``): nobody absent raises a hand (recorded counts of the counting
    board, Quy định 232-QĐ/TW §9.3)."""
    if any(v is None or v < 0 for v in counts.values()):
        raise CountError("Số phiếu không được âm.")
    total = sum(counts.values())
    if total > base:
        raise CountError(f"Tổng số phiếu ({total}) vượt quá cơ sở tính ({base}).")
    if present is not None and total > present:
        raise CountError(f"Tổng số biểu quyết ({total}) vượt quá số đại biểu có mặt được biểu quyết ({present}); "
                         f"vui lòng kiểm lại kết quả.")


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


def prepared_extras(seats: int) -> tuple[int, int]:
    """The extra candidates a prepared list carries for ``seats``: the whole numbers between 10% and 15% of the
    seats (**setting**), at least one. When no whole number lies in that range (11 seats: 1,1 to 1,65), the range
    is the whole number nearest to it, so it is never shown inverted."""
    low, high = prepared_extra_range()
    first, last = at_least(low, seats), math.floor(high * seats)
    if first > last:
        first = last = round((low + high) / 2 * seats)
    return max(1, first), max(1, last)


def check_candidate_list(seats: int, candidates: int) -> ListCheck:
    """The list must be longer than the seats: 10–15% more as prepared, never more than 30% more.

    Election rules of the Party (**setting**: ``CAPUY_EXTRA_CANDIDATES_PREPARED``, ``CAPUY_EXTRA_CANDIDATES_MAX``).
    The list is refused when it is not longer than the seats or exceeds the maximum; within those bounds a
    count outside the prepared range is allowed with a notice (the congress may have added floor nominees):
    13 candidates for 11 seats (18,2% extra) is allowed with a notice. For one seat (a secretary) the list may
    equal the seats; for few seats one extra candidate is allowed even when it is more than 30%.
    """
    low, high = prepared_extra_range()
    # Small numbers of seats: when 30% is less than one person, one extra candidate is still allowed (the list
    # must be longer than the seats); a single seat (a secretary) may also have a single candidate.
    maximum = seats + max(1, math.floor(extra_max() * seats))
    first, last = prepared_extras(max(seats, 1))
    prepared = (seats + first, seats + last)
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
    if not prepared[0] <= candidates <= prepared[1] and not candidates == seats == 1:
        extra = candidates - seats
        where = "cao hơn" if candidates > prepared[1] else "thấp hơn"
        span = f"{prepared[0]} người" if prepared[0] == prepared[1] else f"{prepared[0]}–{prepared[1]} người"
        note = (f"Lưu ý: danh sách có {candidates} người cho {seats} chỗ, số dư {extra} người "
                f"({_pct(Fraction(extra, seats))}), {where} mức chuẩn bị thường từ {_pct(low)} đến {_pct(high)} "
                f"({span}); tối đa {_pct(extra_max())} ({maximum} người).")
        return ListCheck(seats, candidates, True, note, prepared, maximum)
    return ListCheck(seats, candidates, True, "", prepared, maximum)


def _pct(fraction: Fraction) -> str:
    from capuy.core.vietnamese import percent

    return percent(round(float(fraction) * 100, 1))


def floor_nominee_admitted(delegates: int, agreeing: int) -> tuple[bool, int, str]:
    """A nominee from the floor joins the list only if *more than* 30% of the delegates agree.

    Election rules of the Party (**setting** ``CAPUY_FLOOR_NOMINEE_SUPPORT``). ``delegates`` is the congress's
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
    """A ballot is invalid when it keeps more names than seats (election rules of the Party), or keeps a name
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

    Party Charter art. 9; Quy định 24-QĐ/TW §9.3 (232-QĐ/TW):
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
