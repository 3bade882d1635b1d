"""Removing a candidate and cancelling an election are kept in the record, never deleted."""

from django.urls import reverse

from capuy.voting import ballots
from capuy.voting.models import Candidate, Election, Vote

from .helpers import VotingTestCase


class ElectionCorrectionTests(VotingTestCase):
    def setUp(self):
        self.election = ballots.create_election(self.item, "Bầu Ban Thường vụ", 1)
        # Four names for one seat: more than the list allows, so voting cannot start.
        self.candidates = [ballots.add_candidate(self.election, p) for p in self.present]

    def remove(self, candidate, reason="Xin rút, được Đoàn Chủ tịch chấp thuận"):
        return self.client.post(reverse("voting:candidate_remove", args=[candidate.pk]), {"reason": reason})

    def cancel(self, reason="Danh sách không bảo đảm số dư theo quy định"):
        return self.client.post(reverse("voting:election_cancel", args=[self.election.pk]), {"reason": reason})

    def test_a_removed_candidate_stays_on_record_with_the_reason_and_the_list_can_go_on(self):
        self.login(self.district_staff)
        self.assertFalse(self.election.list_check().ok)
        for candidate in self.candidates[2:]:
            self.assertRedirects(self.remove(candidate), reverse("voting:conference", args=[self.conference.pk]))
        self.assertEqual(Candidate.objects.filter(election=self.election).count(), 4)
        removed = Candidate.objects.get(pk=self.candidates[3].pk)
        self.assertTrue(removed.withdrawn)
        self.assertEqual(removed.withdrawn_reason, "Xin rút, được Đoàn Chủ tịch chấp thuận")
        page = self.client.get(reverse("voting:conference", args=[self.conference.pk]))
        self.assertContains(page, f"<del>{removed.person.full_name}</del>")
        self.assertTrue(self.election.list_check().ok)
        vote = ballots.start_round(self.election)
        self.assertEqual(vote.candidates.count(), 2)

    def test_a_removal_without_reason_is_refused(self):
        self.login(self.district_staff)
        self.assertContains(self.remove(self.candidates[0], reason="  "), "Vui lòng ghi lý do", status_code=400)
        self.assertFalse(Candidate.objects.get(pk=self.candidates[0].pk).withdrawn)

    def test_no_removal_after_voting_started(self):
        for candidate in self.candidates[2:]:
            candidate.withdrawn = True
            candidate.save()
        ballots.open_vote(ballots.start_round(self.election))
        self.login(self.district_staff)
        self.assertContains(self.remove(self.candidates[0]), "Đã bắt đầu bỏ phiếu", status_code=400)

    def test_a_cancelled_election_stays_with_its_reason_and_takes_nothing_more(self):
        self.login(self.district_staff)
        self.cancel()
        election = Election.objects.get(pk=self.election.pk)
        self.assertTrue(election.is_cancelled)
        self.assertEqual(election.cancel_reason, "Danh sách không bảo đảm số dư theo quy định")
        self.assertEqual(election.candidates.count(), 4)
        page = self.client.get(reverse("voting:conference", args=[self.conference.pk]))
        self.assertContains(page, "Đã hủy")
        self.assertContains(page, "Lý do: Danh sách không bảo đảm số dư theo quy định")
        with self.assertRaisesMessage(Exception, "Cuộc bầu cử này đã bị hủy."):
            ballots.start_round(election)
        self.assertContains(self.cancel(), "Cuộc bầu cử này đã bị hủy.", status_code=400)

    def test_cancelling_with_a_round_open_is_refused(self):
        for candidate in self.candidates[2:]:
            candidate.withdrawn = True
            candidate.save()
        ballots.open_vote(ballots.start_round(self.election))
        self.login(self.district_staff)
        self.assertContains(self.cancel(), "hãy kết thúc vòng đó trước", status_code=400)
        self.assertFalse(Election.objects.get(pk=self.election.pk).is_cancelled)

    def test_it_refuses_staff_of_another_ward_a_committee_member_a_party_member_and_anonymous(self):
        for user, status in ((self.other_ward_staff, 404), (self.committee_member, 403), (self.party_member, 404)):
            self.login(user)
            self.assertEqual(self.remove(self.candidates[0]).status_code, status, user)
            self.assertEqual(self.cancel().status_code, status, user)
        self.client.logout()
        self.assertEqual(self.cancel().status_code, 302)
        self.assertFalse(Election.objects.get(pk=self.election.pk).is_cancelled)
        self.assertFalse(Candidate.objects.filter(election=self.election, withdrawn=True).exists())
        self.assertEqual(Vote.objects.filter(election=self.election).count(), 0)

    def test_an_api_client_removes_a_candidate_and_cancels_the_election_on_record(self):
        from capuy.accounts.models import ApiToken

        headers = {"Authorization": f"Bearer {ApiToken.issue(self.district_staff)[1]}"}
        removed = self.client.post(f"/api/voting/candidates/{self.candidates[0].pk}/withdraw/",
                                   {"reason": "Xin rút"}, content_type="application/json", headers=headers)
        self.assertEqual(removed.status_code, 200)
        self.assertTrue(Candidate.objects.get(pk=self.candidates[0].pk).withdrawn)
        cancelled = self.client.post(f"/api/voting/elections/{self.election.pk}/cancel/",
                                     {"reason": "Danh sách không bảo đảm số dư"}, content_type="application/json",
                                     headers=headers)
        self.assertEqual(cancelled.status_code, 200)
        self.election.refresh_from_db()
        self.assertEqual(self.election.cancel_reason, "Danh sách không bảo đảm số dư")
        self.assertEqual(Election.objects.filter(pk=self.election.pk).count(), 1)
