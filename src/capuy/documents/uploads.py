"""Files attached to documents: DOCX, PDF and images only, checked by their content, within a size limit.

The file's first bytes decide its kind (a renamed .exe is refused even when called "nghi-quyet.pdf"), the
extension must agree with it, and images must open with Pillow. The limit is the setting
``CAPUY_DOCUMENT_UPLOAD_MAX_MB`` (default 20 MB). A refused file raises ``ValidationError`` with a
Vietnamese message before anything is written.
"""

import io
import zipfile
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from PIL import Image, UnidentifiedImageError

from capuy import config
from capuy.core import vietnamese

ALLOWED = {
    "pdf": {".pdf"},
    "docx": {".docx"},
    "png": {".png"},
    "jpeg": {".jpg", ".jpeg"},
    "webp": {".webp"},
}
IMAGE_FORMATS = {"png": "PNG", "jpeg": "JPEG", "webp": "WEBP"}
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "png": "image/png",
    "jpeg": "image/jpeg",
    "webp": "image/webp",
}


def max_bytes() -> int:
    return int(config.value("CAPUY_DOCUMENT_UPLOAD_MAX_MB")) * 1024 * 1024


def sniff(head: bytes, data_file) -> str | None:
    """The kind of file from its content, or None when it is none of the accepted kinds."""
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    if head.startswith(b"PK\x03\x04"):
        try:
            data_file.seek(0)
            with zipfile.ZipFile(data_file) as archive:
                names = set(archive.namelist())
        except (zipfile.BadZipFile, OSError, ValueError):
            return None
        if "[Content_Types].xml" in names and "word/document.xml" in names:
            return "docx"
    return None


def check_upload(uploaded) -> str:
    """Return the kind of ``uploaded`` (a Django UploadedFile) or raise ValidationError in Vietnamese."""
    limit = max_bytes()
    if uploaded is None or not uploaded.size:
        raise ValidationError("Tệp trống hoặc chưa chọn tệp.")
    if uploaded.size > limit:
        raise ValidationError(
            f"Tệp “{uploaded.name}” quá lớn ({vietnamese.number(uploaded.size / 1024 / 1024, 1)} MB); "
            f"chỉ nhận tệp tối đa {limit // 1024 // 1024} MB.")
    uploaded.seek(0)
    head = uploaded.read(16)
    kind = sniff(head, uploaded)
    uploaded.seek(0)
    if kind is None:
        raise ValidationError(f"Tệp “{uploaded.name}” không phải DOCX, PDF hoặc ảnh (PNG, JPEG, WebP) hợp lệ.")
    extension = Path(uploaded.name).suffix.lower()
    if extension not in ALLOWED[kind]:
        raise ValidationError(f"Phần mở rộng “{extension or '(không có)'}” không khớp với nội dung tệp "
                              f"({kind.upper()}); hãy đặt đúng tên tệp.")
    if kind in IMAGE_FORMATS:
        try:
            with Image.open(io.BytesIO(uploaded.read())) as image:
                if image.format != IMAGE_FORMATS[kind]:
                    raise ValidationError("Ảnh không đúng định dạng.")
                image.verify()
        except (UnidentifiedImageError, OSError, SyntaxError) as exc:
            raise ValidationError(f"Ảnh “{uploaded.name}” bị hỏng, không mở được.") from exc
        finally:
            uploaded.seek(0)
    return kind


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
