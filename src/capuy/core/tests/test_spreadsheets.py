"""Exports write text as text: no broken workbook from a control character, no formula from a cell (item 8)."""

import csv
import io

import openpyxl
from django.test import SimpleTestCase

from capuy.core import spreadsheets
from capuy.core.testing import CapuyTestCase
from capuy.members import exchange
from capuy.members.models import PartyMember

HOSTILE = ["=HYPERLINK(\"http://x\",\"y\")", "+1+1", "-2+3", "@SUM(A1)", "\tTab", "\rCR", "bình\x01thường"]


class SharedWriterTests(SimpleTestCase):
    def test_csv_cells_that_start_like_a_formula_get_an_apostrophe(self):
        cases = [("=1+1", "'=1+1"), ("+84 912", "'+84 912"), ("-", "'-"), ("@x", "'@x"), ("\tA", "'\tA"),
                 ("\rA", "'\rA"), ("Nguyễn Văn An", "Nguyễn Văn An"), ("a=b", "a=b"), ("số\x07 1", "số 1"),
                 (-5, -5), (None, None)]
        for value, expected in cases:
            with self.subTest(value=value):
                self.assertEqual(spreadsheets.csv_value(value), expected)

    def test_a_workbook_keeps_formula_like_text_as_text_and_drops_control_characters(self):
        book = openpyxl.Workbook(write_only=True)
        sheet = book.create_sheet("A")
        spreadsheets.append(sheet, [*HOSTILE, 7])
        out = io.BytesIO()
        book.save(out)
        row = next(openpyxl.load_workbook(io.BytesIO(out.getvalue())).active.iter_rows())
        self.assertEqual([c.data_type for c in row[:-1]], ["s"] * len(HOSTILE))
        self.assertEqual(row[0].value, HOSTILE[0])
        self.assertEqual(row[6].value, "bìnhthường")
        self.assertEqual(row[-1].value, 7)

    def test_write_on_an_ordinary_sheet_keeps_text(self):
        sheet = openpyxl.Workbook().active
        self.assertEqual(spreadsheets.write(sheet, 1, 1, "=A2").data_type, "s")
        self.assertEqual(spreadsheets.write(sheet, 1, 2, 3).value, 3)


class MemberExportTests(CapuyTestCase):
    def setUp(self):
        member = PartyMember.objects.get(person=self.member_person)
        member.card_number = "0100\x01100"
        member.save(update_fields=["card_number"])
        self.member_person.full_name = "=HYPERLINK(\"http://x\")"
        self.member_person.save(update_fields=["full_name"])

    def test_the_member_workbook_survives_a_control_character_and_keeps_formulas_out(self):
        book = openpyxl.load_workbook(io.BytesIO(exchange.export_xlsx(PartyMember.objects.all())))
        cells = [c for row in book.active.iter_rows() for c in row]
        self.assertIn("0100100", [c.value for c in cells])
        formula_like = [c for c in cells if isinstance(c.value, str) and c.value.startswith("=")]
        self.assertTrue(formula_like)
        self.assertTrue(all(c.data_type == "s" for c in formula_like))

    def test_the_member_csv_defuses_formulas(self):
        rows = list(csv.reader(io.StringIO(exchange.export_csv(PartyMember.objects.all()).decode("utf-8-sig"))))
        names = [row[1] for row in rows]
        self.assertIn("'=HYPERLINK(\"http://x\")", names)

    def test_the_export_page_answers_for_a_superior_level(self):
        self.client.force_login(self.district_staff)
        response = self.client.get(f"/api/members/export/?organization_id={self.district.pk}")
        self.assertEqual(response.status_code, 200)
