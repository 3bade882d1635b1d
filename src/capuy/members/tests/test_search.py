"""Member search finds names by whole words or word prefixes, with or without diacritics."""

import unicodedata

from django.urls import reverse

from capuy.core.testing import make_person
from capuy.members.tests.base import MembersTestCase
from capuy.organizations.models import Person

NGUYENS = [f"Nguyễn Văn {given}" for given in
           ["Nam", "Bắc", "Hùng", "Dũng", "Cường", "Thắng", "Lợi", "Phúc", "Tài", "Đức", "Hải", "Quang"]]

# (query, names it must find among the people of the test case); every other name must be left out.
SEARCH_CASES = [
    ("Uyên", {"Trần Thị Uyên", "Lê Phương Uyên"}),
    ("uyen", {"Trần Thị Uyên", "Lê Phương Uyên"}),
    ("Uy", {"Trần Thị Uyên", "Lê Phương Uyên"}),
    ("nguyen uyen", set()),
    ("tran uyen", {"Trần Thị Uyên"}),
    ("phuong", {"Lê Phương Uyên"}),
    ("van hung", {"Nguyễn Văn Hùng"}),
    ("Hùng", {"Nguyễn Văn Hùng"}),
    ("ung", set()),
]


class MemberSearchTests(MembersTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        for i, name in enumerate(NGUYENS):
            make_person(name, cls.cell, card=f"0900{i:04d}")
        make_person("Trần Thị Uyên", cls.cell, card="09100001")
        # Decomposed (NFD) input, as some spreadsheets export it, is stored composed.
        make_person(unicodedata.normalize("NFD", "Lê Phương Uyên"), cls.cell, card="09100002")
        cls.all_names = set(Person.objects.values_list("full_name", flat=True))
        cls.member_names = set(Person.objects.filter(party_member__isnull=False).values_list("full_name", flat=True))

    def _page_names(self, query):
        self.login(self.ward_staff)
        text = self.client.get(reverse("members:index"), {"to-chuc": self.ward.pk, "q": query}).content.decode()
        return {name for name in self.member_names if name in text}

    def _api_names(self, query):
        self.login(self.ward_staff)
        rows = self.client.get("/api/members/", {"organization_id": self.ward.pk, "q": query}).json()
        return {row["full_name"] for row in rows}

    def test_names_are_stored_composed(self):
        assert "Lê Phương Uyên" in self.all_names

    def test_person_search_matches_word_prefixes_only(self):
        for query, expected in SEARCH_CASES:
            with self.subTest(query=query):
                found = set(Person.objects.search(query).values_list("full_name", flat=True))
                assert found == expected

    def test_the_member_list_page_finds_uyen_and_not_twelve_nguyens(self):
        for query, expected in SEARCH_CASES:
            with self.subTest(query=query):
                assert self._page_names(query) == expected

    def test_the_api_search_follows_the_same_rule(self):
        for query, expected in SEARCH_CASES:
            with self.subTest(query=query):
                assert self._api_names(query) == expected

    def test_the_api_still_finds_a_member_by_card_number(self):
        assert self._api_names("09100001") == {"Trần Thị Uyên"}
