"""Parity cases of the targets actions (run by ``core/tests/test_action_parity.py``)."""

from django.urls import reverse

from capuy.core.tests.parity import Scenario
from capuy.targets import actions
from capuy.targets.models import Indicator


def add_indicator(t):
    fields = {"code": "DAN-SO", "name": "Dân số trung bình", "unit": "người", "value_type": "integer",
              "direction": "higher", "rollup": "sum", "group": "society"}
    url, path = reverse("targets:indicator_create", args=[t.district.pk]), ("post", "/targets/indicators/")
    page, api = {**fields, "don-vi": [t.ward.pk]}, {**fields, "organization_id": t.district.pk,
                                                     "reporter_ids": [t.ward.pk]}
    return [Scenario(t.committee_member, url, path, page, api, refused=actions.SETUP_REFUSED),
            Scenario(t.district_staff, url, path, page, api)]


def assign_target(t):
    indicator = Indicator.objects.create(code="THU-NS", name="Thu ngân sách", unit="tỷ đồng")
    url, path = reverse("targets:target_create", args=[t.district.pk]), ("post", "/targets/targets/")
    page = {"indicator": indicator.pk, "term": t.term.pk, "year": 2024, "value": "1300"}
    api = {"organization_id": t.district.pk, "indicator_id": indicator.pk, "term_id": t.term.pk, "year": 2024,
           "value": "1300"}
    outside = f"Năm 2030 nằm ngoài nhiệm kỳ {t.term.years}."
    return [Scenario(t.committee_member, url, path, page, api, refused=actions.SETUP_REFUSED),
            Scenario(t.district_staff, url, path, page, api),
            Scenario(t.district_staff, url, path, {**page, "year": 2030}, {**api, "year": 2030}, refused=outside)]


CASES = {f"targets.{f.__name__}": f for f in (add_indicator, assign_target)}
