"""From a closed conference's conclusion to tasks, in one screen."""

import datetime
import re

from capuy.conferences.models import Conference
from capuy.tasks.models import Task
from capuy.tasks.services import conclusion_items
from capuy.tasks.tests.helpers import TasksTestCase

D = datetime.date

CONCLUSION = (
    "Các đơn vị cần tập trung, chỉ đạo quyết liệt đẩy nhanh tiến độ giải phóng mặt bằng triển khai thực hiện các "
    "dự án trọng điểm; Tăng cường công tác quản lý quy hoạch, đô thị; Quản lý đất đai, bảo vệ môi trường.\n"
    "- phấn đấu hoàn thành tỷ lệ giải ngân kế hoạch đầu tư công năm 2023. Hội nghị thành công."
)


def test_short_fragments_are_left_out():
    assert conclusion_items("Kết luận:\n1. Làm tốt công tác tuyển quân năm 2020.\n2) Đồng ý.") == [
        "Làm tốt công tác tuyển quân năm 2020"]


def test_the_conclusion_is_split_into_lines_clauses_and_sentences():
    assert conclusion_items(CONCLUSION) == [
        "Các đơn vị cần tập trung, chỉ đạo quyết liệt đẩy nhanh tiến độ giải phóng mặt bằng triển khai thực hiện "
        "các dự án trọng điểm",
        "Tăng cường công tác quản lý quy hoạch, đô thị",
        "Quản lý đất đai, bảo vệ môi trường",
        "Phấn đấu hoàn thành tỷ lệ giải ngân kế hoạch đầu tư công năm 2023",
        "Hội nghị thành công",  # not a task: the office unticks it
    ]


class ConclusionScreenTests(TasksTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.conference = Conference.objects.create(body=cls.bch, date=D(2023, 10, 5), status=Conference.Status.CLOSED,
                                                   conclusion=CONCLUSION)
        cls.url = f"/nhiem-vu/hoi-nghi/{cls.conference.pk}/giao-tu-ket-luan/"

    def post_data(self, rows):
        data = {"form-TOTAL_FORMS": len(rows), "form-INITIAL_FORMS": len(rows)}
        for i, row in enumerate(rows):
            for key, value in row.items():
                data[f"form-{i}-{key}"] = value
        return data

    def test_the_screen_is_prefilled_from_the_conclusion_but_never_with_a_deadline(self):
        self.login(self.district_staff)
        page = self.client.get(self.url).content.decode()
        assert "Tăng cường công tác quản lý quy hoạch, đô thị" in page
        deadlines = re.findall(r'<input[^>]*name="form-\d+-deadline"[^>]*>', page)
        assert deadlines and not any("value=" in field for field in deadlines), deadlines

    def test_the_office_turns_the_chosen_lines_into_tasks(self):
        self.login(self.district_staff)
        rows = [
            {"keep": "on", "title": "Đẩy nhanh tiến độ giải phóng mặt bằng các dự án trọng điểm",
             "lead_organization": self.ward.pk, "responsible": self.committee_person.pk, "deadline": "2024-06-30"},
            {"title": "Hội nghị thành công", "lead_organization": self.district.pk, "deadline": "2023-12-31"},
            {"keep": "on", "title": "Tăng cường công tác quản lý quy hoạch, đô thị", "lead_organization": self.district.pk,
             "lead_unit": "Phòng Quản lý đô thị", "deadline": "2023-12-31"},
        ]
        response = self.client.post(self.url, self.post_data(rows))
        assert response.status_code == 302
        tasks = Task.objects.filter(conference=self.conference).order_by("pk")
        assert [t.title for t in tasks] == [rows[0]["title"], rows[2]["title"]]
        assert tasks[0].lead_organization == self.ward and tasks[0].start_date == D(2023, 10, 5)
        assert tasks[0].source_text == "Kết luận Hội nghị lần thứ 1"
        page = self.client.get(f"/nhiem-vu/hoi-nghi/{self.conference.pk}/").content.decode()
        assert "Đã hoàn thành 0% (hoàn thành 0/2 nhiệm vụ" in page

    def test_a_chosen_row_without_deadline_saves_nothing(self):
        self.login(self.district_staff)
        rows = [{"keep": "on", "title": "Một", "lead_organization": self.district.pk, "deadline": "2023-12-31"},
                {"keep": "on", "title": "Hai", "lead_organization": self.district.pk, "deadline": ""}]
        response = self.client.post(self.url, self.post_data(rows))
        assert response.status_code == 400 and "Hãy nhập thời hạn" in response.content.decode()
        assert not Task.objects.filter(conference=self.conference).exists()

    def test_a_deadline_before_the_conference_saves_nothing(self):
        self.login(self.district_staff)
        rows = [{"keep": "on", "title": "Một việc", "lead_organization": self.district.pk, "deadline": "2023-12-31"},
                {"keep": "on", "title": "Hai việc", "lead_organization": self.district.pk, "deadline": "2023-01-01"}]
        response = self.client.post(self.url, self.post_data(rows))
        assert response.status_code == 400 and "không được trước ngày bắt đầu" in response.content.decode()
        assert not Task.objects.filter(conference=self.conference).exists()

    def test_a_conference_not_yet_closed_is_refused(self):
        open_conference = Conference.objects.create(body=self.bch, date=D(2023, 12, 20), conclusion=CONCLUSION)
        self.login(self.district_staff)
        response = self.client.get(f"/nhiem-vu/hoi-nghi/{open_conference.pk}/giao-tu-ket-luan/")
        assert response.status_code == 400 and "Hội nghị chưa bế mạc" in response.content.decode()

    def test_a_committee_member_reads_but_cannot_set_tasks_and_a_ward_sees_nothing(self):
        self.login(self.committee_member)
        assert self.client.get(self.url).status_code == 403
        assert self.client.get(f"/nhiem-vu/hoi-nghi/{self.conference.pk}/").status_code == 200
        self.login(self.ward_staff)
        assert self.client.get(self.url).status_code == 404
        assert self.client.get(f"/nhiem-vu/hoi-nghi/{self.conference.pk}/").status_code == 404
