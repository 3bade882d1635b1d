"""One upload validator (core.uploads): kind from content, size per place, office archives bounded (item 3)."""

import io
import time
import zipfile

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import SimpleTestCase

from capuy.conferences import forms as conference_forms
from capuy.conferences.models import DraftVersion
from capuy.conferences.tests.base import ConferenceTestCase
from capuy.core import uploads
from capuy.members import exchange

PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 64


def archive(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return out.getvalue()


def docx_like(extra: dict[str, bytes] | None = None, body: bytes = b"<w:document/>") -> bytes:
    return archive({"[Content_Types].xml": b"<Types/>", "word/document.xml": body, **(extra or {})})


ANY_OFFICE = uploads.Accepts(("docx", "xlsx", "odt", "ods", "pdf"), max_mb=10)


class SniffingTests(SimpleTestCase):
    def check(self, name, data, accepts=ANY_OFFICE):
        return uploads.check(SimpleUploadedFile(name, data), accepts)

    def test_the_kind_comes_from_the_content(self):
        self.assertEqual(self.check("nghi-quyet.pdf", PDF), "pdf")
        self.assertEqual(self.check("du-thao.docx", docx_like()), "docx")
        self.assertEqual(self.check("bang.xlsx", archive({"[Content_Types].xml": b"", "xl/workbook.xml": b""})),
                         "xlsx")
        self.assertEqual(self.check("van-ban.odt", archive({"mimetype": b"application/vnd.oasis.opendocument.text"})),
                         "odt")

    def test_a_program_renamed_as_a_pdf_is_refused(self):
        with self.assertRaisesMessage(ValidationError, "không phải DOCX, XLSX, ODT, ODS, PDF hợp lệ"):
            self.check("nghi-quyet.pdf", EXE)

    def test_the_extension_must_agree_with_the_content(self):
        with self.assertRaisesMessage(ValidationError, "không khớp với nội dung tệp (PDF)"):
            self.check("nghi-quyet.docx", PDF)

    def test_a_kind_the_place_does_not_take_is_refused(self):
        with self.assertRaisesMessage(ValidationError, "không phải XLSX, CSV hợp lệ"):
            self.check("du-thao.docx", docx_like(), exchange.IMPORT_FILES)

    def test_each_place_has_its_size_limit(self):
        small = uploads.Accepts(("pdf",), max_mb=0.001)
        with self.assertRaisesMessage(ValidationError, "quá lớn"):
            self.check("a.pdf", PDF + b"0" * 2000, small)
        with self.assertRaisesMessage(ValidationError, "Tệp trống"):
            self.check("a.pdf", b"", small)


class ArchiveBoundTests(SimpleTestCase):
    def check(self, data):
        return uploads.check(SimpleUploadedFile("du-thao.docx", data), ANY_OFFICE)

    def test_an_archive_with_too_many_members_is_refused(self):
        data = docx_like({f"word/media/{i}.xml": b"x" for i in range(uploads.MAX_MEMBERS)})
        with self.assertRaisesMessage(ValidationError, "quá nhiều thành phần"):
            self.check(data)

    def test_an_archive_that_expands_far_beyond_its_size_is_refused_quickly(self):
        data = docx_like({"word/media/bom.bin": b"\x00" * (8 * 1024 * 1024)})
        self.assertLess(len(data), 100_000)
        started = time.monotonic()
        with self.assertRaisesMessage(ValidationError, "giải nén ra quá lớn"):
            self.check(data)
        self.assertLess(time.monotonic() - started, 2)

    def test_a_huge_document_body_is_refused(self):
        data = docx_like(body=b"<w:p>" + b"a" * (uploads.MAX_XML_PART_BYTES + 1) + b"</w:p>")
        with self.assertRaisesMessage(ValidationError, "phần nội dung quá lớn"):
            self.check(data)

    def test_a_damaged_archive_is_not_an_office_file(self):
        with self.assertRaises(ValidationError):
            self.check(b"PK\x03\x04" + b"\x00" * 100)


class ConferenceUploadTests(ConferenceTestCase):
    def test_an_agenda_attachment_must_be_a_document(self):
        form = conference_forms.AttachmentForm({"title": "Tài liệu"},
                                               {"file": SimpleUploadedFile("tai-lieu.pdf", EXE)})
        self.assertFalse(form.is_valid())
        self.assertIn("không phải PDF, DOCX", form.errors["file"][0])

    def test_a_draft_file_is_checked_before_anything_is_saved(self):
        form = conference_forms.VersionForm({"text": ""}, {"file": SimpleUploadedFile(
            "du-thao.docx", docx_like({"word/media/bom.bin": b"\x00" * (8 * 1024 * 1024)}))})
        self.assertFalse(form.is_valid())
        self.assertIn("giải nén ra quá lớn", form.errors["file"][0])

    def test_a_draft_longer_than_the_bound_is_refused(self):
        from capuy.conferences.models import MAX_DRAFT_CHARACTERS, Draft

        draft = Draft.objects.create(conference=self.conference, kind=Draft.Kind.RESOLUTION, title="Nghị quyết")
        with self.assertRaisesMessage(ValidationError, "Dự thảo dài quá"):
            draft.add_version("a" * (MAX_DRAFT_CHARACTERS + 1))
        self.assertFalse(DraftVersion.objects.exists())

    def test_a_long_draft_is_shown_a_page_of_paragraphs_at_a_time(self):
        from capuy.conferences.models import Draft
        from capuy.conferences.views import PARAGRAPHS_PER_PAGE

        draft = Draft.objects.create(conference=self.conference, kind=Draft.Kind.RESOLUTION, title="Nghị quyết")
        draft.add_version("\n\n".join(f"Đoạn số {i} của dự thảo." for i in range(1, 3 * PARAGRAPHS_PER_PAGE)))
        self.client.force_login(self.district_staff)
        url = f"/hoi-nghi/{self.conference.pk}/du-thao/{draft.pk}/"
        first = self.client.get(url).content.decode().split("</article>")[0]  # the text shown, not the edit form
        self.assertIn("Đoạn số 1 của dự thảo.", first)
        self.assertNotIn(f"Đoạn số {PARAGRAPHS_PER_PAGE + 1} của dự thảo.", first)
        self.assertIn("Trang sau", first)
        second = self.client.get(url, {"trang": 2}).content.decode().split("</article>")[0]
        self.assertIn(f"Đoạn số {PARAGRAPHS_PER_PAGE + 1} của dự thảo.", second)
