"""Every id in a request body that names a person or a record is checked against the caller's right to read
it (core.references): a stranger's id is refused with a Vietnamese message naming the field, and the
stranger's name never comes back (issue 18, item 2)."""

import datetime
import json

from capuy.conferences.models import AgendaItem, Conference
from capuy.conferences.tests.base import ConferenceTestCase
from capuy.core import references
from capuy.core.testing import make_person
from capuy.documents.models import Document, DocumentType
from capuy.organizations.models import Body, BodyMembership, Organization, Person
from capuy.tasks.models import Registration, Task
from capuy.voting.models import Candidate, ConfidenceSubject, Election, Vote

D = datetime.date


def text(response) -> str:
    """The response as a reader sees it (the API escapes non-ASCII letters in JSON)."""
    if response["Content-Type"].startswith("application/json"):
        return json.dumps(response.json(), ensure_ascii=False)
    return response.content.decode()


class ReferenceTestCase(ConferenceTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        province = Organization.objects.create(kind=Organization.Kind.PROVINCE, name="Đảng bộ tỉnh Cà Mau",
                                               issuer_symbol="TU")
        cls.stranger = make_person("Người Tỉnh Khác", province, ["Phó Bí thư Tỉnh ủy Cà Mau"])
        cls.neighbour = cls.other_ward_staff.person  # of Nhật Tân: not readable by the Quảng An office

    def setUp(self):
        super().setUp()
        self.ward_conference = self.invited(self.make_conference(body=self.ward_bch))
        self.invitee = self.ward_conference.invitations.first().person

    def call(self, method, url, data, user=None):
        self.client.force_login(user or self.ward_staff)
        return getattr(self.client, method)(url, data=data, content_type="application/json")

    def assertRefusedField(self, response, field, *hidden: Person):
        self.assertEqual(response.status_code, 400, response.content)
        body = response.json()
        self.assertIn(field, body["errors"])
        self.assertIn("không có quyền xem", body["detail"])
        for person in hidden:
            self.assertNotIn(person.full_name, text(response))


class ConferenceReferenceTests(ReferenceTestCase):
    def test_a_presenter_must_be_an_invitee(self):
        url = f"/api/conferences/{self.ward_conference.pk}/agenda/"
        for person in (self.stranger, self.neighbour, self.member_person):
            with self.subTest(person=person.full_name):
                response = self.call("post", url, {"title": "Báo cáo", "presenter_id": person.pk})
                self.assertRefusedField(response, "presenter_id", person)
        self.assertFalse(AgendaItem.objects.filter(conference=self.ward_conference, title="Báo cáo").exists())
        accepted = self.call("post", url, {"title": "Báo cáo", "presenter_id": self.invitee.pk})
        self.assertEqual(accepted.status_code, 201, accepted.content)

    def test_chairs_must_be_invitees_or_readable_people(self):
        response = self.call("patch", f"/api/conferences/{self.ward_conference.pk}/", {"chair_ids": [self.stranger.pk]})
        self.assertRefusedField(response, "chair_ids", self.stranger)
        self.assertFalse(self.ward_conference.chairs.exists())
        before = Conference.objects.count()
        created = self.call("post", "/api/conferences/", {"body_id": self.ward_bch.pk, "date": "2023-11-05",
                                                          "chair_ids": [self.neighbour.pk]})
        self.assertRefusedField(created, "chair_ids", self.neighbour)
        self.assertEqual(Conference.objects.count(), before)
        chaired = self.call("patch", f"/api/conferences/{self.ward_conference.pk}/", {"chair_ids": [self.invitee.pk]})
        self.assertEqual(chaired.status_code, 200, chaired.content)

    def test_a_speaker_and_an_attendee_must_belong_to_the_conference(self):
        conference = self.running(self.ward_conference)
        speech = self.call("post", f"/api/conferences/{conference.pk}/speeches/",
                           {"speaker_id": self.stranger.pk, "kind": "discussion"})
        self.assertRefusedField(speech, "speaker_id", self.stranger)
        attendance = self.call("post", f"/api/conferences/{conference.pk}/attendance/",
                               {"person_id": self.stranger.pk})
        self.assertRefusedField(attendance, "person_id", self.stranger)

    def test_a_guest_must_be_readable(self):
        response = self.call("post", f"/api/conferences/{self.ward_conference.pk}/invitations/",
                             {"person_id": self.stranger.pk})
        self.assertIn(response.status_code, (400, 404), response.content)
        self.assertNotIn(self.stranger.full_name, text(response))


class DocumentReferenceTests(ReferenceTestCase):
    def test_a_signer_must_sit_on_a_body_the_office_manages(self):
        doc_type, _ = DocumentType.objects.get_or_create(symbol="NQ", defaults={"name": "Nghị quyết"})
        payload = {"type_id": doc_type.pk, "organization_id": self.ward.pk, "title": "về công tác",
                   "content": "Nội dung.", "term_id": self.ward_term.pk}
        for person in (self.stranger, self.neighbour, self.secretary):
            with self.subTest(person=person.full_name):
                response = self.call("post", "/api/documents/", {**payload, "signer_id": person.pk})
                self.assertRefusedField(response, "signer_id", person)
        self.assertEqual(Document.objects.count(), 0)
        accepted = self.call("post", "/api/documents/", {**payload, "signer_id": self.invitee.pk})
        self.assertEqual(accepted.status_code, 201, accepted.content)
        self.assertIn(self.invitee.full_name, text(accepted))

    def test_a_body_or_term_of_another_organization_is_refused(self):
        doc_type, _ = DocumentType.objects.get_or_create(symbol="NQ", defaults={"name": "Nghị quyết"})
        payload = {"type_id": doc_type.pk, "organization_id": self.ward.pk, "title": "về công tác"}
        self.assertRefusedField(self.call("post", "/api/documents/", {**payload, "body_id": self.bch.pk}), "body_id")
        other_term_org = Organization.objects.create(parent=self.other_ward, kind=Organization.Kind.CELL, name="Chi bộ 9")
        term = other_term_org.terms.create(congress_number=1, start_year=2020, end_year=2025, start_date=D(2020, 1, 1))
        self.assertRefusedField(self.call("post", "/api/documents/", {**payload, "term_id": term.pk}), "term_id")

    def test_the_draft_history_is_for_the_managing_office_only(self):
        doc_type, _ = DocumentType.objects.get_or_create(symbol="NQ", defaults={"name": "Nghị quyết"})
        created = self.call("post", "/api/documents/", {"type_id": doc_type.pk, "organization_id": self.district.pk,
                                                        "title": "về công tác", "term_id": self.term.pk},
                            user=self.district_staff)
        pk = created.json()["id"]
        Document.objects.filter(pk=pk).update(status=Document.Status.ISSUED, number=1, issued_on=D(2023, 10, 5))
        self.client.force_login(self.party_member)
        self.assertEqual(self.client.get(f"/api/documents/{pk}/").status_code, 200)
        self.assertEqual(self.client.get(f"/api/documents/{pk}/versions/").status_code, 403)
        self.client.force_login(self.district_staff)
        self.assertEqual(self.client.get(f"/api/documents/{pk}/versions/").status_code, 200)


class TaskAndMemberReferenceTests(ReferenceTestCase):
    def test_a_registration_names_only_a_readable_person(self):
        response = self.call("post", "/api/tasks/registrations/", {
            "organization_id": self.cell.pk, "year": 2024, "person_id": self.stranger.pk, "content": "Việc",
            "expected_result": "Xong", "deadline": "2024-06-30"})
        self.assertRefusedField(response, "person_id", self.stranger)
        self.assertEqual(Registration.objects.count(), 0)

    def test_a_task_names_only_a_readable_leader_document_and_conference(self):
        other = Conference.objects.create(body=Body.objects.create(organization=self.other_ward, kind=Body.Kind.EXECUTIVE,
                                                                   term=self.other_ward.terms.create(
                                                                       congress_number=1, start_year=2020,
                                                                       end_year=2025, start_date=D(2020, 1, 1))),
                                          date=D(2023, 10, 5))
        base = {"organization_id": self.ward.pk, "title": "Nhiệm vụ", "start_date": "2024-01-01",
                "deadline": "2024-12-31"}
        for field, value, hidden in (("responsible_id", self.stranger.pk, self.stranger),
                                     ("conference_id", other.pk, None)):
            with self.subTest(field=field):
                response = self.call("post", "/api/tasks/", {**base, field: value})
                self.assertRefusedField(response, field, *([hidden] if hidden else []))
        self.assertEqual(Task.objects.count(), 0)

    def test_a_commendation_and_a_membership_name_only_readable_people(self):
        commendation = self.call("post", "/api/members/commendations/", {
            "form": "giay_khen", "person_id": self.stranger.pk, "issuer": "Đảng ủy", "decision_number": "1",
            "decision_date": "2024-01-01"})
        self.assertRefusedField(commendation, "person_id", self.stranger)
        membership = self.call("post", "/api/memberships/", {"body_id": self.ward_bch.pk, "person_id": self.stranger.pk,
                                                            "start_date": "2024-01-01"})
        self.assertRefusedField(membership, "person_id", self.stranger)
        self.assertFalse(BodyMembership.objects.filter(person=self.stranger).exists())


class VotingReferenceTests(ReferenceTestCase):
    def test_confidence_subjects_and_candidates_are_invitees_or_readable_people(self):
        item = self.ward_conference.agenda_items.first()
        vote = self.call("post", "/api/voting/votes/", {"agenda_item_id": item.pk, "subject": "Tín nhiệm",
                                                        "kind": Vote.Kind.CONFIDENCE, "method": Vote.Method.SECRET,
                                                        "subjects": [{"person_id": self.stranger.pk}]})
        self.assertRefusedField(vote, "subjects", self.stranger)
        self.assertEqual(ConfidenceSubject.objects.count(), 0)
        election = Election.objects.create(conference=self.ward_conference, agenda_item=item, title="Bầu", seats=1)
        candidate = self.call("post", f"/api/voting/elections/{election.pk}/candidates/", {"person_id": self.stranger.pk})
        self.assertRefusedField(candidate, "person_id", self.stranger)
        self.assertEqual(Candidate.objects.count(), 0)
        accepted = self.call("post", f"/api/voting/elections/{election.pk}/candidates/", {"person_id": self.invitee.pk})
        self.assertEqual(accepted.status_code, 201, accepted.content)

    def test_the_candidate_page_refuses_a_stranger(self):
        item = self.ward_conference.agenda_items.first()
        election = Election.objects.create(conference=self.ward_conference, agenda_item=item, title="Bầu", seats=1)
        self.client.force_login(self.ward_staff)
        response = self.client.post(f"/bieu-quyet/bau-cu/{election.pk}/", {"action": "candidate",
                                                                           "person": self.stranger.pk}, follow=True)
        self.assertNotIn(self.stranger.full_name, text(response))
        self.assertEqual(Candidate.objects.count(), 0)


class HelperTests(ReferenceTestCase):
    def test_an_unknown_and_an_unreadable_id_get_the_same_refusal(self):
        from django.core.exceptions import ValidationError

        messages = []
        for pk in (self.stranger.pk, 10**12):
            with self.assertRaises(ValidationError) as caught:
                references.readable(self.ward_staff, Person, pk, "person_id")
            messages.append(caught.exception.message_dict["person_id"][0].replace(str(pk), "…"))
        self.assertEqual(messages[0], messages[1])

    def test_many_keeps_the_order_and_drops_repeats(self):
        people = references.readable_many(self.admin, Person, [self.stranger.pk, self.secretary.pk, self.stranger.pk],
                                           "ids")
        self.assertEqual(people, [self.stranger, self.secretary])
        self.assertIsNone(references.readable(self.admin, Person, None, "x"))
