from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from capuy.members import rules
from capuy.members.models import Level, RatingRules

DEFAULTS = RatingRules()


@pytest.mark.parametrize(("score", "level"), [
    (100, Level.EXCELLENT), (90, Level.EXCELLENT), (Decimal("89.99"), Level.GOOD), (70, Level.GOOD),
    (69, Level.DONE), (50, Level.DONE), (Decimal("49.5"), Level.NOT_DONE), (0, Level.NOT_DONE),
])
def test_score_bands_follow_the_defaults(score, level):
    assert rules.band_level(score, DEFAULTS) == level


@pytest.mark.parametrize("score", [-1, 101])
def test_a_score_outside_the_100_point_scale_is_refused(score):
    with pytest.raises(ValidationError, match="thang điểm 100"):
        rules.band_level(score, DEFAULTS)


def test_excellent_needs_every_task_done_and_30_percent_beyond():
    assert rules.excellent_conditions_met(True, 30, DEFAULTS)
    assert not rules.excellent_conditions_met(False, 50, DEFAULTS)
    assert not rules.excellent_conditions_met(True, 29, DEFAULTS)


def test_an_excellent_score_without_the_conditions_implies_good():
    assert rules.implied_level(95, True, 40, DEFAULTS) == Level.EXCELLENT
    assert rules.implied_level(95, True, 10, DEFAULTS) == Level.GOOD
    assert rules.implied_level(60, True, 40, DEFAULTS) == Level.DONE


def test_a_level_above_the_band_is_refused_and_a_lower_one_allowed():
    with pytest.raises(ValidationError, match="không khớp với 85 điểm"):
        rules.check_level_within_band(Level.EXCELLENT, 85, True, 40, DEFAULTS)
    rules.check_level_within_band(Level.GOOD, 95, True, 40, DEFAULTS)


def test_the_bands_are_settings():
    custom = RatingRules(excellent_min=95, good_min=80, done_min=60, excellent_beyond_share_min=0)
    assert rules.band_level(92, custom) == Level.GOOD
    assert rules.band_level(79, custom) == Level.DONE
    assert rules.implied_level(96, True, 0, custom) == Level.EXCELLENT


def test_bands_that_do_not_increase_are_refused():
    with pytest.raises(ValidationError, match="tăng dần"):
        RatingRules(excellent_min=70, good_min=80, done_min=50).clean()


# Quy định 366-QĐ/TW: excellent ≤ 20% of the members rated good or better in a grassroots organization;
# "không vượt quá" bounds the share, so the count is rounded down.
ALLOWED_CASES = [(0, 0), (4, 0), (5, 1), (9, 1), (10, 2), (14, 2), (15, 3), (100, 20)]


@pytest.mark.parametrize(("good_or_better", "allowed"), ALLOWED_CASES)
def test_excellent_allowed_is_twenty_percent_of_good_or_better_rounded_down(good_or_better, allowed):
    assert rules.excellent_allowed(good_or_better, DEFAULTS) == allowed


# (excellent, good, open, accepted) with the default rules: 20% of good or better.
QUOTA_CASES = [
    (2, 8, 0, True),    # 10 rated good or better → 2 excellent
    (3, 7, 0, False),
    (1, 4, 0, True),    # a unit of 5 can have one
    (1, 3, 0, False),   # 1 of 4 is 25%
    (1, 0, 9, True),    # the first "Xuất sắc" decided before any "Tốt": 9 still to decide
    (2, 0, 8, True),
    (3, 0, 7, False),   # no decisions on the 7 left can make room for a third
    (0, 0, 0, True),
]


@pytest.mark.parametrize(("excellent", "good", "open_good", "accepted"), QUOTA_CASES)
def test_the_quota_is_checked_on_the_set_of_decisions(excellent, good, open_good, accepted):
    if accepted:
        rules.check_quota(excellent, good, DEFAULTS, open_good=open_good)
    else:
        with pytest.raises(ValidationError, match="Quy định 366-QĐ/TW"):
            rules.check_quota(excellent, good, DEFAULTS, open_good=open_good)


def test_the_refusal_names_the_rule_the_unit_and_the_numbers():
    with pytest.raises(ValidationError) as exc:
        rules.check_quota(3, 7, DEFAULTS, unit_name="Đảng bộ phường Quảng An")
    assert exc.value.messages[0] == (
        "Vượt tỷ lệ Hoàn thành xuất sắc nhiệm vụ tại Đảng bộ phường Quảng An: 3 đảng viên xuất sắc, trong khi tối "
        "đa 20% của 10 đảng viên hoàn thành tốt nhiệm vụ trở lên là 2. (Quy định 366-QĐ/TW: số đảng viên Hoàn "
        "thành xuất sắc nhiệm vụ không vượt quá 20% số đảng viên hoàn thành tốt nhiệm vụ trở lên trong tổ chức "
        "cơ sở đảng.)")


def test_the_quota_can_be_switched_off_or_changed():
    rules.check_quota(5, 5, RatingRules(quota_enabled=False))
    rules.check_quota(3, 7, RatingRules(quota_percent=30))
    # The denominator is a setting too: of the members rated good only (excellent not counted).
    good_only = RatingRules(quota_base=RatingRules.QuotaBase.GOOD)
    rules.check_quota(2, 10, good_only)
    with pytest.raises(ValidationError, match="20% của 8 đảng viên hoàn thành tốt nhiệm vụ là 1"):
        rules.check_quota(2, 8, good_only)


def test_criteria_are_passed_only_when_all_are_met():
    assert rules.criteria_passed([1, 2, 3, 4], [1, 2, 3, 4])
    assert not rules.criteria_passed([1, 2, 3, 4], [1, 2, 3])
    assert not rules.criteria_passed([], [])
