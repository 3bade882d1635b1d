from django.core.exceptions import ValidationError

from capuy.documents.models import Document, Secrecy
from capuy.documents.numbering import peek_number
from capuy.documents.tests.helpers import D, DocumentsTestCase, doc_type, make_document
from capuy.organizations.models import Term


class NumberRegisterTests(DocumentsTestCase):
    def test_first_document_of_a_type_in_a_term_is_number_01(self):
        document = self.issue("NQ")
        self.assertEqual(document.number, 1)
        self.assertEqual(document.number_label, "Số 01-NQ/QU")
        self.assertEqual(document.term, self.term)

    def test_each_type_has_its_own_sequence(self):
        self.issue("NQ")
        self.issue("NQ")
        notice = self.issue("TB")
        self.assertEqual(notice.number_label, "Số 01-TB/QU")
        self.assertEqual(self.issue("NQ").number_label, "Số 03-NQ/QU")

    def test_two_digit_and_longer_numbers(self):
        for _ in range(11):
            document = self.issue("NQ")
        self.assertEqual(document.number_label, "Số 11-NQ/QU")
        document.number = 123
        self.assertEqual(document.number_label, "Số 123-NQ/QU")

    def test_the_sequence_restarts_at_01_with_a_new_term(self):
        self.issue("NQ", day=D(2025, 8, 1))
        self.issue("NQ", day=D(2025, 8, 10))
        new_term = Term.objects.create(organization=self.district, congress_number=7, start_year=2025,
                                       end_year=2030, start_date=D(2025, 8, 15))
        document = self.issue("NQ", day=D(2025, 9, 2))
        self.assertEqual(document.term, new_term)
        self.assertEqual(document.number_label, "Số 01-NQ/QU")

    def test_secret_documents_share_the_sequence(self):
        self.issue("NQ")
        secret = self.issue("NQ", secrecy=Secrecy.SECRET)
        self.assertEqual(secret.number, 2)
        self.assertEqual(self.issue("NQ").number, 3)

    def test_congress_documents_share_one_sequence_across_types(self):
        resolution = self.issue("NQ", congress=True)
        minutes = self.issue("BB", congress=True)
        report = self.issue("BC", congress=True)
        self.assertEqual([resolution.number_label, minutes.number_label, report.number_label],
                         ["Số 01-NQ/ĐH", "Số 02-BB/ĐH", "Số 03-BC/ĐH"])
        self.assertEqual(self.issue("NQ").number_label, "Số 01-NQ/QU")

    def test_quyet_dinh_and_quy_dinh_share_the_QD_sequence(self):
        make_document(self.district, "QĐ", issued_on=D(2023, 1, 5), signer=self.secretary)
        rule = make_document(self.district, issued_on=None, signer=self.secretary)
        rule.doc_type = doc_type("QĐ", "Quy định")
        rule.save()
        rule.issue(on=D(2023, 1, 6))
        self.assertEqual(rule.number_label, "Số 02-QĐ/QU")

    def test_each_issuer_has_its_own_sequence(self):
        self.issue("NQ")
        ward_document = self.issue("NQ", organization=self.ward)
        self.assertEqual(ward_document.number_label, "Số 01-NQ/ĐU")

    def test_numbers_are_never_reused_after_supersession(self):
        first = self.issue("NQ")
        replacement = make_document(self.district, "NQ", signer=self.secretary, replaces=first)
        replacement.issue(on=D(2023, 11, 1))
        first.refresh_from_db()
        self.assertEqual(first.status, Document.Status.SUPERSEDED)
        self.assertEqual(first.number, 1)
        self.assertEqual(replacement.number, 2)

    def test_a_document_is_issued_only_once(self):
        document = self.issue("NQ")
        with self.assertRaises(ValidationError):
            Document.objects.get(pk=document.pk).issue(on=D(2023, 10, 6))
        self.assertEqual(peek_number(self.district, self.term, "NQ"), 2)

    def test_a_failed_issue_consumes_no_number(self):
        unsigned = make_document(self.district, "NQ")
        with self.assertRaises(ValidationError):
            unsigned.issue(on=D(2023, 10, 5))
        unsigned.refresh_from_db()
        self.assertIsNone(unsigned.number)
        self.assertEqual(self.issue("NQ").number, 1)

    def test_place_and_date_line_comes_from_the_organization(self):
        document = self.issue("NQ", day=D(2023, 10, 5))
        self.assertEqual(document.place_date_line, "Tây Hồ, ngày 05 tháng 10 năm 2023")

    def test_an_organization_without_issuer_symbol_cannot_issue(self):
        with self.assertRaises(ValidationError) as caught:
            make_document(self.cell, "NQ")
        self.assertIn("ký hiệu cơ quan ban hành", str(caught.exception))
