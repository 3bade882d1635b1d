"""An office resets and deactivates the logins of its subtree and adds a second office account."""

from django.urls import reverse

from capuy.accounts.models import Role, User
from capuy.core.testing import CapuyTestCase, make_person


class LoginManagementTest(CapuyTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.clerk = make_person("Phan Thị Nga", cls.ward)

    def reset(self, login, delivery="phieu", org=None):
        return self.client.post(reverse("accounts:login_reset", args=[(org or self.ward).pk, login.pk]),
                                {"delivery": delivery})

    def deactivate(self, login, org=None):
        return self.client.post(reverse("accounts:login_deactivate", args=[(org or self.ward).pk, login.pk]))

    def office(self, **data):
        payload = {"person": self.clerk.pk, "username": "vanphong2.quangan", "email": "", "delivery": "phieu"}
        payload.update(data)
        return self.client.post(reverse("accounts:office_account", args=[self.ward.pk]), payload)

    def test_a_reset_clears_the_password_and_prints_a_new_link(self):
        self.login(self.ward_staff)
        response = self.reset(self.party_member)
        self.assertContains(response, "dangvien.lan")
        self.party_member.refresh_from_db()
        self.assertFalse(self.party_member.has_usable_password())

    def test_deactivation_stops_the_login(self):
        self.login(self.ward_staff)
        self.deactivate(self.party_member)
        self.party_member.refresh_from_db()
        self.assertFalse(self.party_member.is_active)

    def test_it_refuses_staff_of_another_ward(self):
        self.login(self.other_ward_staff)
        self.assertEqual(self.deactivate(self.party_member).status_code, 404)
        # Through its own ward, the id of a login elsewhere is unknown.
        self.assertEqual(self.deactivate(self.party_member, org=self.other_ward).status_code, 404)
        self.assertEqual(self.reset(self.party_member, org=self.other_ward).status_code, 404)
        self.party_member.refresh_from_db()
        self.assertTrue(self.party_member.is_active and self.party_member.has_usable_password())

    def test_it_refuses_a_party_member(self):
        self.login(self.party_member)
        self.assertEqual(self.deactivate(self.ward_staff).status_code, 404)

    def test_a_ward_cannot_touch_a_login_with_a_role_above_it(self):
        self.login(self.ward_staff)
        # The committee member's person is kept in the ward's cell but holds a role on the district.
        self.assertEqual(self.deactivate(self.committee_member).status_code, 403)
        self.committee_member.refresh_from_db()
        self.assertTrue(self.committee_member.is_active)

    def test_it_adds_a_second_office_account(self):
        self.login(self.ward_staff)
        self.assertContains(self.office(), "Phiếu kích hoạt tài khoản")
        login = User.objects.get(username="vanphong2.quangan")
        self.assertEqual(login.person, self.clerk)
        self.assertTrue(login.grants.filter(role=Role.OFFICE, organization=self.ward).exists())

    def test_a_taken_user_name_is_refused_and_kept(self):
        self.login(self.ward_staff)
        response = self.office(username="dangvien.lan")
        self.assertContains(response, "Tên đăng nhập “dangvien.lan” đã có người dùng.", status_code=400)
        self.assertContains(response, 'value="dangvien.lan"', status_code=400)
        self.assertFalse(User.objects.filter(person=self.clerk).exists())

    def test_mail_without_address_is_refused(self):
        self.login(self.ward_staff)
        self.assertContains(self.office(delivery="thu"), "Gửi thư kích hoạt cần địa chỉ thư điện tử.",
                            status_code=400)

    def test_a_person_of_another_ward_is_refused_by_id(self):
        stranger = make_person("Mạc Văn Tú", self.other_ward)
        self.login(self.ward_staff)
        self.assertContains(self.office(person=stranger.pk), "Không tìm thấy nhân sự", status_code=400)
        self.assertFalse(User.objects.filter(person=stranger).exists())

    def test_office_account_refuses_staff_of_another_ward_and_anonymous(self):
        self.login(self.other_ward_staff)
        self.assertEqual(self.office().status_code, 404)
        self.client.logout()
        self.assertEqual(self.office().status_code, 302)
        self.assertFalse(User.objects.filter(person=self.clerk).exists())
