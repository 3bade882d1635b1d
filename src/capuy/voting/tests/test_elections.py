"""Elections: list limits, floor nominees, crossing-out ballots, rounds, paper entry by independent operators."""

import pytest
from django.core.exceptions import ValidationError

from capuy.core.testing import make_person, make_user
from capuy.voting import ballots
from capuy.voting.models import Candidate, EntryLog, Vote

from .helpers import VotingTestCase


class ElectionTests(VotingTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.nominees = [make_person(f"Ứng cử viên {i}", cls.district) for i in range(4)]

    def election(self, seats=3, n=4):
        election = ballots.create_election(self.item, "Bầu Ban Thường vụ", seats)
        for person in self.nominees[:n]:
            ballots.add_candidate(election, person)
        return election

    def ids(self, vote):
        return [int(k[2:]) for k in vote.choices_snapshot]

    def test_the_list_must_be_longer_than_the_seats(self):
        election = self.election(seats=3, n=3)
        with pytest.raises(ValidationError, match="nhiều hơn"):
            ballots.start_round(election)
        self.assertFalse(election.rounds.exists())

    def test_the_list_may_not_exceed_thirty_percent_extra(self):
        election = ballots.create_election(self.item, "Bầu", 3)
        for person in self.nominees:
            ballots.add_candidate(election, person)
        ballots.add_candidate(election, self.member_person)  # 5 for 3 seats: more than 30% extra
        with pytest.raises(ValidationError, match="Số dư"):
            ballots.start_round(election)

    def test_a_floor_nominee_needs_more_than_thirty_percent_of_delegates(self):
        election = self.election()
        with pytest.raises(ValidationError, match="không được bổ sung"):
            ballots.add_candidate(election, self.member_person, Candidate.Source.FLOOR, agreeing=1)  # base 5: 2 needed
        self.assertFalse(election.candidates.filter(person=self.member_person).exists())
        ballots.add_candidate(election, self.member_person, Candidate.Source.FLOOR, agreeing=2)
        self.assertTrue(election.candidates.filter(person=self.member_person).exists())

    def test_an_electronic_ballot_with_too_many_names_or_a_non_candidate_is_refused(self):
        vote = ballots.open_vote(ballots.start_round(self.election()))
        ids = self.ids(vote)
        with pytest.raises(ValidationError, match="nhiều hơn số lượng"):
            ballots.cast(vote.pk, self.present[0].pk, [f"c:{i}" for i in ids])
        with pytest.raises(ValidationError, match="không có trong danh sách"):
            ballots.cast(vote.pk, self.present[0].pk, ["c:999999"])
        self.assertEqual(self.peek(vote)["ballots"], 0)

    def test_elected_with_more_than_half_of_the_base_then_another_round(self):
        election = self.election()
        vote = ballots.open_vote(ballots.start_round(election))
        a, b, c, d = self.ids(vote)
        kept = [[a, b, c], [a, b, d], [a, c], [a, b]]
        for person, names in zip(self.present, kept, strict=True):
            ballots.cast(vote.pk, person.pk, [f"c:{i}" for i in names])
        vote = self.close(vote)
        result = vote.result
        votes = {row["id"]: row["votes"] for row in result["candidates"]}
        self.assertEqual(votes, {a: 4, b: 3, c: 2, d: 1})
        self.assertEqual(result["elected"], [a, b])  # base 5: 3 votes needed; c has 2
        self.assertEqual(result["unfilled"], 1)
        self.assertEqual(result["candidates"][0]["share"], 0.8)
        second = ballots.start_round(election)
        self.assertEqual(second.seats, 1)
        self.assertEqual(sorted(c.pk for c in second.candidates.all()), sorted([c, d]))

    def test_the_next_round_waits_for_the_board_to_decrypt_the_last_one(self):
        election = self.election()
        vote = ballots.open_vote(ballots.start_round(election))
        a, b, c, d = self.ids(vote)
        ballots.cast(vote.pk, self.present[0].pk, [f"c:{a}"])
        vote = ballots.close_vote(vote)
        self.assertEqual(election.elected(), [])
        with pytest.raises(ValidationError, match="chưa giải mã"):
            ballots.start_round(election)
        for teller in self.tellers[:2]:
            vote = ballots.submit_share(vote, teller.pk, self.teller_codes[teller.pk])
        self.assertEqual({row["id"]: row["votes"] for row in vote.result["candidates"]}, {a: 1, b: 0, c: 0, d: 0})
        self.assertEqual(ballots.start_round(election).round, 2)

    def test_a_later_round_only_among_named_candidates(self):
        election = self.election()
        vote = ballots.open_vote(ballots.start_round(election))
        self.close(vote)
        with pytest.raises(ValidationError, match="Chỉ được bầu"):
            ballots.start_round(election, candidates=[Candidate(pk=999999)])

    def test_paper_ballots_need_two_operators_who_agree(self):
        vote = ballots.open_vote(ballots.start_round(self.election(), method=Vote.Method.PAPER))
        a, b, c, d = self.ids(vote)
        first, second = make_user("kiemphieu1"), make_user("kiemphieu2")
        papers = {1: [a, b, c], 2: [a, b], 3: [a, b, c, d], 4: [a, c]}  # ballot 3 keeps 4 names: invalid
        for number, names in papers.items():
            ballots.enter_paper_ballot(vote, first, number, [f"c:{i}" for i in names])
        with pytest.raises(ValidationError, match="Cần 2 người nhập"):
            ballots.accept_paper_count(vote)
        for number, names in papers.items():
            shown = [a] if number == 4 else names  # a typo on ballot 4
            ballots.enter_paper_ballot(vote, second, number, [f"c:{i}" for i in shown])
        with pytest.raises(ValidationError, match="không khớp ở phiếu số: 4"):
            ballots.accept_paper_count(vote)
        with pytest.raises(ValidationError, match="chưa nhập"):
            self.close(vote)
        ballots.enter_paper_ballot(vote, second, 4, [f"c:{a}", f"c:{c}"])  # corrected after checking the ballot
        ballots.accept_paper_count(vote)
        vote = self.close(vote)
        self.assertEqual((vote.result["ballots"], vote.result["valid"], vote.result["invalid"]), (4, 3, 1))
        votes = {row["id"]: row["votes"] for row in vote.result["candidates"]}
        self.assertEqual(votes, {a: 3, b: 2, c: 2, d: 0})
        self.assertEqual(vote.result["elected"], [a])
        actions = list(EntryLog.objects.filter(vote=vote).values_list("action", flat=True))
        self.assertEqual(actions.count("entry"), 8)
        self.assertEqual(actions.count("correction"), 1)
        self.assertEqual(actions.count("accepted"), 1)

    def test_paper_ballot_numbers_may_not_exceed_the_base(self):
        vote = ballots.open_vote(ballots.start_round(self.election(), method=Vote.Method.PAPER))
        with pytest.raises(ValidationError, match="vượt quá cơ sở tính"):
            ballots.enter_paper_ballot(vote, self.district_staff, 6, [])

    def test_an_election_must_be_secret(self):
        with pytest.raises(ValidationError, match="kín"):
            ballots.start_round(self.election(), method=Vote.Method.OPEN)
