"""The REST API under /api/tasks/: tasks, progress reports and registrations, with the same rules as the pages."""

import datetime
import json

from capuy.accounts.models import ApiToken
from capuy.tasks.models import ProgressReport, Registration, Task
from capuy.tasks.tests.helpers import TasksTestCase

D = datetime.date


class TaskApiTests(TasksTestCase):
    def call(self, method, url, user=None, data=None):
        headers = {}
        if user is not None:
            _, key = ApiToken.issue(user)
            headers["HTTP_AUTHORIZATION"] = f"Bearer {key}"
        body = json.dumps(data) if data is not None else None
        return getattr(self.client, method)(url, body, content_type="application/json", **headers)

    def test_it_lists_the_tasks_a_user_may_read_with_their_derived_status(self):
        response = self.call("get", f"/api/tasks/?organization_id={self.district.pk}", self.district_staff)
        assert response.status_code == 200
        rows = {row["title"]: row for row in response.json()}
        assert rows["Tăng cường công tác thu ngân sách"]["status"] == "overdue"
        ward = self.call("get", "/api/tasks/", self.ward_staff).json()
        assert [row["title"] for row in ward] == [self.ward_task.title]
        assert self.call("get", "/api/tasks/", self.party_member).json() == []

    def test_anonymous_callers_are_refused(self):
        assert self.call("get", "/api/tasks/").status_code == 401

    def test_the_office_creates_a_task_and_a_bad_deadline_is_refused(self):
        data = {"organization_id": self.district.pk, "title": "Làm tốt công tác tuyển quân năm 2020",
                "start_date": "2019-10-01", "deadline": "2020-02-15", "coordinating_units": ["Công an quận"]}
        response = self.call("post", "/api/tasks/", self.district_staff, data)
        assert response.status_code == 201 and response.json()["coordinating_units"] == ["Công an quận"]
        response = self.call("post", "/api/tasks/", self.district_staff, {**data, "deadline": "2019-01-01"})
        assert response.status_code == 400 and "không được trước ngày bắt đầu" in response.json()["detail"]
        assert Task.objects.filter(title__contains="tuyển quân").count() == 1
        assert self.call("post", "/api/tasks/", self.committee_member, data).status_code == 403
        assert self.call("post", "/api/tasks/", self.other_ward_staff, data).status_code == 404

    def test_progress_reports_follow_the_reporting_rule(self):
        url = f"/api/tasks/{self.ward_task.pk}/progress/"
        report = {"status": "dang-thuc-hien", "percent": 35, "note": "Đã kiểm đếm", "reported_on": "2023-11-01"}
        assert self.call("post", url, self.district_staff, report).status_code == 403
        assert self.call("post", url, self.other_ward_staff, report).status_code == 404
        response = self.call("post", url, self.ward_staff, report)
        assert response.status_code == 201 and response.json()["status"] == "dang-thuc-hien"
        assert self.call("post", url, self.ward_staff, {**report, "status": "qua-han"}).status_code == 400
        assert self.call("post", url, self.ward_staff, {**report, "status": "hoan-thanh"}).status_code == 201
        closed = self.call("post", url, self.ward_staff, report)
        assert closed.status_code == 400 and "Nhiệm vụ đã kết thúc" in closed.json()["detail"]
        assert ProgressReport.objects.count() == 2
        listed = self.call("get", url, self.district_staff).json()
        assert [r["percent"] for r in listed] == [100, 35]

    def test_figures_give_the_sentence(self):
        response = self.call("get", f"/api/tasks/figures/?organization_id={self.district.pk}", self.committee_member)
        assert response.json()["sentence"].startswith("hoàn thành 0/2 nhiệm vụ")

    def test_registrations_through_the_api(self):
        registration = Registration.objects.create(
            organization=self.district, year=2023, person=self.committee_person, content="Việc khó",
            expected_result="Xong", deadline=D(2023, 12, 31), submitted_on=D(2023, 1, 5))
        listed = self.call("get", f"/api/tasks/registrations/?organization_id={self.district.pk}&year=2023",
                           self.committee_member)
        assert [r["content"] for r in listed.json()] == ["Việc khó"], listed.json()
        approve = {"organization_id": self.district.pk, "year": 2023, "approved_on": "2023-01-20"}
        assert self.call("post", "/api/tasks/registrations/approve/", self.committee_member, approve).status_code == 403
        assert self.call("post", "/api/tasks/registrations/approve/", self.district_staff, approve).json() == {"approved": 1}
        url = f"/api/tasks/registrations/{registration.pk}/"
        assert self.call("post", url + "self-assessment/", self.committee_member,
                         {"text": "Đã xong", "level": "tot"}).json()["state"] == "self_assessed"
        assert self.call("post", url + "evaluation/", self.district_staff,
                         {"level": "tot", "note": "Đạt"}).json()["level"] == "tot"
        assert self.call("get", url, self.other_ward_staff).status_code == 404
        late = {"organization_id": self.district.pk, "year": 2023, "person_id": self.committee_person.pk,
                "content": "Việc khác", "expected_result": "Xong", "deadline": "2023-12-31"}
        response = self.call("post", "/api/tasks/registrations/", self.committee_member, late)
        assert response.status_code == 400 and "hết hạn đăng ký" in response.json()["detail"]
        assert Registration.objects.count() == 1
