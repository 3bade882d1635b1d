"""The task actions moved from the views and the API (issue 14): who is refused and what is kept apart."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from capuy.conferences.models import Conference
from capuy.tasks import actions
from capuy.tasks.models import Notification, Task
from capuy.tasks.tests.helpers import TasksTestCase

D = datetime.date


class TaskActionTests(TasksTestCase):
    def test_the_committee_member_cannot_give_a_task(self):
        task = Task(organization=self.district, title="Việc mới", start_date=D(2023, 10, 5), deadline=D(2023, 12, 31))
        with self.assertRaisesMessage(PermissionDenied, actions.CREATE_REFUSED):
            actions.create_task(self.committee_member, task)
        self.assertIsNone(task.pk)

    def test_a_sub_task_takes_its_parents_committee_conference(self):
        conference = Conference.objects.create(body=self.bch, date=D(2023, 10, 5), subject="Kết quả 9 tháng")
        Task.objects.filter(pk=self.district_task.pk).update(conference=conference)
        self.district_task.refresh_from_db()
        task = actions.create_task(self.district_staff, Task(
            organization=self.district, parent=self.district_task, title="Việc con", start_date=D(2023, 10, 5),
            deadline=D(2023, 12, 31)))
        self.assertEqual(task.conference, conference)
        self.assertEqual(task.lead_organization, self.district)

    def test_a_parent_of_another_committee_is_refused(self):
        other = Task.objects.create(organization=self.ward, lead_organization=self.ward, title="Việc của phường",
                                    start_date=D(2023, 10, 5), deadline=D(2023, 12, 31))
        with self.assertRaisesMessage(ValidationError, actions.PARENT_ELSEWHERE):
            actions.create_task(self.district_staff, Task(organization=self.district, parent=other, title="Việc con",
                                                          start_date=D(2023, 10, 5), deadline=D(2023, 12, 31)))

    def test_staff_of_another_ward_cannot_edit_a_task(self):
        with self.assertRaises((Http404, PermissionDenied)):
            actions.update_task(self.other_ward_staff, self.ward_task, {"title": "Đổi tên"})
        self.ward_task.refresh_from_db()
        self.assertNotEqual(self.ward_task.title, "Đổi tên")

    def test_the_conclusion_of_an_open_conference_gives_no_task(self):
        conference = Conference.objects.create(body=self.bch, date=D(2023, 10, 5), subject="Kết quả 9 tháng")
        with self.assertRaisesMessage(ValidationError, actions.CONCLUSION_NOT_CLOSED):
            actions.conclusion_to_tasks(self.district_staff, conference,
                                        [{"title": "Thu ngân sách", "deadline": D(2023, 12, 31)}])
        self.assertFalse(conference.tasks.exists())

    def test_another_users_notice_is_not_found(self):
        notice = Notification.objects.create(user=self.committee_member, task=self.district_task, kind="due_soon",
                                             event="due_soon:2023-12-31", text="Sắp đến hạn")
        with self.assertRaises(Http404):
            actions.mark_notification_read(self.district_staff, notice.pk)
        notice.refresh_from_db()
        self.assertIsNone(notice.read_at)
        self.assertIsNotNone(actions.mark_notification_read(self.committee_member, notice.pk).read_at)
