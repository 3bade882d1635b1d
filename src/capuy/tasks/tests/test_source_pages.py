"""Pages not covered elsewhere: tasks of a document, editing a task, the registration forms."""

import datetime

from capuy.documents.models import Document, DocumentType
from capuy.tasks.models import Registration, Task
from capuy.tasks.tests.helpers import TasksTestCase

D = datetime.date


class SourcePageTests(TasksTestCase):
    def test_the_tasks_of_a_resolution_show_the_share_done(self):
        doc_type = DocumentType.objects.filter(symbol="NQ").first() or DocumentType.objects.create(symbol="NQ", name="Nghị quyết")
        document = Document.objects.create(doc_type=doc_type, organization=self.district, title="Nghị quyết hội nghị")
        Task.objects.filter(pk=self.district_task.pk).update(document=document, source_kind="document")
        self.login(self.district_staff)
        page = self.client.get(f"/nhiem-vu/van-ban/{document.pk}/").content.decode()
        assert "Tăng cường công tác thu ngân sách" in page and "Đã hoàn thành 0%" in page
        self.login(self.other_ward_staff)
        assert self.client.get(f"/nhiem-vu/van-ban/{document.pk}/").status_code == 404

    def test_the_office_edits_a_task_and_the_superior_office_cannot_edit_a_district_task(self):
        self.login(self.district_staff)
        assert self.client.get(f"/nhiem-vu/{self.district_task.pk}/sua/").status_code == 200
        self.login(self.ward_staff)
        assert self.client.get(f"/nhiem-vu/{self.ward_task.pk}/sua/").status_code == 403

    def test_the_registration_pages_render_for_the_office(self):
        registration = Registration.objects.create(
            organization=self.district, year=2023, person=self.committee_person, content="Việc khó",
            expected_result="Xong", deadline=D(2023, 12, 31), submitted_on=D(2023, 1, 5), state="self_assessed",
            self_assessment="Đã xong", self_level="tot")
        self.login(self.district_staff)
        assert self.client.get(f"/nhiem-vu/to-chuc/{self.district.pk}/dang-ky/2024/them/").status_code == 200
        page = self.client.get(f"/nhiem-vu/dang-ky/{registration.pk}/").content.decode()
        assert "Đánh giá của Ban Thường vụ" in page
        response = self.client.post(f"/nhiem-vu/dang-ky/{registration.pk}/", {"action": "evaluate",
                                                                              "danh-gia-level": "tot"})
        assert response.status_code == 302
        registration.refresh_from_db()
        assert registration.level == "tot"
        self.login(self.committee_member)
        assert "Việc khó" in self.client.get("/nhiem-vu/").content.decode()

    def test_a_party_member_who_is_no_key_official_cannot_register(self):
        self.login(self.party_member)
        assert self.client.get(f"/nhiem-vu/to-chuc/{self.district.pk}/dang-ky/2024/them/").status_code == 404
