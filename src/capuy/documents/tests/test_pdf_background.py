"""Issued documents keep their PDF: converted once in the background, served from storage, never in a request."""

import shutil
import tempfile
from unittest import mock

from django.test import override_settings
from django.urls import reverse

from capuy.core.models import BackgroundJob
from capuy.documents import generation, pdf
from capuy.documents.models import Document
from capuy.documents.tests.helpers import DocumentsTestCase, make_document

MEDIA = tempfile.mkdtemp(prefix="capuy-test-pdf-")
REAL_DOCX_TO_PDF = generation.docx_to_pdf


def fake_pdf(docx_bytes):
    """Stands in for LibreOffice in the bookkeeping tests (test_real_conversion uses the real one)."""
    return b"%PDF-1.4 made from " + generation.fingerprint(docx_bytes).encode()


def no_conversion(docx_bytes):
    raise AssertionError("the PDF was converted inside the request")


@override_settings(MEDIA_ROOT=MEDIA)
class PdfBackgroundTests(DocumentsTestCase):
    @classmethod
    def tearDownClass(cls):
        super().tearDownClass()
        shutil.rmtree(MEDIA, ignore_errors=True)

    def setUp(self):
        self.enterContext(mock.patch.object(generation, "docx_to_pdf", fake_pdf))

    def issued(self, **fields):
        with self.captureOnCommitCallbacks(execute=True):
            document = self.issue("NQ", user=self.district_staff, **fields)
        document.refresh_from_db()
        return document

    def get_pdf(self, user, document):
        self.login(user)
        return self.client.get(reverse("documents:pdf", args=[document.pk]))

    def test_issuing_converts_the_pdf_once_and_downloads_serve_the_stored_file(self):
        document = self.issued()
        self.assertTrue(document.pdf_file)
        job = document.pdf_job
        self.assertEqual((job.kind, job.status, job.owner), ("documents.pdf", BackgroundJob.Status.DONE,
                                                             self.district_staff))
        with mock.patch.object(generation, "docx_to_pdf", no_conversion):
            for _ in range(2):
                response = self.get_pdf(self.party_member, document)
                self.assertEqual(response["Content-Type"], "application/pdf")
                self.assertTrue(b"".join(response.streaming_content).startswith(b"%PDF-1.4 made from"))
                self.assertIn("inline", response["Content-Disposition"])
        self.assertEqual(BackgroundJob.objects.filter(kind="documents.pdf").count(), 1)

    def test_while_the_pdf_is_made_the_page_shows_progress_and_the_download_says_it_is_being_prepared(self):
        document = self.issue("NQ")  # the conversion is queued; it runs after the commit, which has not come
        job = Document.objects.get(pk=document.pk).pdf_job
        self.assertEqual(job.status, BackgroundJob.Status.QUEUED)
        self.login(self.party_member)
        page = self.client.get(document.get_absolute_url())
        self.assertContains(page, "PDF đang được chuẩn bị")
        self.assertContains(page, f'hx-get="{reverse("documents:pdf_status", args=[document.pk])}"')
        self.assertContains(page, "<progress")
        with mock.patch.object(generation, "docx_to_pdf", no_conversion):
            response = self.client.get(reverse("documents:pdf", args=[document.pk]), follow=True)
        self.assertRedirects(response, document.get_absolute_url())
        self.assertContains(response, "Bản PDF đang được chuẩn bị")
        self.assertEqual(BackgroundJob.objects.filter(kind="documents.pdf").count(), 1)  # the same job, not another

    def test_the_progress_partial_stops_polling_and_offers_the_pdf_once_it_is_ready(self):
        document = self.issued()
        self.login(self.party_member)
        partial = self.client.get(reverse("documents:pdf_status", args=[document.pk]))
        self.assertNotContains(partial, "hx-trigger")
        self.assertContains(partial, reverse("documents:pdf", args=[document.pk]))
        self.assertContains(partial, "Xem PDF")

    def test_it_refuses_the_progress_of_a_document_the_user_may_not_see(self):
        with self.captureOnCommitCallbacks(execute=True):
            document = make_document(self.ward, "NQ", signer=self.secretary, issued_on=self.issue_day(),
                                     secrecy="mat")
        self.login(self.other_ward_staff)
        self.assertEqual(self.client.get(reverse("documents:pdf_status", args=[document.pk])).status_code, 404)
        self.assertEqual(self.client.get(reverse("documents:pdf", args=[document.pk])).status_code, 404)

    def test_a_draft_gets_a_new_pdf_after_it_changes(self):
        draft = make_document(self.district, "NQ", signer=self.secretary, content="Đoạn thứ nhất.")
        self.login(self.district_staff)
        with self.captureOnCommitCallbacks(execute=True):
            self.client.get(reverse("documents:pdf", args=[draft.pk]))
        draft.refresh_from_db()
        first = pdf.current_pdf(draft)
        self.assertIsNotNone(first)
        draft.content = "Đoạn thứ nhất đã sửa."
        draft.save()
        self.assertIsNone(pdf.current_pdf(draft), "a PDF of the old text must not be served")
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.get(reverse("documents:pdf", args=[draft.pk]))
        self.assertEqual(response.status_code, 302)
        draft.refresh_from_db()
        self.assertEqual(draft.pdf_fingerprint, generation.fingerprint(generation.build_docx(draft)))
        self.assertEqual(BackgroundJob.objects.filter(kind="documents.pdf").count(), 2)

    def test_an_edited_draft_whose_pdf_was_asked_for_is_converted_again_by_itself(self):
        import json

        draft = make_document(self.district, "NQ", signer=self.secretary, content="Đoạn thứ nhất.")
        self.login(self.district_staff)
        with self.captureOnCommitCallbacks(execute=True):
            self.client.get(reverse("documents:pdf", args=[draft.pk]))
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.patch(f"/api/documents/{draft.pk}/", json.dumps({"content": "Đoạn đã sửa."}),
                                         content_type="application/json")
        self.assertEqual(response.status_code, 200)
        draft.refresh_from_db()
        self.assertEqual(BackgroundJob.objects.filter(kind="documents.pdf", status="xong").count(), 2)
        self.assertIsNotNone(pdf.current_pdf(draft), "the new PDF shows the edited text")

    def test_a_draft_nobody_asked_a_pdf_of_is_not_converted_on_each_edit(self):
        draft = make_document(self.district, "NQ", signer=self.secretary)
        with self.captureOnCommitCallbacks(execute=True):
            draft.snapshot(self.district_staff, "Sửa dự thảo")
        self.assertFalse(BackgroundJob.objects.exists())

    def test_a_draft_pdf_finished_after_the_issue_does_not_replace_the_issued_one(self):
        draft = make_document(self.district, "NQ", signer=self.secretary)
        with self.captureOnCommitCallbacks(execute=False) as draft_callbacks:
            draft_job = pdf.request_pdf(draft, self.district_staff)
        with self.captureOnCommitCallbacks(execute=True):
            draft.issue(self.district_staff)
        draft.refresh_from_db()
        issued_file = draft.pdf_file.name
        for callback in draft_callbacks:  # the draft's conversion runs last
            callback()
        draft.refresh_from_db()
        self.assertEqual(draft.pdf_file.name, issued_file)
        draft_job.refresh_from_db()
        self.assertEqual(draft_job.message, pdf.SUPERSEDED)

    def test_a_failed_conversion_is_explained_and_can_be_started_again(self):
        with mock.patch.object(generation, "soffice_path", return_value=None), \
                mock.patch.object(generation, "docx_to_pdf", REAL_DOCX_TO_PDF):
            document = self.issued()
        job = document.pdf_job
        self.assertEqual(job.status, BackgroundJob.Status.FAILED)
        self.assertIn("chưa cài LibreOffice", job.error)
        self.login(self.party_member)
        page = self.client.get(document.get_absolute_url())
        self.assertContains(page, "Chưa xuất được PDF")
        self.assertContains(page, "Xuất lại PDF")
        with self.captureOnCommitCallbacks(execute=True):
            self.client.get(reverse("documents:pdf", args=[document.pk]))
        document.refresh_from_db()
        self.assertEqual(document.pdf_job.status, BackgroundJob.Status.DONE)
        self.assertTrue(document.pdf_file)

    def test_the_api_answers_202_with_the_progress_then_the_stored_pdf(self):
        document = self.issue("NQ")
        self.login(self.party_member)
        url = f"/api/documents/{document.pk}/pdf/"
        pending = self.client.get(url)
        self.assertEqual(pending.status_code, 202)
        self.assertEqual(pending.json()["job"]["status"], BackgroundJob.Status.QUEUED)
        self.assertIn("đang được chuẩn bị", pending.json()["detail"])
        pdf.convert(Document.objects.get(pk=document.pk).pdf_job, document.pk)
        ready = self.client.get(url)
        self.assertEqual(ready.status_code, 200)
        self.assertTrue(b"".join(ready.streaming_content).startswith(b"%PDF-1.4"))

    def issue_day(self):
        from capuy.documents.tests.helpers import DEFAULT_DAY

        return DEFAULT_DAY



@override_settings(MEDIA_ROOT=MEDIA)
class QueueMissingPdfsTests(DocumentsTestCase):
    def test_the_command_queues_issued_documents_without_a_pdf_and_only_those(self):
        import io

        from django.core.management import call_command

        issued = self.issue("NQ")  # its conversion is queued (not run: the commit never comes here)
        Document.objects.filter(pk=issued.pk).update(pdf_job=None)  # as if issued before PDFs were kept
        make_document(self.district, "NQ", signer=self.secretary)  # a draft: made on request only
        out = io.StringIO()
        with mock.patch.object(generation, "docx_to_pdf", fake_pdf), self.captureOnCommitCallbacks(execute=True):
            call_command("queue_document_pdfs", stdout=out)
        self.assertIn("Đã xếp hàng xuất PDF cho 1 văn bản.", out.getvalue())
        issued.refresh_from_db()
        self.assertTrue(issued.pdf_file)
        out = io.StringIO()
        call_command("queue_document_pdfs", stdout=out)
        self.assertIn("cho 0 văn bản", out.getvalue())

    def test_a_new_draft_offers_its_pdf_without_claiming_a_failure(self):
        draft = make_document(self.district, title="về công tác chuyển đổi số", signer=self.secretary)
        self.login(self.district_staff)
        page = self.client.get(draft.get_absolute_url()).content.decode()
        assert "Chưa xuất được PDF" not in page and "Xuất lại PDF" not in page
        assert reverse("documents:pdf", args=[draft.pk]) in page
