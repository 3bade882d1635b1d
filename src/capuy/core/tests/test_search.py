"""The word-prefix search runs on the full-text index of each database (GIN on PostgreSQL, FTS5 on SQLite)
and finds the same rows as the rule of ``vietnamese.word_prefix_filter``."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from capuy.core import search
from capuy.core.testing import CapuyTestCase, make_person
from capuy.organizations.models import Organization, Person

PEOPLE = ["Nguyễn Văn Nam", "Trần Thị Uyên", "Lê Phương Uyên", "Đặng Đức Đạt", "Phạm Thị Thu Hà",
          "Nguyễn Hạnh", "Hồ Văn 2", "Ông Ích Khiêm"]

# (query, the people above it finds)
PERSON_CASES = [
    ("uyen", {"Trần Thị Uyên", "Lê Phương Uyên"}),
    ("Uyên", {"Trần Thị Uyên", "Lê Phương Uyên"}),
    ("UY", {"Trần Thị Uyên", "Lê Phương Uyên"}),
    ("uyen tran", {"Trần Thị Uyên"}),
    ("nguyen uyen", set()),
    ("dat", {"Đặng Đức Đạt"}),
    ("đạt đặng", {"Đặng Đức Đạt"}),
    ("ha", {"Phạm Thị Thu Hà", "Nguyễn Hạnh"}),
    ("thu ha", {"Phạm Thị Thu Hà"}),
    ("2", {"Hồ Văn 2"}),
    ("ich khiem", {"Ông Ích Khiêm"}),
    ("am", set()),
    ("  ", None),  # an empty query: everything
    ("!!", set()),  # nothing searchable
    ("nguy%", {"Nguyễn Văn Nam", "Nguyễn Hạnh"}),  # LIKE wildcards are not wildcards
]

ORGANIZATION_CASES = [
    ("tay ho", {"Đảng bộ quận Tây Hồ"}),
    ("quan uy", {"Đảng bộ quận Tây Hồ", "Đảng bộ phường Quảng An"}),  # "Quận ủy", and "Quảng" in "Đảng ủy phường Quảng An"
    ("quang", {"Đảng bộ phường Quảng An"}),
    ("an quang", {"Đảng bộ phường Quảng An"}),
    ("nhat", {"Đảng bộ phường Nhật Tân"}),
    ("ho tay", {"Đảng bộ quận Tây Hồ"}),
    ("an tan", set()),
]


class WordPrefixSearchTests(CapuyTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.people = {name: make_person(name, cls.cell) for name in PEOPLE}

    def _found(self, text):
        return set(Person.objects.filter(full_name__in=PEOPLE).search(text).values_list("full_name", flat=True))

    def test_people_are_found_by_word_prefixes_without_diacritics(self):
        for query, expected in PERSON_CASES:
            with self.subTest(query=query):
                assert self._found(query) == (set(PEOPLE) if expected is None else expected)

    def test_organizations_are_found_by_word_prefixes_without_diacritics(self):
        for query, expected in ORGANIZATION_CASES:
            with self.subTest(query=query):
                assert set(Organization.objects.search(query).values_list("name", flat=True)) == expected

    def test_a_member_search_across_the_person_relation_uses_the_same_rule(self):
        from capuy.core.vietnamese import word_prefix_filter
        from capuy.members.models import PartyMember

        make_person("Vũ Thị Uyển", self.cell, card="77000001")
        make_person("Nguyễn Văn Uy", self.cell, card="77000002")
        found = PartyMember.objects.filter(word_prefix_filter("person__search_text", "uy")).values_list(
            "person__full_name", flat=True)
        assert set(found) == {"Vũ Thị Uyển", "Nguyễn Văn Uy"}

    def test_the_query_reads_the_full_text_index(self):
        with CaptureQueriesContext(connection) as ctx:
            list(Person.objects.search("uyen"))
        sql = ctx.captured_queries[-1]["sql"]
        if connection.vendor == "postgresql":
            assert '"search_vector" @@ to_tsquery' in sql and "LIKE" not in sql
        else:
            assert "organizations_person_fts" in sql and "MATCH" in sql

    def test_the_index_follows_renames_and_deletions(self):
        person = self.people["Nguyễn Văn Nam"]
        person.full_name = "Nguyễn Văn Quyết"
        person.save()
        def found(text):
            return set(Person.objects.search(text).values_list("full_name", flat=True))

        assert found("quyet") == {"Nguyễn Văn Quyết"}
        assert "Nguyễn Văn Nam" not in found("nam")
        person.delete()
        assert found("quyet") == set()

    def test_the_sqlite_triggers_come_back_after_a_table_rebuild(self):
        if connection.vendor != "sqlite":
            self.skipTest("SQLite only: PostgreSQL indexes survive ALTER TABLE")
        with connection.cursor() as cursor:
            for suffix in ("ai", "ad", "au"):
                cursor.execute(f'DROP TRIGGER "organizations_person_fts_{suffix}"')
        search.ensure_sqlite_triggers(using="default")
        make_person("Tạ Thị Yến", self.cell)
        assert set(Person.objects.search("yen").values_list("full_name", flat=True)) == {"Tạ Thị Yến"}

    def test_query_words_keep_letters_and_digits_only(self):
        assert search.query_words("Đặng-Đức  O'Neil 2") == ["dang", "duc", "o", "neil", "2"]
        assert search.pg_tsquery(["uyen", "tran"]) == "uyen:* & tran:*"
        assert search.fts5_query(["uyen", "tran"]) == '"uyen"* "tran"*'
