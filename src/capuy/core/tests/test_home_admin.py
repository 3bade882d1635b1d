"""The home of a system administrator: accounts awaiting activation, background work, health."""

from unittest import mock

from django.urls import reverse

from capuy.core.tests.home_base import HomeTestCase


class AdminHomeTest(HomeTestCase):
    def test_it_lists_accounts_awaiting_activation(self):
        block = self.block(self.home(self.admin), "tai-khoan-cho-kich-hoat")
        self.assertIn("cho.kich.hoat", block)
        self.assertIn(reverse("admin:accounts_user_changelist") + "?is_active__exact=0", block)

    def test_it_lists_accounts_without_any_role(self):
        block = self.block(self.home(self.admin), "tai-khoan-chua-phan-quyen")
        self.assertIn("chua.phan.quyen", block)
        self.assertNotIn("vanphong.tayho", block)

    def test_it_reports_health(self):
        block = self.block(self.home(self.admin), "suc-khoe")
        self.assertIn("Cơ sở dữ liệu", block)
        self.assertIn("Kết nối được", block)
        self.assertIn("Không có sự cố.", block)

    def test_a_broken_cache_is_reported_as_an_incident(self):
        with mock.patch("django.core.cache.cache.set", side_effect=ConnectionError("down")):
            block = self.block(self.home(self.admin), "suc-khoe")
        self.assertIn("Lỗi – Không kết nối được: ConnectionError", block)
        self.assertIn("1 dịch vụ gặp sự cố.", block)

    def test_it_says_when_no_background_work_failed(self):
        self.assertIn("Không có việc nền nào lỗi.", self.block(self.home(self.admin), "tac-vu-nen"))

    def test_it_lists_failed_background_jobs_and_mail(self):
        from capuy.core.models import BackgroundJob, OutgoingMail

        BackgroundJob.objects.create(kind="members.import", title="Nhập danh sách đảng viên", owner=self.admin,
                                     status=BackgroundJob.Status.FAILED, error="Tệp không đọc được.")
        OutgoingMail.objects.create(subject="Giấy mời", recipients="a@capuy.invalid", status=OutgoingMail.Status.FAILED)
        block = self.block(self.home(self.admin), "tac-vu-nen")
        self.assertIn("Nhập danh sách đảng viên", block)
        self.assertIn("1 thư gửi không được", block)

    def test_others_see_no_administration_block(self):
        for user in (self.district_staff, self.committee_member, self.party_member):
            response = self.home(user)
            self.assertEqual(self.block(response, "tai-khoan-cho-kich-hoat"), "")
            self.assertEqual(self.block(response, "suc-khoe"), "")
