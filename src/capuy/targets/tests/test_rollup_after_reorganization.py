"""A past year's roll-up keeps the cells that were in the subtree then, even after they were merged away."""

import datetime
from decimal import Decimal

from capuy.organizations import reorganization
from capuy.organizations.models import Organization
from capuy.targets import computations as calc

from .base import NINE_2023, TargetsTestCase, result


class RollupAfterReorganizationTests(TargetsTestCase):
    def test_a_ward_merged_out_of_the_district_still_counts_for_2023(self):
        result(self.cell, self.industry, NINE_2023, 600)
        outside = Organization.objects.create(parent=self.city, kind=Organization.Kind.GRASSROOTS,
                                              name="Đảng bộ phường Tây Hồ", valid_from=datetime.date(2025, 7, 1))
        reorganization.merge([self.ward], outside, datetime.date(2025, 7, 1))
        self.cell.refresh_from_db()
        assert not self.cell.is_within(self.district)
        assert calc.rollup(self.district, [self.industry], [NINE_2023])[(self.industry.pk, NINE_2023)] == Decimal(600)
        # The successor inherits the cell's past figures too.
        assert calc.rollup(outside, [self.industry], [NINE_2023])[(self.industry.pk, NINE_2023)] == Decimal(600)
