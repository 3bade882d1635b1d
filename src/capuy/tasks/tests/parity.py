"""Parity cases of the tasks actions (run by ``core/tests/test_action_parity.py``)."""

import datetime

from django.urls import reverse

from capuy.core.tests.parity import Scenario
from capuy.tasks import actions
from capuy.tasks.models import EvaluationLevel, Registration, Task
from capuy.tasks.tests.helpers import ensure_default_statuses, status

D = datetime.date


def _ward_task(t):
    ensure_default_statuses()
    return Task.objects.create(organization=t.district, lead_organization=t.ward, title="Giải phóng mặt bằng",
                               start_date=D(2023, 10, 5), deadline=D(2024, 6, 30))


def _registration(t):
    return Registration.objects.create(organization=t.district, year=2023, person=t.committee_person,
                                       content="Giải phóng mặt bằng", expected_result="Xong",
                                       deadline=D(2023, 12, 31), submitted_on=D(2023, 2, 1))


def record_progress(t):
    task = _ward_task(t)
    page = {"status": status("dang-thuc-hien").pk, "percent": 30, "reported_on": "2023-11-15"}
    api = {"status": "dang-thuc-hien", "percent": 30, "reported_on": "2023-11-15"}
    url, path = reverse("tasks:progress", args=[task.pk]), ("post", f"/tasks/{task.pk}/progress/")
    return [Scenario(t.committee_member, url, path, page, api,
                     refused="Chỉ văn phòng của tổ chức chủ trì và lãnh đạo phụ trách được báo cáo tiến độ."),
            Scenario(t.ward_staff, url, path, page, api),
            Scenario(t.ward_staff, url, path, {**page, "percent": 30, "reported_on": "2099-01-01"},
                     {**api, "reported_on": "2099-01-01"}, refused=_future_refusal(task, t))]


def _future_refusal(task, t) -> str:
    from django.core.exceptions import ValidationError
    from django.db import transaction

    try:
        with transaction.atomic():
            actions.record_progress(t.ward_staff, task, status("dang-thuc-hien"), 30, reported_on=D(2099, 1, 1))
    except ValidationError as exc:
        return exc.messages[0]
    raise AssertionError("a report dated in the future was expected to be refused")


def approve_list(t):
    data = {"approved_on": "2023-03-01"}
    return [Scenario(t.committee_member, reverse("tasks:registrations", args=[t.district.pk, 2023]),
                     ("post", "/tasks/registrations/approve/"), data,
                     {**data, "organization_id": t.district.pk, "year": 2023}, refused=actions.APPROVE_REFUSED)]


def evaluate(t):
    registration = _registration(t)
    return [Scenario(t.committee_member, reverse("tasks:registration", args=[registration.pk]),
                     ("post", f"/tasks/registrations/{registration.pk}/evaluation/"),
                     {"action": "evaluate", "danh-gia-level": EvaluationLevel.GOOD}, {"level": EvaluationLevel.GOOD},
                     refused="Chỉ văn phòng cấp ủy ghi nhận đánh giá của Ban Thường vụ.")]


def mid_year_check(t):
    registration = _registration(t)
    return [Scenario(t.party_member, reverse("tasks:registration", args=[registration.pk]),
                     ("post", f"/tasks/registrations/{registration.pk}/mid-year/"),
                     {"action": "mid_year", "giua-nam-note": "Đạt"}, {"note": "Đạt"}, refused="Không tìm thấy đăng ký.")]


def self_assess(t):
    registration = _registration(t)
    return [Scenario(t.party_member, reverse("tasks:registration", args=[registration.pk]),
                     ("post", f"/tasks/registrations/{registration.pk}/self-assessment/"),
                     {"action": "self", "tu-danh-gia-text": "Tốt", "tu-danh-gia-level": EvaluationLevel.GOOD},
                     {"text": "Tốt", "level": EvaluationLevel.GOOD}, refused="Không tìm thấy đăng ký.")]


def register(t):
    data = {"content": "Việc khó", "expected_result": "Xong", "deadline": "2023-12-31"}
    return [Scenario(t.other_ward_staff, reverse("tasks:registration_create", args=[t.ward.pk, 2023]),
                     ("post", "/tasks/registrations/"), {**data, "person": t.committee_person.pk},
                     {**data, "organization_id": t.ward.pk, "year": 2023, "person_id": t.other_ward_staff.person_id},
                     refused="Không tìm thấy tổ chức.")]


def create_task(t):
    ensure_default_statuses()
    page = {"title": "Giải phóng mặt bằng", "source_kind": "conference", "lead_organization": t.ward.pk,
            "start_date": "2023-10-05", "deadline": "2024-06-30", "priority": 2}
    api = {"organization_id": t.district.pk, "title": "Giải phóng mặt bằng", "lead_organization_id": t.ward.pk,
           "start_date": "2023-10-05", "deadline": "2024-06-30"}
    url, path = reverse("tasks:create", args=[t.district.pk]), ("post", "/tasks/")
    return [Scenario(t.committee_member, url, path, page, api, refused=actions.CREATE_REFUSED),
            Scenario(t.district_staff, url, path, page, api)]


def update_task(t):
    task = _ward_task(t)
    page = {"title": "Giải phóng mặt bằng xong", "source_kind": "conference", "lead_organization": t.ward.pk,
            "start_date": "2023-10-05", "deadline": "2024-06-30", "priority": 2}
    api = {"title": "Giải phóng mặt bằng xong"}
    url, path = reverse("tasks:edit", args=[task.pk]), ("patch", f"/tasks/{task.pk}/")
    return [Scenario(t.committee_member, url, path, page, api, refused=actions.EDIT_REFUSED),
            Scenario(t.district_staff, url, path, page, api)]


CASES = {f"tasks.{f.__name__}": f for f in (
    record_progress, approve_list, evaluate, mid_year_check, self_assess, register, create_task, update_task)}
