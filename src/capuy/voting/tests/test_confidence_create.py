"""The office creates a confidence vote from a page; bad input and other roles change nothing."""

from django.urls import reverse

from capuy.core.testing import make_person
from capuy.voting.models import Vote

from .helpers import VotingTestCase


class ConfidenceCreateTests(VotingTestCase):
    def url(self):
        return reverse("voting:confidence_create", args=[self.conference.pk])

    def post(self, people, **data):
        payload = {"agenda_item": self.item.pk, "subject": "Lấy phiếu tín nhiệm năm 2023", "method": "secret",
                   "nguoi": [str(p.pk) for p in people]}
        payload.update({f"chuc-vu-{p.pk}": f"Chức vụ của {p.full_name}" for p in people})
        payload.update(data)
        return self.client.post(self.url(), payload)

    def test_the_office_creates_a_confidence_vote_with_its_subjects(self):
        self.login(self.district_staff)
        self.assertContains(self.client.get(self.url()), self.present[0].full_name)
        response = self.post(self.present[:2])
        vote = Vote.objects.get(kind=Vote.Kind.CONFIDENCE)
        self.assertRedirects(response, vote.get_absolute_url())
        self.assertEqual(vote.method, Vote.Method.SECRET)
        self.assertEqual([s.person for s in vote.subjects.all()], self.present[:2])
        self.assertEqual(vote.subjects.first().position, f"Chức vụ của {self.present[0].full_name}")

    def test_an_open_method_is_refused_and_what_was_typed_is_kept(self):
        self.login(self.district_staff)
        response = self.post(self.present[:1], method="open", subject="Tín nhiệm giữa nhiệm kỳ")
        self.assertContains(response, "Lấy phiếu tín nhiệm phải bỏ phiếu kín", status_code=400)
        self.assertContains(response, 'value="Tín nhiệm giữa nhiệm kỳ"', status_code=400)
        self.assertContains(response, f'value="{self.present[0].pk}" checked', status_code=400)
        self.assertFalse(Vote.objects.filter(kind=Vote.Kind.CONFIDENCE).exists())

    def test_nobody_chosen_is_refused(self):
        self.login(self.district_staff)
        self.assertContains(self.post([]), "Vui lòng chọn ít nhất một người", status_code=400)

    def test_a_person_the_office_cannot_name_is_refused_by_id(self):
        stranger = make_person("Người Tỉnh Khác", None)
        self.login(self.district_staff)
        response = self.post([stranger])
        self.assertContains(response, "Không tìm thấy nhân sự", status_code=400)
        self.assertFalse(Vote.objects.filter(kind=Vote.Kind.CONFIDENCE).exists())

    def test_it_refuses_staff_of_another_ward_a_committee_member_a_party_member_and_anonymous(self):
        for user, status in ((self.other_ward_staff, 404), (self.committee_member, 403), (self.party_member, 404)):
            self.login(user)
            self.assertEqual(self.post(self.present[:1]).status_code, status, user)
        self.client.logout()
        self.assertEqual(self.post(self.present[:1]).status_code, 302)
        self.assertFalse(Vote.objects.filter(kind=Vote.Kind.CONFIDENCE).exists())
