"""The candidate list against the seats and the count at the last seat, by table (docs/RULES.md)."""

import pytest

from capuy.voting import rules

SOURCE = "Quy chế bầu cử (settings CAPUY_EXTRA_CANDIDATES_*): 10–15% more as prepared, never more than 30% (settings)"

# (case, seats, candidates, ok, notice contains, prepared range)
LIST_CASES = [
    ("11 seats, 12 candidates: the prepared extra", 11, 12, True, "", (12, 12)),
    ("11 seats, 13 candidates: above the prepared range, notice", 11, 13, True, "cao hơn mức chuẩn bị", (12, 12)),
    ("11 seats, 14 candidates: at the 30% maximum, notice", 11, 14, True, "tối đa 30% (14 người)", (12, 12)),
    ("11 seats, 15 candidates: above 30%, refused", 11, 15, False, "tối đa 14 người", (12, 12)),
    ("11 seats, 11 candidates: not longer than the seats", 11, 11, False, "nhiều hơn số lượng cần bầu", (12, 12)),
    ("45 seats, 50 candidates: within 10–15%", 45, 50, True, "", (50, 51)),
    ("45 seats, 48 candidates: below the prepared range", 45, 48, True, "thấp hơn mức chuẩn bị", (50, 51)),
    ("3 seats, 4 candidates: one extra allowed", 3, 4, True, "", (4, 4)),
    ("a secretary: one seat, one candidate", 1, 1, True, "", (2, 2)),
]


@pytest.mark.parametrize(("case", "seats", "candidates", "ok", "notice", "prepared"), LIST_CASES,
                         ids=[c[0] for c in LIST_CASES])
def test_candidate_list(case, seats, candidates, ok, notice, prepared):
    check = rules.check_candidate_list(seats, candidates)
    assert check.ok is ok, f"{case} ({SOURCE})"
    assert (notice in check.message) if notice else check.message == "", f"{case}: {check.message}"
    assert check.prepared_range == prepared


def test_the_notice_for_13_of_11_names_the_share_and_the_range():
    message = rules.check_candidate_list(11, 13).message
    assert "số dư 2 người (18,2%)" in message and "(12 người)" in message


@pytest.mark.parametrize("seats", range(1, 201))
def test_the_prepared_range_is_never_inverted(seats):
    first, last = rules.check_candidate_list(seats, seats + 1).prepared_range
    assert seats < first <= last


def test_the_prepared_range_follows_the_setting(settings):
    settings.CAPUY_EXTRA_CANDIDATES_PREPARED = ("1/5", "1/4")
    assert rules.check_candidate_list(20, 21).prepared_range == (24, 25)


# (case, base, seats, votes, elected, revote, unfilled)
LAST_SEAT_CASES = [
    ("tie above half at the last seat: re-vote among the tied", 5, 3, {"A": 5, "B": 4, "C": 3, "D": 3},
     ["A", "B"], ["C", "D"], 1),
    ("second round for one seat, tied below half: seat unfilled", 5, 1, {"C": 2, "D": 2}, [], [], 1),
    ("second round for two seats, three tied above half: re-vote among the three", 9, 2,
     {"C": 5, "D": 5, "E": 5}, [], ["C", "D", "E"], 2),
    ("second round decided: the highest above half", 5, 1, {"C": 3, "D": 2}, ["C"], [], 0),
]


@pytest.mark.parametrize(("case", "base", "seats", "votes", "elected", "revote", "unfilled"), LAST_SEAT_CASES,
                         ids=[c[0] for c in LAST_SEAT_CASES])
def test_the_last_seat(case, base, seats, votes, elected, revote, unfilled):
    candidates = list(votes)
    ballots = base
    outcome = rules.count_tallies(base, seats, candidates, votes, ballots, ballots)
    assert (outcome.elected, sorted(outcome.revote_among), outcome.unfilled) == (elected, revote, unfilled), case


def test_without_a_re_vote_the_list_order_decides_a_tie(settings):
    settings.CAPUY_ELECTION_TIE_REVOTE = False
    outcome = rules.count_tallies(9, 2, ["C", "D", "E"], {"C": 5, "D": 5, "E": 5}, 9, 9)
    assert outcome.elected == ["C", "D"] and outcome.revote_among == []


def test_one_rule_for_too_many_names():
    assert not rules.ballot_valid(["a", "b", "c"], 2, "abcd")
    assert rules.ballot_valid(["a", "b"], 2, "abcd")
