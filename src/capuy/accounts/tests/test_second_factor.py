"""The second factor: set up with a QR code, a code after the password, recovery codes, required roles."""

from django.test import override_settings
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from capuy.accounts.models import ApiToken
from capuy.accounts.second_factor import must_use_second_factor
from capuy.core.testing import PASSWORD, CapuyTestCase

LOGIN = "/tai-khoan/dang-nhap/"
VERIFY = "/tai-khoan/xac-thuc/"
SETUP = "/tai-khoan/xac-thuc-hai-buoc/"
REQUIRED = ["admin", "office", "committee"]


def code_for(device) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def give_device(user):
    device = TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    static = StaticDevice.objects.create(user=user, name="codes", confirmed=True)
    static.token_set.create(token="khoiphuc1")
    return device


class SecondFactorTests(CapuyTestCase):
    def password_login(self, user):
        response = self.client.post(LOGIN, {"username": user.username, "password": PASSWORD, "next": "/to-chuc/"})
        self.assertEqual(response.status_code, 302)
        return response

    def test_a_user_with_a_device_is_asked_for_a_code_after_the_password(self):
        device = give_device(self.ward_staff)
        self.password_login(self.ward_staff)
        response = self.client.get("/to-chuc/")
        self.assertRedirects(response, f"{VERIFY}?next=/to-chuc/")
        self.assertContains(self.client.get(VERIFY), "Nhập mã 6 chữ số")
        response = self.client.post(VERIFY, {"code": code_for(device), "next": "/to-chuc/"})
        self.assertRedirects(response, "/to-chuc/")
        self.assertEqual(self.client.get("/to-chuc/").status_code, 200)

    def test_it_refuses_a_wrong_code_and_everything_else_until_verified(self):
        give_device(self.ward_staff)
        self.password_login(self.ward_staff)
        response = self.client.post(VERIFY, {"code": "000000"})
        self.assertContains(response, "Mã không đúng", status_code=400)
        for path in ("/to-chuc/", "/tai-khoan/ma-api/", "/quan-tri/", "/"):
            self.assertEqual(self.client.get(path)["Location"].split("?")[0], VERIFY, path)
        response = self.client.get("/api/organizations/")
        self.assertEqual(response.status_code, 403)
        self.assertIn("xác thực hai bước", response.json()["detail"])
        response = self.client.post("/tai-khoan/ma-api/", {"name": "x", "days": "10", "scope": "write"})
        self.assertEqual(response.status_code, 302)
        self.assertFalse(ApiToken.objects.exists())

    def test_a_recovery_code_works_once(self):
        give_device(self.ward_staff)
        self.password_login(self.ward_staff)
        self.assertRedirects(self.client.post(VERIFY, {"code": "khoiphuc1"}), "/", fetch_redirect_response=False)
        self.assertFalse(StaticToken.objects.filter(token="khoiphuc1").exists())
        self.client.post("/tai-khoan/dang-xuat/")
        self.password_login(self.ward_staff)
        self.assertContains(self.client.post(VERIFY, {"code": "khoiphuc1"}), "Mã không đúng", status_code=400)

    def test_setting_up_shows_an_inline_qr_code_and_recovery_codes_once(self):
        self.login(self.party_member)
        page = self.client.get(SETUP)
        self.assertContains(page, "<svg")
        self.assertNotContains(page, "http://")  # the QR code is drawn here, not fetched from a service
        device = TOTPDevice.objects.get(user=self.party_member, confirmed=False)
        self.assertContains(page, page.context["secret"])
        wrong = self.client.post(SETUP, {"action": "confirm", "code": "123456"})
        self.assertContains(wrong, "Mã xác thực không đúng", status_code=400)
        self.assertFalse(TOTPDevice.objects.filter(confirmed=True).exists())
        response = self.client.post(SETUP, {"action": "confirm", "code": code_for(device)})
        codes = response.context["codes"]
        self.assertEqual(len(codes), 10)
        for code in codes:
            self.assertContains(response, code)
        self.assertTrue(TOTPDevice.objects.get(pk=device.pk).confirmed)
        again = self.client.get(SETUP)
        self.assertContains(again, "đang bật")
        for code in codes:
            self.assertNotContains(again, code)

    def test_new_recovery_codes_replace_the_old(self):
        give_device(self.party_member)
        self.password_login(self.party_member)
        self.client.post(VERIFY, {"code": "khoiphuc1"})
        StaticToken.objects.create(device=StaticDevice.objects.get(user=self.party_member), token="cu123456")
        response = self.client.post(SETUP, {"action": "codes"})
        self.assertEqual(len(response.context["codes"]), 10)
        self.assertFalse(StaticToken.objects.filter(token="cu123456").exists())

    @override_settings(CAPUY_2FA_REQUIRED_ROLES=REQUIRED)
    def test_required_roles_are_sent_to_set_it_up_first(self):
        for user in (self.ward_staff, self.committee_member, self.admin):
            self.client.force_login(user)
            response = self.client.get("/to-chuc/")
            self.assertRedirects(response, f"{SETUP}?next=/to-chuc/", fetch_redirect_response=False)
            self.assertContains(self.client.get(SETUP), "bắt buộc xác thực hai bước")
            self.assertEqual(self.client.get("/api/organizations/").status_code, 403)
        self.client.force_login(self.party_member)
        self.assertEqual(self.client.get("/").status_code, 200)

    @override_settings(CAPUY_2FA_REQUIRED_ROLES=REQUIRED)
    def test_the_admin_site_is_closed_without_the_second_factor(self):
        self.admin.is_staff = True
        self.admin.save()
        response = self.client.post("/quan-tri/login/", {"username": "quantri", "password": PASSWORD,
                                                          "next": "/quan-tri/"})
        self.assertEqual(response.status_code, 302)
        response = self.client.get("/quan-tri/")
        self.assertEqual(response["Location"].split("?")[0], SETUP)
        self.assertEqual(self.client.get("/quan-tri/accounts/user/")["Location"].split("?")[0], SETUP)

    @override_settings(CAPUY_2FA_REQUIRED_ROLES=REQUIRED)
    def test_a_required_user_cannot_turn_it_off(self):
        give_device(self.ward_staff)
        self.password_login(self.ward_staff)
        self.client.post(VERIFY, {"code": "khoiphuc1"})
        response = self.client.post(SETUP, {"action": "off"})
        self.assertContains(response, "bắt buộc xác thực hai bước, không thể tắt", status_code=400)
        self.assertTrue(TOTPDevice.objects.filter(user=self.ward_staff).exists())

    def test_others_may_turn_it_off(self):
        give_device(self.party_member)
        self.password_login(self.party_member)
        self.client.post(VERIFY, {"code": "khoiphuc1"})
        self.assertRedirects(self.client.post(SETUP, {"action": "off"}), SETUP)
        self.assertFalse(TOTPDevice.objects.filter(user=self.party_member, confirmed=True).exists())
        self.assertFalse(StaticDevice.objects.filter(user=self.party_member).exists())

    def test_the_verification_page_does_not_redirect_elsewhere(self):
        device = give_device(self.ward_staff)
        self.password_login(self.ward_staff)
        response = self.client.post(VERIFY, {"code": code_for(device), "next": "https://evil.example/"})
        self.assertRedirects(response, "/", fetch_redirect_response=False)

    def test_the_rule_lists_the_roles_of_the_setting(self):
        cases = [
            (REQUIRED, self.admin, True), (REQUIRED, self.district_staff, True), (REQUIRED, self.committee_member, True),
            (REQUIRED, self.party_member, False), (["office"], self.committee_member, False),
            (["office"], self.ward_staff, True), ([], self.admin, False),
        ]
        for roles, user, expected in cases:
            with self.settings(CAPUY_2FA_REQUIRED_ROLES=roles):
                self.assertEqual(must_use_second_factor(user), expected, (roles, user.username))
