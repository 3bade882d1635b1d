"""The roll's rules on plain values, one table per rule; each row names the case and its source."""

from fractions import Fraction

import pytest
from django.core.exceptions import ImproperlyConfigured

from capuy.conferences import roll
from capuy.conferences.roll import Voter

CHARTER = "Điều lệ Đảng, Điều 9; Quy định 232-QĐ/TW (thay 24-QĐ/TW) mục 9.3"
HD04 = "Hướng dẫn 04-HD/TW (không triệu tập người bị đình chỉ, khởi tố, truy tố, tạm giam)"
HD01 = "Quy chế bầu cử Điều 32; Hướng dẫn 01-HD/TW mục 13.2 (tạm thời, miễn sinh hoạt: dự thì tính)"
PROBATION = "Điều lệ Đảng, Điều 5 (đảng viên dự bị không biểu quyết, không bầu cử)"

# (case, source, voter, counted?, reason when left out)
BODY_CASES = [
    ("present member", CHARTER, Voter("a"), True, None),
    ("absent without reason counts against", CHARTER, Voter("a", attended=False, present=False), True, None),
    ("excused absence still counts in a committee", CHARTER,
     Voter("a", attended=False, present=False, absent_excused=True), True, None),
    ("exempt member of a committee stays incumbent", CHARTER, Voter("a", exempt=True, attended=False), True, None),
    ("suspended member is not summoned", HD04, Voter("a", suspended=True), False, roll.EXCLUDED_SUSPENDED),
    ("suspended member who turns up is still out", HD04, Voter("a", suspended=True, attended=True), False,
     roll.EXCLUDED_SUSPENDED),
    ("indicted or detained member is not summoned", HD04, Voter("a", prosecuted=True), False,
     roll.EXCLUDED_PROSECUTED),
    ("temporarily transferred and absent is left out", "setting CAPUY_TRANSFERRED_COUNT_IF_ATTENDING",
     Voter("a", temporarily_transferred=True, attended=False, present=False), False, roll.EXCLUDED_TRANSFERRED),
    ("temporarily transferred who attends counts", "setting CAPUY_TRANSFERRED_COUNT_IF_ATTENDING",
     Voter("a", temporarily_transferred=True, attended=True), True, None),
    ("temporarily transferred who came and left early counts", "setting CAPUY_TRANSFERRED_COUNT_IF_ATTENDING",
     Voter("a", temporarily_transferred=True, attended=True, present=False), True, None),
]

MEETING_CASES = [
    ("official member present", CHARTER, Voter("a"), True, None),
    ("absent without reason counts against", CHARTER, Voter("a", attended=False, present=False), True, None),
    ("absent the whole meeting with an accepted reason", CHARTER,
     Voter("a", attended=False, present=False, absent_excused=True), False, roll.EXCLUDED_EXCUSED),
    ("probationary member attends but is not counted", PROBATION, Voter("a", official=False), False,
     roll.EXCLUDED_PROBATIONARY),
    ("probationary and absent", PROBATION, Voter("a", official=False, attended=False, present=False), False,
     roll.EXCLUDED_PROBATIONARY),
    ("exempt and absent", HD01, Voter("a", exempt=True, attended=False, present=False), False,
     roll.EXCLUDED_EXEMPT),
    ("exempt but present counts", HD01, Voter("a", exempt=True, attended=True), True, None),
    ("exempt, checked in then left: counts", HD01, Voter("a", exempt=True, attended=True, present=False), True,
     None),
    ("temporarily transferred and absent", HD01,
     Voter("a", temporarily_transferred=True, attended=False, present=False), False, roll.EXCLUDED_TRANSFERRED),
    ("temporarily transferred who attends counts", HD01, Voter("a", temporarily_transferred=True), True, None),
    ("suspended", HD04, Voter("a", suspended=True), False, roll.EXCLUDED_SUSPENDED),
    ("prosecuted or detained", HD04, Voter("a", prosecuted=True), False, roll.EXCLUDED_PROSECUTED),
]

CONGRESS_CASES = [
    ("delegate present", CHARTER, Voter("a"), True, None),
    ("delegate who attended and left early still counts", CHARTER, Voter("a", attended=True, present=False),
     True, None),
    ("delegate absent for the whole congress without an alternate", CHARTER,
     Voter("a", attended=False, present=False), False, roll.EXCLUDED_NO_ALTERNATE),
    ("delegate absent for the whole congress replaced by an alternate", CHARTER,
     Voter("a", attended=False, present=False, has_alternate=True), True, None),
]


def _check(rule, case, source, voter, counted, reason):
    base = rule([voter])
    assert (voter.key in base.counted) is counted, f"{case} ({source})"
    assert dict(base.excluded).get(voter.key) == reason, f"{case} ({source})"


@pytest.mark.parametrize(("case", "source", "voter", "counted", "reason"), BODY_CASES, ids=[c[0] for c in BODY_CASES])
def test_body_base(case, source, voter, counted, reason):
    _check(roll.body_base, case, source, voter, counted, reason)


@pytest.mark.parametrize(("case", "source", "voter", "counted", "reason"), MEETING_CASES,
                         ids=[c[0] for c in MEETING_CASES])
def test_members_meeting_base(case, source, voter, counted, reason):
    _check(roll.members_meeting_base, case, source, voter, counted, reason)


@pytest.mark.parametrize(("case", "source", "voter", "counted", "reason"), CONGRESS_CASES,
                         ids=[c[0] for c in CONGRESS_CASES])
def test_congress_base(case, source, voter, counted, reason):
    _check(roll.congress_base, case, source, voter, counted, reason)


def test_a_transferred_committee_member_who_attends_is_left_out_when_the_setting_says_so(settings):
    settings.CAPUY_TRANSFERRED_COUNT_IF_ATTENDING = False
    base = roll.body_base([Voter("a", temporarily_transferred=True, attended=True)])
    assert base.counted == [] and base.excluded == [("a", roll.EXCLUDED_TRANSFERRED)]


def test_ten_delegates_two_left_early_keep_a_base_of_ten():
    """Issue 12 item 1: only delegates absent for the whole congress without an alternate leave the base."""
    delegates = [Voter(i) for i in range(8)] + [Voter(8, present=False), Voter(9, present=False)]
    assert roll.congress_base(delegates).size == 10


def test_each_rule_cites_its_source():
    assert "Điều 9" in roll.RULE_BODY and "04-HD/TW" in roll.RULE_BODY
    assert "Điều 9" in roll.RULE_MEETING and "01-HD/TW" in roll.RULE_MEETING
    assert "Điều 9" in roll.RULE_CONGRESS


# (case, source, base, present, confidence, required, reached)
QUORUM_CASES = [
    ("two thirds of 9 is 6", "setting CAPUY_QUORUM_FRACTION (default 2/3)", 9, 6, False, 6, True),
    ("5 of 9 is not enough", "setting CAPUY_QUORUM_FRACTION (default 2/3)", 9, 5, False, 6, False),
    ("two thirds of 10 rounds up to 7", "setting CAPUY_QUORUM_FRACTION (default 2/3)", 10, 7, False, 7, True),
    ("6 of 10 is not enough", "setting CAPUY_QUORUM_FRACTION (default 2/3)", 10, 6, False, 7, False),
    ("confidence vote of 30 needs 20", "Quy định 96-QĐ/TW", 30, 19, True, 20, False),
    ("nobody to count is never a quorum", "Điều lệ Đảng, Điều 9", 0, 0, False, 0, False),
]


@pytest.mark.parametrize(("case", "source", "base", "present", "confidence", "required", "reached"), QUORUM_CASES,
                         ids=[c[0] for c in QUORUM_CASES])
def test_quorum(case, source, base, present, confidence, required, reached):
    check = roll.quorum_check(base, present, confidence=confidence)
    assert (check.required, check.reached) == (required, reached), f"{case} ({source})"


def test_the_quorum_follows_the_setting_but_a_confidence_vote_always_needs_two_thirds(settings):
    settings.CAPUY_QUORUM_FRACTION = "1/2"
    assert roll.quorum_check(10, 5).reached
    assert roll.quorum_check(10, 5).fraction == Fraction(1, 2)
    assert not roll.quorum_check(30, 19, confidence=True).reached


@pytest.mark.parametrize("value", ["2/3", 0.5, Fraction(3, 4), "1"])
def test_one_reader_accepts_every_form_of_a_share(settings, value):
    settings.CAPUY_QUORUM_FRACTION = value
    assert 0 < roll.quorum_fraction() <= 1


@pytest.mark.parametrize("value", ["0", "3/2", "hai phần ba", -0.5, None])
def test_one_reader_refuses_a_share_that_is_not_one_naming_the_setting(settings, value):
    settings.CAPUY_QUORUM_FRACTION = value
    with pytest.raises(ImproperlyConfigured, match="CAPUY_QUORUM_FRACTION"):
        roll.quorum_fraction()
