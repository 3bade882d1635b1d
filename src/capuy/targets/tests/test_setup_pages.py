"""The office adds indicators and sets term and annual targets from pages (before: the API only)."""

from django.urls import reverse

from capuy.core.testing import CapuyTestCase
from capuy.targets.models import Indicator, Target


class SetupPageTests(CapuyTestCase):
    def indicator(self, **extra):
        data = {"code": "TTKT", "name": "Tốc độ tăng trưởng kinh tế", "unit": "%", "value_type": "percent",
                "direction": "higher", "rollup": "none", "group": "economy", "don-vi": [str(self.district.pk)]}
        data.update(extra)
        return self.client.post(reverse("targets:indicator_create", args=[self.district.pk]), data)

    def target(self, indicator, **extra):
        data = {"indicator": indicator.pk, "term": self.term.pk, "year": "", "value": "8,5",
                "source": "Nghị quyết Đại hội lần thứ VI"}
        data.update(extra)
        return self.client.post(reverse("targets:target_create", args=[self.district.pk]), data)

    def test_the_office_adds_an_indicator_and_sets_term_and_annual_targets(self):
        self.login(self.district_staff)
        self.assertContains(self.client.get(reverse("targets:dashboard", args=[self.district.pk])), "Thêm chỉ tiêu")
        self.assertRedirects(self.indicator(), reverse("targets:dashboard", args=[self.district.pk]))
        indicator = Indicator.objects.get(code="TTKT")
        self.assertEqual(list(indicator.reporters.all()), [self.district])
        self.target(indicator)
        self.target(indicator, year="2023", value="7")
        targets = {t.year: t.value for t in Target.objects.filter(indicator=indicator)}
        self.assertEqual(targets[None], 8.5)
        self.assertEqual(targets[2023], 7)

    def test_bad_input_is_refused_kept_and_saves_nothing(self):
        self.login(self.district_staff)
        response = self.indicator(unit="tỷ đồng", name="Tăng trưởng")
        self.assertContains(response, "phải có đơn vị tính là %", status_code=400)
        self.assertContains(response, 'value="Tăng trưởng"', status_code=400)
        self.assertFalse(Indicator.objects.exists())
        self.indicator()
        indicator = Indicator.objects.get()
        response = self.target(indicator, year="2030")
        self.assertContains(response, "Năm 2030 nằm ngoài nhiệm kỳ", status_code=400)
        self.assertContains(response, 'value="2030"', status_code=400)
        self.assertContains(self.target(indicator, value="nhiều"), "", status_code=400)
        self.assertFalse(Target.objects.exists())

    def test_a_unit_outside_the_subtree_is_refused_as_reporter(self):
        self.login(self.ward_staff)
        response = self.client.post(reverse("targets:indicator_create", args=[self.ward.pk]), {
            "code": "DV", "name": "Số đảng viên mới", "unit": "người", "value_type": "integer", "direction": "higher",
            "rollup": "sum", "group": "party", "don-vi": [str(self.other_ward.pk)]})
        self.assertEqual(response.status_code, 400)
        self.assertFalse(Indicator.objects.exists())

    def test_it_refuses_staff_of_another_ward_a_committee_member_a_party_member_and_anonymous(self):
        for user, status in ((self.other_ward_staff, 404), (self.committee_member, 403), (self.party_member, 404)):
            self.login(user)
            self.assertEqual(self.indicator().status_code, status, user)
        self.client.logout()
        self.assertEqual(self.indicator().status_code, 302)
        self.assertFalse(Indicator.objects.exists())
