"""The member import runs as a background job: progress, each row's outcome, all or nothing, owner-only."""

import shutil
import tempfile

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from capuy.core.models import BackgroundJob
from capuy.members.models import PartyMember
from capuy.members.tests.base import MembersTestCase
from capuy.organizations.models import Person

MEDIA = tempfile.mkdtemp(prefix="capuy-test-import-")
HEADER = "Số thẻ đảng viên,Họ và tên,Ngày vào Đảng,Ngày chính thức,Chi bộ\n"


def upload(rows, name="ds.csv"):
    return SimpleUploadedFile(name, (HEADER + "".join(rows)).encode())


@override_settings(MEDIA_ROOT=MEDIA)
class MemberImportJobTests(MembersTestCase):
    @classmethod
    def tearDownClass(cls):
        super().tearDownClass()
        shutil.rmtree(MEDIA, ignore_errors=True)

    def post(self, user, file, org=None):
        self.login(user)
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(reverse("members:import", args=[(org or self.ward).pk]), {"file": file})
        return response

    def test_the_import_runs_in_the_background_and_reports_each_row(self):
        existing = PartyMember.objects.get(pk=self.member.pk)
        rows = [f"{existing.card_number},{existing.person.full_name},01/01/2000,01/01/2001,Chi bộ tổ dân phố số 1\n",
                "09000001,Trịnh Văn Mới,05/05/2015,05/05/2016,Chi bộ tổ dân phố số 1\n"]
        response = self.post(self.ward_staff, upload(rows))
        job = BackgroundJob.objects.get()
        self.assertRedirects(response, job.get_absolute_url(), fetch_redirect_response=False)
        self.assertEqual((job.kind, job.owner, job.status), ("members.import", self.ward_staff, BackgroundJob.Status.DONE))
        self.assertEqual((job.done, job.total), (2, 2))
        self.assertEqual(job.message, "Đã nhập 2 dòng: thêm mới 1, cập nhật 1.")
        self.assertEqual(job.result["rows"], [[2, "Cập nhật", f"{existing.person.full_name} – {existing.card_number}"],
                                              [3, "Thêm mới", "Trịnh Văn Mới – 09000001"]])
        self.assertFalse(job.input_file, "the uploaded file is not kept after the import")
        page = self.client.get(job.get_absolute_url())
        self.assertContains(page, "Kết quả từng dòng")
        self.assertContains(page, "Trịnh Văn Mới – 09000001")
        self.assertTrue(PartyMember.objects.filter(card_number="09000001").exists())

    def test_one_bad_row_saves_nothing_and_every_bad_row_is_listed(self):
        people = Person.objects.count()
        rows = ["09000001,Trịnh Văn Mới,05/05/2015,,Chi bộ tổ dân phố số 1\n",
                "09000002,,05/05/2015,,Chi bộ tổ dân phố số 1\n",
                "09000003,Lý Thị Ba,31/02/2015,,Chi bộ tổ dân phố số 1\n"]
        self.post(self.ward_staff, upload(rows))
        job = BackgroundJob.objects.get()
        self.assertEqual(job.status, BackgroundJob.Status.FAILED)
        self.assertEqual(job.error, "Không nhập tệp: 2 dòng có lỗi, chưa lưu dòng nào.")
        self.assertEqual(len(job.result["errors"]), 2)
        self.assertTrue(job.result["errors"][0].startswith("Dòng 3:"))
        self.assertEqual(Person.objects.count(), people)
        self.assertFalse(PartyMember.objects.filter(card_number="09000001").exists())
        page = self.client.get(job.get_absolute_url())
        self.assertContains(page, "Các dòng có lỗi (2)")

    def test_a_damaged_excel_file_is_explained_in_vietnamese(self):
        self.post(self.ward_staff, SimpleUploadedFile("ds.xlsx", b"not really a workbook"))
        job = BackgroundJob.objects.get()
        self.assertEqual(job.status, BackgroundJob.Status.FAILED)
        self.assertIn("Tệp “ds.xlsx” không phải XLSX", job.error)
        self.assertIn("Chưa lưu dòng nào.", job.error)

    def test_a_file_of_another_kind_is_refused_before_any_job(self):
        response = self.post(self.ward_staff, SimpleUploadedFile("ds.pdf", b"%PDF-1.4"))
        self.assertContains(response, "Chỉ nhận tệp Excel (.xlsx) hoặc CSV (.csv).")
        self.assertFalse(BackgroundJob.objects.exists())

    def test_it_refuses_the_import_to_staff_of_another_ward(self):
        response = self.post(self.other_ward_staff, upload(["09000001,A,05/05/2015,,Chi bộ tổ dân phố số 1\n"]))
        self.assertEqual(response.status_code, 404)
        self.assertFalse(BackgroundJob.objects.exists())

    def test_it_refuses_the_import_job_page_to_another_user(self):
        self.post(self.ward_staff, upload(["09000001,Trịnh Văn Mới,05/05/2015,,Chi bộ tổ dân phố số 1\n"]))
        job = BackgroundJob.objects.get()
        self.login(self.district_staff)
        self.assertEqual(self.client.get(job.get_absolute_url()).status_code, 404)
        self.assertEqual(self.client.get(f"/api/jobs/{job.pk}/").status_code, 404)

    def test_a_job_whose_owner_lost_the_right_saves_nothing(self):
        self.login(self.ward_staff)
        with self.captureOnCommitCallbacks(execute=False) as callbacks:
            self.client.post(reverse("members:import", args=[self.ward.pk]),
                             {"file": upload(["09000001,Trịnh Văn Mới,05/05/2015,,Chi bộ tổ dân phố số 1\n"])})
        self.ward_staff.grants.all().delete()
        for callback in callbacks:
            callback()
        job = BackgroundJob.objects.get()
        self.assertEqual(job.status, BackgroundJob.Status.FAILED)
        self.assertIn("Không còn quyền", job.error)
        self.assertFalse(PartyMember.objects.filter(card_number="09000001").exists())
