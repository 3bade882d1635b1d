"""Closing a vote asks for confirmation with the turnout."""

from django.urls import reverse

from capuy.voting import ballots
from capuy.voting.models import Vote

from .helpers import VotingTestCase


class CloseConfirmationTests(VotingTestCase):
    def test_closing_asks_first_with_the_turnout_and_changes_nothing(self):
        vote = ballots.open_vote(ballots.create_vote(self.item, "Thông qua báo cáo", Vote.Method.SECRET))
        ballots.cast(vote.pk, self.present[0].pk, "for")
        self.login(self.district_staff)
        response = self.client.post(reverse("voting:action", args=[vote.pk]), {"action": "close"})
        self.assertContains(response, "Xác nhận kết thúc biểu quyết")
        self.assertContains(response, f"Đã bỏ phiếu 1/{vote.eligible_count}")
        vote.refresh_from_db()
        self.assertTrue(vote.is_open)
        self.client.post(reverse("voting:action", args=[vote.pk]), {"action": "close", "xac-nhan": "1"})
        vote.refresh_from_db()
        self.assertFalse(vote.is_open)

    def test_it_refuses_staff_of_another_ward_and_a_party_member(self):
        vote = ballots.open_vote(ballots.create_vote(self.item, "Thông qua báo cáo", Vote.Method.SECRET))
        for user in (self.other_ward_staff, self.party_member):
            self.login(user)
            response = self.client.post(reverse("voting:action", args=[vote.pk]), {"action": "close", "xac-nhan": "1"})
            self.assertIn(response.status_code, (403, 404))
        vote.refresh_from_db()
        self.assertTrue(vote.is_open)
