"""A progress report refused for another field keeps the evidence files already chosen (issue 14): the page
names them and the next submission saves them without picking them again."""

import re

from django.core.files.uploadedfile import SimpleUploadedFile

from capuy.core import held_uploads
from capuy.tasks.models import ProgressReport
from capuy.tasks.tests.helpers import TasksTestCase, pdf, status


class ProgressKeepsFilesTests(TasksTestCase):
    def url(self):
        return f"/nhiem-vu/{self.ward_task.pk}/bao-cao-tien-do/"

    def tokens(self, response):
        return re.findall(rf'name="{held_uploads.FIELD}" value="([^"]+)"', response.content.decode())

    def test_a_file_chosen_before_a_refusal_is_kept_and_saved_next_time(self):
        self.login(self.ward_staff)
        refused = self.client.post(self.url(), {"status": status("dang-thuc-hien").pk, "percent": 150,
                                                "files": [pdf("bien-ban-kiem-dem.pdf")]})
        assert refused.status_code == 400
        assert "Đã giữ tệp đã chọn" in refused.content.decode() and "bien-ban-kiem-dem.pdf" in refused.content.decode()
        assert not ProgressReport.objects.exists()
        tokens = self.tokens(refused)
        assert len(tokens) == 1
        saved = self.client.post(self.url(), {"status": status("dang-thuc-hien").pk, "percent": 30,
                                              "reported_on": "2023-11-15", held_uploads.FIELD: tokens})
        assert saved.status_code == 302
        evidence = ProgressReport.objects.get().evidence.get()
        assert evidence.original_name == "bien-ban-kiem-dem.pdf"

    def test_a_refused_file_is_not_kept(self):
        self.login(self.ward_staff)
        wrong = SimpleUploadedFile("ghi-chu.pdf", b"plain text, not a PDF", content_type="application/pdf")
        response = self.client.post(self.url(), {"status": status("dang-thuc-hien").pk, "percent": 30,
                                                 "reported_on": "2023-11-15", "files": [wrong]})
        assert response.status_code == 400
        assert self.tokens(response) == []

    def test_it_refuses_a_kept_file_token_given_to_someone_else(self):
        token = held_uploads.hold(pdf(), self.other_ward_staff).token
        self.login(self.ward_staff)
        response = self.client.post(self.url(), {"status": status("dang-thuc-hien").pk, "percent": 30,
                                                 "reported_on": "2023-11-15", held_uploads.FIELD: [token]})
        assert response.status_code == 400
        assert held_uploads.EXPIRED in response.content.decode()
        assert not ProgressReport.objects.exists()
