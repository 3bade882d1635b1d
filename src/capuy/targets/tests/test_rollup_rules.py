"""How an indicator rolls up: amounts add up; an indicator in % is recomputed from its numerator and
denominator, averaged with weights, or not rolled up, and never summed ("đạt 270%")."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from capuy.targets import computations as calc
from capuy.targets.forms import IndicatorForm
from capuy.targets.models import Indicator

from .base import NINE_2023, TargetsTestCase, result

R, V = Indicator.Rollup, Indicator.ValueType

# (case, fields, refused field or None)
ROLLUP_CASES = [
    ("an amount sums", {"unit": "tỷ đồng", "rollup": R.SUM}, None),
    ("a count sums", {"unit": "người", "value_type": V.INTEGER, "rollup": R.SUM}, None),
    ("a % indicator summed is refused", {"unit": "%", "value_type": V.PERCENT, "rollup": R.SUM}, "rollup"),
    ("a number in % summed is refused", {"unit": "%", "rollup": R.SUM}, "rollup"),
    ("a % indicator averaged plainly is refused", {"unit": "%", "value_type": V.PERCENT, "rollup": R.AVERAGE}, "rollup"),
    ("a % indicator as a share of units is refused", {"unit": "%", "value_type": V.PERCENT, "rollup": R.SHARE}, "rollup"),
    ("a % indicator not rolled up", {"unit": "%", "value_type": V.PERCENT, "rollup": R.NONE}, None),
    ("a rate from numerator and denominator", {"unit": "%", "value_type": V.PERCENT, "rollup": R.RATE,
                                               "numerator": "num", "denominator": "den"}, None),
    ("a rate without a denominator is refused", {"unit": "%", "value_type": V.PERCENT, "rollup": R.RATE,
                                                 "numerator": "num"}, "numerator"),
    ("a rate over itself is refused", {"unit": "%", "value_type": V.PERCENT, "rollup": R.RATE,
                                       "numerator": "num", "denominator": "num"}, "denominator"),
    ("a rate over a % is refused", {"unit": "%", "value_type": V.PERCENT, "rollup": R.RATE,
                                    "numerator": "num", "denominator": "pct"}, "denominator"),
    ("a rate for an amount is refused", {"unit": "tỷ đồng", "rollup": R.RATE,
                                         "numerator": "num", "denominator": "den"}, "rollup"),
    ("a weighted % indicator", {"unit": "%", "value_type": V.PERCENT, "rollup": R.WEIGHTED, "weight": "den"}, None),
    ("a weighted average without a weight is refused", {"unit": "%", "value_type": V.PERCENT, "rollup": R.WEIGHTED},
     "weight"),
    ("a weight in % is refused", {"unit": "%", "value_type": V.PERCENT, "rollup": R.WEIGHTED, "weight": "pct"},
     "weight"),
    ("a cumulative % indicator is refused", {"unit": "%", "value_type": V.PERCENT, "rollup": R.NONE,
                                             "cumulative": True}, "cumulative"),
]


class RollupRuleTests(TargetsTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.parts = {
            "num": Indicator.objects.create(code="HDV", name="Số hộ đạt gia đình văn hóa", unit="hộ"),
            "den": Indicator.objects.create(code="TSH", name="Tổng số hộ", unit="hộ"),
            "pct": Indicator.objects.create(code="TLX", name="Tỷ lệ", unit="%", value_type=V.PERCENT, rollup=R.NONE),
        }

    def build(self, fields):
        fields = {k: (self.parts[v] if k in ("numerator", "denominator", "weight") else v) for k, v in fields.items()}
        return Indicator(code="X1", name="Chỉ tiêu thử", **fields)

    def test_each_rollup_is_accepted_or_refused_by_the_rule(self):
        for case, fields, refused in ROLLUP_CASES:
            with self.subTest(case):
                indicator = self.build(fields)
                if refused is None:
                    indicator.full_clean()
                else:
                    with pytest.raises(ValidationError) as exc:
                        indicator.full_clean()
                    assert refused in exc.value.message_dict

    def test_the_refusal_of_a_summed_percentage_explains_the_rule_in_vietnamese(self):
        with pytest.raises(ValidationError) as exc:
            self.build({"unit": "%", "value_type": V.PERCENT, "rollup": R.SUM}).full_clean()
        assert exc.value.message_dict["rollup"] == [
            "Chỉ tiêu tính bằng % không được tổng hợp theo cách “Cộng tổng” (tỷ lệ không cộng dồn, không lấy trung "
            "bình cộng): chọn “Tỷ lệ tính lại từ tử số và mẫu số”, “Trung bình có trọng số”, “Không tổng hợp”."]

    def test_the_form_refuses_a_percentage_without_a_rate_rule(self):
        data = {"code": "X2", "name": "Tỷ lệ hộ nghèo", "unit": "%", "value_type": V.PERCENT, "direction": "lower",
                "rollup": R.SUM, "share_threshold": "1", "group": "society", "report_as": "value", "order": 0}
        form = IndicatorForm(data)
        assert not form.is_valid() and "rollup" in form.errors
        data.update(rollup=R.RATE, numerator=self.parts["num"].pk, denominator=self.parts["den"].pk)
        form = IndicatorForm(data)
        assert form.is_valid(), form.errors

    def test_the_api_refuses_a_percentage_without_a_rate_rule_and_saves_nothing(self):
        payload = {"code": "X3", "name": "Tỷ lệ hộ nghèo", "unit": "%", "value_type": "percent",
                   "reporter_ids": [self.ward.pk]}
        response = self.api("post", "/api/targets/indicators/", self.ward_staff, payload)
        assert response.status_code == 400
        assert "không được tổng hợp" in response.json()["detail"]
        assert not Indicator.objects.filter(code="X3").exists()
        payload.update(rollup="rate", numerator_id=self.parts["num"].pk, denominator_id=self.parts["den"].pk)
        response = self.api("post", "/api/targets/indicators/", self.ward_staff, payload)
        assert response.status_code == 201, response.content
        assert response.json()["numerator_id"] == self.parts["num"].pk

    def test_three_wards_at_80_90_100_percent_never_make_270(self):
        third = self.ward.__class__.objects.create(parent=self.district, kind=self.ward.kind, name="Đảng bộ phường Bưởi")
        wards = [self.ward, self.other_ward, third]
        # A legacy record saved before the rule (no validation): summed, it would say 270%.
        legacy = Indicator.objects.create(code="OLD", name="Tỷ lệ cũ", unit="%", value_type=V.PERCENT, rollup=R.SUM)
        rate = Indicator.objects.create(code="NEW", name="Tỷ lệ hộ gia đình văn hóa", unit="%", value_type=V.PERCENT,
                                        rollup=R.RATE, numerator=self.parts["num"], denominator=self.parts["den"])
        for ward, pct, households in zip(wards, (80, 90, 100), (1000, 3000, 1000), strict=True):
            result(ward, legacy, NINE_2023, pct)
            result(ward, rate, NINE_2023, pct)
            result(ward, self.parts["num"], NINE_2023, households * pct // 100)
            result(ward, self.parts["den"], NINE_2023, households)
        rolled = calc.rollup(self.district, [legacy, rate], [NINE_2023])
        assert (legacy.pk, NINE_2023) not in rolled
        # (800 + 2700 + 1000) / 5000 = 90%
        assert rolled[(rate.pk, NINE_2023)] == Decimal("90.0")


@pytest.mark.parametrize(("numerator", "denominator", "expected"), [
    (130, 200, Decimal("65.0")), (0, 10, Decimal("0.0")), (1, 3, Decimal("33.3")), (5, 0, None), (None, 5, None),
])
def test_rate_is_the_total_of_the_numerator_over_the_total_of_the_denominator(numerator, denominator, expected):
    assert calc.rate(numerator, denominator) == expected
