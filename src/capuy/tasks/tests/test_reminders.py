"""Reminders before a deadline and when overdue, with a fixed clock; never twice for the same event."""

import datetime
import io

from django.core import mail
from django.core.management import call_command
from django.test import override_settings

from capuy.tasks.models import Notification
from capuy.tasks.reminders import send_reminders
from capuy.tasks.services import record_progress
from capuy.tasks.tests.helpers import TasksTestCase, status

D = datetime.date


@override_settings(CAPUY_TASKS_REMIND_DAYS=7)
class ReminderTests(TasksTestCase):
    def test_nothing_is_sent_before_the_reminder_window(self):
        assert send_reminders(D(2023, 12, 23)).notifications == 0
        assert not Notification.objects.exists()

    def test_the_responsible_leader_and_the_office_are_told_a_deadline_is_near(self):
        result = send_reminders(D(2023, 12, 24))
        notices = Notification.objects.filter(task=self.district_task)
        assert {n.user for n in notices} == {self.committee_member, self.district_staff}
        assert all(n.kind == "due_soon" and "còn 7 ngày" in n.text for n in notices)
        assert result.emails == 2 and len(mail.outbox) == 2
        assert "sắp đến hạn" in mail.outbox[0].subject

    def test_the_same_event_is_not_notified_twice(self):
        send_reminders(D(2023, 12, 24))
        again = send_reminders(D(2023, 12, 28))
        assert again.notifications == 0 and len(mail.outbox) == 2

    def test_overdue_is_a_new_event_after_the_deadline(self):
        send_reminders(D(2023, 12, 24))
        send_reminders(D(2024, 1, 1))
        send_reminders(D(2024, 1, 5))
        kinds = sorted(Notification.objects.filter(task=self.district_task, user=self.committee_member)
                       .values_list("kind", flat=True))
        assert kinds == ["due_soon", "overdue"]
        overdue = Notification.objects.get(task=self.district_task, user=self.committee_member, kind="overdue")
        assert "đã quá hạn 1 ngày" in overdue.text

    def test_a_moved_deadline_is_a_new_event(self):
        send_reminders(D(2023, 12, 24))
        self.district_task.deadline = D(2024, 1, 15)
        self.district_task.save()
        send_reminders(D(2024, 1, 10))
        assert Notification.objects.filter(task=self.district_task, user=self.committee_member).count() == 2

    def test_a_closed_task_gets_no_reminder(self):
        record_progress(self.district_task, self.committee_member, status("hoan-thanh"), reported_on=D(2023, 12, 1))
        send_reminders(D(2024, 1, 2))
        assert not Notification.objects.filter(task=self.district_task).exists()

    def test_the_ward_office_is_told_about_the_task_it_leads(self):
        send_reminders(D(2024, 7, 1))
        users = set(Notification.objects.filter(task=self.ward_task).values_list("user__username", flat=True))
        assert users == {"vanphong.quangan", "vanphong.tayho"}

    def test_the_notice_is_listed_on_my_tasks(self):
        send_reminders(D(2023, 12, 24))
        self.login(self.committee_member)
        page = self.client.get("/nhiem-vu/").content.decode()
        assert "sắp đến hạn: còn 7 ngày" in page and "1 chưa xem" in page
        notice = Notification.objects.get(user=self.committee_member)
        self.client.post(f"/nhiem-vu/thong-bao/{notice.pk}/da-xem/")
        notice.refresh_from_db()
        assert notice.read_at is not None
        self.login(self.ward_staff)
        assert self.client.post(f"/nhiem-vu/thong-bao/{notice.pk}/da-xem/").status_code == 404

    def test_the_command_runs_for_a_given_date(self):
        out = io.StringIO()
        call_command("remind_tasks", "--date", "2024-01-02", stdout=out)
        assert "Đã tạo 2 thông báo, gửi 2 thư" in out.getvalue()
        out = io.StringIO()
        call_command("remind_tasks", "--date", "2024-01-02", stdout=out)
        assert "Đã tạo 0 thông báo" in out.getvalue()


class RefusingMailServer:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("Máy chủ thư từ chối kết nối")


@override_settings(CAPUY_TASKS_REMIND_DAYS=7, EMAIL_BACKEND="capuy.core.mail.QueuedEmailBackend",
                   EMAIL_DELIVERY_BACKEND="django.core.mail.backends.locmem.EmailBackend")
class QueuedReminderMailTests(TasksTestCase):
    def test_a_notice_counts_as_emailed_only_once_the_queue_delivered_it(self):
        with self.captureOnCommitCallbacks(execute=False) as callbacks:
            send_reminders(D(2023, 12, 24))
        assert not Notification.objects.filter(emailed=True).exists()  # queued, not yet sent
        for callback in callbacks:
            callback()
        assert Notification.objects.filter(task=self.district_task, emailed=True).count() == 2
        assert len(mail.outbox) == 2

    @override_settings(EMAIL_DELIVERY_BACKEND="capuy.tasks.tests.test_reminders.RefusingMailServer")
    def test_a_notice_whose_mail_was_refused_is_not_marked_emailed(self):
        with self.assertLogs("capuy.core.mail", "WARNING"), self.captureOnCommitCallbacks(execute=True):
            send_reminders(D(2023, 12, 24))
        assert Notification.objects.filter(task=self.district_task).count() == 2
        assert not Notification.objects.filter(emailed=True).exists()
