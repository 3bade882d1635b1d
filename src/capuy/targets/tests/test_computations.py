from decimal import Decimal

from django.test import override_settings

from capuy.targets import computations as calc
from capuy.targets.models import Indicator
from capuy.targets.periods import Period, PeriodKind

D = Indicator.Direction


def test_achievement_higher_is_better_is_value_over_target():
    assert calc.achievement(1350, 1200) == Decimal("112.5")


def test_achievement_lower_is_better_is_target_over_value():
    assert calc.achievement(5, 4, D.LOWER) == Decimal("80.0")
    assert calc.achievement(0, 4, D.LOWER) == Decimal("200.0")


def test_achievement_reach_exactly_loses_the_relative_gap():
    assert calc.achievement(90, 100, D.EXACT) == Decimal("90.0")
    assert calc.achievement(110, 100, D.EXACT) == Decimal("90.0")
    assert calc.achievement(300, 100, D.EXACT) == Decimal("0")


def test_achievement_is_none_without_a_target():
    assert calc.achievement(10, None) is None and calc.achievement(10, 0) is None


def test_change_over_the_same_period_matches_the_samples():
    assert calc.change_over_same_period(Decimal("1140"), Decimal("1000")) == Decimal("14.0")
    assert calc.change_over_same_period(Decimal("1203"), Decimal("1000")) == Decimal("20.3")
    assert calc.change_over_same_period(90, 100) == Decimal("-10.0")
    assert calc.change_over_same_period(90, 0) is None and calc.change_over_same_period(None, 5) is None


def test_share_of_term_target_adds_up_cumulative_years():
    reached = calc.reached_in_term({2021: Decimal(1000), 2022: Decimal(1100), 2023: None}, cumulative=True)
    assert reached == Decimal(2100)
    assert calc.share_of_term_target(reached, 5000) == Decimal("42.0")


def test_share_of_term_target_takes_the_latest_year_of_a_level_indicator():
    assert calc.reached_in_term({2021: Decimal(60), 2023: Decimal(80)}, cumulative=False) == Decimal(80)
    assert calc.share_of_term_target(None, 100) is None


def test_rank_counts_strictly_better_peers_and_shares_ties():
    assert str(calc.rank_among(7, [9, 8, 8, 7, 1, 2])) == "4/6"
    assert str(calc.rank_among(8, [9, 8, 8, 7])) == "2/4"
    assert str(calc.rank_among(2, [9, 8, 2, 1], D.LOWER)) == "2/4"
    assert calc.rank_among(5, [5, 6], D.EXACT) is None and calc.rank_among(None, [1]) is None


def test_status_uses_the_default_thresholds():
    assert calc.progress_status(Decimal(100)) == calc.Status.ON_TRACK
    assert calc.progress_status(Decimal(95)) == calc.Status.AT_RISK
    assert calc.progress_status(Decimal("89.9")) == calc.Status.OFF_TRACK
    assert calc.progress_status(None) == calc.Status.NO_TARGET


@override_settings(CAPUY_TARGETS_ON_TRACK=95, CAPUY_TARGETS_AT_RISK=80)
def test_status_thresholds_are_settings():
    assert calc.progress_status(Decimal(95)) == calc.Status.ON_TRACK
    assert calc.progress_status(Decimal(85)) == calc.Status.AT_RISK


def test_target_for_a_part_of_the_year_is_pro_rata_for_cumulative_indicators():
    cumulative = Indicator(code="NS", cumulative=True)
    level = Indicator(code="GN", cumulative=False)
    targets = {(2023, "", 0): Decimal(1200), (None, "", 0): Decimal(5000), (2023, "quarter", 4): Decimal(333)}
    nine = Period(2023, PeriodKind.NINE_MONTHS)
    assert calc.target_for_period(cumulative, nine, targets) == Decimal(900)
    assert calc.target_for_period(level, nine, targets) == Decimal(1200)
    assert calc.target_for_period(cumulative, Period(2023, PeriodKind.QUARTER, 4), targets) == Decimal(333)
    assert calc.target_for_period(cumulative, Period(2025, PeriodKind.TERM), targets) == Decimal(5000)
    assert calc.target_for_period(cumulative, Period(2024, PeriodKind.YEAR), targets) is None


def test_combine_applies_each_rollup_method():
    row = {"n": 4, "total": Decimal(10), "mean": Decimal("2.5"), "reached": 3, "weighted": Decimal(50),
           "weight_total": Decimal(20)}
    R = Indicator.Rollup
    assert calc.combine(Indicator(rollup=R.SUM), row) == Decimal(10)
    assert calc.combine(Indicator(rollup=R.AVERAGE), row) == Decimal("2.5")
    assert calc.combine(Indicator(rollup=R.SHARE), row) == Decimal("75.0")
    assert calc.combine(Indicator(rollup=R.WEIGHTED), row) == Decimal("2.5")
    assert calc.combine(Indicator(rollup=R.NONE), row) is None
