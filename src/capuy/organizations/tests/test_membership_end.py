"""Recording the event that ends a body membership (page and API), and the body's page showing the vacancy."""

import datetime

from capuy.core.testing import CapuyTestCase
from capuy.organizations.models import BodyMembership
from capuy.organizations.tests.test_api import ApiTestCase

D = datetime.date


class MembershipEndPageTests(CapuyTestCase):
    def setUp(self):
        self.membership = BodyMembership.objects.get(body=self.bch, person__full_name="Đỗ Quang Dũng")
        self.url = f"/to-chuc/thanh-vien/{self.membership.pk}/thoi-tham-gia/"

    def test_the_office_records_a_retirement_and_the_body_page_shows_the_vacancy(self):
        self.bch.seats = 5
        self.bch.save()
        self.login(self.district_staff)
        response = self.client.post(self.url, {"reason": "retired", "date": "2023-09-01", "decision": "Số 15-QĐ/TU"})
        assert response.status_code == 302
        self.membership.refresh_from_db()
        assert (self.membership.end_date, self.membership.end_reason) == (D(2023, 8, 31), "retired")
        text = self.client.get(f"/to-chuc/co-quan/{self.bch.pk}/?ngay=2023-10-05").content.decode()
        assert "4 thành viên" in text and "khuyết 1" in text
        assert "Khuyết trong nhiệm kỳ" in text and "nghỉ hưu, thôi tham gia cấp ủy từ ngày 01 tháng 09 năm 2023" in text

    def test_a_date_before_the_membership_is_refused_and_nothing_changes(self):
        self.login(self.district_staff)
        response = self.client.post(self.url, {"reason": "removed", "date": "2019-01-01"})
        assert response.status_code == 400 and "không được trước ngày bắt đầu" in response.content.decode()
        self.membership.refresh_from_db()
        assert self.membership.end_date is None

    def test_it_refuses_a_committee_member_and_staff_of_another_ward(self):
        self.login(self.committee_member)
        assert self.client.post(self.url, {"reason": "removed", "date": "2023-09-01"}).status_code == 403
        self.login(self.other_ward_staff)
        assert self.client.post(self.url, {"reason": "removed", "date": "2023-09-01"}).status_code == 404
        self.membership.refresh_from_db()
        assert self.membership.end_date is None

    def test_a_person_leaves_every_body_at_once(self):
        self.login(self.district_staff)
        url = f"/to-chuc/nhan-su/{self.committee_person.pk}/thoi-tham-gia/"
        assert self.client.get(url).status_code == 200
        response = self.client.post(url, {"reason": "resigned", "date": "2023-09-01"})
        assert response.status_code == 302
        assert not self.committee_person.body_memberships.filter(end_reason="").exists()

    def test_a_person_page_is_refused_to_a_party_member(self):
        self.login(self.party_member)
        url = f"/to-chuc/nhan-su/{self.committee_person.pk}/thoi-tham-gia/"
        assert self.client.post(url, {"reason": "resigned", "date": "2023-09-01"}).status_code in (403, 404)
        assert not self.committee_person.body_memberships.exclude(end_reason="").exists()


class MembershipEndApiTests(ApiTestCase):
    def test_the_office_ends_a_membership_by_api(self):
        membership = BodyMembership.objects.get(body=self.bch, person__full_name="Trần Thị Bích")
        response = self.call("post", f"/api/memberships/{membership.pk}/end/", self.district_staff,
                             date="2023-09-01", reason="removed", decision="Số 20-QĐ/TU")
        assert response.status_code == 200, response.content
        assert response.json()["end_reason"] == "removed" and response.json()["end_date"] == "2023-08-31"

    def test_an_unknown_reason_is_refused_in_vietnamese(self):
        membership = BodyMembership.objects.get(body=self.bch, person__full_name="Trần Thị Bích")
        response = self.call("post", f"/api/memberships/{membership.pk}/end/", self.district_staff,
                             date="2023-09-01", reason="holiday")
        assert response.status_code == 400 and "lý do" in response.json()["detail"]
        membership.refresh_from_db()
        assert membership.end_date is None

    def test_it_refuses_readers_without_the_right(self):
        membership = BodyMembership.objects.get(body=self.bch, person__full_name="Trần Thị Bích")
        response = self.call("post", f"/api/memberships/{membership.pk}/end/", self.committee_member,
                             date="2023-09-01", reason="removed")
        assert response.status_code == 403
        response = self.call("post", f"/api/people/{self.secretary.pk}/leave-bodies/", self.other_ward_staff,
                             date="2023-09-01", reason="retired")
        assert response.status_code == 404
        assert not BodyMembership.objects.exclude(end_reason="").exists()

    def test_a_person_leaves_every_body_by_api(self):
        response = self.call("post", f"/api/people/{self.secretary.pk}/leave-bodies/", self.district_staff,
                             date="2023-09-01", reason="retired")
        assert response.status_code == 200, response.content
        assert [m["end_reason"] for m in response.json()] == ["retired"]
