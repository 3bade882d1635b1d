"""The rules of the tasks app, one function each.

- ``derived_kind``: the status a task shows (overdue and done late are computed, never typed).
- ``figures`` / ``figures_sentence``: the figures a review conference cites.
- ``registration_deadline``: the last day to register difficult tasks for a year (setting).
- ``can_read_task`` / ``can_report_progress`` / ``can_edit_task``: who sees and who changes a task.
- ``can_read_registrations`` / ``can_manage_registrations`` / ``can_register``: the same for registrations.
- ``remind_days``: how many days before a deadline the reminder goes out (setting; none for a task without
  a deadline).

Settings (declared with their defaults in ``capuy/config.py``, set in the environment of a deployment):
``CAPUY_TASKS_REMIND_DAYS`` (default 7), ``CAPUY_TASKS_REGISTRATION_DEADLINE`` ("MM-DD", default "01-31"),
``CAPUY_TASKS_EVIDENCE_MAX_MB`` (default 10), ``CAPUY_TASKS_EVIDENCE_EXTENSIONS`` (default pdf, doc(x),
xls(x), odt, ods, jpg, jpeg, png).
"""

import datetime
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils import timezone

from capuy import config
from capuy.accounts import permissions
from capuy.accounts.models import Role
from capuy.tasks.models import StatusKind, TaskStatus

# ---------------------------------------------------------------------------------------------------------
# Status
# ---------------------------------------------------------------------------------------------------------


def derived_kind(reported_kind: str | None, deadline: datetime.date | None, completed_on: datetime.date | None,
                 today: datetime.date) -> str:
    """The status kind a task has on ``today``; THE rule for "quá hạn" and "hoàn thành chậm".

    The reporter only ever types "chưa thực hiện", "đang thực hiện", "hoàn thành" or "dừng thực hiện"
    (or a configured status of one of those kinds). From that and the dates:

    - stopped (``cancelled``) stays stopped, whatever the deadline;
    - done on or before the deadline is ``done``; done after it (``completed_on`` > ``deadline``) is
      ``done_late`` ("hoàn thành chậm");
    - not done and ``today`` is after the deadline is ``overdue`` ("quá hạn"): the deadline day itself
      is still in time;
    - otherwise the reported kind, ``not_started`` when nothing was reported yet.

    A task without a deadline (``None``, "chưa có thời hạn": imported from a report that named none) is
    never ``overdue`` nor ``done_late``, and never "sắp đến hạn" for the reminders and the home page: capuy
    states only what was recorded (issue 13) and invents no deadline to measure it against.

    ``TaskQuerySet.overdue(today)`` is the same rule for the database (not closed, deadline < today).
    """
    if reported_kind == StatusKind.CANCELLED:
        return StatusKind.CANCELLED
    if reported_kind == StatusKind.DONE:
        if completed_on is not None and deadline is not None and completed_on > deadline:
            return StatusKind.DONE_LATE
        return StatusKind.DONE
    if deadline is not None and today > deadline:
        return StatusKind.OVERDUE
    return reported_kind or StatusKind.NOT_STARTED


def statuses_by_kind() -> dict:
    """The status row shown for each kind (the first of that kind), read once for a whole list."""
    table = {}
    for status in TaskStatus.objects.all():
        table.setdefault(status.kind, status)
    return table


def task_status(task, today: datetime.date | None = None, by_kind: dict | None = None) -> TaskStatus:
    """The TaskStatus row a task shows on ``today``: the reported one unless the rule derives another kind.

    Pass ``by_kind`` (from ``statuses_by_kind()``) when showing many tasks, to read the table once.
    """
    today = today or timezone.localdate()
    reported = task.reported_status
    kind = derived_kind(reported.kind if reported else None, task.deadline, task.completed_on, today)
    if reported is not None and reported.kind == kind:
        return reported
    if by_kind is not None and kind in by_kind:
        return by_kind[kind]
    return TaskStatus.for_kind(kind)


# ---------------------------------------------------------------------------------------------------------
# Figures
# ---------------------------------------------------------------------------------------------------------


@dataclass
class Figures:
    """Counts of tasks by status kind on a day."""

    total: int = 0
    by_kind: Counter = field(default_factory=Counter)

    @property
    def done(self) -> int:
        return self.by_kind[StatusKind.DONE] + self.by_kind[StatusKind.DONE_LATE]

    @property
    def share_done(self) -> float | None:
        """Share of tasks done (on time or late), in percent; None when there is no task."""
        return round(100 * self.done / self.total, 1) if self.total else None

    def count(self, kind: str) -> int:
        return self.by_kind[kind]


def figures(tasks, today: datetime.date | None = None) -> Figures:
    today = today or timezone.localdate()
    result, by_kind = Figures(), statuses_by_kind()
    for task in tasks:
        result.total += 1
        result.by_kind[task_status(task, today, by_kind).kind] += 1
    return result


def figures_sentence(stats: Figures) -> str:
    """The figures as a review conference cites them: "hoàn thành 18/20 nhiệm vụ, 2 nhiệm vụ đang thực hiện".

    Done counts tasks done on time and late ("trong đó 1 nhiệm vụ hoàn thành chậm"); then, when not
    zero, the tasks in progress, not started, overdue and stopped, in that order.
    """
    if not stats.total:
        return "chưa có nhiệm vụ nào"
    parts = [f"hoàn thành {stats.done}/{stats.total} nhiệm vụ"]
    if late := stats.count(StatusKind.DONE_LATE):
        parts[0] += f" (trong đó {late} nhiệm vụ hoàn thành chậm)"
    for kind, phrase in ((StatusKind.IN_PROGRESS, "đang thực hiện"), (StatusKind.NOT_STARTED, "chưa thực hiện"),
                         (StatusKind.OVERDUE, "quá hạn"), (StatusKind.CANCELLED, "dừng thực hiện")):
        if n := stats.count(kind):
            parts.append(f"{n} nhiệm vụ {phrase}")
    return ", ".join(parts)


# ---------------------------------------------------------------------------------------------------------
# Settings
# ---------------------------------------------------------------------------------------------------------


def remind_days() -> int:
    """Days before a deadline when the reminder goes out (``CAPUY_TASKS_REMIND_DAYS``, default 7); a task
    without a deadline gets no reminder (``reminders.due_events``)."""
    return int(config.value("CAPUY_TASKS_REMIND_DAYS"))


def registration_deadline(organization, year: int) -> datetime.date:
    """Last day to register difficult tasks for ``year`` in ``organization``.

    The organization's own ``RegistrationYear.deadline`` when set; otherwise the day of ``year`` given by
    ``CAPUY_TASKS_REGISTRATION_DEADLINE`` ("MM-DD", default "01-31": the end of January). The rule is a
    setting because no official text fixing the date could be confirmed.
    """
    from capuy.tasks.models import RegistrationYear

    own = RegistrationYear.objects.filter(organization=organization, year=year).values_list("deadline", flat=True)
    if own and own[0]:
        return own[0]
    month, day = (int(part) for part in config.value("CAPUY_TASKS_REGISTRATION_DEADLINE").split("-"))
    return datetime.date(year, month, day)


# ---------------------------------------------------------------------------------------------------------
# Permissions (built on capuy.accounts.permissions)
# ---------------------------------------------------------------------------------------------------------


def _is_responsible(user, task) -> bool:
    return bool(user.is_authenticated and user.person_id and task.responsible_id == user.person_id)


def can_read_task(user, task) -> bool:
    """Readers of the setting or the lead organization (their superiors included) and the responsible leader."""
    if not user.is_authenticated:
        return False
    return (_is_responsible(user, task) or permissions.can_read(user, task.lead_organization)
            or permissions.can_read(user, task.organization))


def can_report_progress(user, task) -> bool:
    """Only the lead organization's own office staff and the responsible leader report progress.

    Superiors (offices of organizations above the lead organization) read but do not report.
    """
    if not user.is_authenticated:
        return False
    if _is_responsible(user, task) or permissions.is_admin(user):
        return True
    return permissions.holds_role_at(user, task.lead_organization, Role.OFFICE)


def can_edit_task(user, task_or_organization) -> bool:
    """The office of the organization that set the task (or of a superior) edits it and adds sub-tasks."""
    organization = getattr(task_or_organization, "organization", task_or_organization)
    return permissions.can_manage(user, organization)


def visible_tasks(user, queryset=None):
    """The tasks ``user`` may read (the query form of ``can_read_task``)."""
    from capuy.tasks.models import Task

    queryset = Task.objects.all() if queryset is None else queryset
    if permissions.organization_filter(user) is None:
        return queryset
    readable = permissions.readable_organizations(user).values("pk")
    own = Q(responsible_id=user.person_id) if user.is_authenticated and user.person_id else Q(pk__in=[])
    return queryset.filter(Q(lead_organization__in=readable) | Q(organization__in=readable) | own)


def can_read_registrations(user, organization) -> bool:
    return permissions.can_read(user, organization)


def can_manage_registrations(user, organization) -> bool:
    """The office (or a superior's) records registrations, the standing committee's approval and evaluation."""
    return permissions.can_manage(user, organization)


def can_read_registration(user, registration) -> bool:
    if user.is_authenticated and user.person_id and registration.person_id == user.person_id:
        return True
    return permissions.can_read(user, registration.organization)


def can_register(user, registration) -> bool:
    """The official registers and self-assesses their own tasks, with the organization they work in or one
    above it; the office may do it on their behalf."""
    if user.is_authenticated and user.person_id and registration.person_id == user.person_id:
        home = registration.person.organization
        if home is not None and registration.organization_id and home.is_within(registration.organization):
            return True
    return permissions.can_manage(user, registration.organization)


def key_officials(organization, day: datetime.date):
    """Key officials who register difficult tasks (cán bộ chủ chốt): the standing committee (or, without one,
    the executive committee) of ``organization`` on ``day``, and the secretaries of the organizations
    directly under it. Heads of units not recorded as body members can be added by the office as any
    person it can see."""
    from capuy.organizations.models import Body, BodyMembership, Person

    memberships = BodyMembership.objects.active_on(day)
    own = memberships.filter(body__organization=organization, body__kind=Body.Kind.STANDING)
    if not own.exists():
        own = memberships.filter(body__organization=organization, body__kind=Body.Kind.EXECUTIVE)
    secretaries = memberships.filter(body__organization__parent=organization, role=BodyMembership.Role.SECRETARY)
    ids = set(own.values_list("person_id", flat=True)) | set(secretaries.values_list("person_id", flat=True))
    return Person.objects.filter(pk__in=ids).order_by("sort_key")
