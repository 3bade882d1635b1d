"""Progress reports: who may report, and bad input that is refused with nothing saved."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from capuy.tasks.models import Evidence, ProgressReport, Task
from capuy.tasks.services import record_progress
from capuy.tasks.tests.helpers import TasksTestCase, pdf, status

D = datetime.date


class ProgressTests(TasksTestCase):
    def test_the_responsible_leader_reports_with_evidence(self):
        report = record_progress(self.district_task, self.committee_member, status("dang-thuc-hien"), 40,
                                 "Thu đạt 80% dự toán", files=[pdf()], reported_on=D(2023, 11, 1))
        task = Task.objects.get(pk=self.district_task.pk)
        assert task.percent == 40 and task.reported_status.code == "dang-thuc-hien" and not task.closed
        assert report.reporter == self.committee_person
        assert report.evidence.get().original_name == "bien-ban.pdf"

    def test_the_lead_organizations_office_reports(self):
        record_progress(self.ward_task, self.ward_staff, status("dang-thuc-hien"), 20, reported_on=D(2023, 11, 1))
        assert Task.objects.get(pk=self.ward_task.pk).percent == 20

    def test_it_refuses_the_superiors_office(self):
        with pytest.raises(PermissionDenied):
            record_progress(self.ward_task, self.district_staff, status("dang-thuc-hien"), 20)
        assert not ProgressReport.objects.exists()

    def test_it_refuses_staff_of_another_ward_and_a_party_member(self):
        for user in (self.other_ward_staff, self.party_member):
            with pytest.raises(PermissionDenied):
                record_progress(self.ward_task, user, status("dang-thuc-hien"), 20)

    def test_it_refuses_progress_on_a_closed_task(self):
        record_progress(self.district_task, self.committee_member, status("hoan-thanh"), reported_on=D(2023, 12, 1))
        with pytest.raises(ValidationError, match="Nhiệm vụ đã kết thúc"):
            record_progress(self.district_task, self.committee_member, status("dang-thuc-hien"), 50)
        assert ProgressReport.objects.count() == 1

    def test_it_refuses_a_derived_status(self):
        with pytest.raises(ValidationError, match="do hệ thống tự xác định"):
            record_progress(self.district_task, self.committee_member, status("qua-han"), 50)
        assert not ProgressReport.objects.exists()

    def test_stopping_needs_a_reason(self):
        with pytest.raises(ValidationError, match="Phải nêu lý do"):
            record_progress(self.district_task, self.committee_member, status("dung-thuc-hien"))
        record_progress(self.district_task, self.committee_member, status("dung-thuc-hien"),
                        reason="Thành phố điều chỉnh kế hoạch", reported_on=D(2023, 11, 1))
        assert Task.objects.get(pk=self.district_task.pk).closed

    def test_it_refuses_a_report_dated_before_the_start_or_in_the_future(self):
        for day in (D(2023, 10, 1), datetime.date.today() + datetime.timedelta(days=2)):
            with pytest.raises(ValidationError):
                record_progress(self.district_task, self.committee_member, status("dang-thuc-hien"), 10,
                                reported_on=day)
        assert not ProgressReport.objects.exists()

    def test_it_refuses_an_evidence_file_of_the_wrong_type_and_saves_nothing(self):
        script = SimpleUploadedFile("minh-chung.exe", b"MZ\x90\x00", content_type="application/octet-stream")
        with pytest.raises(ValidationError, match="không đúng loại"):
            record_progress(self.district_task, self.committee_member, status("dang-thuc-hien"), 10,
                            files=[pdf(), script], reported_on=D(2023, 11, 1))
        assert not ProgressReport.objects.exists() and not Evidence.objects.exists()

    def test_it_refuses_a_file_whose_content_is_not_its_type(self):
        fake = SimpleUploadedFile("bao-cao.pdf", b"this is not a pdf", content_type="application/pdf")
        with pytest.raises(ValidationError, match="không khớp"):
            record_progress(self.district_task, self.committee_member, status("dang-thuc-hien"), 10, files=[fake],
                            reported_on=D(2023, 11, 1))

    @override_settings(CAPUY_TASKS_EVIDENCE_MAX_MB=0.001)
    def test_it_refuses_a_file_over_the_size_limit(self):
        with pytest.raises(ValidationError, match="quá lớn"):
            record_progress(self.district_task, self.committee_member, status("dang-thuc-hien"), 10,
                            files=[pdf(size=5000)], reported_on=D(2023, 11, 1))
        assert not ProgressReport.objects.exists()
