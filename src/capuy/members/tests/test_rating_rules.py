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


def test_the_quota_allows_twenty_percent_of_good():
    rules.check_quota(2, 10, DEFAULTS)
    with pytest.raises(ValidationError) as exc:
        rules.check_quota(3, 10, DEFAULTS, unit_name="Đảng bộ phường Quảng An")
    message = exc.value.messages[0]
    assert "3 đảng viên xuất sắc" in message and "20% của 10" in message and "là 2" in message
    assert "Đảng bộ phường Quảng An" in message


def test_the_quota_can_be_switched_off_or_changed():
    rules.check_quota(5, 10, RatingRules(quota_enabled=False))
    rules.check_quota(3, 10, RatingRules(quota_percent=30))


def test_criteria_are_passed_only_when_all_are_met():
    assert rules.criteria_passed([1, 2, 3, 4], [1, 2, 3, 4])
    assert not rules.criteria_passed([1, 2, 3, 4], [1, 2, 3])
    assert not rules.criteria_passed([], [])
