"""The counting rules, tested directly (no database)."""

from fractions import Fraction

import pytest

from capuy.voting import rules

# --- passed / not passed -------------------------------------------------------------------------------


def test_more_than_half_of_the_base_not_of_those_present():
    # BCH of 41: 30 present, 20 for → 20 is more than half of those present but not of the base.
    outcome = rules.decide(41, votes_for=20, against=5, abstain=5)
    assert not outcome.passed and outcome.required == 21 and outcome.not_voted == 11
    assert "không thông qua" in outcome.rule and "21" in outcome.rule
    assert rules.decide(41, votes_for=21).passed


def test_exactly_half_is_not_more_than_half():
    assert not rules.decide(10, votes_for=5).passed
    assert rules.decide(10, votes_for=6).passed


def test_counts_above_the_base_are_refused():
    with pytest.raises(rules.CountError, match="vượt quá cơ sở tính"):
        rules.decide(10, votes_for=8, against=2, abstain=1)
    with pytest.raises(rules.CountError, match="âm"):
        rules.decide(10, votes_for=-1)


def test_an_empty_base_never_passes():
    assert not rules.decide(0, 0).passed


# --- candidate lists -----------------------------------------------------------------------------------


def test_candidate_list_must_be_longer_than_the_seats():
    check = rules.check_candidate_list(45, 45)
    assert not check.ok and "nhiều hơn" in check.message


def test_candidate_list_may_not_exceed_thirty_percent_extra():
    assert rules.check_candidate_list(45, 58).ok  # 45 + 13 (floor of 13,5)
    check = rules.check_candidate_list(45, 59)
    assert not check.ok and "tối đa 58" in check.message


def test_candidate_list_within_prepared_range_has_no_notice():
    check = rules.check_candidate_list(45, 51)  # 10–15% of 45: 5–6 extra → 50–51
    assert check.ok and check.message == "" and check.prepared_range == (50, 51)
    check = rules.check_candidate_list(45, 55)
    assert check.ok and "Lưu ý" in check.message


def test_candidate_list_limits_are_settings(settings):
    settings.CAPUY_EXTRA_CANDIDATES_MAX = "1/5"
    assert not rules.check_candidate_list(45, 55).ok
    assert rules.check_candidate_list(45, 54).ok


def test_one_seat_may_have_a_single_candidate():
    assert rules.check_candidate_list(1, 1).ok
    assert rules.check_candidate_list(1, 2).ok
    assert not rules.check_candidate_list(1, 3).ok


def test_few_seats_allow_one_extra_candidate():
    assert rules.check_candidate_list(3, 4).ok  # 30% of 3 is less than one person
    assert not rules.check_candidate_list(3, 3).ok
    assert not rules.check_candidate_list(3, 5).ok


def test_floor_nominee_needs_more_than_thirty_percent_of_delegates():
    admitted, required, rule = rules.floor_nominee_admitted(300, 90)
    assert not admitted and required == 91 and "không được bổ sung" in rule
    assert rules.floor_nominee_admitted(300, 91)[0]


def test_floor_nominee_threshold_is_a_setting(settings):
    settings.CAPUY_FLOOR_NOMINEE_SUPPORT = "1/2"
    assert not rules.floor_nominee_admitted(300, 150)[0]
    assert rules.floor_nominee_admitted(300, 151)[0]


# --- elections -----------------------------------------------------------------------------------------


def test_ballot_keeping_more_names_than_seats_is_invalid():
    assert not rules.ballot_valid(["a", "b", "c"], 2, "abcd")
    assert rules.ballot_valid(["a", "b"], 2, "abcd")
    assert rules.ballot_valid([], 2, "abcd")  # every name crossed out: valid, counts for nobody
    assert not rules.ballot_valid(["a", "a"], 2, "abcd")
    assert not rules.ballot_valid(["z"], 2, "abcd")


def test_elected_with_more_than_half_of_the_base_highest_first():
    # Base 10, 2 seats, candidates a b c. 9 ballots cast, 1 invalid.
    ballots = [["a", "b"]] * 5 + [["a", "c"]] * 2 + [["b", "c"]] + [["a", "b", "c"]]
    outcome = rules.count_election(10, 2, ["a", "b", "c"], ballots)
    assert (outcome.ballots, outcome.valid, outcome.invalid) == (9, 8, 1)
    votes = {r.key: r.votes for r in outcome.rows}
    assert votes == {"a": 7, "b": 6, "c": 3}
    assert outcome.elected == ["a", "b"] and outcome.unfilled == 0 and not outcome.another_round
    assert outcome.rows[0].share == Fraction(7, 10)


def test_more_than_half_of_ballots_cast_is_not_enough():
    # Base 10 but 6 ballots cast: 5 votes are more than half of those voting, not of the base.
    outcome = rules.count_election(10, 1, ["a", "b"], [["a"]] * 5 + [["b"]])
    assert outcome.elected == [] and outcome.unfilled == 1 and outcome.another_round
    assert "vòng sau" in outcome.rule


def test_only_the_seats_are_filled_even_if_more_qualify():
    outcome = rules.count_election(10, 2, ["a", "b", "c"], [["a", "b"]] * 4 + [["a", "c"]] * 2 + [["b", "c"]] * 3)
    votes = {r.key: r.votes for r in outcome.rows}
    assert votes == {"a": 6, "b": 7, "c": 5}
    assert outcome.elected == ["b", "a"]  # c has no more than half (5 of 10)


def test_a_tie_at_the_last_seat_leads_to_a_revote_among_the_tied():
    outcome = rules.count_election(10, 2, ["a", "b", "c"], [["a", "b"]] * 3 + [["a", "c"]] * 3 + [["a"]] + [["b", "c"]] * 3)
    votes = {r.key: r.votes for r in outcome.rows}
    assert votes == {"a": 7, "b": 6, "c": 6}
    assert outcome.elected == ["a"] and outcome.revote_among == ["b", "c"] and outcome.unfilled == 1
    assert "bầu lại" in outcome.rule


def test_tie_revote_can_be_turned_off(settings):
    settings.CAPUY_ELECTION_TIE_REVOTE = False
    outcome = rules.count_election(10, 2, ["a", "b", "c"], [["a", "b"]] * 3 + [["a", "c"]] * 3 + [["a"]] + [["b", "c"]] * 3)
    assert outcome.revote_among == [] and len(outcome.elected) == 2


def test_tallies_above_the_base_are_refused():
    with pytest.raises(rules.CountError):
        rules.count_tallies(5, 1, ["a"], {"a": 3}, ballots=6, valid=6)
    with pytest.raises(rules.CountError):
        rules.count_tallies(5, 1, ["a"], {"a": 4}, ballots=3, valid=3)


# --- confidence votes ----------------------------------------------------------------------------------


def test_confidence_more_than_half_low_means_review():
    outcome = rules.confidence_outcome(30, high=5, confident=9, low=16)
    assert outcome.review and not outcome.dismissal and "quá nửa" in outcome.rule


def test_confidence_two_thirds_low_means_dismissal():
    outcome = rules.confidence_outcome(30, high=0, confident=10, low=20)
    assert outcome.review and outcome.dismissal and "miễn nhiệm" in outcome.rule


def test_confidence_half_low_is_neither():
    outcome = rules.confidence_outcome(30, high=10, confident=5, low=15)
    assert not outcome.review and not outcome.dismissal


def test_confidence_counts_above_the_base_are_refused():
    with pytest.raises(rules.CountError):
        rules.confidence_outcome(10, high=5, confident=5, low=1)


@pytest.mark.parametrize(("tellers", "needed"), [(1, 1), (2, 2), (3, 2), (4, 3), (5, 3), (7, 4), (9, 5)])
def test_more_than_half_of_the_counting_board_decrypts_the_totals(tellers, needed):
    assert rules.teller_threshold(tellers) == needed


def test_a_counting_board_without_codes_is_refused():
    with pytest.raises(rules.CountError):
        rules.teller_threshold(0)
