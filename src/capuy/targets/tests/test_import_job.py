"""Excel imports of results run as background jobs: progress, each figure's outcome, bad cells save nothing."""

import shutil
import tempfile

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from capuy.core.models import BackgroundJob
from capuy.targets import excel
from capuy.targets.models import ReportingRound, Result
from capuy.targets.periods import Period, PeriodKind

from .base import TargetsTestCase, deadline
from .test_excel import edit

MEDIA = tempfile.mkdtemp(prefix="capuy-test-targets-import-")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@override_settings(MEDIA_ROOT=MEDIA)
class ImportJobTests(TargetsTestCase):
    @classmethod
    def tearDownClass(cls):
        super().tearDownClass()
        shutil.rmtree(MEDIA, ignore_errors=True)

    def upload(self, user, url, content, name="bang.xlsx"):
        self.login(user)
        with self.captureOnCommitCallbacks(execute=True):
            return self.client.post(url, {"tep": SimpleUploadedFile(name, content, content_type=XLSX)})

    def table(self):
        return excel.export_periods(self.ward, [self.industry, self.members], [Period(2023, PeriodKind.QUARTER, 1),
                                                                               Period(2023, PeriodKind.YEAR)])

    def test_a_units_table_is_imported_in_the_background_with_each_figures_outcome(self):
        url = reverse("targets:import", args=[self.ward.pk])
        response = self.upload(self.ward_staff, url, edit(self.table(), {"E5": 180, "F6": 312}))
        job = BackgroundJob.objects.get()
        self.assertRedirects(response, job.get_absolute_url(), fetch_redirect_response=False)
        self.assertEqual((job.kind, job.status, job.owner), ("targets.import", BackgroundJob.Status.DONE,
                                                             self.ward_staff))
        self.assertEqual(job.message, "Đã nhập 2 số liệu (0 số liệu không đổi).")
        self.assertEqual([row[:2] for row in job.result["rows"]], [[5, "Ghi mới"], [6, "Ghi mới"]])
        self.assertIn(self.industry.code, job.result["rows"][0][2])
        self.assertEqual(Result.objects.filter(organization=self.ward).count(), 2)
        self.assertEqual(job.result_url, reverse("targets:dashboard", args=[self.ward.pk]))

    def test_a_bad_cell_saves_nothing_and_is_listed(self):
        url = reverse("targets:import", args=[self.ward.pk])
        self.upload(self.ward_staff, url, edit(self.table(), {"E5": 180, "F6": "nhiều"}))
        job = BackgroundJob.objects.get()
        self.assertEqual(job.status, BackgroundJob.Status.FAILED)
        self.assertEqual(job.error, "Chưa nhập: 1 ô chưa hợp lệ, chưa lưu số liệu nào.")
        self.assertTrue(job.result["errors"][0].startswith("Dòng 6, cột F:"))
        self.assertFalse(Result.objects.exists())
        self.assertContains(self.client.get(job.get_absolute_url()), "Dòng 6, cột F:")

    def test_a_file_that_is_not_a_workbook_is_refused_at_once(self):
        response = self.upload(self.ward_staff, reverse("targets:import", args=[self.ward.pk]), b"a,b", "bang.csv")
        self.assertContains(response, "Chỉ nhận tệp Excel (.xlsx)")
        self.assertFalse(BackgroundJob.objects.exists())

    def test_a_damaged_workbook_is_explained_in_vietnamese(self):
        self.upload(self.ward_staff, reverse("targets:import", args=[self.ward.pk]), b"not a workbook")
        job = BackgroundJob.objects.get()
        self.assertEqual(job.status, BackgroundJob.Status.FAILED)
        self.assertEqual(job.result["errors"][0], "Tệp “bang-so-lieu.xlsx” không phải XLSX hợp lệ (nội dung không khớp, hoặc không đúng loại được nhận).")

    def test_it_refuses_the_import_to_the_office_of_another_ward(self):
        response = self.upload(self.other_ward_staff, reverse("targets:import", args=[self.ward.pk]), self.table())
        self.assertIn(response.status_code, (403, 404))
        self.assertFalse(BackgroundJob.objects.exists())

    def test_a_round_table_job_checks_each_units_right_as_its_owner(self):
        reporting_round = ReportingRound.objects.create(organization=self.district, title="Báo cáo năm 2023",
                                                        period_kind="year", year=2023, deadline=deadline(3))
        reporting_round.organizations.set([self.ward, self.other_ward])
        reporting_round.indicators.set([self.industry])
        content = edit(excel.export_round(reporting_round), {"E5": 10, "F5": 20})
        self.upload(self.ward_staff, reverse("targets:round_import", args=[reporting_round.pk]), content)
        job = BackgroundJob.objects.get()
        self.assertEqual(job.status, BackgroundJob.Status.FAILED)
        self.assertTrue(any("không có quyền" in e for e in job.result["errors"]))
        self.assertFalse(Result.objects.exists())
        self.upload(self.district_staff, reverse("targets:round_import", args=[reporting_round.pk]), content)
        latest = BackgroundJob.objects.filter(owner=self.district_staff).get()
        self.assertEqual(latest.status, BackgroundJob.Status.DONE, latest.error)
        self.assertEqual(Result.objects.count(), 2)
