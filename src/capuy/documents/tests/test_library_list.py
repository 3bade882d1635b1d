"""The library list (documents:index): every document reachable page by page, counted exactly, exported."""

import datetime

from django.urls import reverse

from capuy.core import listtesting
from capuy.documents.tests.helpers import DocumentsTestCase, make_document


class LibraryListTest(DocumentsTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.add(40)
        make_document(cls.ward, "TB", title="Dự thảo thông báo chưa ban hành")
        cls.url = reverse("documents:index")

    @classmethod
    def add(cls, count, start=0):
        for i in range(start, start + count):
            make_document(cls.district, "TB", title=f"Thông báo kết quả số {i:04d}",
                          issued_on=datetime.date(2022, 1, 1) + datetime.timedelta(days=i), signer=cls.secretary)

    def test_paging_reaches_the_oldest_document_and_drafts_come_first(self):
        self.login(self.ward_staff)
        pages = listtesting.walk(self.client, self.url + "?so-dong=20")
        self.assertEqual(len(pages), 3)
        self.assertIn("Dự thảo thông báo chưa ban hành", pages[0])
        self.assertIn("Thông báo kết quả số 0000", pages[-1])

    def test_the_count_is_exact_past_any_cap(self):
        self.login(self.ward_staff)
        content = self.client.get(self.url, {"q": "thong bao ket qua"}).content.decode()
        self.assertIn("Có 40 văn bản", content)

    def test_staff_of_another_ward_never_sees_our_drafts(self):
        self.login(self.other_ward_staff)
        self.assertNotIn("Dự thảo thông báo chưa ban hành", self.client.get(self.url + "?so-dong=200").content.decode())

    def test_a_bad_filter_or_sort_is_explained(self):
        self.login(self.ward_staff)
        for query in ("?nam=abc", "?co-quan=-1", "?trang-thai=mat", "?sap-xep=x", "?truoc=abc"):
            response = self.client.get(self.url + query)
            self.assertEqual(response.status_code, 200, query)
            self.assertIn('class="notice"', response.content.decode(), query)

    def test_the_export_has_every_filtered_row(self):
        self.login(self.ward_staff)
        rows = listtesting.workbook_rows(self.client.get(self.url + "?xuat=1&nam=2022").content)
        self.assertEqual(len(rows), 1 + 40)

    def test_the_api_refuses_an_offset_too_deep_with_a_message(self):
        self.login(self.ward_staff)
        response = self.client.get("/api/documents/?offset=999999999")
        self.assertEqual(response.status_code, 400)
        self.assertIn("offset tối đa", response.json()["detail"])

    def test_queries_do_not_grow_with_the_page_or_the_table(self):
        self.login(self.ward_staff)
        first = self.client.get(self.url + "?so-dong=20").content.decode()
        counts = [listtesting.queries(self.client, self.url + "?so-dong=20"),
                  listtesting.queries(self.client, self.url + listtesting.next_link(first)),
                  listtesting.queries(self.client, self.url + listtesting.last_link(first))]
        self.add(40, start=100)
        counts.append(listtesting.queries(self.client, self.url + "?so-dong=20&trang=4"))
        self.assertEqual(len(set(counts)), 1, counts)

    def test_the_issuer_box_is_a_search_that_reaches_the_offices_above(self):
        self.login(self.ward_staff)
        content = self.client.get(self.url + f"?co-quan={self.district.pk}").content.decode()
        self.assertIn('data-chooser data-name="co-quan"', content)
        self.assertIn(f'name="co-quan" value="{self.district.pk}"', content)
        found = self.client.get(reverse("organizations:choose_organization"), {"q": "tay ho", "ca-cap-tren": "1"})
        self.assertIn("Đảng bộ quận Tây Hồ", found.content.decode())
        self.assertNotIn("Nhật Tân", self.client.get(reverse("organizations:choose_organization"),
                                                     {"q": "nhat tan", "ca-cap-tren": "1"}).content.decode())
