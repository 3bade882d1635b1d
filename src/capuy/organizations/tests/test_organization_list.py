"""The organization list (organizations:list): paged to the last row, counted, sorted, filtered, exported."""

from django.urls import reverse

from capuy.core import listtesting
from capuy.core.testing import CapuyTestCase
from capuy.organizations.models import Organization


def add_cells(parent, count, start=0):
    for i in range(start, start + count):
        Organization.objects.create(parent=parent, kind=Organization.Kind.CELL, name=f"Chi bộ thử số {i:04d}")


class OrganizationListTest(CapuyTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        add_cells(cls.ward, 45)
        cls.url = reverse("organizations:list")

    def test_paging_reaches_the_last_organization(self):
        self.login(self.ward_staff)
        pages = listtesting.walk(self.client, self.url + "?so-dong=20")
        self.assertEqual(len(pages), 3)
        for i in range(45):
            self.assertTrue(any(f"Chi bộ thử số {i:04d}" in p for p in pages), i)

    def test_it_shows_how_many_match_and_filters(self):
        self.login(self.ward_staff)
        self.assertIn("Có 47 tổ chức đảng", self.client.get(self.url).content.decode())
        content = self.client.get(self.url + "?q=thu so 0003&loai=cell").content.decode()
        self.assertIn("Có 1 tổ chức đảng", content)

    def test_staff_of_another_ward_never_sees_our_cells(self):
        self.login(self.other_ward_staff)
        content = self.client.get(self.url + "?so-dong=200").content.decode()
        self.assertNotIn("Chi bộ thử số", content)
        self.assertIn("Có 2 tổ chức đảng", content)

    def test_a_bad_sort_kind_or_page_is_explained(self):
        self.login(self.ward_staff)
        for query, message in [("?sap-xep=x", "Không sắp xếp được"), ("?loai=vu-tru", "Bỏ qua bộ lọc"),
                               ("?trang=100", "Không có trang 100"), ("?con-hoat-dong=co", "Bỏ qua bộ lọc")]:
            response = self.client.get(self.url + query)
            self.assertEqual(response.status_code, 200)
            self.assertIn(message, response.content.decode(), query)

    def test_the_export_has_every_filtered_row(self):
        self.login(self.ward_staff)
        rows = listtesting.workbook_rows(self.client.get(self.url + "?xuat=1&loai=cell").content)
        self.assertEqual(len(rows), 1 + 46)

    def test_queries_do_not_grow_with_the_page_or_the_table(self):
        self.login(self.ward_staff)
        first = self.client.get(self.url + "?so-dong=20").content.decode()
        counts = [listtesting.queries(self.client, self.url + "?so-dong=20"),
                  listtesting.queries(self.client, self.url + listtesting.next_link(first)),
                  listtesting.queries(self.client, self.url + listtesting.last_link(first))]
        add_cells(self.ward, 60, start=100)
        counts.append(listtesting.queries(self.client, self.url + "?so-dong=20&trang=5"))
        self.assertEqual(len(set(counts)), 1, counts)
