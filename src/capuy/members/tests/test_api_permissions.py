import json

from capuy.members.models import Level, Opinion, RatingCampaign, StatusChange, Transfer
from capuy.members.tests.base import D, MembersTestCase


class MemberApiPermissionTests(MembersTestCase):
    def get(self, url):
        return self.client.get(f"/api/members/{url}")

    def post(self, url, data):
        return self.client.post(f"/api/members/{url}", json.dumps(data), content_type="application/json")

    def test_anonymous_visitors_are_refused(self):
        assert self.get("").status_code == 401

    def test_a_member_sees_their_own_record_only(self):
        self.login(self.party_member)
        listed = [m["id"] for m in self.get("").json()]
        assert listed == [self.member.pk]
        assert self.get(f"{self.member.pk}/").status_code == 200
        assert self.get("me/").json()["full_name"] == "Vũ Thị Lan"
        assert self.get(f"{self.neighbour.party_member.pk}/").status_code == 404
        assert self.get(f"{self.secretary_person.party_member.pk}/").status_code == 404

    def test_a_cell_secretary_sees_their_cell_and_not_the_next_one(self):
        self.login(self.cell_secretary)
        assert self.get(f"{self.member.pk}/").status_code == 200
        assert self.get(f"{self.neighbour.party_member.pk}/").status_code == 404
        listed = {m["full_name"] for m in self.get("").json()}
        assert "Vũ Thị Lan" in listed and "Lý Thị Mai" not in listed

    def test_a_cell_secretary_may_read_but_not_change_a_record(self):
        self.login(self.cell_secretary)
        response = self.post(f"{self.member.pk}/statuses/", {"status": "exempt", "date": "2023-01-01"})
        assert response.status_code == 403
        assert not StatusChange.objects.exists()

    def test_office_staff_see_their_subtree_only(self):
        self.login(self.ward_staff)
        assert self.get(f"{self.neighbour.party_member.pk}/").status_code == 200
        assert self.get(f"{self.far_member.party_member.pk}/").status_code == 404
        self.login(self.other_ward_staff)
        assert self.get(f"{self.member.pk}/").status_code == 404

    def test_office_staff_record_a_status_and_the_flags_follow(self):
        self.login(self.ward_staff)
        response = self.post(f"{self.member.pk}/statuses/", {"status": "suspended", "date": "2023-01-01"})
        assert response.status_code == 201
        assert self.get(f"{self.member.pk}/").json()["suspended"] is True

    def test_a_bad_status_date_gets_a_vietnamese_message(self):
        self.login(self.ward_staff)
        response = self.post(f"{self.member.pk}/statuses/", {"status": "exempt", "date": "1990-01-01"})
        assert response.status_code == 400
        assert "trước ngày vào Đảng" in response.json()["detail"]

    def test_an_official_transfer_needs_the_right_on_the_receiving_cell(self):
        self.login(self.ward_staff)
        response = self.post(f"{self.member.pk}/transfers/", {"to_organization_id": self.other_cell.pk,
                                                              "date": "2023-01-01"})
        assert response.status_code == 403
        assert not Transfer.objects.exists()
        response = self.post(f"{self.member.pk}/transfers/", {"to_organization_id": self.second_cell.pk,
                                                              "date": "2023-01-01"})
        assert response.status_code == 201
        assert self.get(f"{self.member.pk}/").json()["organization_id"] == self.second_cell.pk

    def test_import_is_refused_to_staff_of_another_ward_and_to_secretaries(self):
        from django.core.files.uploadedfile import SimpleUploadedFile

        for user, status in ((self.other_ward_staff, 404), (self.cell_secretary, 403)):
            self.login(user)
            upload = SimpleUploadedFile("ds.csv", "Họ và tên,Ngày vào Đảng,Mã chi bộ\nA,01/01/2000,1\n".encode())
            response = self.client.post("/api/members/import/", {"organization_id": self.cell.pk, "file": upload})
            assert response.status_code == status

    def test_import_reports_bad_rows(self):
        from django.core.files.uploadedfile import SimpleUploadedFile

        self.login(self.ward_staff)
        upload = SimpleUploadedFile("ds.csv", f"Họ và tên,Ngày vào Đảng,Mã chi bộ\n,01/01/2000,{self.cell.pk}\n".encode())
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post("/api/members/import/", {"organization_id": self.ward.pk, "file": upload})
        assert response.status_code == 202
        job = self.client.get(response.json()["url"]).json()
        assert job["status"] == "loi" and job["error"] == "Không nhập tệp: 1 dòng có lỗi, chưa lưu dòng nào."
        assert job["result"]["errors"] == ["Dòng 2: thiếu họ và tên."]

    def test_export_gives_only_readable_members(self):
        self.login(self.ward_staff)
        response = self.client.get(f"/api/members/export/?organization_id={self.district.pk}&format=csv")
        assert response.status_code == 404
        response = self.client.get(f"/api/members/export/?organization_id={self.ward.pk}&format=csv")
        text = response.content.decode("utf-8-sig")
        assert "Vũ Thị Lan" in text and "Phan Văn Tú" not in text


class RatingApiPermissionTests(MembersTestCase):
    def setUp(self):
        self.campaign = RatingCampaign.objects.create(organization=self.ward, year=2023)
        self.campaign.populate()
        self.rating = self.campaign.ratings.get(member=self.member)

    def post(self, url, data):
        return self.client.post(f"/api/members/{url}", json.dumps(data), content_type="application/json")

    def test_a_member_self_rates_but_cannot_appraise_or_decide(self):
        self.login(self.party_member)
        assert self.post(f"ratings/{self.rating.pk}/self/", {"score": 85}).status_code == 200
        assert self.post(f"ratings/{self.rating.pk}/appraise/", {"level": Level.GOOD}).status_code == 403
        self.rating.refresh_from_db()
        assert not self.rating.appraisal_level

    def test_a_member_cannot_self_rate_for_someone_else(self):
        other = self.campaign.ratings.get(member=self.neighbour.party_member)
        self.login(self.party_member)
        assert self.post(f"ratings/{other.pk}/self/", {"score": 85}).status_code == 404

    def test_the_secretary_appraises_and_the_ward_office_decides(self):
        self.login(self.party_member)
        self.post(f"ratings/{self.rating.pk}/self/", {"score": 85})
        self.login(self.cell_secretary)
        assert self.post(f"ratings/{self.rating.pk}/appraise/", {"level": Level.GOOD}).status_code == 200
        assert self.post(f"ratings/{self.rating.pk}/decide/", {"level": Level.GOOD}).status_code == 403
        self.login(self.other_ward_staff)
        assert self.post(f"ratings/{self.rating.pk}/decide/", {"level": Level.GOOD}).status_code == 404
        self.login(self.ward_staff)
        response = self.post(f"ratings/{self.rating.pk}/decide/", {"level": Level.GOOD})
        assert response.status_code == 200 and response.json()["decision_by_id"] == self.ward_staff.pk

    def test_a_decision_without_appraisal_gets_a_vietnamese_message(self):
        self.login(self.ward_staff)
        self.post(f"ratings/{self.rating.pk}/self/", {"score": 85})
        response = self.post(f"ratings/{self.rating.pk}/decide/", {"level": Level.GOOD})
        assert response.status_code == 400
        assert "chưa được thẩm định" in response.json()["detail"]

    def test_a_score_outside_the_scale_gets_a_vietnamese_message(self):
        self.login(self.party_member)
        response = self.post(f"ratings/{self.rating.pk}/self/", {"score": 120})
        assert response.status_code == 400 and "thang điểm 100" in response.json()["detail"]

    def test_campaigns_are_opened_by_the_office_only(self):
        self.login(self.cell_secretary)
        assert self.post("campaigns/", {"organization_id": self.cell.pk, "year": 2024}).status_code == 403
        self.login(self.ward_staff)
        response = self.post("campaigns/", {"organization_id": self.ward.pk, "year": 2024})
        assert response.status_code == 201 and response.json()["ratings"] >= 3

    def test_the_report_counts_decided_levels(self):
        self.login(self.ward_staff)
        for rating in self.campaign.ratings.all():
            rating.self_rate(self.ward_staff, 75)
            rating.appraise(self.ward_staff, Level.GOOD)
        self.campaign.ratings.get(member=self.member).decide(self.ward_staff, Level.GOOD)
        rows = self.client.get(f"/api/members/reports/levels/?organization_id={self.ward.pk}&year=2023").json()
        assert rows[0]["name"] == "Đảng bộ phường Quảng An" and rows[0]["total"] == 1
        good = next(level for level in rows[0]["levels"] if level["level"] == Level.GOOD)
        assert good == {"level": "tot", "label": "Hoàn thành tốt nhiệm vụ", "count": 1, "share": 100.0}


class OpinionApiTests(MembersTestCase):
    def test_a_member_sends_an_opinion_that_the_ward_office_lists(self):
        self.login(self.party_member)
        response = self.client.post("/api/members/opinions/", json.dumps({"subject": "Góp ý", "text": "Nội dung"}),
                                    content_type="application/json")
        assert response.status_code == 201
        assert Opinion.objects.get().organization == self.ward
        self.login(self.ward_staff)
        assert [o["subject"] for o in self.client.get("/api/members/opinions/").json()] == ["Góp ý"]
        self.login(self.other_ward_staff)
        assert self.client.get("/api/members/opinions/").json() == []

    def test_an_empty_opinion_is_refused(self):
        self.login(self.party_member)
        response = self.client.post("/api/members/opinions/", json.dumps({"subject": "", "text": ""}),
                                    content_type="application/json")
        assert response.status_code == 400
        assert not Opinion.objects.exists()


class OrganizationRatingPermissionTests(MembersTestCase):
    def setUp(self):
        self.campaign = RatingCampaign.objects.create(organization=self.district, year=2023,
                                                      subject=RatingCampaign.Subject.ORGANIZATIONS)
        self.campaign.populate()

    def post(self, url, data):
        return self.client.post(f"/api/members/{url}", json.dumps(data), content_type="application/json")

    def test_the_ward_office_decides_its_cells_and_the_district_decides_the_ward(self):
        cell = self.campaign.ratings.get(organization=self.cell)
        ward = self.campaign.ratings.get(organization=self.ward)
        self.login(self.ward_staff)
        for rating in (cell, ward):
            assert self.post(f"ratings/{rating.pk}/self/", {"score": 80}).status_code == 200
        assert self.post(f"ratings/{cell.pk}/appraise/", {"level": Level.GOOD}).status_code == 200
        assert self.post(f"ratings/{cell.pk}/decide/", {"level": Level.GOOD}).status_code == 200
        assert self.post(f"ratings/{ward.pk}/appraise/", {"level": Level.GOOD}).status_code == 403
        self.login(self.district_staff)
        assert self.post(f"ratings/{ward.pk}/appraise/", {"level": Level.GOOD}).status_code == 200
        assert self.post(f"ratings/{ward.pk}/decide/", {"level": Level.GOOD}).status_code == 200


class BadgeAndCriteriaApiTests(MembersTestCase):
    def test_the_badge_list_is_refused_outside_the_subtree(self):
        self.login(self.other_ward_staff)
        response = self.client.get(f"/api/members/badges/?batch=2027-02-03&organization_id={self.ward.pk}")
        assert response.status_code == 404
        self.login(self.party_member)
        response = self.client.get(f"/api/members/badges/?batch=2027-02-03&organization_id={self.cell.pk}")
        assert response.status_code == 404

    def test_the_badge_list_for_the_office(self):
        self.member.admission_date = D(1997, 1, 15)
        self.member.save()
        self.login(self.ward_staff)
        rows = self.client.get(f"/api/members/badges/?batch=2027-02-03&organization_id={self.ward.pk}").json()
        assert [(r["full_name"], r["years"], r["milestone"]) for r in rows] == [("Vũ Thị Lan", 30, "2027-01-15")]

    def test_criteria_lists_and_results_are_recorded_by_the_office_only(self):
        self.login(self.cell_secretary)
        payload = {"name": "Đảng viên 4 tốt", "subject": "members", "organization_id": self.ward.pk,
                   "criteria": ["Tư tưởng vững vàng", "Hoàn thành tốt nhiệm vụ", "Gương mẫu nơi cư trú", "Sinh hoạt đầy đủ"]}
        assert self.client.post("/api/members/criteria-lists/", json.dumps(payload),
                                content_type="application/json").status_code == 404
        self.login(self.ward_staff)
        created = self.client.post("/api/members/criteria-lists/", json.dumps(payload), content_type="application/json")
        assert created.status_code == 201
        criteria = [c["id"] for c in created.json()["criteria"]]
        result = self.client.post("/api/members/criteria-results/", json.dumps(
            {"criteria_list_id": created.json()["id"], "year": 2023, "member_id": self.member.pk, "met": criteria}),
            content_type="application/json")
        assert result.status_code == 201 and result.json()["passed"] is True
        self.login(self.other_ward_staff)
        refused = self.client.post("/api/members/criteria-results/", json.dumps(
            {"criteria_list_id": created.json()["id"], "year": 2023, "member_id": self.member.pk, "met": []}),
            content_type="application/json")
        assert refused.status_code == 404
