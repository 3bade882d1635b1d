"""The overdue list (tasks:overdue) and "Nhiệm vụ của tôi" (tasks:index): every task reachable page by page."""

import datetime

from django.urls import reverse

from capuy.core import listtesting
from capuy.tasks.models import Task
from capuy.tasks.tests.helpers import TasksTestCase

D = datetime.date


class OverdueListTest(TasksTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.add(45)
        cls.url = reverse("tasks:overdue", args=[cls.district.pk])

    @classmethod
    def add(cls, count, start=0):
        for i in range(start, start + count):
            Task.objects.create(organization=cls.district, lead_organization=cls.ward, title=f"Việc trễ số {i:04d}",
                                responsible=cls.member_person, start_date=D(2020, 1, 1),
                                deadline=D(2020, 2, 1) + datetime.timedelta(days=i))

    def test_paging_reaches_the_last_overdue_task(self):
        self.login(self.district_staff)
        pages = listtesting.walk(self.client, self.url + "?so-dong=20")
        self.assertEqual(len(pages), 3)
        self.assertIn("Việc trễ số 0000", pages[0])
        self.assertIn("Tăng cường công tác thu ngân sách", pages[-1])
        self.assertEqual(listtesting.shown_count(pages[0]), 47)

    def test_staff_of_another_ward_cannot_open_it(self):
        self.login(self.other_ward_staff)
        self.assertEqual(self.client.get(self.url).status_code, 404)

    def test_my_tasks_reach_the_last_one(self):
        self.login(self.ward_staff)
        pages = listtesting.walk(self.client, reverse("tasks:index") + "?so-dong=20")
        self.assertGreaterEqual(len(pages), 3)
        self.assertTrue(any("Việc trễ số 0044" in p for p in pages))

    def test_queries_do_not_grow_with_the_page_or_the_table(self):
        self.login(self.district_staff)
        first = self.client.get(self.url + "?so-dong=20").content.decode()
        counts = [listtesting.queries(self.client, self.url + "?so-dong=20"),
                  listtesting.queries(self.client, self.url + listtesting.next_link(first)),
                  listtesting.queries(self.client, self.url + listtesting.last_link(first))]
        self.add(40, start=100)
        counts.append(listtesting.queries(self.client, self.url + "?so-dong=20&trang=4"))
        self.assertEqual(len(set(counts)), 1, counts)


class TaskReportLimitTest(TasksTestCase):
    def test_the_grouped_report_says_when_it_counts_only_the_first_tasks(self):
        from unittest import mock

        self.login(self.district_staff)
        with mock.patch("capuy.tasks.views.REPORT_LIMIT", 1), \
                mock.patch("capuy.tasks.views._organization_rows.__defaults__", (1,)):
            content = self.client.get(reverse("tasks:organization", args=[self.district.pk])).content.decode()
        self.assertIn("Có 2 nhiệm vụ; bảng và số liệu dưới đây chỉ tính 1 nhiệm vụ", content)
