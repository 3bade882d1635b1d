"""One check for every uploaded file: its kind is read from its content, never from its name, and its size
and, for office documents, its expanded size are bounded.

Each place that takes an upload declares what it accepts next to it, with :class:`Accepts`
(``DRAFT_FILES = Accepts(("docx", "pdf"), max_mb=10)``), and calls :func:`check` before anything is
written. The refusals are Vietnamese sentences (``ValidationError``).

Office documents (DOCX, XLSX, ODT, ODS) are zip archives: a 400 KB file can expand to gigabytes of XML
and keep a worker busy for minutes. The archive's table of contents is read (not its members) and the
file is refused when it holds more than ``MAX_MEMBERS`` members or would expand beyond
``MAX_EXPANDED_BYTES``; Python's ``zipfile``, used by python-docx and openpyxl, never inflates a member
beyond the size the table declares, so these bounds hold for every later reading.
"""

import dataclasses
import io
import zipfile
from pathlib import Path

from django.core.exceptions import ValidationError

from capuy.core import vietnamese

MAX_MEMBERS = 1_000
MAX_EXPANDED_BYTES = 48 * 1024 * 1024
MAX_XML_PART_BYTES = 16 * 1024 * 1024  # one XML part (a DOCX body, an XLSX sheet): parsed whole into memory
MAX_RATIO = 200  # a real DOCX or XLSX compresses 5–20 times; far beyond that is a "zip bomb"


@dataclasses.dataclass(frozen=True)
class Kind:
    name: str
    label: str
    extensions: tuple[str, ...]
    content_type: str


KINDS = {k.name: k for k in [
    Kind("pdf", "PDF", (".pdf",), "application/pdf"),
    Kind("docx", "DOCX", (".docx",), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    Kind("xlsx", "XLSX", (".xlsx",), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    Kind("odt", "ODT", (".odt",), "application/vnd.oasis.opendocument.text"),
    Kind("ods", "ODS", (".ods",), "application/vnd.oasis.opendocument.spreadsheet"),
    Kind("doc", "DOC", (".doc",), "application/msword"),
    Kind("xls", "XLS", (".xls",), "application/vnd.ms-excel"),
    Kind("png", "PNG", (".png",), "image/png"),
    Kind("jpeg", "JPEG", (".jpg", ".jpeg"), "image/jpeg"),
    Kind("webp", "WebP", (".webp",), "image/webp"),
    Kind("gif", "GIF", (".gif",), "image/gif"),
    Kind("csv", "CSV", (".csv",), "text/csv"),
    Kind("txt", "TXT", (".txt",), "text/plain"),
    Kind("html", "HTML", (".html", ".htm"), "text/html"),
]}
ZIPPED = {"docx", "xlsx", "odt", "ods"}
IMAGES = {"png", "jpeg", "webp", "gif"}


@dataclasses.dataclass(frozen=True)
class Accepts:
    """What one place accepts: kinds (names in ``KINDS``) and a size limit in megabytes."""

    kinds: tuple[str, ...]
    max_mb: float

    @property
    def max_bytes(self) -> int:
        return int(self.max_mb * 1024 * 1024)

    def labels(self) -> str:
        return ", ".join(KINDS[k].label for k in self.kinds)


def _zipped_kind(data_file) -> str | None:
    """The office format of a zip archive, after checking that it expands within the bounds."""
    data_file.seek(0)
    try:
        with zipfile.ZipFile(data_file) as archive:
            members = archive.infolist()
            if len(members) > MAX_MEMBERS:
                raise ValidationError(f"Tệp nén chứa quá nhiều thành phần ({vietnamese.number(len(members))}); "
                                      "không nhận tệp này.")
            if any(m.filename.endswith(".xml") and m.file_size > MAX_XML_PART_BYTES for m in members):
                raise ValidationError("Tệp có phần nội dung quá lớn để xử lý; hãy chia nhỏ tài liệu.")
            expanded = sum(m.file_size for m in members)
            compressed = max(1, sum(m.compress_size for m in members))
            if expanded > MAX_EXPANDED_BYTES or expanded > MAX_RATIO * compressed + 1024 * 1024:
                raise ValidationError("Tệp giải nén ra quá lớn so với dung lượng tệp (nghi là tệp độc hại); "
                                      "không nhận tệp này.")
            names = {m.filename for m in members}
            if "[Content_Types].xml" in names:
                if "word/document.xml" in names:
                    return "docx"
                if "xl/workbook.xml" in names:
                    return "xlsx"
                return None
            if "mimetype" in names:
                mimetype = archive.read("mimetype")[:100].decode("ascii", "replace").strip()
                return {KINDS["odt"].content_type: "odt", KINDS["ods"].content_type: "ods"}.get(mimetype)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError, NotImplementedError):
        return None
    finally:
        data_file.seek(0)
    return None


UTF16_MARKS = (b"\xff\xfe", b"\xfe\xff")


def sniff(data_file, extension: str = "") -> str | None:
    """The kind of a file from its first bytes (and, for archives, their table of contents)."""
    data_file.seek(0)
    head = data_file.read(16)
    data_file.seek(0)
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    if head.startswith((b"GIF87a", b"GIF89a")):
        return "gif"
    if head.startswith(b"PK\x03\x04"):
        return _zipped_kind(data_file)
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):  # the old binary Office formats share a header
        return {".doc": "doc", ".xls": "xls"}.get(extension)
    if extension == ".csv" and b"\x00" not in head:
        return "csv"
    # Plain text has no signature: the name says which, and a NUL byte says it is not text (the reader of
    # such a file must still refuse text it cannot decode).
    # (UTF-16, as Windows Notepad saves "Unicode", is text too: its mark of byte order says so)
    if extension in (".txt", ".html", ".htm") and (b"\x00" not in head or head[:2] in UTF16_MARKS):
        return "txt" if extension == ".txt" else "html"
    return None


def _check_image(uploaded, kind: str) -> None:
    from PIL import Image, UnidentifiedImageError

    formats = {"png": "PNG", "jpeg": "JPEG", "webp": "WEBP", "gif": "GIF"}
    try:
        with Image.open(io.BytesIO(uploaded.read())) as image:
            if image.format != formats[kind]:
                raise ValidationError("Ảnh không đúng định dạng.")
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError) as exc:
        raise ValidationError(f"Ảnh “{uploaded.name}” bị hỏng hoặc không phải là ảnh hợp lệ.") from exc
    finally:
        uploaded.seek(0)


def check(uploaded, accepts: Accepts) -> str:
    """The kind of ``uploaded`` (a Django ``UploadedFile``) if ``accepts`` takes it; otherwise a Vietnamese
    ``ValidationError``. Nothing is written either way."""
    if uploaded is None or not uploaded.size:
        raise ValidationError("Tệp trống hoặc chưa chọn tệp.")
    name = uploaded.name or ""
    if uploaded.size > accepts.max_bytes:
        raise ValidationError(
            f"Tệp “{name}” quá lớn ({vietnamese.number(uploaded.size / 1048576, 1)} MB); "
            f"chỉ nhận tệp tối đa {vietnamese.number(accepts.max_mb, 1)} MB.")
    extension = Path(name).suffix.lower()
    kind = sniff(uploaded, extension)
    if kind is None or kind not in accepts.kinds:
        raise ValidationError(f"Tệp “{name}” không phải {accepts.labels()} hợp lệ (nội dung không khớp, hoặc không đúng loại được nhận).")
    if extension not in KINDS[kind].extensions:
        raise ValidationError(f"Phần mở rộng “{extension or '(không có)'}” không khớp với nội dung tệp "
                              f"({KINDS[kind].label}); hãy đặt đúng tên tệp.")
    if kind in IMAGES:
        _check_image(uploaded, kind)
    return kind


def form_field_validator(accepts: Accepts):
    """A form field validator (``validators=[form_field_validator(ACCEPTS)]``) that runs :func:`check`."""

    def validate(uploaded):
        check(uploaded, accepts)

    return validate


def check_bytes(data: bytes, name: str, accepts: Accepts) -> str:
    """:func:`check` for content already read into memory (spreadsheet imports)."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    return check(SimpleUploadedFile(name or "", data), accepts)


def message(error: ValidationError) -> str:
    return " ".join(error.messages)
