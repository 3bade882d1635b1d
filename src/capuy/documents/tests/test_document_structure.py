"""Generated documents keep the draft's structure (headings, numbered items, paragraphs) without the marks of a
draft, and carry every signature their form needs: the minutes are signed by the secretary and the chair."""

import io

from django.urls import reverse
from docx import Document as DocxDocument

from capuy.conferences.models import Draft
from capuy.documents.drafting import draft_from_conference
from capuy.documents.generation import build_docx
from capuy.documents.structure import Block, blocks, draft_lines
from capuy.documents.tests import test_drafting
from capuy.documents.tests.helpers import DocumentsTestCase, make_document

# A draft as offices type it: a "DỰ THẢO" line, its title again, markdown headings, one newline between
# paragraphs, a sentence broken at the end of a screen line, numbered items and bullets.
MESSY_DRAFT = """DỰ THẢO
# NGHỊ QUYẾT
**Dự thảo Nghị quyết Hội nghị lần thứ 1**
# I. Đánh giá kết quả
Thống nhất đánh giá kết quả 9 tháng năm 2023: tổng thu ngân sách
vượt dự toán.
Công tác xây dựng Đảng được **chú trọng**.
## II. Nhiệm vụ
1. Tập trung thu ngân sách;
2. Đẩy nhanh giải phóng mặt bằng.
- Giao Ủy ban nhân dân quận chủ trì."""

CLEAN = ["I. Đánh giá kết quả",
         "Thống nhất đánh giá kết quả 9 tháng năm 2023: tổng thu ngân sách vượt dự toán.",
         "Công tác xây dựng Đảng được chú trọng.",
         "II. Nhiệm vụ", "1. Tập trung thu ngân sách;", "2. Đẩy nhanh giải phóng mặt bằng.",
         "- Giao Ủy ban nhân dân quận chủ trì."]


class DraftLinesTests(DocumentsTestCase):
    def test_draft_marks_markup_and_repeated_titles_are_dropped_and_lines_kept(self):
        self.assertEqual(draft_lines(MESSY_DRAFT, ("Nghị quyết", "Dự thảo Nghị quyết Hội nghị lần thứ 1")), CLEAN)

    def test_each_defect_alone(self):
        cases = [
            ("DỰ THẢO\n\nĐoạn một.", ["Đoạn một."]),
            ("(Dự thảo lần 2)\nĐoạn một.", ["Đoạn một."]),
            ("Dự thảo Nghị quyết về nhiệm vụ năm 2024\nĐoạn một.", ["Nghị quyết về nhiệm vụ năm 2024", "Đoạn một."]),
            ("# I. Kết quả\n\nĐoạn một.", ["I. Kết quả", "Đoạn một."]),
            ("Một câu bị ngắt\ngiữa chừng.", ["Một câu bị ngắt giữa chừng."]),
            ("Câu một.\nCâu hai.", ["Câu một.", "Câu hai."]),
            ("Các nhiệm vụ:\n1. Một;\n2. Hai.", ["Các nhiệm vụ:", "1. Một;", "2. Hai."]),
            ("**Đậm** và *nghiêng*.", ["Đậm và nghiêng."]),
            ("Đoạn một.\n-----\nĐoạn hai.", ["Đoạn một.", "Đoạn hai."]),
            # "Dự thảo" inside the body is a word of the text, not a mark.
            ("Đoạn một.\nDự thảo báo cáo chính trị được thảo luận.",
             ["Đoạn một.", "Dự thảo báo cáo chính trị được thảo luận."]),
        ]
        for text, expected in cases:
            with self.subTest(text=text):
                self.assertEqual(draft_lines(text), expected)

    def test_lines_are_told_apart_by_kind(self):
        self.assertEqual(blocks(["QUYẾT NGHỊ:", "I. Đánh giá", "1. Một;", "a) Hai;", "- Ba.", "Đoạn văn."]),
                         [Block("heading", "QUYẾT NGHỊ:"), Block("section", "I. Đánh giá"), Block("item", "1. Một;"),
                          Block("item", "a) Hai;"), Block("bullet", "- Ba."), Block("paragraph", "Đoạn văn.")])


def docx_of(document):
    return DocxDocument(io.BytesIO(build_docx(document)))


class GeneratedDocumentTests(DocumentsTestCase):
    closed_conference = test_drafting.DraftingTests.closed_conference  # the same record

    def setUp(self):
        self.conference = self.closed_conference(close=False)
        self.conference.drafts.get(kind=Draft.Kind.RESOLUTION).add_version(MESSY_DRAFT)
        self.conference.close("Kết luận của hội nghị.")
        self.conference.refresh_from_db()
        self.minutes, self.resolution, self.notice = draft_from_conference(self.conference)

    def test_the_resolution_keeps_headings_items_and_paragraphs_without_draft_marks(self):
        paragraphs = self.resolution.paragraphs()
        start = paragraphs.index("QUYẾT NGHỊ:") + 1
        self.assertEqual(paragraphs[start:start + len(CLEAN)], CLEAN)
        text = [p.text for p in docx_of(self.resolution).paragraphs]
        for line in CLEAN:
            self.assertIn(line, text)
        body = "\n".join(text)
        self.assertNotIn("DỰ THẢO", body)
        self.assertNotIn("#", body)
        self.assertNotIn("**", body)
        self.assertNotIn("Dự thảo", body)

    def test_headings_are_bold_and_quyet_nghi_is_centred(self):
        by_text = {p.text: p for p in docx_of(self.resolution).paragraphs}
        self.assertTrue(by_text["I. Đánh giá kết quả"].runs[0].font.bold)
        self.assertFalse(by_text["1. Tập trung thu ngân sách;"].runs[0].font.bold)
        self.assertEqual(by_text["QUYẾT NGHỊ:"].alignment, 1)  # WD_ALIGN_PARAGRAPH.CENTER
        self.assertTrue(by_text["QUYẾT NGHỊ:"].runs[0].font.bold)

    def test_the_minutes_are_signed_by_the_secretary_beside_the_chair(self):
        self.minutes.secretary_name = "Nguyễn Thị Thư"
        self.minutes.save()
        secretary, chair = docx_of(self.minutes).tables[-1].rows[0].cells
        self.assertEqual([p.text for p in secretary.paragraphs if p.text], ["THƯ KÝ HỘI NGHỊ", "Nguyễn Thị Thư"])
        self.assertEqual([p.text for p in chair.paragraphs if p.text],
                         ["CHỦ TRÌ HỘI NGHỊ", self.secretary.full_name])

    def test_the_minutes_leave_the_secretary_name_blank_when_unknown(self):
        secretary, _ = docx_of(self.minutes).tables[-1].rows[0].cells
        self.assertEqual([p.text for p in secretary.paragraphs if p.text], ["THƯ KÝ HỘI NGHỊ"])

    def test_a_resolution_has_one_signature_beside_the_recipients(self):
        recipients, signature = docx_of(self.resolution).tables[-1].rows[0].cells
        self.assertEqual(recipients.paragraphs[0].text, "Nơi nhận:")
        self.assertIn("T/M BAN CHẤP HÀNH", [p.text for p in signature.paragraphs])

    def test_the_page_shows_the_structure_and_both_signatures_of_the_minutes(self):
        self.login(self.district_staff)
        page = self.client.get(reverse("documents:detail", args=[self.resolution.pk]))
        self.assertContains(page, '<p class="doc-section"><strong>I. Đánh giá kết quả</strong></p>', html=True)
        self.assertContains(page, '<p class="doc-item">1. Tập trung thu ngân sách;</p>', html=True)
        self.assertNotContains(page, "DỰ THẢO")
        minutes = self.client.get(reverse("documents:detail", args=[self.minutes.pk]))
        self.assertContains(minutes, "THƯ KÝ HỘI NGHỊ")
        self.assertContains(minutes, "CHỦ TRÌ HỘI NGHỊ")


class DraftBadgeTests(DocumentsTestCase):
    def test_a_draft_is_called_a_draft_once(self):
        draft = make_document(self.district, "NQ", title="về công tác cán bộ", signer=self.secretary)
        self.login(self.district_staff)
        page = self.client.get(reverse("documents:detail", args=[draft.pk])).content.decode()
        self.assertNotIn("Dự thảo Dự thảo", " ".join(page.replace("</span>", " ").split()))
        self.assertEqual(page.count('<span class="badge">Dự thảo</span>'), 1)
