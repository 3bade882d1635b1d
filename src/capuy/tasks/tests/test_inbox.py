"""The tasks app's part of the home page: the due notes, and the "due within N days" filter of the list."""

import datetime

from django.urls import reverse

from capuy.core.tests.home_base import HomeTestCase, make_task
from capuy.tasks.inbox import due_note
from capuy.tasks.models import StatusKind

D = datetime.date


class DueNoteTest(HomeTestCase):
    def test_due_notes(self):
        today = D(2026, 12, 1)
        for deadline, text in [(D(2026, 11, 28), "Quá hạn 3 ngày (hạn 28/11/2026)"),
                               (D(2026, 12, 1), "Đến hạn hôm nay"),
                               (D(2026, 12, 2), "Còn 1 ngày (hạn 2/12/2026)"),
                               (None, "Chưa có thời hạn")]:
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


class NoDeadlineTest(HomeTestCase):
    """A task imported from a report that named no deadline: the pages say so and never call it overdue."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.undated = make_task(cls.district, "Nâng cao chất lượng sinh hoạt chi bộ", None,
                                responsible=cls.committee_person)

    def test_a_task_without_a_deadline_shows_chua_co_thoi_han_and_is_not_listed_as_overdue(self):
        self.login(self.district_staff)
        detail = self.client.get(self.undated.get_absolute_url())
        self.assertContains(detail, "chưa có thời hạn")
        self.assertEqual(detail.context["status"].kind, StatusKind.NOT_STARTED)

        url = reverse("tasks:organization", args=[self.district.pk]) + "?cap-duoi=1"
        listing = self.client.get(url)
        self.assertContains(listing, self.undated.title)
        self.assertContains(listing, "chưa có thời hạn")
        rows = [row for group in listing.context["groups"] for row in group.rows if row.task == self.undated]
        self.assertEqual([row.status.kind for row in rows], [StatusKind.NOT_STARTED])
        self.assertContains(self.client.get(url + "&trang-thai=not_started"), self.undated.title)
        self.assertNotContains(self.client.get(url + "&trang-thai=overdue"), self.undated.title)
        self.assertNotContains(self.client.get(url + "&han=7"), self.undated.title)
        overdue = self.client.get(reverse("tasks:overdue", args=[self.district.pk]))
        self.assertContains(overdue, self.task_overdue.title)
        self.assertNotContains(overdue, self.undated.title)
        self.assertNotIn(self.undated.title, self.block(self.home(self.district_staff), "nhiem-vu-den-han"))

    def test_the_responsible_leader_sees_it_last_with_no_deadline_and_not_urgent(self):
        from capuy.core.inbox import Viewer
        from capuy.tasks import inbox

        block = self.block(self.home(self.committee_member), "nhiem-vu-cua-toi")
        self.assertIn(self.undated.title, block)
        self.assertIn("Chưa có thời hạn", block)
        mine = next(b for b in inbox.blocks(Viewer.of(self.committee_member)) if b.key == "nhiem-vu-cua-toi")
        self.assertEqual([item.title for item in mine.items][-1], self.undated.title)
        self.assertFalse(mine.items[-1].urgent)
        self.assertIsNone(mine.items[-1].when)
