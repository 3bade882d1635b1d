"""Tasks without a deadline ("chưa có thời hạn"): imported from a report that named none (issue 13).

They sort after the dated tasks in every order (the same on SQLite and PostgreSQL, keyset paging included),
get no reminder, export as "chưa có thời hạn"; a task entered by hand (form, API) still needs a deadline.
"""

import datetime
import io
import json

from django.http import QueryDict
from django.test import override_settings
from openpyxl import load_workbook

from capuy.accounts.models import ApiToken
from capuy.tasks import listings
from capuy.tasks.models import Notification, Task
from capuy.tasks.reminders import send_reminders
from capuy.tasks.tests.helpers import TasksTestCase

D = datetime.date
REQUIRED = "Trường này là bắt buộc."  # the form's message for a missing deadline, as before tasks could lack one
NOT_NULL = "Trường này không thể để trống."  # the model's message the API gave for "deadline": null


class NoDeadlineTests(TasksTestCase):
    """The ward leads three tasks besides ``ward_task`` (30/6/2024): one due 15/1/2024 and two without a deadline."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        common = {"organization": cls.district, "lead_organization": cls.ward, "start_date": D(2023, 10, 5)}
        cls.undated = Task.objects.create(title="Việc chưa có thời hạn thứ nhất", **common)
        cls.dated = Task.objects.create(title="Việc có hạn 15/1", deadline=D(2024, 1, 15), **common)
        cls.undated_2 = Task.objects.create(title="Việc chưa có thời hạn thứ hai", **common)

    def call(self, method, url, user, data=None):
        _, key = ApiToken.issue(user)
        body = json.dumps(data) if data is not None else None
        return getattr(self.client, method)(url, body, content_type="application/json",
                                            HTTP_AUTHORIZATION=f"Bearer {key}")

    def walk_my_tasks(self, sort: str) -> list[str]:
        """Every title of "Nhiệm vụ của tôi" of the ward's office, one row per page (keyset paging)."""

        class OneByOne(listings.MyTaskList):
            per_page = 1

        titles, query = [], f"sap-xep={sort}"
        for _ in range(10):
            page = OneByOne(self.ward_staff, QueryDict(query)).page()
            titles += [row.task.title for row in page.rows]
            if not page.next_url:
                break
            query = page.next_url.removeprefix("?")
        return titles

    def test_tasks_without_a_deadline_come_after_the_dated_ones_in_every_order_and_page(self):
        dated = [self.dated.title, self.ward_task.title]
        undated = [self.undated.title, self.undated_2.title]
        ward_led = Task.objects.filter(lead_organization=self.ward)
        assert [t.title for t in ward_led] == dated + undated  # Meta.ordering
        assert self.walk_my_tasks("han") == dated + undated
        assert self.walk_my_tasks("-han") == dated[::-1] + undated[::-1]
        titles, url = [], "/api/tasks/?limit=1"
        for _ in range(10):
            response = self.call("get", url, self.ward_staff)
            assert response.status_code == 200
            titles += [row["title"] for row in response.json()]
            if "X-Next-Cursor" not in response:
                break
            url = f"/api/tasks/?limit=1&cursor={response['X-Next-Cursor']}"
        assert titles == dated + undated

    def test_the_api_gives_no_deadline_as_null_and_a_task_entered_by_hand_still_needs_one(self):
        got = self.call("get", f"/api/tasks/{self.undated.pk}/", self.district_staff)
        assert got.status_code == 200 and got.json()["deadline"] is None and got.json()["status"] == "not_started"
        renamed = self.call("patch", f"/api/tasks/{self.undated.pk}/", self.district_staff, {"title": "Đổi tên"})
        assert renamed.status_code == 200 and renamed.json()["deadline"] is None
        cleared = self.call("patch", f"/api/tasks/{self.dated.pk}/", self.district_staff, {"deadline": None})
        assert cleared.status_code == 400 and NOT_NULL in json.dumps(cleared.json(), ensure_ascii=False)
        assert Task.objects.get(pk=self.dated.pk).deadline == D(2024, 1, 15)
        data = {"organization_id": self.district.pk, "title": "Việc giao tay", "start_date": "2024-01-02"}
        assert self.call("post", "/api/tasks/", self.district_staff, data).status_code == 422
        assert not Task.objects.filter(title="Việc giao tay").exists()

    def test_the_task_form_still_requires_a_deadline_except_to_keep_an_imported_task_without_one(self):
        form = {"title": "Việc giao tay", "source_kind": "annual_plan", "lead_organization": self.district.pk,
                "start_date": "2024-01-02", "deadline": "", "priority": 2}
        self.login(self.district_staff)
        response = self.client.post(f"/nhiem-vu/to-chuc/{self.district.pk}/giao/", form)
        assert response.status_code == 400 and REQUIRED in response.content.decode()
        assert not Task.objects.filter(title="Việc giao tay").exists()
        response = self.client.post(f"/nhiem-vu/{self.dated.pk}/sua/", {**form, "title": self.dated.title})
        assert response.status_code == 400 and REQUIRED in response.content.decode()
        assert Task.objects.get(pk=self.dated.pk).deadline == D(2024, 1, 15)
        response = self.client.post(f"/nhiem-vu/{self.undated.pk}/sua/", {**form, "title": "Việc đã đổi tên"})
        assert response.status_code == 302
        assert Task.objects.get(pk=self.undated.pk).deadline is None

    @override_settings(CAPUY_TASKS_REMIND_DAYS=7)
    def test_no_reminder_goes_out_for_a_task_without_a_deadline(self):
        send_reminders(D(2030, 1, 1))
        assert Notification.objects.filter(task=self.dated).exists()
        assert not Notification.objects.filter(task__in=[self.undated, self.undated_2]).exists()

    def test_the_excel_exports_say_chua_co_thoi_han(self):
        self.login(self.district_staff)
        response = self.client.get(f"/nhiem-vu/to-chuc/{self.district.pk}/xuat-excel/")
        rows = {row[1].value: row[7].value for row in load_workbook(io.BytesIO(response.content))["Nhiệm vụ"]
                .iter_rows(min_row=5)}
        assert rows[self.undated.title] == "chưa có thời hạn" and rows[self.dated.title] == datetime.datetime(2024, 1, 15)
        self.login(self.ward_staff)
        response = self.client.get("/nhiem-vu/?xuat=1")
        sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
        rows = {row[0]: row[4] for row in sheet.iter_rows(min_row=2, values_only=True)}
        assert rows[self.undated.title] == "chưa có thời hạn"
