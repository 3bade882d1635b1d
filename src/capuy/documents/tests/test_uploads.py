"""Attachments: DOCX, PDF and images only, checked by content, within the size limit; refusals save nothing."""

import io
import shutil
import tempfile

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from PIL import Image

from capuy.documents.generation import build_docx
from capuy.documents.models import Attachment
from capuy.documents.tests.helpers import DocumentsTestCase, make_document
from capuy.documents.uploads import attach, check_upload

MEDIA = tempfile.mkdtemp(prefix="capuy-test-media-")
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def png_bytes():
    out = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(out, "PNG")
    return out.getvalue()


@override_settings(MEDIA_ROOT=MEDIA, CAPUY_DOCUMENT_UPLOAD_MAX_MB=1)
class UploadTests(DocumentsTestCase):
    @classmethod
    def tearDownClass(cls):
        super().tearDownClass()
        shutil.rmtree(MEDIA, ignore_errors=True)

    def setUp(self):
        self.document = make_document(self.district, "NQ")

    def test_accepts_pdf_docx_and_images_by_their_content(self):
        self.assertEqual(check_upload(SimpleUploadedFile("ban-ky.pdf", PDF)), "pdf")
        self.assertEqual(check_upload(SimpleUploadedFile("Nghị quyết.docx", build_docx(self.document))), "docx")
        self.assertEqual(check_upload(SimpleUploadedFile("anh.PNG", png_bytes())), "png")

    def test_attach_keeps_the_file_with_the_document(self):
        attachment = attach(self.document, SimpleUploadedFile("ban-ky.pdf", PDF), self.district_staff)
        self.assertEqual((attachment.kind, attachment.size, attachment.original_name), ("pdf", len(PDF), "ban-ky.pdf"))
        with attachment.file.open("rb") as stored:
            self.assertEqual(stored.read(), PDF)

    def refused(self, upload, message):
        with self.assertRaises(ValidationError) as caught:
            attach(self.document, upload)
        self.assertIn(message, " ".join(caught.exception.messages))
        self.assertEqual(Attachment.objects.count(), 0)

    def test_an_executable_renamed_to_pdf_is_refused(self):
        self.refused(SimpleUploadedFile("nghi-quyet.pdf", b"MZ\x90\x00" + b"\x00" * 100), "không phải DOCX, PDF")

    def test_a_zip_that_is_not_a_word_file_is_refused(self):
        out = io.BytesIO()
        import zipfile

        with zipfile.ZipFile(out, "w") as archive:
            archive.writestr("virus.txt", "x")
        self.refused(SimpleUploadedFile("van-ban.docx", out.getvalue()), "không phải DOCX, PDF")

    def test_an_extension_that_does_not_match_the_content_is_refused(self):
        self.refused(SimpleUploadedFile("anh.pdf", png_bytes()), "không khớp với nội dung")

    def test_a_broken_image_is_refused(self):
        self.refused(SimpleUploadedFile("anh.png", png_bytes()[:30]), "bị hỏng")

    def test_an_oversized_file_is_refused(self):
        self.refused(SimpleUploadedFile("lon.pdf", PDF + b"0" * (1024 * 1024)), "quá lớn")

    def test_an_empty_file_is_refused(self):
        self.refused(SimpleUploadedFile("rong.pdf", b""), "Tệp trống")
