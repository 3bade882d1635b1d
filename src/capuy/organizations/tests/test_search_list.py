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


class SearchListQueriesTest(CapuyTestCase):
    """Two matches and a full page of them cost the same queries; a person seen through a body or a title
    is found once, not once per membership (visible_people uses semi-joins, no DISTINCT)."""

    def test_a_full_page_costs_the_queries_of_two_matches(self):
        for i in range(2):
            make_person(f"Lê Thị Đếm {i:04d}", self.cell)
        self.login(self.ward_staff)
        url = reverse("organizations:search") + "?q=le thi dem"
        before, after = listtesting.queries_at_two_sizes(
            self.client, url, lambda: [make_person(f"Lê Thị Đếm {i:04d}", self.cell) for i in range(2, 40)])
        self.assertEqual(before, after)
        self.assertIn("Có 40 nhân sự", self.client.get(url).content.decode())

    def test_the_other_ward_still_finds_none(self):
        make_person("Lê Thị Đếm 0001", self.cell)
        self.login(self.other_ward_staff)
        self.assertIn("Có 0 nhân sự", self.client.get(reverse("organizations:search") + "?q=le thi dem").content.decode())
