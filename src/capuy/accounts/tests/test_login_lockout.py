"""Wrong passwords lock the user name (django-axes), on the site and in /quan-tri/; administrators unlock."""

from axes.models import AccessAttempt
from django.test import override_settings

from capuy.core.testing import PASSWORD, CapuyTestCase

LOGIN = "/tai-khoan/dang-nhap/"
ADMIN_LOGIN = "/quan-tri/login/"


class LoginLockoutTests(CapuyTestCase):
    def guess(self, url, username, times):
        for _ in range(times):
            self.client.post(url, {"username": username, "password": "doan-sai"})

    def test_forty_wrong_passwords_then_the_right_one_is_refused(self):
        self.guess(LOGIN, "vanphong.tayho", 40)
        response = self.client.post(LOGIN, {"username": "vanphong.tayho", "password": PASSWORD})
        self.assertEqual(response.status_code, 429)
        self.assertContains(response, "tạm thời bị khóa đăng nhập trong 30 phút", status_code=429)
        self.assertNotIn("_auth_user_id", self.client.session)
        self.assertEqual(self.client.get("/to-chuc/").status_code, 302)  # still anonymous

    def test_the_lock_applies_to_the_admin_login_too(self):
        self.guess(ADMIN_LOGIN, "quantri", 40)
        response = self.client.post(ADMIN_LOGIN, {"username": "quantri", "password": PASSWORD, "next": "/quan-tri/"})
        self.assertEqual(response.status_code, 429)
        self.assertNotIn("_auth_user_id", self.client.session)

    def test_wrong_passwords_on_the_site_lock_the_admin_login(self):
        self.guess(LOGIN, "quantri", 5)
        response = self.client.post(ADMIN_LOGIN, {"username": "quantri", "password": PASSWORD, "next": "/quan-tri/"})
        self.assertEqual(response.status_code, 429)

    def test_fewer_wrong_passwords_than_the_limit_do_not_lock(self):
        self.guess(LOGIN, "vanphong.tayho", 4)
        response = self.client.post(LOGIN, {"username": "vanphong.tayho", "password": PASSWORD})
        self.assertEqual(response.status_code, 302)

    def test_one_locked_user_name_does_not_lock_another(self):
        self.guess(LOGIN, "vanphong.tayho", 10)
        response = self.client.post(LOGIN, {"username": "vanphong.quangan", "password": PASSWORD})
        self.assertEqual(response.status_code, 302)

    @override_settings(AXES_FAILURE_LIMIT=3)
    def test_the_limit_is_a_setting(self):
        self.guess(LOGIN, "vanphong.tayho", 3)
        response = self.client.post(LOGIN, {"username": "vanphong.tayho", "password": PASSWORD})
        self.assertContains(response, "nhập sai mật khẩu 3 lần", status_code=429)

    def test_an_administrator_unlocks_a_user(self):
        self.guess(LOGIN, "vanphong.tayho", 40)
        self.assertTrue(AccessAttempt.objects.filter(username="vanphong.tayho").exists())
        self.admin.is_staff = True
        self.admin.save()
        admin_client = self.client_class()
        admin_client.force_login(self.admin)
        response = admin_client.post("/quan-tri/accounts/user/", {
            "action": "unlock_login", "_selected_action": [self.district_staff.pk]})
        self.assertEqual(response.status_code, 302)
        self.assertFalse(AccessAttempt.objects.filter(username="vanphong.tayho").exists())
        response = self.client.post(LOGIN, {"username": "vanphong.tayho", "password": PASSWORD})
        self.assertEqual(response.status_code, 302)

    def test_a_user_without_admin_rights_cannot_unlock(self):
        self.guess(LOGIN, "vanphong.tayho", 40)
        other = self.client_class()
        other.force_login(self.ward_staff)
        response = other.post("/quan-tri/accounts/user/", {
            "action": "unlock_login", "_selected_action": [self.district_staff.pk]})
        self.assertEqual(response.status_code, 302)
        self.assertTrue(response["Location"].startswith("/quan-tri/login/"))
        self.assertTrue(AccessAttempt.objects.filter(username="vanphong.tayho").exists())
