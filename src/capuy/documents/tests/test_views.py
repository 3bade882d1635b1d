"""The library pages: list and search, detail, drafting and issuing, uploads, bookmarks, study."""

import datetime
import shutil
import tempfile

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from capuy.documents.models import Attachment, Bookmark, Document, Secrecy, StudyAssignment
from capuy.documents.tests.helpers import DocumentsTestCase, doc_type, make_document

MEDIA = tempfile.mkdtemp(prefix="capuy-test-media-")


class LibraryPageTests(DocumentsTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.resolution = make_document(cls.district, "NQ", title="Nghị quyết Đại hội đại biểu Đảng bộ quận",
                                       content="Đoạn thứ nhất.", issued_on=datetime.date(2023, 10, 5),
                                       signer=cls.secretary)
        cls.secret = make_document(cls.district, "NQ", title="về công tác bảo vệ chính trị nội bộ",
                                   secrecy=Secrecy.SECRET, issued_on=datetime.date(2023, 10, 6), signer=cls.secretary)

    @classmethod
    def tearDownClass(cls):
        super().tearDownClass()
        shutil.rmtree(MEDIA, ignore_errors=True)

    def test_library_lists_and_searches_without_diacritics(self):
        self.login(self.party_member)
        page = self.client.get(reverse("documents:index"), {"q": "nghi quyet dai hoi"})
        self.assertContains(page, "Số 01-NQ/QU")
        self.assertNotContains(page, "bảo vệ chính trị nội bộ")

    def test_anonymous_visitors_are_sent_to_login(self):
        self.assertEqual(self.client.get(reverse("documents:index")).status_code, 302)

    def test_secret_document_page_is_404_without_the_right(self):
        self.login(self.ward_staff)
        self.assertEqual(self.client.get(reverse("documents:detail", args=[self.secret.pk])).status_code, 404)
        self.assertEqual(self.client.get(reverse("documents:docx", args=[self.secret.pk])).status_code, 404)
        self.login(self.district_staff)
        self.assertContains(self.client.get(reverse("documents:detail", args=[self.secret.pk])), "Mật")

    def test_office_drafts_then_issues(self):
        self.login(self.district_staff)
        response = self.client.post(reverse("documents:create"), {
            "doc_type": doc_type("TB").pk, "organization": self.district.pk, "title": "Kết luận của Ban Thường vụ",
            "content": "Nội dung.", "authority": "tm_btv", "signer": self.secretary.pk, "secrecy": "thuong",
            "recipients": "- Lưu VP."})
        document = Document.objects.get(title="Kết luận của Ban Thường vụ")
        self.assertRedirects(response, document.get_absolute_url())
        self.client.post(reverse("documents:issue", args=[document.pk]), {"xac-nhan": "1"})
        document.refresh_from_db()
        self.assertEqual(document.number_label, "Số 01-TB/QU")

    def test_a_draft_without_a_title_is_refused_once_and_saves_nothing(self):
        self.login(self.district_staff)
        response = self.client.post(reverse("documents:create"), {
            "doc_type": doc_type("TB").pk, "organization": self.district.pk, "title": "", "content": "Nội dung.",
            "authority": "tm_btv", "signer": self.secretary.pk, "secrecy": "thuong", "recipients": "- Lưu VP."})
        page = response.content.decode()
        self.assertEqual(page.count("Cần nhập trích yếu của văn bản."), 1)
        self.assertNotIn("Trường này là bắt buộc.", page)
        self.assertFalse(Document.objects.filter(content="Nội dung.").exists())

    def test_a_party_member_may_not_draft_or_issue(self):
        self.login(self.party_member)
        self.assertEqual(self.client.get(reverse("documents:create")).status_code, 403)
        draft = make_document(self.district, "NQ", signer=self.secretary)
        self.assertEqual(self.client.post(reverse("documents:issue", args=[draft.pk])).status_code, 404)
        self.login(self.committee_member)
        self.assertEqual(self.client.post(reverse("documents:issue", args=[draft.pk])).status_code, 403)
        draft.refresh_from_db()
        self.assertIsNone(draft.number)

    @override_settings(MEDIA_ROOT=MEDIA)
    def test_a_bad_upload_is_refused_with_a_message(self):
        self.login(self.district_staff)
        response = self.client.post(reverse("documents:upload", args=[self.resolution.pk]),
                                    {"file": SimpleUploadedFile("bao-cao.pdf", b"<html>not a pdf</html>")}, follow=True)
        self.assertContains(response, "không phải DOCX, PDF")
        self.assertEqual(Attachment.objects.count(), 0)

    def test_bookmark_toggles(self):
        self.login(self.party_member)
        url = reverse("documents:bookmark", args=[self.resolution.pk])
        self.client.post(url)
        self.assertTrue(Bookmark.objects.filter(user=self.party_member, document=self.resolution).exists())
        self.assertContains(self.client.get(reverse("documents:bookmarks")), self.resolution.title)
        self.client.post(url)
        self.assertFalse(Bookmark.objects.exists())
        self.assertEqual(self.client.post(reverse("documents:bookmark", args=[self.secret.pk])).status_code, 404)

    def test_study_assignment_pages(self):
        self.login(self.ward_staff)
        deadline = timezone.localdate() + datetime.timedelta(days=10)
        response = self.client.post(reverse("documents:assign_study", args=[self.resolution.pk]),
                                    {"kind": "hoc_tap", "organizations": [self.cell.pk], "deadline": deadline.isoformat()})
        assignment = StudyAssignment.objects.get()
        self.assertRedirects(response, assignment.get_absolute_url())
        self.login(self.party_member)
        record = assignment.records.get(person=self.member_person)
        self.assertContains(self.client.get(reverse("documents:my_study")), self.resolution.title)
        self.client.post(reverse("documents:mark_read", args=[record.pk]))
        self.client.post(reverse("documents:reflect", args=[record.pk]), {"text": "Bài thu hoạch của tôi."})
        self.assertEqual(self.client.get(assignment.get_absolute_url()).status_code, 404)
        self.login(self.ward_staff)
        report = self.client.get(assignment.get_absolute_url())
        self.assertContains(report, "Bài thu hoạch của tôi.")
        self.assertContains(report, "Nguyễn Văn An")  # not yet read

    def test_another_member_cannot_mark_someone_else_s_record(self):
        assignment = StudyAssignment.assign(self.resolution, [self.cell], timezone.localdate())
        record = assignment.records.get(person=self.member_person)
        self.login(self.ward_staff)
        self.assertEqual(self.client.post(reverse("documents:mark_read", args=[record.pk])).status_code, 404)
        record.refresh_from_db()
        self.assertIsNone(record.read_at)
