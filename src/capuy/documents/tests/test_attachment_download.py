"""Uploaded files are served only through views that check the right to read their record."""

import shutil
import tempfile

from django.core.files.base import ContentFile
from django.test import override_settings
from django.urls import reverse

from capuy.core.testing import CapuyTestCase


class ProtectedFileTests(CapuyTestCase):
    def setUp(self):
        self.media = tempfile.mkdtemp()
        self.addCleanup(shutil.rmtree, self.media)
        override = override_settings(MEDIA_ROOT=self.media)
        override.enable()
        self.addCleanup(override.disable)

    def make_document_attachment(self):
        from capuy.documents.models import Attachment, Document, DocumentType

        document = Document.objects.create(doc_type=DocumentType.objects.get(symbol="BC"), organization=self.ward,
                                           title="Báo cáo kết quả 9 tháng")
        attachment = Attachment(document=document, original_name="phu-luc.pdf", kind="pdf", size=9)
        attachment.file.save("phu-luc.pdf", ContentFile(b"%PDF-1.4\n"), save=False)
        attachment.save()
        return document, attachment

    def test_a_reader_of_the_document_downloads_its_attachment(self):
        document, attachment = self.make_document_attachment()
        self.login(self.ward_staff)
        response = self.client.get(reverse("documents:attachment", args=[document.pk, attachment.pk]))
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == b"%PDF-1.4\n"
        assert 'filename="phu-luc.pdf"' in response["Content-Disposition"]

    def test_it_refuses_staff_of_another_ward(self):
        document, attachment = self.make_document_attachment()
        self.login(self.other_ward_staff)
        response = self.client.get(reverse("documents:attachment", args=[document.pk, attachment.pk]))
        assert response.status_code == 404

    def test_it_refuses_anonymous_visitors(self):
        document, attachment = self.make_document_attachment()
        response = self.client.get(reverse("documents:attachment", args=[document.pk, attachment.pk]))
        assert response.status_code == 302
