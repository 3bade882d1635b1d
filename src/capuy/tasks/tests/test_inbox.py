"""The tasks app's part of the home page: the due notes, and the "due within N days" filter of the list."""

import datetime

from django.urls import reverse

from capuy.core.tests.home_base import HomeTestCase
from capuy.tasks.inbox import due_note

D = datetime.date


class DueNoteTest(HomeTestCase):
    def test_due_notes(self):
        today = D(2026, 12, 1)
        for deadline, text in [(D(2026, 11, 28), "Quá hạn 3 ngày (hạn 28/11/2026)"),
                               (D(2026, 12, 1), "Đến hạn hôm nay"),
                               (D(2026, 12, 2), "Còn 1 ngày (hạn 2/12/2026)")]:
            with self.subTest(deadline=deadline):
                self.assertEqual(due_note(deadline, today), text)


class DueFilterTest(HomeTestCase):
    def test_the_list_keeps_open_tasks_due_within_the_days_given(self):
        self.login(self.district_staff)
        response = self.client.get(reverse("tasks:organization", args=[self.district.pk]) + "?cap-duoi=1&han=7")
        self.assertContains(response, self.task_overdue.title)
        self.assertContains(response, self.task_soon.title)
        self.assertNotContains(response, self.task_later.title)

    def test_without_the_filter_every_task_is_listed(self):
        self.login(self.district_staff)
        response = self.client.get(reverse("tasks:organization", args=[self.district.pk]) + "?cap-duoi=1")
        self.assertContains(response, self.task_later.title)

    def test_staff_of_another_ward_cannot_read_the_list(self):
        self.login(self.other_ward_staff)
        response = self.client.get(reverse("tasks:organization", args=[self.district.pk]) + "?han=7")
        self.assertEqual(response.status_code, 404)
