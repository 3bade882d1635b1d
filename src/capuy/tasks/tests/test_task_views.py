"""Task pages: who sees and who changes what, bad input, lists, export and the printable report."""

import datetime
import io

from openpyxl import load_workbook

from capuy.tasks.models import ProgressReport, Task
from capuy.tasks.services import record_progress
from capuy.tasks.tests.helpers import TasksTestCase, pdf, status

D = datetime.date


class TaskDetailPermissionTests(TasksTestCase):
    def test_the_superiors_office_reads_a_ward_task_but_cannot_report(self):
        self.login(self.district_staff)
        response = self.client.get(f"/nhiem-vu/{self.ward_task.pk}/")
        assert response.status_code == 200
        assert "Gửi báo cáo tiến độ" not in response.content.decode()
        response = self.client.post(f"/nhiem-vu/{self.ward_task.pk}/bao-cao-tien-do/",
                                    {"status": status("dang-thuc-hien").pk, "percent": 30})
        assert response.status_code == 403
        assert not ProgressReport.objects.exists()

    def test_a_source_named_only_by_its_kind_is_said_once(self):
        from capuy.tasks.models import SourceKind, Task

        Task.objects.filter(pk=self.ward_task.pk).update(conference=None, document=None, source_text="",
                                                          source_kind=SourceKind.CONFERENCE)
        self.login(self.ward_staff)
        page = self.client.get(f"/nhiem-vu/{self.ward_task.pk}/").content.decode()
        assert "<dt>Căn cứ</dt><dd>Hội nghị</dd>" in page  # not "Hội nghị (Hội nghị)"

    def test_the_lead_wards_office_reports_progress_with_a_file(self):
        self.login(self.ward_staff)
        response = self.client.post(f"/nhiem-vu/{self.ward_task.pk}/bao-cao-tien-do/", {
            "status": status("dang-thuc-hien").pk, "percent": 30, "note": "Đã kiểm đếm 12/20 hộ",
            "reported_on": "2023-11-15", "files": [pdf()]})
        assert response.status_code == 302
        report = ProgressReport.objects.get()
        assert report.percent == 30 and report.evidence.count() == 1
        download = self.client.get(f"/nhiem-vu/minh-chung/{report.evidence.get().pk}/")
        assert download.status_code == 200

    def test_staff_of_another_ward_and_a_party_member_see_nothing(self):
        for user in (self.other_ward_staff, self.party_member):
            self.login(user)
            assert self.client.get(f"/nhiem-vu/{self.ward_task.pk}/").status_code == 404
            assert self.client.post(f"/nhiem-vu/{self.ward_task.pk}/bao-cao-tien-do/",
                                    {"status": status("dang-thuc-hien").pk}).status_code == 404
        report = record_progress(self.ward_task, self.ward_staff, status("dang-thuc-hien"), 10, files=[pdf()],
                                 reported_on=D(2023, 11, 1))
        self.login(self.other_ward_staff)
        assert self.client.get(f"/nhiem-vu/minh-chung/{report.evidence.get().pk}/").status_code == 404

    def test_anonymous_visitors_are_sent_to_log_in(self):
        response = self.client.get(f"/nhiem-vu/{self.ward_task.pk}/")
        assert response.status_code == 302 and "/tai-khoan/dang-nhap/" in response["Location"]

    def test_the_responsible_leader_sees_the_task_on_my_tasks(self):
        self.login(self.committee_member)
        page = self.client.get("/nhiem-vu/").content.decode()
        assert "Tăng cường công tác thu ngân sách" in page
        assert "giải phóng mặt bằng" not in page

    def test_progress_on_a_closed_task_is_refused_with_a_message(self):
        record_progress(self.district_task, self.committee_member, status("hoan-thanh"), reported_on=D(2023, 12, 1))
        self.login(self.district_staff)
        response = self.client.post(f"/nhiem-vu/{self.district_task.pk}/bao-cao-tien-do/",
                                    {"status": status("dang-thuc-hien").pk, "percent": 50})
        assert response.status_code == 400
        assert "Nhiệm vụ đã kết thúc" in response.content.decode()
        assert ProgressReport.objects.count() == 1


class TaskFormTests(TasksTestCase):
    def form(self, **overrides):
        data = {"title": "Làm tốt công tác tuyển quân năm 2024", "source_kind": "annual_plan",
                "source_text": "Kế hoạch năm 2024", "lead_organization": self.district.pk,
                "lead_unit": "Ban Chỉ huy Quân sự quận", "start_date": "2024-01-02", "deadline": "2024-02-28",
                "priority": 1, "coordinating_units": "Công an quận\nĐoàn Thanh niên"}
        data.update(overrides)
        return data

    def test_the_office_sets_a_task(self):
        self.login(self.district_staff)
        response = self.client.post(f"/nhiem-vu/to-chuc/{self.district.pk}/giao/", self.form())
        assert response.status_code == 302
        task = Task.objects.get(title__contains="tuyển quân")
        assert task.coordinating_list == ["Công an quận", "Đoàn Thanh niên"] and task.created_by == self.district_staff

    def test_the_indicators_chosen_on_the_form_are_kept(self):
        from capuy.targets.models import Indicator

        indicator = Indicator.objects.create(code="TQ", name="Số thanh niên nhập ngũ", unit="người")
        self.login(self.district_staff)
        response = self.client.post(f"/nhiem-vu/to-chuc/{self.district.pk}/giao/", self.form(indicators=[indicator.pk]))
        assert response.status_code == 302
        assert list(Task.objects.get(title__contains="tuyển quân").indicators.all()) == [indicator]

    def test_a_deadline_before_the_start_is_refused_and_nothing_is_saved(self):
        self.login(self.district_staff)
        response = self.client.post(f"/nhiem-vu/to-chuc/{self.district.pk}/giao/", self.form(deadline="2023-12-01"))
        assert response.status_code == 400
        assert "Thời hạn hoàn thành không được trước ngày bắt đầu" in response.content.decode()
        assert not Task.objects.filter(title__contains="tuyển quân").exists()

    def test_a_ward_office_cannot_set_district_tasks(self):
        self.login(self.ward_staff)
        assert self.client.get(f"/nhiem-vu/to-chuc/{self.district.pk}/giao/").status_code == 404
        self.login(self.committee_member)
        assert self.client.post(f"/nhiem-vu/to-chuc/{self.district.pk}/giao/", self.form()).status_code == 403
        assert not Task.objects.filter(title__contains="tuyển quân").exists()

    def test_a_sub_task_is_listed_under_its_parent(self):
        self.login(self.district_staff)
        response = self.client.post(f"/nhiem-vu/to-chuc/{self.district.pk}/giao/",
                                    self.form(parent=self.district_task.pk, title="Thu tiền sử dụng đất"))
        assert response.status_code == 302
        assert "Thu tiền sử dụng đất" in self.client.get(f"/nhiem-vu/{self.district_task.pk}/").content.decode()


class OrganizationListTests(TasksTestCase):
    def setUp(self):
        record_progress(self.district_task, self.committee_member, status("hoan-thanh"), reported_on=D(2023, 12, 1))

    def test_the_list_groups_by_unit_and_states_the_figures(self):
        self.login(self.district_staff)
        page = self.client.get(f"/nhiem-vu/to-chuc/{self.district.pk}/").content.decode()
        assert "hoàn thành 1/2 nhiệm vụ, 1 nhiệm vụ quá hạn" in page
        assert "UBND quận" in page and "Đảng ủy phường Quảng An" in page

    def test_the_status_filter_keeps_only_that_status(self):
        self.login(self.district_staff)
        page = self.client.get(f"/nhiem-vu/to-chuc/{self.district.pk}/?trang-thai=done").content.decode()
        assert "Tăng cường công tác thu ngân sách" in page and "giải phóng mặt bằng" not in page.split("Lọc</button>")[1]

    def test_the_export_is_an_excel_workbook_of_the_tasks(self):
        self.login(self.district_staff)
        response = self.client.get(f"/nhiem-vu/to-chuc/{self.district.pk}/xuat-excel/")
        assert response.status_code == 200
        book = load_workbook(io.BytesIO(response.content))
        titles = [row[1].value for row in book["Nhiệm vụ"].iter_rows(min_row=5)]
        assert "Tăng cường công tác thu ngân sách" in titles and len(titles) == 2
        assert "hoàn thành 1/2 nhiệm vụ" in book["Nhiệm vụ"]["A2"].value

    def test_the_printable_report_states_the_figures(self):
        self.login(self.committee_member)
        page = self.client.get(f"/nhiem-vu/to-chuc/{self.district.pk}/bao-cao/").content.decode()
        assert "BÁO CÁO" in page and "hoàn thành 1/2 nhiệm vụ, 1 nhiệm vụ quá hạn" in page

    def test_the_overdue_page_covers_the_subtree(self):
        self.login(self.committee_member)
        page = self.client.get(f"/nhiem-vu/to-chuc/{self.district.pk}/qua-han/").content.decode()
        assert "giải phóng mặt bằng" in page and "Tăng cường công tác thu ngân sách" not in page

    def test_another_wards_office_cannot_open_the_district_list(self):
        self.login(self.other_ward_staff)
        for suffix in ("", "xuat-excel/", "bao-cao/", "qua-han/"):
            assert self.client.get(f"/nhiem-vu/to-chuc/{self.district.pk}/{suffix}").status_code == 404

    def test_a_ward_office_sees_only_the_tasks_it_may_read(self):
        self.login(self.ward_staff)
        page = self.client.get(f"/nhiem-vu/to-chuc/{self.ward.pk}/").content.decode()
        assert "giải phóng mặt bằng" in page and "thu ngân sách" not in page


class OverdueCapTests(TasksTestCase):
    def test_a_long_overdue_list_pages_to_the_last_row_and_exports_them_all(self):
        Task.objects.filter(pk=self.ward_task.pk).update(deadline=D(2024, 1, 31))
        self.login(self.district_staff)
        url = f"/nhiem-vu/to-chuc/{self.district.pk}/qua-han/"
        page = self.client.get(url + "?so-dong=20").content.decode()
        assert "2 nhiệm vụ quá hạn" in page and "Tăng cường công tác thu ngân sách" in page
        assert "giải phóng mặt bằng" in page
        exported = self.client.get(url + "?xuat=1")
        assert len(list(load_workbook(io.BytesIO(exported.content)).worksheets[0].iter_rows(min_row=2))) == 2
        response = self.client.get(f"/nhiem-vu/to-chuc/{self.district.pk}/xuat-excel/?cap-duoi=1&trang-thai=overdue")
        book = load_workbook(io.BytesIO(response.content))
        assert len(list(book["Nhiệm vụ"].iter_rows(min_row=5))) == 2
