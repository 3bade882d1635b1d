"""The person and organization choosers: search within the clerk's subtree, at most N matches, then
"còn nữa, hãy gõ thêm"; forms no longer carry everyone in a <select>."""

from django.test import override_settings
from django.urls import reverse

from capuy.core import listtesting
from capuy.core.testing import CapuyTestCase, make_person
from capuy.organizations.models import Organization

PEOPLE, ORGANIZATIONS = reverse("organizations:choose_person"), reverse("organizations:choose_organization")


class PersonChooserTest(CapuyTestCase):
    def test_it_finds_people_of_the_clerks_subtree(self):
        self.login(self.ward_staff)
        content = self.client.get(PEOPLE, {"q": "lan"}).content.decode()
        self.assertIn("Vũ Thị Lan", content)
        self.assertIn(f'data-chooser-pick="{self.member_person.pk}"', content)

    def test_staff_of_another_ward_never_sees_our_people(self):
        self.login(self.other_ward_staff)
        self.assertNotIn("Vũ Thị Lan", self.client.get(PEOPLE, {"q": "lan"}).content.decode())
        self.assertIn("Bùi Văn Nam", self.client.get(PEOPLE, {"q": "nam"}).content.decode())
        self.login(self.ward_staff)
        self.assertNotIn("Bùi Văn Nam", self.client.get(PEOPLE, {"q": "nam"}).content.decode())

    def test_a_scope_outside_the_clerks_subtree_is_not_found(self):
        self.login(self.other_ward_staff)
        self.assertEqual(self.client.get(PEOPLE, {"q": "lan", "to-chuc": self.ward.pk}).status_code, 404)
        self.assertEqual(self.client.get(PEOPLE, {"q": "lan", "to-chuc": "abc"}).status_code, 404)

    @override_settings(CAPUY_CHOOSER_LIMIT=3)
    def test_it_shows_at_most_n_and_asks_to_type_more(self):
        for i in range(5):
            make_person(f"Trần Văn Tìm {i}", self.cell)
        self.login(self.ward_staff)
        content = self.client.get(PEOPLE, {"q": "tran van tim"}).content.decode()
        self.assertEqual(content.count("data-chooser-pick"), 3)
        self.assertIn("Còn nữa, hãy gõ thêm", content)
        self.assertNotIn("Còn nữa", self.client.get(PEOPLE, {"q": "tran van tim 4"}).content.decode())

    def test_the_form_field_box_is_read_as_the_search(self):
        self.login(self.ward_staff)
        self.assertIn("Vũ Thị Lan", self.client.get(PEOPLE, {"responsible-tim": "lan"}).content.decode())

    def test_nothing_typed_lists_nobody(self):
        self.login(self.ward_staff)
        self.assertNotIn("data-chooser-pick", self.client.get(PEOPLE).content.decode())

    def test_anonymous_visitors_are_sent_to_login(self):
        self.assertEqual(self.client.get(PEOPLE, {"q": "lan"}).status_code, 302)

    def test_queries_do_not_grow_with_the_number_of_people(self):
        self.login(self.ward_staff)
        before = listtesting.queries(self.client, PEOPLE + "?q=nguyen")
        for i in range(40):
            make_person(f"Nguyễn Văn Nhiều {i}", self.cell)
        self.assertEqual(listtesting.queries(self.client, PEOPLE + "?q=nguyen"), before)


class OrganizationChooserTest(CapuyTestCase):
    def test_it_searches_the_clerks_organizations_only(self):
        self.login(self.ward_staff)
        self.assertIn("Chi bộ tổ dân phố số 1", self.client.get(ORGANIZATIONS, {"q": "chi bo"}).content.decode())
        self.assertNotIn("Chi bộ khu dân cư", self.client.get(ORGANIZATIONS, {"q": "chi bo"}).content.decode())

    def test_cells_only_and_a_subtree_scope(self):
        self.login(self.district_staff)
        content = self.client.get(ORGANIZATIONS, {"q": "dang bo", "chi-bo": "1"}).content.decode()
        self.assertNotIn("data-chooser-pick", content)
        content = self.client.get(ORGANIZATIONS, {"q": "chi bo", "trong": self.other_ward.pk}).content.decode()
        self.assertIn("Chi bộ khu dân cư số 1", content)
        self.assertNotIn("Chi bộ tổ dân phố số 1", content)

    def test_a_scope_of_another_ward_is_not_found(self):
        self.login(self.ward_staff)
        self.assertEqual(self.client.get(ORGANIZATIONS, {"q": "chi", "trong": self.other_ward.pk}).status_code, 404)

    @override_settings(CAPUY_CHOOSER_LIMIT=2)
    def test_it_shows_at_most_n(self):
        for i in range(4):
            Organization.objects.create(parent=self.ward, kind=Organization.Kind.CELL, name=f"Chi bộ phụ {i}")
        self.login(self.ward_staff)
        content = self.client.get(ORGANIZATIONS, {"q": "chi bo phu"}).content.decode()
        self.assertEqual(content.count("data-chooser-pick"), 2)
        self.assertIn("Còn nữa", content)


class InviteeChooserTest(CapuyTestCase):
    """Tellers and candidates are searched among a conference's invitees (voting's conference page)."""

    @classmethod
    def setUpTestData(cls):
        import datetime

        from capuy.conferences.models import Conference, Invitation

        super().setUpTestData()
        cls.conference = Conference.objects.create(body=cls.bch, organization=cls.district, term=cls.term,
                                                   date=datetime.date(2024, 3, 1))
        Invitation.objects.create(conference=cls.conference, person=cls.secretary)

    def test_it_finds_invitees_only(self):
        self.login(self.district_staff)
        content = self.client.get(PEOPLE, {"q": "le thi", "hoi-nghi": self.conference.pk}).content.decode()
        self.assertIn("Lê Thị Thu Hằng", content)
        self.assertNotIn("Vũ Thị Lan", self.client.get(PEOPLE, {"q": "lan", "hoi-nghi": self.conference.pk}
                                                       ).content.decode())

    def test_a_conference_the_user_cannot_see_is_not_found(self):
        self.login(self.other_ward_staff)
        self.assertEqual(self.client.get(PEOPLE, {"q": "le", "hoi-nghi": self.conference.pk}).status_code, 404)


class TermChooserTest(CapuyTestCase):
    TERMS = reverse("organizations:choose_term")

    def test_it_finds_the_terms_of_the_organizations_the_clerk_manages_by_their_name(self):
        self.login(self.district_staff)
        content = self.client.get(self.TERMS, {"q": "Tây Hồ"}).content.decode()
        self.assertIn("khóa VI, nhiệm kỳ 2020", content)
        self.assertIn("Đảng bộ quận Tây Hồ", content)

    def test_staff_of_a_ward_do_not_find_their_superiors_terms(self):
        self.login(self.ward_staff)
        self.assertNotIn("data-chooser-pick", self.client.get(self.TERMS, {"q": "Tây Hồ"}).content.decode())

    def test_a_committee_member_who_manages_nothing_finds_none(self):
        self.login(self.committee_member)
        self.assertNotIn("data-chooser-pick", self.client.get(self.TERMS, {"q": "Tây Hồ"}).content.decode())

    def test_the_past_conference_form_searches_terms_instead_of_listing_them(self):
        self.login(self.district_staff)
        content = self.client.get(reverse("conferences:record_past")).content.decode()
        self.assertIn('data-chooser data-name="term"', content)
        self.assertNotIn(f'<option value="{self.term.pk}"', content)
