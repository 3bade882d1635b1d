"""The search page (organizations:search): every matching person reachable page by page; organizations
counted with a link to the whole list."""

from django.urls import reverse

from capuy.core import listtesting
from capuy.core.testing import CapuyTestCase, make_person


class SearchListTest(CapuyTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        for i in range(45):
            make_person(f"Đặng Văn Tìm {i:04d}", cls.cell)
        cls.url = reverse("organizations:search")

    def test_every_matching_person_is_reachable(self):
        self.login(self.ward_staff)
        pages = listtesting.walk(self.client, self.url + "?q=dang van tim")
        self.assertEqual(len(pages), 3)
        self.assertIn("Có 45 nhân sự", pages[0])
        self.assertIn("Đặng Văn Tìm 0044", pages[-1])

    def test_staff_of_another_ward_finds_none_of_them(self):
        self.login(self.other_ward_staff)
        self.assertIn("Có 0 nhân sự", self.client.get(self.url + "?q=dang van tim").content.decode())

    def test_organizations_are_counted(self):
        self.login(self.district_staff)
        self.assertIn("Có 2 tổ chức đảng", self.client.get(self.url + "?q=chi bo").content.decode())
