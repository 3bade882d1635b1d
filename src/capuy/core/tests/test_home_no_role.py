"""A person with no role anywhere is told whom to ask, not shown an empty page; the public sees the portal."""

from capuy.core.testing import CapuyTestCase, make_person, make_user


class NoRoleHomeTest(CapuyTestCase):
    def test_an_account_with_no_role_and_no_person_is_told_whom_to_ask(self):
        self.login(make_user("moi.tao"))
        response = self.client.get("/")
        self.assertContains(response, "Tài khoản chưa được giao vai trò nào")
        self.assertContains(response, "Văn phòng cấp ủy nơi đồng chí sinh hoạt hoặc công tác")
        self.assertContains(response, "quản trị hệ thống")
        self.assertContains(response, "moi.tao")

    def test_a_person_without_a_role_is_sent_to_the_office_keeping_their_record(self):
        self.login(make_user("nhan.su", make_person("Đinh Văn Cường", self.ward)))
        response = self.client.get("/")
        self.assertContains(response, "Văn phòng Đảng ủy phường Quảng An")

    def test_a_person_with_a_role_does_not_see_the_explanation(self):
        self.login(self.ward_staff)
        self.assertNotContains(self.client.get("/"), "Tài khoản chưa được giao vai trò nào")

    def test_the_public_sees_the_news_portal(self):
        response = self.client.get("/")
        self.assertEqual(response.status_code, 200)
        self.assertNotContains(response, "Việc cần làm")
