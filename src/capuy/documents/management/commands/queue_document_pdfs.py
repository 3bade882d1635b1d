"""``capuy queue_document_pdfs``: queue the PDF of every issued document that has none yet (documents issued
before PDFs were kept, or whose conversion failed); the worker (``capuy qcluster``) converts them one by one."""

from django.core.management.base import BaseCommand
from django.db import transaction

from capuy.core.models import BackgroundJob
from capuy.documents.models import Document
from capuy.documents.pdf import request_pdf


class Command(BaseCommand):
    help = "Xếp hàng xuất PDF cho các văn bản đã ban hành chưa có bản PDF."

    def handle(self, *args, **options):
        waiting = Document.objects.exclude(status=Document.Status.DRAFT).filter(pdf_file="").exclude(
            pdf_job__status__in=[BackgroundJob.Status.QUEUED, BackgroundJob.Status.RUNNING])
        count = 0
        for document in waiting.select_related("doc_type", "organization").iterator():
            with transaction.atomic():
                request_pdf(document)
            count += 1
        self.stdout.write(f"Đã xếp hàng xuất PDF cho {count} văn bản.")
