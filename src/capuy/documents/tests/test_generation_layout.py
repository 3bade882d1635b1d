"""The generated DOCX and PDF follow Hướng dẫn 36: heading, issuer, number, date line, fonts and sizes, A4."""

import io
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from django.test import override_settings
from django.urls import reverse
from docx import Document as DocxDocument
from docx.shared import Pt
from PIL import Image

from capuy.documents.generation import FONT, build_docx, soffice_path
from capuy.documents.models import Authority, Secrecy
from capuy.documents.tests.helpers import D, DocumentsTestCase

BODY = ("Ngày 05/10/2023, Ban Chấp hành Đảng bộ quận Tây Hồ khóa VI họp Hội nghị lần thứ 17 để đánh giá "
        "kết quả thực hiện nhiệm vụ 9 tháng, xác định nhiệm vụ trọng tâm 3 tháng cuối năm 2023.\n"
        "Tổng thu ngân sách trên địa bàn vượt chỉ tiêu dự toán; giá trị sản xuất tăng 20,3% so với cùng kỳ.\n"
        "Giao Ban Thường vụ Quận ủy lãnh đạo, chỉ đạo tổ chức thực hiện Nghị quyết.")


def runs(paragraph):
    return [r for r in paragraph.runs if r.text.strip()]


def require_tools(*names):
    missing = [n for n in names if shutil.which(n) is None]
    if missing:
        pytest.fail(f"Thiếu công cụ {', '.join(missing)}: chạy scripts/system-deps (make test cài tự động).")


class DocxLayoutTests(DocumentsTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.city.superior_heading = ""
        cls.district.superior_heading = "ĐẢNG BỘ THÀNH PHỐ HÀ NỘI"
        cls.district.save()

    def resolution(self, **fields):
        for _ in range(11):
            self.issue("NQ", day=D(2023, 9, 1))
        return self.issue("NQ", day=D(2023, 10, 5), content=BODY, recipients="- Thành ủy Hà Nội,\n- Lưu Văn phòng Quận ủy.",
                          title="Hội nghị lần thứ 17 Ban Chấp hành Đảng bộ quận khóa VI", **fields)

    def open(self, document):
        return DocxDocument(io.BytesIO(build_docx(document)))

    def test_heading_and_issuer_blocks_sit_side_by_side_in_a_borderless_table(self):
        docx = self.open(self.resolution())
        heading = docx.tables[0]
        left, right = heading.rows[0].cells
        self.assertEqual([p.text for p in left.paragraphs],
                         ["ĐẢNG BỘ THÀNH PHỐ HÀ NỘI", "QUẬN ỦY TÂY HỒ", "*", "Số 12-NQ/QU"])
        self.assertEqual(right.paragraphs[0].text, "ĐẢNG CỘNG SẢN VIỆT NAM")
        self.assertEqual(right.paragraphs[1].text, "Tây Hồ, ngày 05 tháng 10 năm 2023")
        borders = heading._tbl.tblPr.xml
        self.assertIn('w:top w:val="nil"', borders)
        self.assertIn('w:insideV w:val="nil"', borders)

    def test_fonts_sizes_and_weights_follow_the_guide(self):
        docx = self.open(self.resolution())
        left, right = docx.tables[0].rows[0].cells
        party = runs(right.paragraphs[0])[0]
        self.assertEqual((party.font.size, party.font.bold, party.font.underline), (Pt(15), True, True))
        issuer = runs(left.paragraphs[1])[0]
        self.assertEqual((issuer.font.size, issuer.font.bold), (Pt(14), True))
        self.assertFalse(runs(left.paragraphs[0])[0].font.bold)
        date_line = runs(right.paragraphs[1])[0]
        self.assertEqual((date_line.font.size, date_line.font.italic), (Pt(14), True))
        texts = {p.text: p for p in docx.paragraphs}
        kind = runs(texts["NGHỊ QUYẾT"])[0]
        self.assertTrue(Pt(15) <= kind.font.size <= Pt(16))
        self.assertTrue(kind.font.bold)
        summary = runs(texts["Hội nghị lần thứ 17 Ban Chấp hành Đảng bộ quận khóa VI"])[0]
        self.assertTrue(summary.font.bold)
        body = runs(texts["Giao Ban Thường vụ Quận ủy lãnh đạo, chỉ đạo tổ chức thực hiện Nghị quyết."])[0]
        self.assertEqual((body.font.size, body.font.bold), (Pt(14), False))
        every_run = [r for p in docx.paragraphs for r in runs(p)] + [
            r for t in docx.tables for c in t.rows[0].cells for p in c.paragraphs for r in runs(p)]
        self.assertEqual({r.font.name for r in every_run}, {FONT})

    def test_page_is_a4_with_the_guide_margins(self):
        section = self.open(self.resolution()).sections[0]
        self.assertEqual((round(section.page_width.mm), round(section.page_height.mm)), (210, 297))
        self.assertEqual((round(section.left_margin.mm), round(section.right_margin.mm)), (30, 15))

    def test_signature_block_and_recipients_at_the_bottom(self):
        docx = self.open(self.resolution())
        recipients, signature = docx.tables[-1].rows[0].cells
        self.assertEqual(recipients.paragraphs[0].text, "Nơi nhận:")
        self.assertTrue(runs(recipients.paragraphs[0])[0].font.underline)
        self.assertEqual(recipients.paragraphs[1].text, "- Thành ủy Hà Nội,")
        lines = [p.text for p in signature.paragraphs if p.text]
        self.assertEqual(lines, ["T/M BAN THƯỜNG VỤ", "BÍ THƯ", "Lê Thị Thu Hằng"])

    def test_a_deputy_signs_for_the_secretary(self):
        document = self.resolution(authority=Authority.EXECUTIVE, deputy_signs=True, signer=self.committee_person)
        lines = [p.text for p in self.open(document).tables[-1].rows[0].cells[1].paragraphs if p.text]
        self.assertEqual(lines, ["T/M BAN CHẤP HÀNH", "K/T BÍ THƯ", "PHÓ BÍ THƯ", "Phạm Văn Bình"])

    def test_secret_document_carries_its_mark_and_a_draft_has_no_number(self):
        document = self.resolution(secrecy=Secrecy.SECRET)
        left = self.open(document).tables[0].rows[0].cells[0]
        self.assertIn("MẬT", [p.text for p in left.paragraphs])
        draft = self.issue("TB", day=None, title="Kết luận của Ban Thường vụ")
        left, right = self.open(draft).tables[0].rows[0].cells
        self.assertIn("Số     -TB/QU", [p.text for p in left.paragraphs])
        self.assertIn("DỰ THẢO", [p.text for p in left.paragraphs])
        self.assertEqual(right.paragraphs[1].text, "Tây Hồ, ngày     tháng     năm     ")


@override_settings(MEDIA_ROOT=tempfile.mkdtemp(prefix="capuy-test-pdf-"))
class PdfLayoutTests(DocumentsTestCase):
    """Converts with LibreOffice (one conversion for all checks: it takes a few seconds)."""

    def test_pdf_is_a4_not_blank_and_embeds_a_times_compatible_font(self):
        require_tools("pdftoppm", "pdffonts", "pdfinfo")
        self.assertIsNotNone(soffice_path(), "Thiếu LibreOffice: chạy scripts/system-deps.")
        # Issuing converts the PDF in the background (run here when the transaction commits); the download
        # serves the stored file.
        with self.captureOnCommitCallbacks(execute=True):
            document = self.issue("NQ", day=D(2023, 10, 5), content=BODY * 3,
                                  title="Hội nghị lần thứ 17 – Đảng bộ quận",
                                  recipients="- Thành ủy Hà Nội,\n- Lưu Văn phòng Quận ủy.")
        self.login(self.party_member)
        response = self.client.get(reverse("documents:pdf", args=[document.pk]))
        self.assertEqual(response["Content-Type"], "application/pdf")
        pdf = b"".join(response.streaming_content)
        self.assertTrue(pdf.startswith(b"%PDF-"))
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "van-ban.pdf"
            path.write_bytes(pdf)
            info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
            self.assertRegex(info, r"Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)")
            fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
            font_rows = [line.split() for line in fonts.splitlines()[2:] if line.strip()]
            self.assertTrue(font_rows)
            for row in font_rows:
                self.assertRegex(row[0], r"(LiberationSerif|TimesNewRoman)", fonts)
                self.assertEqual(row[-5], "yes", f"font not embedded:\n{fonts}")  # the "emb" column
            subprocess.run(["pdftoppm", "-r", "40", "-f", "1", "-l", "1", "-png", str(path), str(Path(tmp) / "p")],
                           check=True, capture_output=True)
            image = Image.open(next(Path(tmp).glob("p*.png"))).convert("L")
        width, height = image.size
        self.assertAlmostEqual(width / height, 210 / 297, places=2)
        dark = sum(image.histogram()[:128])
        self.assertGreater(dark / (width * height), 0.01, "the first page is blank")
        top_band = image.crop((0, 0, width, height // 6))
        self.assertLess(top_band.getextrema()[0], 100, "the heading is missing at the top of the page")
