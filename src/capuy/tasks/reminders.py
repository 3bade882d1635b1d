"""Reminders before a deadline and when a task is overdue, in capuy and by e-mail, once per event.

Run by ``capuy remind_tasks`` (cron, see README.md). An event is (task, kind, deadline): moving the
deadline makes a new event, running the command twice on the same day sends nothing new. A task without a
deadline ("chưa có thời hạn") is never due soon nor overdue: no reminder goes out for it.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from capuy.accounts.models import Role, RoleGrant, User
from capuy.core import mail
from capuy.core.vietnamese import numeric_date
from capuy.tasks import rules
from capuy.tasks.models import Notification, Task


class Recipients:
    """Who hears about a task: the responsible leader's login and the office staff of the lead organization
    (and of the organization that set the task, when it is another one). Logins are read once per run."""

    def __init__(self):
        self.by_person: dict[int, list] = {}
        self.offices: dict[int, list] = {}
        for user in User.objects.filter(is_active=True, person__isnull=False):
            self.by_person.setdefault(user.person_id, []).append(user)
        for grant in RoleGrant.objects.filter(role=Role.OFFICE, user__is_active=True).select_related("user"):
            self.offices.setdefault(grant.organization_id, []).append(grant.user)

    def for_task(self, task: Task) -> list:
        users = {}
        for user in self.by_person.get(task.responsible_id, []) if task.responsible_id else []:
            users[user.pk] = user
        for organization_id in (task.lead_organization_id, task.organization_id):
            for user in self.offices.get(organization_id, []):
                users.setdefault(user.pk, user)
        return list(users.values())


def recipients(task: Task) -> list:
    return Recipients().for_task(task)


def _text(task: Task, kind: str, today: datetime.date) -> str:
    deadline = numeric_date(task.deadline)
    if kind == Notification.Kind.OVERDUE:
        days = (today - task.deadline).days
        return f"Nhiệm vụ “{task.title}” đã quá hạn {days} ngày (thời hạn {deadline}), chưa báo cáo hoàn thành."
    days = (task.deadline - today).days
    when = "hôm nay" if days == 0 else f"còn {days} ngày"
    return f"Nhiệm vụ “{task.title}” sắp đến hạn: {when} (thời hạn {deadline})."


@dataclass
class RunResult:
    notifications: int = 0
    emails: int = 0


def due_events(today: datetime.date):
    """(task, kind) for every open task due within ``rules.remind_days()`` days or already overdue; never a
    task without a deadline."""
    horizon = today + datetime.timedelta(days=rules.remind_days())
    tasks = Task.objects.open().filter(deadline__isnull=False, deadline__lte=horizon).select_related("organization", "lead_organization")
    for task in tasks:
        kind = Notification.Kind.OVERDUE if task.deadline < today else Notification.Kind.DUE_SOON
        yield task, kind


def send_reminders(today: datetime.date | None = None, base_url: str = "", dry_run: bool = False) -> RunResult:
    """Create the notices due on ``today`` and e-mail them; an event already notified is skipped."""
    today = today or timezone.localdate()
    result = RunResult()
    people = Recipients()
    events = list(due_events(today))
    horizon = today + datetime.timedelta(days=rules.remind_days())
    done = set(Notification.objects.filter(task__closed=False, task__deadline__lte=horizon)
               .values_list("user_id", "task_id", "event"))
    for task, kind in events:
        event = f"{kind}:{task.deadline.isoformat()}"
        text = _text(task, kind, today)
        for user in people.for_task(task):
            if (user.pk, task.pk, event) in done:
                continue
            result.notifications += 1
            if dry_run:
                continue
            try:
                with transaction.atomic():
                    notice = Notification.objects.create(user=user, task=task, kind=kind, event=event, text=text)
            except IntegrityError:  # another run created it at the same moment
                continue
            address = user.email or (user.person.email if user.person_id else "")
            if address:
                url = f"{base_url.rstrip('/')}{reverse('tasks:detail', args=[task.pk])}"
                subject = ("[Cấp ủy số] Nhiệm vụ quá hạn" if kind == Notification.Kind.OVERDUE
                           else "[Cấp ủy số] Nhiệm vụ sắp đến hạn")
                # "emailed" is set when the mail has really gone (capuy.tasks.apps listens to mail_delivered).
                mail.send(EmailMessage(subject, f"{text}\n\nXem và báo cáo tiến độ: {url}\n",
                                       settings.DEFAULT_FROM_EMAIL, [address]), notice)
                result.emails += 1
    return result
