"""API tokens: a digest only, an expiry, a read-only or read-write scope, a list with last use, revocation."""

import datetime

from django.core.exceptions import ValidationError
from django.test import override_settings
from django.utils import timezone

from capuy.accounts.models import ApiToken, _digest
from capuy.core.testing import PASSWORD, CapuyTestCase

PAGE = "/tai-khoan/ma-api/"


class ApiTokenTests(CapuyTestCase):
    def api(self, key, method="get", path="/api/organizations/", **data):
        call = getattr(self.client_class(), method)  # no session: the token alone
        return call(path, data=data or None, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {key}")

    def test_only_a_digest_of_the_key_is_stored(self):
        token, key = ApiToken.issue(self.ward_staff)
        self.assertEqual(token.digest, _digest(key))
        self.assertNotIn(key, str(ApiToken.objects.filter(pk=token.pk).values().get()))

    def test_a_token_expires_by_default_after_the_default_days(self):
        token, key = ApiToken.issue(self.ward_staff)
        self.assertAlmostEqual(token.expires - timezone.now(), datetime.timedelta(days=90),
                               delta=datetime.timedelta(minutes=1))
        self.assertEqual(self.api(key).status_code, 200)
        ApiToken.objects.filter(pk=token.pk).update(expires=timezone.now() - datetime.timedelta(seconds=1))
        response = self.api(key)
        self.assertEqual(response.status_code, 401)
        self.assertEqual(response.json()["detail"], "Cần đăng nhập hoặc mã truy cập hợp lệ.")

    @override_settings(CAPUY_API_TOKEN_MAX_DAYS=30)
    def test_it_refuses_a_lifetime_beyond_the_maximum(self):
        for days in (0, -5, 31):
            with self.assertRaises(ValidationError):
                ApiToken.issue(self.ward_staff, days=days)
        self.login(self.ward_staff)
        response = self.client.post(PAGE, {"name": "Lâu", "days": "31", "scope": "read"})
        self.assertContains(response, "Thời hạn phải từ 1 đến 30 ngày.", status_code=400)
        response = self.client.post(PAGE, {"name": "Lâu", "days": "abc", "scope": "read"})
        self.assertContains(response, "Thời hạn phải là số ngày", status_code=400)
        self.assertFalse(ApiToken.objects.exists())

    def test_a_read_only_token_reads_but_is_refused_writes(self):
        _, key = ApiToken.issue(self.ward_staff, scope=ApiToken.Scope.READ)
        self.assertEqual(self.api(key, path=f"/api/people/{self.ward_staff.person_id}/").status_code, 200)
        before = self.ward_staff.person.full_name
        response = self.api(key, "patch", f"/api/people/{self.ward_staff.person_id}/", full_name="Tên mới")
        self.assertEqual(response.status_code, 403)
        self.assertEqual(response.json()["detail"], "Mã truy cập này chỉ có quyền đọc, không dùng để thay đổi dữ liệu.")
        self.ward_staff.person.refresh_from_db()
        self.assertEqual(self.ward_staff.person.full_name, before)

    def test_a_read_write_token_may_write(self):
        _, key = ApiToken.issue(self.ward_staff, scope=ApiToken.Scope.WRITE)
        response = self.api(key, "patch", f"/api/people/{self.ward_staff.person_id}/", full_name="Ngô Thị Hà Mới")
        self.assertEqual(response.status_code, 200, response.content)

    def test_it_refuses_an_unknown_scope(self):
        with self.assertRaises(ValidationError):
            ApiToken.issue(self.ward_staff, scope="admin")
        self.login(self.ward_staff)
        response = self.client.post(PAGE, {"name": "X", "days": "10", "scope": "admin"})
        self.assertContains(response, "chỉ đọc", status_code=400)
        self.assertFalse(ApiToken.objects.exists())

    def test_the_page_issues_a_token_shown_once_and_lists_it_with_last_use(self):
        self.login(self.ward_staff)
        response = self.client.post(PAGE, {"name": "Máy chấm công", "days": "30", "scope": "read"})
        key = response.context["new_key"]
        self.assertContains(response, key)
        token = ApiToken.objects.get()
        self.assertEqual((token.name, token.scope), ("Máy chấm công", "read"))
        listing = self.client.get(PAGE)
        self.assertNotContains(listing, key)
        self.assertContains(listing, "chưa dùng")
        self.assertContains(listing, "Chỉ đọc")
        self.api(key)
        token.refresh_from_db()
        self.assertIsNotNone(token.last_used)
        self.assertContains(self.client.get(PAGE), token.last_used.astimezone().strftime("%d/%m/%Y"))

    def test_a_user_revokes_a_token(self):
        token, key = ApiToken.issue(self.ward_staff)
        self.login(self.ward_staff)
        response = self.client.post(f"{PAGE}{token.pk}/thu-hoi/")
        self.assertRedirects(response, PAGE)
        self.assertFalse(ApiToken.objects.filter(pk=token.pk).exists())
        self.assertEqual(self.api(key).status_code, 401)

    def test_it_refuses_to_revoke_another_users_token(self):
        token, key = ApiToken.issue(self.district_staff)
        self.login(self.ward_staff)
        self.assertEqual(self.client.post(f"{PAGE}{token.pk}/thu-hoi/").status_code, 404)
        self.assertTrue(ApiToken.objects.filter(pk=token.pk).exists())
        self.assertNotContains(self.client.get(PAGE), token.name + "</td>")

    def test_anonymous_visitors_cannot_reach_the_page(self):
        self.assertEqual(self.client.get(PAGE).status_code, 302)

    def test_tokens_of_a_deactivated_user_stop_working(self):
        _, key = ApiToken.issue(self.ward_staff)
        self.ward_staff.is_active = False
        self.ward_staff.save()
        self.assertEqual(self.api(key).status_code, 401)


class PasswordChangeRevokesTests(CapuyTestCase):
    def test_a_password_change_revokes_tokens_and_other_sessions(self):
        _, key = ApiToken.issue(self.ward_staff)
        other_device = self.client_class()
        other_device.force_login(self.ward_staff)
        self.assertEqual(other_device.get("/to-chuc/").status_code, 200)
        self.login(self.ward_staff)
        response = self.client.post("/tai-khoan/doi-mat-khau/", {
            "old_password": PASSWORD, "new_password1": "Hoa-sen-2026!", "new_password2": "Hoa-sen-2026!"})
        self.assertEqual(response.status_code, 302)
        self.assertFalse(ApiToken.objects.filter(user=self.ward_staff).exists())
        anonymous = self.client_class()
        self.assertEqual(anonymous.get("/api/organizations/", HTTP_AUTHORIZATION=f"Bearer {key}").status_code, 401)
        self.assertEqual(self.client.get("/to-chuc/").status_code, 200)  # the session that changed it stays
        self.assertEqual(other_device.get("/to-chuc/").status_code, 302)  # every other session ends

    def test_a_password_reset_revokes_tokens_and_sessions(self):
        from django.contrib.auth.tokens import default_token_generator
        from django.utils.encoding import force_bytes
        from django.utils.http import urlsafe_base64_encode

        _, key = ApiToken.issue(self.party_member)
        session = self.client_class()
        session.force_login(self.party_member)
        uid = urlsafe_base64_encode(force_bytes(self.party_member.pk))
        link = f"/tai-khoan/dat-lai-mat-khau/{uid}/{default_token_generator.make_token(self.party_member)}/"
        form = self.client.get(link)
        self.assertEqual(form.status_code, 302)
        response = self.client.post(form["Location"], {"new_password1": "Hoa-sen-2026!", "new_password2": "Hoa-sen-2026!"})
        self.assertEqual(response.status_code, 302)
        self.assertFalse(ApiToken.objects.filter(user=self.party_member).exists())
        self.assertEqual(session.get("/dang-vien/cua-toi/").status_code, 302)
        self.assertEqual(self.client_class().get("/api/organizations/", HTTP_AUTHORIZATION=f"Bearer {key}").status_code, 401)

    def test_a_hash_upgrade_at_login_keeps_tokens(self):
        _, key = ApiToken.issue(self.ward_staff)
        with self.settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.PBKDF2PasswordHasher",
                                             "django.contrib.auth.hashers.MD5PasswordHasher"]):
            self.client.post("/tai-khoan/dang-nhap/", {"username": "vanphong.quangan", "password": PASSWORD})
        self.ward_staff.refresh_from_db()
        self.assertTrue(self.ward_staff.password.startswith("pbkdf2"))
        self.assertTrue(ApiToken.objects.filter(user=self.ward_staff).exists())
