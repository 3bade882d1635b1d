"""DOCX and PDF of a document, laid out per Hướng dẫn 36-HD/VPTW on A4.

Layout (Hướng dẫn 36-HD/VPTW on the format of Party documents): the issuer block (body above 14pt, issuing body 14pt bold, "*", the
number) on the left and "ĐẢNG CỘNG SẢN VIỆT NAM" (15pt bold, underlined) on the right, side by side in a
borderless table; the place-and-date line in 14pt italic under the heading; the type (16pt bold) and the
summary (bold); the body in 14pt; the signature block on the right and "Nơi nhận:" bottom left.

The font is Times New Roman; where it is not installed (a Debian server), LibreOffice uses the
metric-compatible Liberation Serif (Debian's ``fonts-liberation2``, which has the Vietnamese letters) and
embeds it in the PDF. The PDF is the DOCX converted by LibreOffice headless (``scripts/system-deps``).
"""

import atexit
import io
import os
import shutil
import subprocess
import tempfile
import threading
from pathlib import Path

from docx import Document as DocxDocument
from docx.enum.section import WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

FONT = "Times New Roman"
SIZE_BODY = Pt(14)
SIZE_PARTY = Pt(15)
SIZE_TYPE = Pt(16)
SIZE_RECIPIENTS = Pt(12)
PARTY_HEADING = "ĐẢNG CỘNG SẢN VIỆT NAM"
DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


class GenerationError(Exception):
    """The PDF could not be made (LibreOffice missing or failing); the message is for the user."""


def _set_font(run, size, bold=False, italic=False, underline=False):
    run.font.name = FONT
    run.font.size = size
    run.font.bold = bold
    run.font.italic = italic
    run.font.underline = underline
    fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT)


def _paragraph(container, text="", size=SIZE_BODY, bold=False, italic=False, underline=False,
               align=WD_ALIGN_PARAGRAPH.CENTER, after=0, before=0, indent=None):
    paragraph = container.add_paragraph()
    paragraph.alignment = align
    fmt = paragraph.paragraph_format
    fmt.space_after = Pt(after)
    fmt.space_before = Pt(before)
    if indent is not None:
        fmt.first_line_indent = indent
    if text:
        _set_font(paragraph.add_run(text), size, bold, italic, underline)
    return paragraph


def _borderless_table(document, widths):
    table = document.add_table(rows=1, cols=len(widths))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    table._tbl.tblPr.append(borders)
    for cell, width in zip(table.rows[0].cells, widths, strict=True):
        cell.width = width
        # A new cell holds one empty paragraph; remove it so the content starts at the top.
        for paragraph in list(cell.paragraphs):
            paragraph._element.getparent().remove(paragraph._element)
    return table.rows[0].cells


def _page_number_header(section):
    """Page numbers from page 2, centred at the top (the first page carries the heading instead)."""
    section.different_first_page_header_footer = True
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run()
    _set_font(run, SIZE_BODY)
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._element.append(element)


def _block(docx, block):
    """One line of the body laid out by its kind: "QUYẾT NGHỊ:" centred in bold, a section ("I. …") in bold,
    numbered items, bullets and paragraphs justified with the first line indented."""
    if block.kind == "heading":
        paragraph = _paragraph(docx, block.text, bold=True, after=6, before=6)
        paragraph.paragraph_format.keep_with_next = True
        return paragraph
    paragraph = _paragraph(docx, block.text, bold=block.kind == "section", align=WD_ALIGN_PARAGRAPH.JUSTIFY,
                           after=6, indent=Mm(10))
    paragraph.paragraph_format.line_spacing = 1.15
    if block.kind == "section":
        paragraph.paragraph_format.keep_with_next = True
    return paragraph


def _recipients(container, document):
    title = _paragraph(container, "Nơi nhận:", bold=True, underline=True, align=WD_ALIGN_PARAGRAPH.LEFT, before=12)
    title.paragraph_format.keep_with_next = True
    for line in document.recipient_lines():
        _paragraph(container, line, size=SIZE_RECIPIENTS, align=WD_ALIGN_PARAGRAPH.LEFT)


def _signature(cell, lines, name):
    for i, line in enumerate(lines):
        _paragraph(cell, line, bold=True, before=12 if i == 0 else 0)
    for _ in range(3):
        _paragraph(cell, "")
    _paragraph(cell, name, bold=True, before=12)


def build_docx(document) -> bytes:
    """The document as a .docx file (bytes)."""
    docx = DocxDocument()
    normal = docx.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = SIZE_BODY
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)
    normal.paragraph_format.space_after = Pt(0)

    section = docx.sections[0]
    section.start_type = WD_SECTION.NEW_PAGE
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    section.header_distance = Mm(10)
    _page_number_header(section)

    left, right = _borderless_table(docx, [Mm(75), Mm(90)])
    if document.heading_superior:
        _paragraph(left, document.heading_superior)
    _paragraph(left, document.heading_issuer, bold=True)
    _paragraph(left, "*")
    _paragraph(left, document.number_placeholder)
    if document.is_secret:
        _paragraph(left, document.get_secrecy_display().upper(), bold=True, before=6)
    if document.status == document.Status.DRAFT:
        _paragraph(left, "DỰ THẢO", italic=True, before=6)
    _paragraph(right, PARTY_HEADING, size=SIZE_PARTY, bold=True, underline=True, after=6)
    _paragraph(right, document.place_date_line, italic=True, align=WD_ALIGN_PARAGRAPH.RIGHT)

    _paragraph(docx, document.doc_type.heading, size=SIZE_TYPE, bold=True, before=18)
    _paragraph(docx, document.title, bold=True)
    _paragraph(docx, "-----", after=12)
    for block in document.blocks():
        _block(docx, block)

    signatures = document.signatures()
    if len(signatures) == 1:
        recipients, signature = _borderless_table(docx, [Mm(80), Mm(85)])
        _recipients(recipients, document)
        _signature(signature, *signatures[0])
    else:
        for cell, (lines, name) in zip(_borderless_table(docx, [Mm(165 / len(signatures))] * len(signatures)),
                                       signatures, strict=True):
            _signature(cell, lines, name)
        if document.recipient_lines():
            _recipients(docx, document)

    out = io.BytesIO()
    docx.core_properties.title = f"{document.doc_type.name} {document.title}"[:250]
    docx.core_properties.author = document.organization.display_committee
    docx.save(out)
    return out.getvalue()


# --- PDF -------------------------------------------------------------------------------------------------

_lock = threading.Lock()
_profile_dir: Path | None = None


def _profile() -> Path:
    """One LibreOffice profile per process (two processes must not share one), removed at exit."""
    global _profile_dir
    if _profile_dir is None:
        _profile_dir = Path(tempfile.mkdtemp(prefix="capuy-libreoffice-"))
        atexit.register(shutil.rmtree, _profile_dir, True)
    return _profile_dir


def soffice_path() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def docx_to_pdf(docx_bytes: bytes, timeout: int = 180) -> bytes:
    """Convert a .docx to PDF with LibreOffice headless; fonts are embedded."""
    soffice = soffice_path()
    if soffice is None:
        raise GenerationError("Máy chủ chưa cài LibreOffice nên chưa xuất được PDF (chạy scripts/system-deps).")
    with _lock, tempfile.TemporaryDirectory(prefix="capuy-pdf-") as tmp:
        source = Path(tmp) / "van-ban.docx"
        source.write_bytes(docx_bytes)
        command = [soffice, f"-env:UserInstallation={_profile().as_uri()}", "--headless", "--norestore",
                   "--nolockcheck", "--nodefault", "--convert-to", "pdf:writer_pdf_Export", "--outdir", tmp,
                   str(source)]
        env = {**os.environ, "HOME": tmp}
        try:
            subprocess.run(command, capture_output=True, timeout=timeout, check=False, env=env)
        except subprocess.TimeoutExpired as exc:
            raise GenerationError("Xuất PDF quá thời gian cho phép, vui lòng thử lại.") from exc
        target = source.with_suffix(".pdf")
        if not target.exists():
            raise GenerationError("Không xuất được PDF từ văn bản này.")
        return target.read_bytes()


def build_pdf(document) -> bytes:
    return docx_to_pdf(build_docx(document))


def filename(document, extension: str) -> str:
    """ "12-NQ-QU.docx", or "du-thao-<id>.docx" for a draft (ASCII, safe in any browser)."""
    from capuy.core.vietnamese import search_key

    if document.number is None:
        stem = f"du-thao-{document.pk}"
    else:
        stem = f"{document.number:02d}-{document.doc_type.symbol}-{document.issuer_symbol}"
    return f"{search_key(stem).upper().replace(' ', '-') if document.number else stem}.{extension}"


def fingerprint(docx_bytes: bytes) -> str:
    """What a PDF was made from: a hash of the DOCX's content parts (not its zip dates or properties), so a
    stored PDF is known to show the document as it is now."""
    import hashlib
    import zipfile

    digest = hashlib.sha256()
    with zipfile.ZipFile(io.BytesIO(docx_bytes)) as archive:
        for name in sorted(archive.namelist()):
            if not name.startswith("docProps/"):
                digest.update(name.encode())
                digest.update(archive.read(name))
    return digest.hexdigest()
