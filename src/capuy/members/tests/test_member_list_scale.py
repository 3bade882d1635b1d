"""The member list at scale (members:index): a bounded count with the exact figure on demand, the same
queries for a page of two members and a full one, and the secretary still limited to their cell."""

from django.test import override_settings
from django.urls import reverse

from capuy.core import listtesting
from capuy.members.tests.base import MembersTestCase
from capuy.members.tests.test_member_list import add_members


class MemberListScaleTest(MembersTestCase):
    def url(self, organization=None):
        return reverse("members:index") + f"?to-chuc={(organization or self.ward).pk}"

    @override_settings(CAPUY_LIST_COUNT_LIMIT=30)
    def test_a_large_list_says_more_than_the_limit_and_counts_exactly_on_demand(self):
        add_members(self.cell, 45)
        self.login(self.ward_staff)
        content = self.client.get(self.url()).content.decode()
        self.assertIn("Có hơn 30 đảng viên", content)
        self.assertIn("data-count-bounded", content)
        self.assertIn("đếm chính xác", content)
        exact = self.client.get(self.url() + "&dem=1").content.decode()
        total = listtesting.shown_count(exact)
        self.assertGreaterEqual(total, 45)
        self.assertIn(f"Có {total} đảng viên", exact)
        self.assertNotIn("data-count-bounded", exact)
        pages = listtesting.walk(self.client, self.url() + "&so-dong=20")
        self.assertEqual(sum(p.count("Thành viên Số") for p in pages), 45)

    @override_settings(CAPUY_LIST_COUNT_LIMIT=1000)
    def test_a_list_under_the_limit_shows_its_exact_count(self):
        add_members(self.cell, 5)
        self.login(self.ward_staff)
        content = self.client.get(self.url()).content.decode()
        self.assertNotIn("Có hơn", content)
        self.assertNotIn("đếm chính xác", content)

    def test_a_full_page_costs_the_queries_of_an_almost_empty_one(self):
        self.login(self.ward_staff)
        before, after = listtesting.queries_at_two_sizes(self.client, self.url() + "&so-dong=50",
                                                         lambda: add_members(self.cell, 60))
        self.assertEqual(before, after)

    def test_a_search_costs_the_same_queries_at_two_sizes(self):
        self.login(self.ward_staff)
        add_members(self.cell, 2)
        before, after = listtesting.queries_at_two_sizes(self.client, self.url() + "&q=thanh vien",
                                                         lambda: add_members(self.cell, 60, start=2))
        self.assertEqual(before, after)

    def test_the_cell_secretary_still_sees_their_cell_only(self):
        self.login(self.cell_secretary)
        content = self.client.get(self.url(self.cell)).content.decode()
        self.assertIn("Vũ Thị Lan", content)
        self.assertNotIn("Lý Thị Mai", content)
        self.assertEqual(self.client.get(self.url(self.second_cell)).status_code, 404)
        self.assertEqual(self.client.get(self.url()).status_code, 404)

    def test_staff_of_another_ward_is_refused(self):
        self.login(self.other_ward_staff)
        self.assertEqual(self.client.get(self.url()).status_code, 404)
