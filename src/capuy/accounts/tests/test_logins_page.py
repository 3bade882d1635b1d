"""The office's logins page at a province's size: each list paged, counted and searchable; the person who gets an
office account searched, not listed (issue 16: no list of everyone)."""

from django.urls import reverse

from capuy.core import listtesting
from capuy.core.testing import CapuyTestCase, make_person
from capuy.members.tests.test_member_list import add_members


class LoginsPageTest(CapuyTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        add_members(cls.cell, 60)
        cls.url = reverse("accounts:logins", args=[cls.ward.pk])

    def test_the_members_without_a_login_are_paged_and_counted(self):
        self.login(self.ward_staff)
        page = self.client.get(self.url).content.decode()
        self.assertEqual(page.count('name="chon"'), 50)
        self.assertIn('data-count="63"', page)  # the 60 added and the ward's three members without one
        rest = self.client.get(self.url + listtesting.next_link(page)).content.decode()
        self.assertEqual(rest.count('name="chon"'), 13)

    def test_a_search_finds_a_member_without_a_login(self):
        self.login(self.ward_staff)
        page = self.client.get(self.url, {"q": "so 0042"}).content.decode()
        self.assertIn("Thành viên Số 0042", page)
        self.assertEqual(page.count('name="chon"'), 1)

    def test_the_logins_are_the_other_list(self):
        make_person("Tạ Văn Đăng", self.cell)
        self.login(self.ward_staff)
        page = self.client.get(self.url, {"xem": "tai-khoan"}).content.decode()
        self.assertIn("vanphong.quangan", page)
        self.assertNotIn('name="chon"', page)

    def test_the_person_for_an_office_account_is_searched_not_listed(self):
        self.login(self.ward_staff)
        page = self.client.get(self.url).content.decode()
        self.assertIn('data-chooser data-name="person"', page)
        self.assertNotIn('<option value="', page.split("Thêm tài khoản văn phòng")[1].split("Cách gửi")[0])

    def test_queries_do_not_grow_with_the_members(self):
        self.login(self.ward_staff)
        before, after = listtesting.queries_at_two_sizes(self.client, self.url,
                                                         lambda: add_members(self.cell, 40, start=100))
        self.assertEqual(before, after)

    def test_staff_of_another_ward_are_refused(self):
        self.login(self.other_ward_staff)
        self.assertEqual(self.client.get(self.url).status_code, 404)
        self.assertEqual(self.client.get(self.url, {"xem": "tai-khoan"}).status_code, 404)
