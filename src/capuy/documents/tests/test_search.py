"""Diacritic-insensitive full-text search: FTS5 on SQLite, PostgreSQL full-text search (one function)."""

from capuy.documents.library import find
from capuy.documents.models import Document
from capuy.documents.search import search_documents, search_terms
from capuy.documents.tests.helpers import D, DocumentsTestCase, make_document


class SearchTests(DocumentsTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.congress = make_document(cls.district, "NQ", title="Nghị quyết Đại hội đại biểu Đảng bộ quận lần thứ VI",
                                     content="Phát triển đô thị văn minh, hiện đại.", issued_on=D(2020, 8, 20),
                                     signer=cls.secretary)
        cls.budget = make_document(cls.district, "KL", title="về công tác thu ngân sách",
                                   content="Tăng cường thu ngân sách, vượt chỉ tiêu dự toán.", issued_on=D(2023, 10, 5),
                                   signer=cls.secretary)
        cls.ward_doc = make_document(cls.ward, "KH", title="Kế hoạch học tập nghị quyết", issued_on=D(2021, 3, 1),
                                     signer=cls.secretary)

    def search(self, text, user=None):
        return set(find(user or self.admin, q=text))

    def test_words_without_diacritics_find_the_accented_title(self):
        self.assertEqual(self.search("nghi quyet dai hoi"), {self.congress})

    def test_accented_query_and_upper_case_find_the_same(self):
        self.assertEqual(self.search("NGHỊ QUYẾT Đại Hội"), {self.congress})

    def test_d_with_stroke_is_searched_as_d(self):
        self.assertEqual(self.search("do thi van minh"), {self.congress})

    def test_every_word_must_appear(self):
        self.assertEqual(self.search("ngan sach"), {self.budget})
        self.assertEqual(self.search("ngan sach dai hoi"), set())

    def test_the_last_word_may_be_a_prefix(self):
        self.assertEqual(self.search("thu ngan sa"), {self.budget})

    def test_the_number_is_searchable(self):
        self.assertEqual(self.search("01-KL/QU"), {self.budget})

    def test_search_follows_edits(self):
        self.budget.title = "về công tác quản lý đất đai"
        self.budget.save()
        self.assertEqual(self.search("quan ly dat dai"), {self.budget})
        self.budget.delete()
        self.assertEqual(self.search("quan ly dat dai"), set())

    def test_empty_or_punctuation_query_keeps_the_list(self):
        self.assertEqual(search_terms("  …  "), [])
        self.assertEqual(search_documents(Document.objects.all(), "").count(), 3)

    def test_operators_in_the_query_are_plain_words(self):
        self.assertEqual(self.search('ngân" ("sách*'), {self.budget})
        self.assertEqual(self.search("thu & !ngan:*"), {self.budget})

    def test_search_respects_visibility(self):
        self.assertEqual(self.search("ke hoach hoc tap", self.other_ward_staff), set())
        self.assertEqual(self.search("ke hoach hoc tap", self.ward_staff), {self.ward_doc})

    def test_filters_by_type_issuer_year_and_term(self):
        self.assertEqual(set(find(self.admin, symbol="KL")), {self.budget})
        self.assertEqual(set(find(self.admin, organization_id=self.ward.pk)), {self.ward_doc})
        self.assertEqual(set(find(self.admin, year=2020)), {self.congress})
        self.assertEqual(set(find(self.admin, term_id=self.term.pk)), {self.congress, self.budget})
