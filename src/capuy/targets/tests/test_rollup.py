from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext

from capuy.organizations.models import Organization
from capuy.targets import computations as calc
from capuy.targets.models import Result

from .base import NINE_2022, NINE_2023, TargetsTestCase, result


class RollupTests(TargetsTestCase):
    def setUp(self):
        result(self.ward, self.industry, NINE_2023, 600)
        result(self.other_ward, self.industry, NINE_2023, 540)
        result(self.ward, self.disbursement, NINE_2023, 80)
        result(self.other_ward, self.disbursement, NINE_2023, 60)
        result(self.ward, self.disbursed, NINE_2023, 40)  # 40 of 50: 80%
        result(self.ward, self.planned, NINE_2023, 50)
        result(self.other_ward, self.disbursed, NINE_2023, 90)  # 90 of 150: 60%
        result(self.other_ward, self.planned, NINE_2023, 150)
        result(self.ward, self.members, NINE_2023, 300)
        result(self.other_ward, self.members, NINE_2023, 100)
        result(self.ward, self.admitted, NINE_2023, 90)
        result(self.other_ward, self.admitted, NINE_2023, 50)
        result(self.ward, self.handbook, NINE_2023, 1)
        result(self.other_ward, self.handbook, NINE_2023, 0)

    def rolled(self, root, indicator, period=NINE_2023):
        return calc.rollup(root, [indicator], [period]).get((indicator.pk, period))

    def test_sum_adds_up_the_subtree(self):
        assert self.rolled(self.district, self.industry) == Decimal(1140)
        assert self.rolled(self.city, self.industry) == Decimal(1140)

    def test_a_rate_is_recomputed_from_numerator_and_denominator(self):
        # (40 + 90) / (50 + 150) × 100 = 65, not the average 70 nor the sum 140.
        assert self.rolled(self.district, self.disbursement) == Decimal("65.0")
        assert self.rolled(self.city, self.disbursement) == Decimal("65.0")
        by_ward = calc.rollup_by_child(self.district, [self.disbursement], [NINE_2023])
        assert by_ward[(self.ward.path, self.disbursement.pk, NINE_2023)] == Decimal(80)
        by_district = calc.rollup_by_child(self.city, [self.disbursement], [NINE_2023])
        assert by_district == {(self.district.path, self.disbursement.pk, NINE_2023): Decimal("65.0")}

    def test_a_rate_without_a_denominator_has_no_rollup(self):
        Result.objects.filter(indicator=self.planned).delete()
        assert self.rolled(self.district, self.disbursement) is None

    def test_weighted_average_and_share(self):
        # (90 × 300 + 50 × 100) / 400 = 80
        assert self.rolled(self.district, self.admitted) == Decimal("80.0")
        assert self.rolled(self.district, self.handbook) == Decimal("50.0")

    def test_drafts_do_not_count(self):
        Result.objects.filter(organization=self.other_ward, indicator=self.industry).update(
            status=Result.Status.DRAFT)
        assert self.rolled(self.district, self.industry) == Decimal(600)

    def test_a_period_without_results_has_no_rollup(self):
        assert self.rolled(self.district, self.industry, NINE_2022) is None

    def test_each_child_gets_its_own_figure_or_its_subtree_rollup(self):
        by_child = calc.rollup_by_child(self.city, [self.industry], [NINE_2023])
        assert by_child == {(self.district.path, self.industry.pk, NINE_2023): Decimal(1140)}
        by_ward = calc.rollup_by_child(self.district, [self.industry, self.admitted], [NINE_2023])
        assert by_ward[(self.ward.path, self.industry.pk, NINE_2023)] == Decimal(600)
        assert by_ward[(self.other_ward.path, self.admitted.pk, NINE_2023)] == Decimal(50)

    def count_queries(self):
        indicators = [self.industry, self.disbursement, self.admitted, self.handbook]
        city = Organization.objects.get(pk=self.city.pk)  # as a request loads it
        with CaptureQueriesContext(connection) as ctx:
            calc.rollup(city, indicators, [NINE_2023, NINE_2022])
            calc.rollup_by_child(city, indicators, [NINE_2023])
        return len(ctx.captured_queries)

    def test_the_query_count_does_not_grow_with_the_number_of_units(self):
        before = self.count_queries()
        for n in range(8):
            ward = Organization.objects.create(parent=self.district, kind=Organization.Kind.GRASSROOTS,
                                               name=f"Đảng bộ phường thử {n}")
            for indicator in (self.industry, self.disbursement, self.members, self.admitted, self.handbook):
                indicator.reporters.add(ward)
                result(ward, indicator, NINE_2023, 1)
        assert self.count_queries() == before
        assert self.rolled(self.district, self.industry) == Decimal(1148)
