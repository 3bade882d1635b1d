"""The commendation list (members:commendations): every row reachable, counted, filtered, exported."""

import datetime

from django.urls import reverse

from capuy.core import listtesting
from capuy.core.testing import CapuyTestCase
from capuy.members.models import Commendation


class CommendationListTest(CapuyTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.add(45)
        cls.url = reverse("members:commendations")

    @classmethod
    def add(cls, count, start=0):
        for i in range(start, start + count):
            Commendation.objects.create(form=Commendation.Form.values[0], person=cls.member_person,
                                        issuer="Đảng ủy phường", decision_number=f"{i}-QĐ/ĐU",
                                        decision_date=datetime.date(2020, 1, 1) + datetime.timedelta(days=i))

    def test_paging_reaches_the_oldest_commendation(self):
        self.login(self.ward_staff)
        pages = listtesting.walk(self.client, self.url + "?so-dong=20")
        self.assertEqual(len(pages), 3)
        self.assertIn("số 0-QĐ/ĐU", pages[-1])
        self.assertIn("Có 45 khen thưởng", pages[0])

    def test_staff_of_another_ward_never_sees_them(self):
        self.login(self.other_ward_staff)
        self.assertIn("Có 0 khen thưởng", self.client.get(self.url).content.decode())

    def test_a_bad_year_is_explained_and_the_export_has_every_filtered_row(self):
        self.login(self.ward_staff)
        self.assertIn("Bỏ qua bộ lọc", self.client.get(self.url + "?nam=hai-nghin").content.decode())
        rows = listtesting.workbook_rows(self.client.get(self.url + "?xuat=1&nam=2020").content)
        self.assertEqual(len(rows), 1 + 45)

    def test_queries_do_not_grow_with_the_page_or_the_table(self):
        self.login(self.ward_staff)
        first = self.client.get(self.url + "?so-dong=20").content.decode()
        counts = [listtesting.queries(self.client, self.url + "?so-dong=20"),
                  listtesting.queries(self.client, self.url + listtesting.next_link(first)),
                  listtesting.queries(self.client, self.url + listtesting.last_link(first))]
        self.add(40, start=100)
        counts.append(listtesting.queries(self.client, self.url + "?so-dong=20&trang=4"))
        self.assertEqual(len(set(counts)), 1, counts)
