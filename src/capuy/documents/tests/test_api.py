"""The documents API: documents, numbering, search, bookmarks, uploads, study; refusals by permission."""

import datetime
import shutil
import tempfile

from django.test import override_settings
from django.utils import timezone

from capuy.accounts.models import ApiToken
from capuy.documents.models import Attachment, Document, Secrecy, StudyAssignment
from capuy.documents.tests.helpers import D, DocumentsTestCase, doc_type, make_document

MEDIA = tempfile.mkdtemp(prefix="capuy-test-media-")


class ApiTests(DocumentsTestCase):
    @classmethod
    def tearDownClass(cls):
        super().tearDownClass()
        shutil.rmtree(MEDIA, ignore_errors=True)

    def call(self, method, url, user=None, data=None, **kwargs):
        headers = {}
        if user is not None:
            _, key = ApiToken.issue(user)
            headers["Authorization"] = f"Bearer {key}"
        if "files" in kwargs:
            return self.client.post(url, data=kwargs["files"], headers=headers)
        return getattr(self.client, method)(url, data=data, content_type="application/json", headers=headers)

    def draft_payload(self, **fields):
        return {"type_id": doc_type("NQ").pk, "organization_id": self.district.pk, "title": "về công tác xây dựng Đảng",
                "content": "Đoạn một.\nĐoạn hai.", "signer_id": self.secretary.pk, "authority": "tm_bch",
                "recipients": "- Thành ủy Hà Nội,\n- Lưu VP.", **fields}

    def test_office_drafts_edits_and_issues_a_document(self):
        created = self.call("post", "/api/documents/", self.district_staff, self.draft_payload())
        self.assertEqual(created.status_code, 201, created.content)
        pk = created.json()["id"]
        self.assertEqual(created.json()["status"], "draft")
        edited = self.call("patch", f"/api/documents/{pk}/", self.district_staff, {"title": "về công tác cán bộ"})
        self.assertEqual(edited.json()["title"], "về công tác cán bộ")
        issued = self.call("post", f"/api/documents/{pk}/issue/", self.district_staff, {"issued_on": "2023-10-05"})
        self.assertEqual(issued.status_code, 200, issued.content)
        body = issued.json()
        self.assertEqual(body["number_label"], "Số 01-NQ/QU")
        self.assertEqual(body["place_date_line"], "Tây Hồ, ngày 05 tháng 10 năm 2023")
        self.assertEqual(body["signature_lines"], ["T/M BAN CHẤP HÀNH", "BÍ THƯ"])
        versions = self.call("get", f"/api/documents/{pk}/versions/", self.district_staff).json()
        self.assertEqual([v["number"] for v in versions], [3, 2, 1])

    def test_an_issued_document_cannot_be_edited(self):
        document = self.issue("NQ")
        response = self.call("patch", f"/api/documents/{document.pk}/", self.district_staff, {"title": "sửa"})
        self.assertEqual(response.status_code, 400)
        self.assertIn("đã ban hành", response.json()["detail"])

    def test_bad_input_gets_a_vietnamese_message_and_nothing_is_saved(self):
        response = self.call("post", "/api/documents/", self.district_staff, self.draft_payload(title="  "))
        self.assertEqual(response.status_code, 400)
        self.assertIn("trích yếu", response.json()["detail"])
        self.assertEqual(Document.objects.count(), 0)

    def test_ward_office_and_committee_members_may_not_draft_for_the_district(self):
        self.assertEqual(self.call("post", "/api/documents/", self.ward_staff, self.draft_payload()).status_code, 404)
        response = self.call("post", "/api/documents/", self.committee_member, self.draft_payload())
        self.assertEqual(response.status_code, 403)
        self.assertEqual(Document.objects.count(), 0)

    def test_committee_member_reads_but_may_not_issue(self):
        draft = make_document(self.district, "NQ", signer=self.secretary)
        self.assertEqual(self.call("get", f"/api/documents/{draft.pk}/", self.committee_member).status_code, 200)
        response = self.call("post", f"/api/documents/{draft.pk}/issue/", self.committee_member, {})
        self.assertEqual(response.status_code, 403)
        draft.refresh_from_db()
        self.assertIsNone(draft.number)

    def test_secret_documents_are_invisible_without_the_right(self):
        secret = self.issue("NQ", secrecy=Secrecy.SECRET, title="về công tác bảo vệ chính trị nội bộ")
        for user in (self.ward_staff, self.party_member, self.other_ward_staff):
            self.assertEqual(self.call("get", f"/api/documents/{secret.pk}/", user).status_code, 404)
            self.assertEqual(self.call("get", f"/api/documents/{secret.pk}/docx/", user).status_code, 404)
            listed = self.call("get", "/api/documents/", user).json()
            self.assertNotIn(secret.pk, [d["id"] for d in listed["items"]])
            found = self.call("get", "/api/documents/search/?q=bao ve chinh tri", user).json()
            self.assertEqual(found["count"], 0)
        self.assertEqual(self.call("get", f"/api/documents/{secret.pk}/", self.district_staff).status_code, 200)
        self.assertEqual(self.call("get", "/api/documents/search/?q=bao ve chinh tri", self.committee_member)
                         .json()["count"], 1)

    def test_anonymous_requests_are_refused(self):
        self.assertEqual(self.client.get("/api/documents/").status_code, 401)

    def test_search_without_diacritics(self):
        self.issue("NQ", title="Nghị quyết Đại hội đại biểu Đảng bộ quận lần thứ VI")
        found = self.call("get", "/api/documents/search/?q=nghi quyet dai hoi", self.party_member).json()
        self.assertEqual([d["title"] for d in found["items"]], ["Nghị quyết Đại hội đại biểu Đảng bộ quận lần thứ VI"])

    def test_library_filters(self):
        self.issue("NQ", day=D(2022, 5, 1))
        self.issue("TB", day=D(2023, 5, 1))
        listed = self.call("get", "/api/documents/?type=TB&year=2023", self.district_staff).json()
        self.assertEqual([d["number_label"] for d in listed["items"]], ["Số 01-TB/QU"])

    def test_next_number_preview_reserves_nothing(self):
        self.issue("NQ")
        url = f"/api/documents/numbering/next/?organization_id={self.district.pk}&type_id={doc_type('NQ').pk}&on=2023-11-01"
        for _ in range(2):
            preview = self.call("get", url, self.district_staff).json()
            self.assertEqual(preview["label"], "Số 02-NQ/QU")
        self.assertEqual(self.call("get", url, self.other_ward_staff).status_code, 404)

    def test_docx_download(self):
        document = self.issue("NQ")
        response = self.call("get", f"/api/documents/{document.pk}/docx/", self.party_member)
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.content.startswith(b"PK"))
        self.assertIn('filename="01-NQ-QU.docx"', response["Content-Disposition"])

    def test_bookmarks(self):
        document = self.issue("NQ")
        self.assertEqual(self.call("put", f"/api/documents/{document.pk}/bookmark/", self.party_member).status_code, 204)
        self.assertEqual([d["id"] for d in self.call("get", "/api/documents/bookmarks/", self.party_member).json()],
                         [document.pk])
        self.call("delete", f"/api/documents/{document.pk}/bookmark/", self.party_member)
        self.assertEqual(self.call("get", "/api/documents/bookmarks/", self.party_member).json(), [])

    def test_a_secret_document_cannot_be_bookmarked_without_the_right(self):
        secret = self.issue("NQ", secrecy=Secrecy.SECRET)
        self.assertEqual(self.call("put", f"/api/documents/{secret.pk}/bookmark/", self.party_member).status_code, 404)

    @override_settings(MEDIA_ROOT=MEDIA)
    def test_upload_is_checked_and_refused_with_a_message(self):
        from django.core.files.uploadedfile import SimpleUploadedFile

        document = make_document(self.district, "NQ")
        url = f"/api/documents/{document.pk}/attachments/"
        bad = self.call("post", url, self.district_staff, files={"file": SimpleUploadedFile("x.pdf", b"MZ\x00\x00")})
        self.assertEqual(bad.status_code, 400)
        self.assertIn("không phải DOCX, PDF", bad.json()["detail"])
        self.assertEqual(Attachment.objects.count(), 0)
        good = self.call("post", url, self.district_staff, files={"file": SimpleUploadedFile("x.pdf", b"%PDF-1.4\n")})
        self.assertEqual(good.status_code, 201, good.content)
        refused = self.call("post", url, self.committee_member, files={"file": SimpleUploadedFile("y.pdf", b"%PDF-1.4\n")})
        self.assertEqual(refused.status_code, 403)
        hidden = self.call("post", url, self.ward_staff, files={"file": SimpleUploadedFile("y.pdf", b"%PDF-1.4\n")})
        self.assertEqual(hidden.status_code, 404)
        self.assertEqual(Attachment.objects.count(), 1)

    def test_study_assignment_flow(self):
        document = self.issue("NQ")
        deadline = (timezone.localdate() + datetime.timedelta(days=14)).isoformat()
        payload = {"document_id": document.pk, "organization_ids": [self.cell.pk], "deadline": deadline,
                   "kind": "quan_triet"}
        self.assertEqual(self.call("post", "/api/documents/study-assignments/", self.other_ward_staff, payload)
                         .status_code, 404)
        created = self.call("post", "/api/documents/study-assignments/", self.ward_staff, payload)
        self.assertEqual(created.status_code, 201, created.content)
        pk = created.json()["id"]
        self.assertEqual(created.json()["members"], 5)
        mine = self.call("get", "/api/documents/study/mine/", self.party_member).json()
        self.assertEqual([r["assignment_id"] for r in mine], [pk])
        self.call("post", f"/api/documents/study-assignments/{pk}/read/", self.party_member)
        reflection = self.call("post", f"/api/documents/study-assignments/{pk}/reflection/", self.party_member,
                               {"text": "Thu hoạch của tôi"})
        self.assertIsNotNone(reflection.json()["reflection_submitted_at"])
        report = self.call("get", f"/api/documents/study-assignments/{pk}/report/", self.ward_staff).json()
        self.assertEqual((report[0]["total"], report[0]["read"], report[0]["reflections"]), (5, 1, 1))
        self.assertEqual(self.call("get", f"/api/documents/study-assignments/{pk}/report/", self.party_member)
                         .status_code, 404)
        self.assertEqual(self.call("get", f"/api/documents/study-assignments/{pk}/report/", self.other_ward_staff)
                         .status_code, 404)
        self.assertEqual(self.call("post", f"/api/documents/study-assignments/{pk}/read/", self.ward_staff)
                         .status_code, 404)

    def test_study_of_a_secret_document_is_refused(self):
        secret = self.issue("NQ", secrecy=Secrecy.SECRET)
        deadline = (timezone.localdate() + datetime.timedelta(days=14)).isoformat()
        response = self.call("post", "/api/documents/study-assignments/", self.district_staff,
                             {"document_id": secret.pk, "organization_ids": [self.cell.pk], "deadline": deadline})
        self.assertEqual(response.status_code, 400)
        self.assertIn("mật", response.json()["detail"])
        self.assertEqual(StudyAssignment.objects.count(), 0)

    def test_only_administrators_extend_the_type_table(self):
        payload = {"symbol": "QC", "name": "Quy chế", "order": 20}
        self.assertEqual(self.call("post", "/api/documents/types/", self.district_staff, payload).status_code, 403)
        self.assertEqual(self.call("post", "/api/documents/types/", self.admin, payload).status_code, 201)
        self.assertIn("QC", [t["symbol"] for t in self.call("get", "/api/documents/types/", self.party_member).json()])
