from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from capuy.targets.entry import enter_result
from capuy.targets.models import Result, Target
from capuy.targets.periods import Period, PeriodKind

from .base import NINE_2023, TargetsTestCase, result


class EnteringResultsTests(TargetsTestCase):
    def refused(self, *args, **kwargs):
        with pytest.raises(ValidationError) as info:
            enter_result(self.ward_staff, self.ward, *args, **kwargs)
        assert Result.objects.count() == 0
        return " ".join(info.value.messages)

    def test_a_unit_enters_its_own_result_in_vietnamese_notation(self):
        saved = enter_result(self.ward_staff, self.ward, self.industry, NINE_2023, "1.234,5", submit=True)
        saved.refresh_from_db()
        assert saved.value == Decimal("1234.5") and saved.status == Result.Status.SUBMITTED
        assert saved.submitted_by == self.ward_staff and saved.submitted_at is not None

    def test_it_refuses_text_where_a_number_is_expected(self):
        assert "không phải là số" in self.refused(self.industry, NINE_2023, "nhiều")

    def test_it_refuses_a_value_in_another_unit(self):
        assert "khác với đơn vị" in self.refused(self.industry, NINE_2023, "12", unit="triệu đồng")

    def test_it_refuses_a_fraction_for_a_count_and_a_rate_above_100(self):
        assert "số nguyên" in self.refused(self.members, NINE_2023, "12,5")
        assert "từ 0 đến 100" in self.refused(self.disbursement, NINE_2023, "130")
        assert "không nhận số âm" in self.refused(self.members, NINE_2023, "-5")

    def test_it_refuses_an_indicator_the_unit_does_not_report(self):
        assert "không báo cáo chỉ tiêu NS" in self.refused(self.budget, NINE_2023, "10")

    def test_it_refuses_a_period_outside_the_term(self):
        message = self.refused(self.industry, Period(2027, PeriodKind.TERM), "10", term=self.term)
        assert "nằm ngoài nhiệm kỳ 2020–2025" in message
        assert "số quý" in self.refused(self.industry, Period(2023, PeriodKind.QUARTER, 5), "10").lower()

    def test_a_term_result_needs_its_term(self):
        assert "cần chọn nhiệm kỳ" in self.refused(self.industry, Period(2025, PeriodKind.TERM), "10")

    def test_a_target_outside_the_term_is_refused(self):
        target = Target(organization=self.district, indicator=self.budget, term=self.term, year=2027, value=1)
        with pytest.raises(ValidationError) as info:
            target.full_clean()
        assert "Năm 2027 nằm ngoài nhiệm kỳ 2020–2025." in info.value.messages

    def test_another_ward_and_a_superior_may_not_enter_a_wards_result(self):
        for user in (self.other_ward_staff, self.district_staff, self.committee_member):
            with pytest.raises(PermissionDenied):
                enter_result(user, self.ward, self.industry, NINE_2023, "10")
        assert Result.objects.count() == 0

    def test_an_approved_result_is_not_overwritten(self):
        approved = result(self.ward, self.industry, NINE_2023, 5, status=Result.Status.APPROVED)
        assert "đã được duyệt" in " ".join(pytest.raises(ValidationError, enter_result, self.ward_staff, self.ward,
                                                          self.industry, NINE_2023, "7").value.messages)
        approved.refresh_from_db()
        assert approved.value == 5
