"""An open electronic vote shows who chose what; a secret one never does. "Biểu quyết" is in the menu."""

from django.urls import reverse

from capuy.voting import ballots
from capuy.voting.models import Vote

from .helpers import VotingTestCase


class NamedBallotTests(VotingTestCase):
    def cast_two(self, method):
        vote = ballots.open_vote(ballots.create_vote(self.item, "Thông qua chương trình", method))
        ballots.cast(vote.pk, self.present[0].pk, "for")
        ballots.cast(vote.pk, self.present[1].pk, "against")
        return vote

    def test_an_open_electronic_vote_shows_each_choice(self):
        vote = self.cast_two(Vote.Method.OPEN)
        self.login(self.committee_member)
        page = self.client.get(reverse("voting:detail", args=[vote.pk]))
        self.assertContains(page, f"<td>{self.present[0].full_name}</td><td>Tán thành</td>", html=False)
        self.assertContains(page, f"<td>{self.present[1].full_name}</td><td>Không tán thành</td>", html=False)

    def test_a_secret_vote_shows_no_choice(self):
        vote = self.cast_two(Vote.Method.SECRET)
        self.login(self.district_staff)
        page = self.client.get(reverse("voting:detail", args=[vote.pk]))
        self.assertNotContains(page, "ai chọn gì")
        self.assertNotContains(page, "<td>Tán thành</td>")

    def test_staff_of_another_ward_cannot_see_the_choices(self):
        vote = self.cast_two(Vote.Method.OPEN)
        self.login(self.other_ward_staff)
        self.assertEqual(self.client.get(reverse("voting:detail", args=[vote.pk])).status_code, 404)

    def test_my_votes_are_in_the_menu(self):
        self.login(self.party_member)
        self.assertContains(self.client.get(reverse("members:me")),
                            f'<a href="{reverse("voting:mine")}">Biểu quyết</a>', html=False)

    def test_the_phone_follow_view_links_to_the_ballot(self):
        vote = ballots.open_vote(ballots.create_vote(self.item, "Thông qua chương trình", Vote.Method.SECRET))
        self.login(self.user_of(self.present[0]))
        page = self.client.get(reverse("conferences:follow", args=[self.conference.pk]))
        self.assertContains(page, f'<a href="{reverse("voting:ballot", args=[vote.pk])}">Bỏ phiếu</a>', html=False)
