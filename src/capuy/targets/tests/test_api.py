from decimal import Decimal

from capuy.targets.models import Indicator, Result

from .base import NINE_2022, NINE_2023, TargetsTestCase, result


class ResultApiTests(TargetsTestCase):
    def post_result(self, user, **data):
        payload = {"organization_id": self.ward.pk, "indicator_id": self.industry.pk, "period_kind": "9m",
                   "year": 2023, "value": "600", **data}
        return self.api("post", "/api/targets/results/", user, payload)

    def test_a_ward_enters_its_own_result(self):
        response = self.post_result(self.ward_staff, submit=True)
        assert response.status_code == 201, response.content
        assert response.json()["status"] == "submitted"
        assert Result.objects.get().value == Decimal(600)

    def test_anonymous_requests_are_refused(self):
        assert self.post_result(None).status_code == 401
        assert self.api("get", "/api/targets/results/").status_code == 401
        assert Result.objects.count() == 0

    def test_it_refuses_staff_of_another_ward(self):
        assert self.post_result(self.other_ward_staff).status_code == 404
        own = result(self.ward, self.industry, NINE_2023, 600)
        assert self.api("get", f"/api/targets/results/{own.pk}/", self.other_ward_staff).status_code == 404
        listed = self.api("get", "/api/targets/results/", self.other_ward_staff).json()
        assert listed == []

    def test_superiors_read_and_approve_but_do_not_enter(self):
        assert self.post_result(self.district_staff).status_code == 403
        own = result(self.ward, self.industry, NINE_2023, 600)
        assert self.api("get", f"/api/targets/results/{own.pk}/", self.committee_member).status_code == 200
        assert self.api("post", f"/api/targets/results/{own.pk}/approve", self.committee_member, {}).status_code == 403
        assert self.api("post", f"/api/targets/results/{own.pk}/approve", self.ward_staff, {}).status_code == 403
        response = self.api("post", f"/api/targets/results/{own.pk}/approve", self.district_staff, {"publish": True})
        assert response.status_code == 200 and response.json()["status"] == "approved"
        own.refresh_from_db()
        assert own.approved_by == self.district_staff and own.published

    def test_published_results_are_readable_by_other_units(self):
        own = result(self.ward, self.industry, NINE_2023, 600, published=True)
        result(self.ward, self.industry, NINE_2022, 500)
        listed = self.api("get", "/api/targets/results/", self.other_ward_staff).json()
        assert [r["id"] for r in listed] == [own.pk]

    def test_bad_input_gets_a_vietnamese_message_and_saves_nothing(self):
        cases = [({"value": "abc"}, "không phải là số"),
                 ({"unit": "triệu đồng"}, "khác với đơn vị"),
                 ({"indicator_id": self.budget.pk}, "không báo cáo chỉ tiêu"),
                 ({"period_kind": "term", "year": 2027, "term_id": self.term.pk}, "nằm ngoài nhiệm kỳ"),
                 ({"period_kind": "fortnight"}, "không hợp lệ")]
        for data, message in cases:
            response = self.post_result(self.ward_staff, **data)
            assert response.status_code == 400, (data, response.content)
            assert message in response.json()["detail"] + str(response.json()["errors"])
        assert Result.objects.count() == 0

    def test_targets_are_set_by_the_office_and_refused_to_others(self):
        data = {"organization_id": self.district.pk, "indicator_id": self.budget.pk, "term_id": self.term.pk,
                "year": 2024, "value": "1300"}
        assert self.api("post", "/api/targets/targets/", self.committee_member, data).status_code == 403
        assert self.api("post", "/api/targets/targets/", self.ward_staff, data).status_code == 404
        assert self.api("post", "/api/targets/targets/", self.district_staff, data).status_code == 201
        bad = self.api("post", "/api/targets/targets/", self.district_staff, {**data, "year": 2030})
        assert bad.status_code == 400 and "nằm ngoài nhiệm kỳ" in bad.json()["detail"]

    def test_indicators_are_created_by_the_office_managing_their_reporters(self):
        data = {"code": "MOI", "name": "Chỉ tiêu mới", "unit": "người", "reporter_ids": [self.ward.pk]}
        refused = self.api("post", "/api/targets/indicators/", self.other_ward_staff, data)
        assert refused.status_code == 400 and f"có mã {self.ward.pk}" in str(refused.json())  # not theirs to name
        assert self.api("post", "/api/targets/indicators/", self.committee_member, data).status_code == 403
        assert not Indicator.objects.filter(code="MOI").exists()
        assert self.api("post", "/api/targets/indicators/", self.district_staff, data).status_code == 201
        assert len(self.api("get", "/api/targets/indicators/", self.ward_staff).json()) == 9  # 6 + 2 rate parts + new

    def test_an_indicator_without_its_organization_belongs_to_the_lowest_above_all_reporters(self):
        data = {"code": "HAI", "name": "Chỉ tiêu hai phường", "unit": "người",
                "reporter_ids": [self.ward.pk, self.other_ward.pk]}
        assert self.api("post", "/api/targets/indicators/", self.ward_staff, data).status_code == 400  # another ward
        assert self.api("post", "/api/targets/indicators/", self.district_staff, data).status_code == 201
        assert set(Indicator.objects.get(code="HAI").reporters.all()) == {self.ward, self.other_ward}
        outside = {**data, "code": "BA", "organization_id": self.ward.pk}
        response = self.api("post", "/api/targets/indicators/", self.district_staff, outside)
        assert response.status_code == 400 and not Indicator.objects.filter(code="BA").exists()

    def test_the_dashboard_endpoint_returns_computed_values(self):
        result(self.ward, self.industry, NINE_2023, 600)
        result(self.other_ward, self.industry, NINE_2023, 540)
        result(self.ward, self.industry, NINE_2022, 500)
        result(self.other_ward, self.industry, NINE_2022, 500)
        result(self.district, self.budget, NINE_2023, 1080)
        data = self.api("get", f"/api/targets/organizations/{self.district.pk}/dashboard?period=2023-9m",
                        self.committee_member).json()
        rows = {r["code"]: r for r in data["rows"]}
        assert Decimal(rows["CN"]["value"]) == 1140 and rows["CN"]["source"] == "rollup"
        assert Decimal(rows["CN"]["change_percent"]) == Decimal("14.0")
        assert Decimal(rows["NS"]["achievement_percent"]) == Decimal("120.0")  # 1080 / (1200 × 9/12)
        assert rows["NS"]["status"] == "on_track"
        ward = self.api("get", f"/api/targets/organizations/{self.ward.pk}/dashboard?period=2023-9m",
                        self.ward_staff).json()
        assert {r["code"]: r for r in ward["rows"]}["CN"]["rank"] == "1/2"
        assert self.api("get", f"/api/targets/organizations/{self.district.pk}/dashboard?period=2023-9m",
                        self.ward_staff).status_code == 404

    def test_the_review_endpoint_returns_the_paragraph(self):
        result(self.ward, self.industry, NINE_2023, 570)
        result(self.ward, self.industry, NINE_2022, 500)
        data = self.api("get", f"/api/targets/organizations/{self.district.pk}/review?period=2023-9m",
                        self.district_staff).json()
        assert data["paragraph"].startswith("Giá trị sản xuất công nghiệp ngoài quốc doanh tăng 14%")
