"""The PDF of a document, made once in the background by LibreOffice and kept with the document.

- Issuing a document queues its conversion (``Document.issue``); the issued document keeps that PDF.
- A draft's PDF is made on request and is current only while the draft still produces the same DOCX
  (``generation.fingerprint``); once asked for, each change (``Document.snapshot``) queues a new one.
- Only the latest requested conversion (``document.pdf_job``) stores its file; an older one finishing later
  is discarded, so an issued document keeps the PDF of its issue.
- Downloads serve the stored file (``current_pdf``); while it is being made, pages show the job's progress.
"""

from django.core.files.base import ContentFile
from django.db import transaction

from capuy.core import jobs
from capuy.core.models import BackgroundJob
from capuy.documents import generation
from capuy.documents.models import Document

KIND = "documents.pdf"
SUPERSEDED = "Văn bản đã thay đổi hoặc đã ban hành; bản PDF được xuất theo yêu cầu mới hơn."


def current_pdf(document: Document):
    """The stored PDF if it shows the document as it is (an issued one: the PDF made at issue), else None."""
    if not document.pdf_file:
        return None
    if document.status != Document.Status.DRAFT:
        return document.pdf_file
    if document.pdf_fingerprint == generation.fingerprint(generation.build_docx(document)):
        return document.pdf_file
    return None


def pending_job(document: Document) -> BackgroundJob | None:
    job = document.pdf_job
    return job if job is not None and not job.finished else None


def request_pdf(document: Document, user=None, renew: bool = False) -> BackgroundJob:
    """Queue the conversion of ``document`` (or return the one already waiting, unless ``renew``)."""
    if not renew and (job := pending_job(document)):
        return job
    label = document.number_label if document.number else f"dự thảo {document.title[:80]}"
    job = jobs.start(KIND, f"Xuất PDF {document.doc_type.name.lower()} {label}", "capuy.documents.pdf.convert",
                     document.pk, owner=user, total=1, result_url=document.get_absolute_url())
    Document.objects.filter(pk=document.pk).update(pdf_job=job)
    document.pdf_job = job
    return job


def convert(job: BackgroundJob, document_id: int) -> dict:
    """The worker's side: DOCX → PDF with LibreOffice, stored on the document if it is still what was built."""
    document = Document.objects.select_related("doc_type", "organization").filter(pk=document_id).first()
    if document is None:
        raise jobs.JobFailed("Văn bản không còn trong hệ thống.")
    if document.pdf_job_id != job.pk:
        return {"message": SUPERSEDED}
    job.progress(0, 1, "Đang chuyển văn bản sang PDF…", force=True)
    docx = generation.build_docx(document)
    try:
        pdf = generation.docx_to_pdf(docx)
    except generation.GenerationError as exc:
        raise jobs.JobFailed(str(exc)) from exc
    with transaction.atomic():
        fresh = Document.objects.select_for_update().get(pk=document_id)
        if fresh.pdf_job_id != job.pk:
            # Edited or issued while this one was converting: only the latest request's PDF is kept.
            return {"message": SUPERSEDED}
        old = fresh.pdf_file.name
        fresh.pdf_file.save(generation.filename(document, "pdf"), ContentFile(pdf), save=False)
        Document.objects.filter(pk=document_id).update(pdf_file=fresh.pdf_file.name,
                                                       pdf_fingerprint=generation.fingerprint(docx))
    if old and old != fresh.pdf_file.name:
        fresh.pdf_file.storage.delete(old)
    job.progress(1, 1, "Đã xuất PDF.", force=True)
    return {"message": "Đã xuất PDF.", "bytes": len(pdf)}
