"""Files attached to documents: DOCX, PDF and images only, checked by their content, within a size limit.

The check is ``capuy.core.uploads`` (content sniffed, extension must agree, images must open, archives
bounded); what documents accept is declared here. The limit is the setting
``CAPUY_DOCUMENT_UPLOAD_MAX_MB`` (default 20 MB). A refused file raises ``ValidationError`` with a
Vietnamese message before anything is written.
"""

from pathlib import Path

from django.db import transaction

from capuy import config
from capuy.core import uploads

KINDS = ("docx", "pdf", "png", "jpeg", "webp")


def accepts() -> uploads.Accepts:
    return uploads.Accepts(KINDS, float(config.value("CAPUY_DOCUMENT_UPLOAD_MAX_MB")))


def check_upload(uploaded) -> str:
    """Return the kind of ``uploaded`` (a Django UploadedFile) or raise ValidationError in Vietnamese."""
    return uploads.check(uploaded, accepts())


def attach(document, uploaded, user=None):
    """Check ``uploaded`` and keep it with ``document``; nothing is saved when the check fails."""
    from capuy.documents.models import Attachment

    kind = check_upload(uploaded)
    name = Path(uploaded.name).name[:255]
    attachment = Attachment(document=document, original_name=name, kind=kind, size=uploaded.size,
                            uploaded_by=user if user is not None and user.is_authenticated else None)
    attachment.file.save(name, uploaded, save=False)
    try:
        with transaction.atomic():
            attachment.save()
    except Exception:
        attachment.file.delete(save=False)
        raise
    return attachment
