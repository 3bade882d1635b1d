"""Registrations of difficult, complex tasks: deadline, approval, mid-year, self-assessment, evaluation."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import override_settings

from capuy.tasks import services
from capuy.tasks.models import Registration, RegistrationYear
from capuy.tasks.rules import key_officials, registration_deadline
from capuy.tasks.tests.helpers import TasksTestCase

D = datetime.date


def new(test, person=None, year=2024, **fields):
    values = {"organization": test.district, "year": year, "person": person or test.committee_person,
              "content": "Chỉ đạo giải phóng mặt bằng dự án đường Văn Cao – Hồ Tây",
              "expected_result": "Bàn giao mặt bằng trong quý III", "deadline": D(year, 9, 30)}
    values.update(fields)
    return Registration(**values)


class RegistrationRuleTests(TasksTestCase):
    def test_the_default_deadline_is_a_setting_and_the_organization_may_set_its_own(self):
        assert registration_deadline(self.district, 2024) == D(2024, 1, 31)
        with override_settings(CAPUY_TASKS_REGISTRATION_DEADLINE="03-15"):
            assert registration_deadline(self.district, 2024) == D(2024, 3, 15)
        RegistrationYear.objects.create(organization=self.district, year=2024, deadline=D(2023, 12, 15))
        assert registration_deadline(self.district, 2024) == D(2023, 12, 15)

    def test_key_officials_are_the_standing_committee_and_the_ward_secretaries(self):
        assert set(key_officials(self.district, D(2023, 10, 5))) == {self.secretary, self.committee_person}

    def test_an_official_registers_with_milestones(self):
        registration = services.register(new(self), self.committee_member,
                                         [("Hoàn thành kiểm đếm", D(2024, 3, 31))], today=D(2024, 1, 10))
        assert registration.state == "submitted" and registration.milestones.count() == 1

    def test_a_registration_after_the_years_deadline_is_refused_and_nothing_saved(self):
        with pytest.raises(ValidationError, match="Đã hết hạn đăng ký"):
            services.register(new(self), self.committee_member, today=D(2024, 2, 1))
        assert not Registration.objects.exists()

    def test_a_milestone_after_the_deadline_is_refused(self):
        with pytest.raises(ValidationError, match="sau thời hạn"):
            services.register(new(self), self.committee_member, [("Muộn", D(2024, 12, 1))], today=D(2024, 1, 10))
        assert not Registration.objects.exists()

    def test_someone_else_cannot_register_for_an_official(self):
        with pytest.raises(PermissionDenied):
            services.register(new(self), self.ward_staff, today=D(2024, 1, 10))

    def test_an_official_registers_only_with_an_organization_they_work_in_or_under(self):
        # Phạm Văn Bình's record is kept in the Quảng An cell, under the ward and the district.
        for organization, accepted in [(self.district, True), (self.ward, True), (self.cell, True),
                                       (self.other_ward, False), (self.other_cell, False)]:
            with self.subTest(organization=organization.name):
                if accepted:
                    services.register(new(self, organization=organization), self.committee_member,
                                      today=D(2024, 1, 10)).delete()
                else:
                    with pytest.raises(PermissionDenied):
                        services.register(new(self, organization=organization), self.committee_member,
                                          today=D(2024, 1, 10))
        assert not Registration.objects.exists()

    def test_the_whole_cycle_ends_in_an_evaluation_for_the_rating(self):
        registration = services.register(new(self, year=2023), self.district_staff, today=D(2023, 1, 10))
        with pytest.raises(ValidationError):
            services.self_assess(registration, self.committee_member, "Đã xong", "tot")
        assert services.approve_list(self.district, 2023, self.district_staff, D(2023, 1, 20), "Hội nghị BTV") == 1
        registration.refresh_from_db()
        with pytest.raises(ValidationError, match="đã phê duyệt danh sách"):  # closed once approved
            services.register(new(self, year=2023, person=self.secretary), self.district_staff, today=D(2023, 1, 25))
        services.mid_year_check(registration, self.committee_member, "Đã kiểm đếm 80% số hộ", 60, D(2023, 6, 30))
        services.self_assess(registration, self.committee_member, "Đã bàn giao mặt bằng", "xuat_sac", D(2023, 12, 1))
        with pytest.raises(PermissionDenied):
            services.evaluate(registration, self.committee_member, "xuat_sac")
        services.evaluate(registration, self.district_staff, "tot", "Bàn giao chậm 2 tuần", D(2023, 12, 20))
        evaluation = services.evaluation_for(self.committee_person, 2023)
        assert evaluation.level == "tot" and evaluation.evaluated == 1
        assert evaluation.text == ("Đăng ký 1 nhiệm vụ khó khăn, phức tạp năm 2023; đã đánh giá 1: "
                                   "Hoàn thành tốt (1)")
        assert services.evaluation_for(self.committee_person, 2022) is None

    def test_the_lowest_level_is_the_years_result(self):
        for content, level in (("Một", "xuat_sac"), ("Hai", "hoan_thanh")):
            Registration.objects.create(organization=self.district, year=2023, person=self.secretary,
                                        content=content, expected_result="x", deadline=D(2023, 12, 31),
                                        submitted_on=D(2023, 1, 5), state="evaluated", level=level)
        assert services.evaluation_for(self.secretary, 2023).level == "hoan_thanh"

    def test_the_members_app_hook_shows_the_evaluation(self):
        from capuy.tasks.member_hooks import rating_annex

        Registration.objects.create(organization=self.district, year=2023, person=self.secretary, content="Một",
                                    expected_result="x", deadline=D(2023, 12, 31), submitted_on=D(2023, 1, 5),
                                    state="evaluated", level="tot")
        annex = rating_annex(self.secretary, 2023)
        assert annex["level"] == "tot" and "Hoàn thành tốt (1)" in annex["text"]
        assert rating_annex(self.member_person, 2023) is None


class RegistrationPageTests(TasksTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.registration = Registration.objects.create(
            organization=cls.district, year=2023, person=cls.committee_person, content="Chỉ đạo thu hồi đất",
            expected_result="Bàn giao mặt bằng", deadline=D(2023, 12, 31), submitted_on=D(2023, 1, 5))

    def test_the_year_page_lists_registrations_with_their_state(self):
        self.login(self.committee_member)
        page = self.client.get(f"/nhiem-vu/to-chuc/{self.district.pk}/dang-ky/2023/").content.decode()
        assert "Chỉ đạo thu hồi đất" in page and "Đã đăng ký" in page and "Phạm Văn Bình" in page

    def test_the_office_records_the_approval_of_the_list(self):
        self.login(self.district_staff)
        response = self.client.post(f"/nhiem-vu/to-chuc/{self.district.pk}/dang-ky/2023/",
                                    {"approved_on": "2023-01-20", "note": "Hội nghị Ban Thường vụ"})
        assert response.status_code == 302
        self.registration.refresh_from_db()
        assert self.registration.state == "approved"

    def test_a_committee_member_cannot_record_the_approval_and_another_ward_sees_nothing(self):
        self.login(self.committee_member)
        response = self.client.post(f"/nhiem-vu/to-chuc/{self.district.pk}/dang-ky/2023/", {"approved_on": "2023-01-20"})
        assert response.status_code == 403
        self.login(self.other_ward_staff)
        assert self.client.get(f"/nhiem-vu/to-chuc/{self.district.pk}/dang-ky/2023/").status_code == 404
        assert self.client.get(f"/nhiem-vu/dang-ky/{self.registration.pk}/").status_code == 404
        self.registration.refresh_from_db()
        assert self.registration.state == "submitted"

    def test_a_late_registration_through_the_page_gets_a_message(self):
        self.login(self.committee_member)
        response = self.client.post(f"/nhiem-vu/to-chuc/{self.district.pk}/dang-ky/2023/them/", {
            "person": self.committee_person.pk, "content": "Việc khó", "expected_result": "Xong",
            "deadline": "2023-12-31", "moc-TOTAL_FORMS": 0, "moc-INITIAL_FORMS": 0})
        assert response.status_code == 400 and "Đã hết hạn đăng ký" in response.content.decode()
        assert Registration.objects.count() == 1

    def test_the_official_self_assesses_on_the_registration_page(self):
        Registration.objects.filter(pk=self.registration.pk).update(state="approved")
        self.login(self.committee_member)
        response = self.client.post(f"/nhiem-vu/dang-ky/{self.registration.pk}/", {
            "action": "self", "tu-danh-gia-text": "Đã bàn giao", "tu-danh-gia-level": "tot"})
        assert response.status_code == 302
        self.registration.refresh_from_db()
        assert self.registration.state == "self_assessed" and self.registration.self_level == "tot"
        response = self.client.post(f"/nhiem-vu/dang-ky/{self.registration.pk}/", {
            "action": "evaluate", "danh-gia-level": "xuat_sac"})
        assert response.status_code == 403
