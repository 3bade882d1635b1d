"""The conference list (conferences:index): paged to the last row, counted, sorted, filtered, exported."""

import datetime

from django.urls import reverse

from capuy.conferences.models import Conference
from capuy.core import listtesting
from capuy.core.testing import CapuyTestCase
from capuy.organizations.models import Body, Term


class ConferenceListTest(CapuyTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        term = Term.objects.create(organization=cls.ward, congress_number=1, start_year=2020, end_year=2025,
                                   start_date=datetime.date(2020, 8, 1), end_date=datetime.date(2025, 7, 31))
        cls.body = Body.objects.create(organization=cls.ward, term=term, kind=Body.Kind.EXECUTIVE)
        cls.add(45)
        cls.url = reverse("conferences:index")

    @classmethod
    def add(cls, count, start=0):
        for i in range(start, start + count):
            Conference.objects.create(body=cls.body, organization=cls.ward, term=cls.body.term,
                                      date=datetime.date(2021, 1, 1) + datetime.timedelta(days=i),
                                      kind=Conference.Kind.values[0])

    def test_paging_reaches_the_oldest_conference(self):
        self.login(self.ward_staff)
        pages = listtesting.walk(self.client, self.url + "?so-dong=20")
        self.assertEqual(len(pages), 3)
        self.assertIn(">1/1/2021<", pages[-1])
        self.assertIn("Có 45 hội nghị", pages[0])

    def test_staff_of_another_ward_never_sees_them(self):
        self.login(self.other_ward_staff)
        self.assertIn("Có 0 hội nghị", self.client.get(self.url).content.decode())

    def test_a_bad_status_or_year_is_explained(self):
        self.login(self.ward_staff)
        for query in ("?trang-thai=xyz", "?nam=99999", "?chuan-bi=2"):
            response = self.client.get(self.url + query)
            self.assertEqual(response.status_code, 200)
            self.assertIn("Bỏ qua bộ lọc", response.content.decode())

    def test_the_export_has_every_filtered_row(self):
        self.login(self.ward_staff)
        rows = listtesting.workbook_rows(self.client.get(self.url + "?xuat=1&nam=2021").content)
        self.assertEqual(len(rows), 1 + 45)

    def test_queries_do_not_grow_with_the_page_or_the_table(self):
        self.login(self.ward_staff)
        first = self.client.get(self.url + "?so-dong=20").content.decode()
        counts = [listtesting.queries(self.client, self.url + "?so-dong=20"),
                  listtesting.queries(self.client, self.url + listtesting.next_link(first)),
                  listtesting.queries(self.client, self.url + listtesting.last_link(first))]
        self.add(60, start=100)
        counts.append(listtesting.queries(self.client, self.url + "?so-dong=20&trang=5"))
        self.assertEqual(len(set(counts)), 1, counts)


class ConferenceListQueriesTest(CapuyTestCase):
    """A page of two conferences and a full page cost the same queries (each row's body and term come
    with the row: bench/scale.py showed one query per row)."""

    def test_a_full_page_costs_the_queries_of_an_almost_empty_one(self):
        term = Term.objects.create(organization=self.ward, congress_number=1, start_year=2020, end_year=2025,
                                   start_date=datetime.date(2020, 8, 1), end_date=datetime.date(2025, 7, 31))
        body = Body.objects.create(organization=self.ward, term=term, kind=Body.Kind.EXECUTIVE)

        def add(count, start):
            for i in range(start, start + count):
                Conference.objects.create(body=body, organization=self.ward, term=term, numbered=True, number=i + 1,
                                          date=datetime.date(2021, 1, 1) + datetime.timedelta(days=i),
                                          kind=Conference.Kind.values[0])
        add(2, 0)
        self.login(self.ward_staff)
        before, after = listtesting.queries_at_two_sizes(self.client, reverse("conferences:index") + "?so-dong=50",
                                                         lambda: add(60, 2))
        self.assertEqual(before, after)
