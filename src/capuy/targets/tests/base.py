"""Test data for the targets app on top of the shared tree (Hà Nội › Tây Hồ › Quảng An, Nhật Tân)."""

import datetime
from decimal import Decimal

from django.utils import timezone

from capuy.accounts.models import ApiToken
from capuy.core.testing import CapuyTestCase
from capuy.organizations.models import Organization
from capuy.targets.models import Indicator, Result, Target
from capuy.targets.periods import Period, PeriodKind

Ind = Indicator
NINE_2023 = Period(2023, PeriodKind.NINE_MONTHS)
NINE_2022 = Period(2022, PeriodKind.NINE_MONTHS)


def result(organization, indicator, period, value, status=Result.Status.SUBMITTED, **extra):
    return Result.objects.create(organization=organization, indicator=indicator, year=period.year,
                                 period_kind=period.kind, period_number=period.number, value=Decimal(str(value)),
                                 status=status, **extra)


class TargetsTestCase(CapuyTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        wards = [cls.ward, cls.other_ward]
        cls.industry = Ind.objects.create(code="CN", name="Giá trị sản xuất công nghiệp ngoài quốc doanh",
                                        unit="tỷ đồng", rollup=Ind.Rollup.SUM, cumulative=True, order=1)
        cls.industry.reporters.set(wards)
        # A rate rolls up from its numerator and denominator (both amounts that add up).
        cls.disbursed = Ind.objects.create(code="VGN", name="Vốn đầu tư công đã giải ngân", unit="tỷ đồng", order=20)
        cls.planned = Ind.objects.create(code="VKH", name="Kế hoạch vốn đầu tư công", unit="tỷ đồng", order=21)
        cls.disbursement = Ind.objects.create(code="GN", name="Tỷ lệ giải ngân kế hoạch đầu tư công", unit="%",
                                            value_type=Ind.ValueType.PERCENT, rollup=Ind.Rollup.RATE,
                                            numerator=cls.disbursed, denominator=cls.planned, order=2,
                                            report_as=Ind.ReportAs.VALUE)
        cls.disbursement.reporters.set(wards)
        cls.members = Ind.objects.create(code="DV", name="Số đảng viên", unit="người", value_type=Ind.ValueType.INTEGER,
                                       group=Ind.Group.PARTY, order=1)
        cls.members.reporters.set(wards)
        cls.admitted = Ind.objects.create(code="KN", name="Tỷ lệ đảng viên được đánh giá", unit="%",
                                        value_type=Ind.ValueType.PERCENT, rollup=Ind.Rollup.WEIGHTED,
                                        weight=cls.members, group=Ind.Group.PARTY, order=2)
        cls.admitted.reporters.set(wards)
        cls.handbook = Ind.objects.create(code="ST", name="Chi bộ sử dụng sổ tay đảng viên điện tử", unit="có/không",
                                        value_type=Ind.ValueType.YES_NO, rollup=Ind.Rollup.SHARE, group=Ind.Group.PARTY,
                                        order=3)
        cls.handbook.reporters.set(wards)
        cls.budget = Ind.objects.create(code="NS", name="Thu ngân sách", report_name="thu ngân sách nhà nước",
                                      unit="tỷ đồng", cumulative=True, report_as=Ind.ReportAs.ACHIEVEMENT, order=3)
        cls.budget.reporters.set([cls.district])
        cls.target_year = Target.objects.create(organization=cls.district, indicator=cls.budget, term=cls.term,
                                                year=2023, value=Decimal("1200"))
        Target.objects.create(organization=cls.district, indicator=cls.budget, term=cls.term, value=Decimal("5000"))

    def token(self, user):
        _, key = ApiToken.issue(user)
        return {"Authorization": f"Bearer {key}"}

    def api(self, method, url, user=None, data=None):
        headers = self.token(user) if user is not None else {}
        return getattr(self.client, method)(url, data=data, content_type="application/json", headers=headers)


def deadline(days):
    return timezone.now() + datetime.timedelta(days=days)


__all__ = ["TargetsTestCase", "result", "NINE_2023", "NINE_2022", "Organization", "deadline"]
