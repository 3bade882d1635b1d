"""Input that once gave a 500 now gets a 4xx with a Vietnamese message and changes nothing (issue 18, item 7)."""

import datetime

from django.db.models import Model

from capuy.conferences.models import AgendaItem, Conference
from capuy.core.testing import CapuyTestCase
from capuy.documents.models import Document, DocumentType
from capuy.tasks.models import Registration
from capuy.voting.models import Candidate, Election, Vote

HUGE = 99999999999999999999999


class ApiBadInputTestCase(CapuyTestCase):
    def call(self, method, url, data=None, user=None):
        self.client.force_login(user or self.admin)
        if method == "get":
            return self.client.get(url, data)
        return getattr(self.client, method)(url, data=data, content_type="application/json")

    def assertRefused(self, response, status=422):
        self.assertEqual(response.status_code, status, response.content)
        self.assertTrue(response["Content-Type"].startswith("application/json"), response["Content-Type"])
        detail = response.json()["detail"]
        self.assertTrue(detail and detail.isascii() is False, detail)  # a Vietnamese sentence, with diacritics
        return detail

    def assertUnchanged(self, model: type[Model], before: int):
        self.assertEqual(model.objects.count(), before)


class HugeAndNegativeNumbersTests(ApiBadInputTestCase):
    def test_huge_offset_and_limit_are_refused(self):
        for url in ("/api/documents/", "/api/portal/articles/"):
            for params in ({"offset": HUGE}, {"offset": -1}, {"limit": -1}, {"limit": 0}, {"limit": HUGE}):
                with self.subTest(url=url, params=params):
                    self.assertRefused(self.call("get", url, params))

    def test_a_year_outside_any_record_is_refused(self):
        for url, params in (("/api/documents/", {"year": 46957}), ("/api/members/commendations/", {"year": -1}),
                            ("/api/members/campaigns/", {"year": 0})):
            with self.subTest(url=url):
                self.assertRefused(self.call("get", url, params))

    def test_huge_or_negative_ids_in_the_query_are_refused(self):
        for params in ({"document_id": -325035067565217939456}, {"document_id": HUGE}, {"document_id": 0}):
            with self.subTest(params=params):
                self.assertRefused(self.call("get", "/api/tasks/", params))

    def test_a_huge_id_in_the_path_is_refused(self):
        self.assertRefused(self.call("get", f"/api/voting/votes/{HUGE}/"))
        self.assertRefused(self.call("get", f"/api/documents/{HUGE}/"))

    def test_an_unknown_api_address_is_a_json_404(self):
        response = self.call("get", "/api/documents/khong-phai-so/")
        self.assertRefused(response, 404)

    def test_a_boolean_is_not_a_number(self):
        before = DocumentType.objects.count()
        response = self.call("post", "/api/documents/types/", {"symbol": "XX", "name": "Thử", "order": False})
        self.assertIn("order", self.assertRefused(response))
        self.assertUnchanged(DocumentType, before)

    def test_a_batch_date_before_any_record_is_refused(self):
        response = self.call("get", "/api/members/badges/", {"organization_id": self.district.pk, "batch": "0001-01-01"})
        self.assertRefused(response)

    def test_a_year_zero_registration_is_refused_and_nothing_saved(self):
        response = self.call("post", "/api/tasks/registrations/", {
            "organization_id": self.cell.pk, "year": 0, "person_id": self.member_person.pk, "content": "Việc",
            "expected_result": "Xong", "deadline": "2024-06-30"}, user=self.ward_staff)
        self.assertRefused(response)
        self.assertUnchanged(Registration, 0)


class NullsAndMissingFieldsTests(ApiBadInputTestCase):
    def test_a_null_email_is_refused(self):
        response = self.call("patch", f"/api/people/{self.member_person.pk}/", {"email": None})
        self.assertIn(response.status_code, (400, 422), response.content)
        self.assertRefused(response, response.status_code)
        self.member_person.refresh_from_db()
        self.assertEqual(self.member_person.email, "")

    def test_a_document_without_a_term_is_refused_not_a_key_error(self):
        DocumentType.objects.get_or_create(symbol="NQ", defaults={"name": "Nghị quyết"})
        doc_type = DocumentType.objects.get(symbol="NQ")
        response = self.call("post", "/api/documents/", {"type_id": doc_type.pk, "organization_id": self.ward.pk,
                                                          "title": "về công tác", "content": "Nội dung."},
                             user=self.ward_staff)
        self.assertIn(response.status_code, (201, 400), response.content)
        if response.status_code == 400:
            self.assertRefused(response, 400)
            self.assertUnchanged(Document, 0)


class VotingBadInputTests(ApiBadInputTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.conference = Conference.objects.create(body=cls.bch, date=datetime.date(2023, 10, 5), subject="Thử")
        cls.item = AgendaItem.objects.create(conference=cls.conference, order=1, kind=AgendaItem.Kind.REPORT,
                                             title="Bầu cử")

    def test_a_subject_named_twice_in_a_confidence_vote_is_refused(self):
        response = self.call("post", "/api/voting/votes/", {
            "agenda_item_id": self.item.pk, "subject": "Lấy phiếu tín nhiệm", "kind": Vote.Kind.CONFIDENCE,
            "subjects": [{"person_id": self.secretary.pk}, {"person_id": self.secretary.pk}]},
            user=self.district_staff)
        self.assertRefused(response, 400)
        self.assertUnchanged(Vote, 0)

    def test_huge_candidate_ids_are_refused(self):
        election = Election.objects.create(conference=self.conference, agenda_item=self.item, title="Bầu BCH", seats=1)
        response = self.call("post", f"/api/voting/elections/{election.pk}/rounds/", {"candidate_ids": [HUGE]},
                             user=self.district_staff)
        self.assertRefused(response)
        self.assertUnchanged(Vote, 0)

    def test_a_negative_floor_support_is_refused(self):
        election = Election.objects.create(conference=self.conference, agenda_item=self.item, title="Bầu BCH", seats=1)
        response = self.call("post", f"/api/voting/elections/{election.pk}/candidates/",
                             {"person_id": self.secretary.pk, "agreeing": -1}, user=self.district_staff)
        self.assertIn(response.status_code, (400, 422), response.content)
        self.assertRefused(response, response.status_code)
        self.assertUnchanged(Candidate, 0)


class PageBadInputTests(CapuyTestCase):
    def test_the_library_ignores_a_year_that_is_not_a_year(self):
        self.client.force_login(self.district_staff)
        for year in ("-1", "99999999999999999999999", "0", "abc"):
            with self.subTest(year=year):
                self.assertEqual(self.client.get("/van-ban/", {"nam": year}).status_code, 200)

    def test_huge_ids_in_page_filters_are_ignored(self):
        self.client.force_login(self.district_staff)
        for key in ("co-quan", "nhiem-ky"):
            with self.subTest(key=key):
                self.assertEqual(self.client.get("/van-ban/", {key: str(HUGE)}).status_code, 200)

