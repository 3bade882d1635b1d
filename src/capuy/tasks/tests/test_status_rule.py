"""The one rule for derived statuses: "quá hạn" and "hoàn thành chậm" come from the dates, never typed."""

import datetime

import pytest

from capuy.tasks.models import StatusKind as K
from capuy.tasks.models import Task
from capuy.tasks.rules import derived_kind, task_status
from capuy.tasks.services import record_progress
from capuy.tasks.tests.helpers import TasksTestCase, status

D = datetime.date
DEADLINE = D(2023, 12, 31)


def test_a_task_without_report_is_not_started_until_the_deadline():
    assert derived_kind(None, DEADLINE, None, D(2023, 10, 5)) == K.NOT_STARTED
    assert derived_kind(None, DEADLINE, None, DEADLINE) == K.NOT_STARTED


def test_a_task_not_done_the_day_after_its_deadline_is_overdue():
    assert derived_kind(None, DEADLINE, None, D(2024, 1, 1)) == K.OVERDUE
    assert derived_kind(K.IN_PROGRESS, DEADLINE, None, D(2024, 1, 1)) == K.OVERDUE


def test_a_task_in_progress_before_the_deadline_stays_in_progress():
    assert derived_kind(K.IN_PROGRESS, DEADLINE, None, D(2023, 12, 30)) == K.IN_PROGRESS


def test_a_task_done_on_the_deadline_is_done_and_after_it_is_done_late():
    assert derived_kind(K.DONE, DEADLINE, DEADLINE, D(2024, 3, 1)) == K.DONE
    assert derived_kind(K.DONE, DEADLINE, D(2024, 1, 2), D(2024, 3, 1)) == K.DONE_LATE


def test_a_stopped_task_is_never_overdue():
    assert derived_kind(K.CANCELLED, DEADLINE, None, D(2025, 1, 1)) == K.CANCELLED


# A task imported from a report that named no deadline (deadline None), years later: whatever was reported,
# (reported kind, completed on, kind shown).
NO_DEADLINE_CASES = [
    (None, None, K.NOT_STARTED),
    (K.NOT_STARTED, None, K.NOT_STARTED),
    (K.IN_PROGRESS, None, K.IN_PROGRESS),
    (K.DONE, D(2029, 12, 31), K.DONE),
    (K.CANCELLED, None, K.CANCELLED),
]


@pytest.mark.parametrize(("reported", "completed_on", "expected"), NO_DEADLINE_CASES)
def test_a_task_without_a_deadline_is_never_overdue_nor_done_late(reported, completed_on, expected):
    assert derived_kind(reported, None, completed_on, D(2030, 1, 1)) == expected


class TaskStatusTests(TasksTestCase):
    def test_the_task_shows_the_overdue_status_row_after_its_deadline(self):
        task = self.district_task
        assert task_status(task, D(2023, 12, 31)).code == "chua-thuc-hien"
        assert task_status(task, D(2024, 1, 1)).code == "qua-han"
        assert task.status_on(D(2024, 1, 1)).name == "Quá hạn"

    def test_a_report_of_done_after_the_deadline_shows_done_late(self):
        task = self.district_task
        task.deadline = D(2023, 10, 10)
        task.save()
        record_progress(task, self.committee_member, status("hoan-thanh"), note="Đã thu vượt dự toán",
                        reported_on=D(2023, 10, 20))
        task = Task.objects.get(pk=task.pk)
        assert task.completed_on == D(2023, 10, 20) and task.percent == 100 and task.closed
        assert task_status(task, D(2023, 11, 1)).code == "hoan-thanh-cham"

    def test_the_overdue_query_follows_the_rule(self):
        overdue = set(Task.objects.overdue(D(2024, 1, 1)).values_list("pk", flat=True))
        assert overdue == {self.district_task.pk}
        assert all(task_status(t, D(2024, 1, 1)).kind == K.OVERDUE for t in Task.objects.overdue(D(2024, 1, 1)))

    def test_a_task_without_a_deadline_is_open_in_the_database_filters_and_never_overdue(self):
        undated = Task.objects.create(organization=self.district, lead_organization=self.district,
                                      title="Nâng cao chất lượng sinh hoạt chi bộ", start_date=D(2023, 10, 5))
        later = D(2030, 1, 1)
        assert undated.deadline is None and task_status(undated, later).kind == K.NOT_STARTED
        assert undated not in Task.objects.overdue(later)
        assert undated in Task.objects.by_kind(K.NOT_STARTED, later)
        assert undated not in Task.objects.by_kind(K.OVERDUE, later)
