"""Votes and elections asking the meeting roll (issue 12): a representative congress, alternates, counts above
those present, the quorum screen and the vote agreeing, a tie at the last seat after a second round."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from capuy.conferences.models import DelegateAlternate
from capuy.conferences.roll import BaseKind, quorum, roll
from capuy.core.testing import make_person, make_user
from capuy.voting import ballots
from capuy.voting.models import Vote

from .helpers import CellMeetingTestCase, VotingTestCase, appoint_board, running_conference

D = datetime.date


class CongressCase(VotingTestCase):
    """A representative congress of 10 delegates (the member invitations of the conference)."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        from capuy.organizations.models import Body, BodyMembership, Term

        term = Term.objects.create(organization=cls.other_ward, congress_number=3, start_year=2020, end_year=2025,
                                   start_date=D(2020, 6, 1), end_date=D(2025, 6, 30))
        body = Body.objects.create(organization=cls.other_ward, term=term, kind=Body.Kind.EXECUTIVE)
        cls.delegates = [make_person(f"Đại biểu số {i:02d}", cls.other_ward, card=f"0700{i:04d}") for i in range(10)]
        for person in cls.delegates:
            BodyMembership.objects.create(body=body, person=person, start_date=term.start_date)
        cls.congress_body = body
        cls.alternate = make_person("Đại biểu dự khuyết", cls.other_ward, card="07009999")

    def congress(self, attending, left_early=()):
        conference, item = running_conference(self.congress_body, D(2023, 10, 5), check_in=attending)
        # A secret electronic vote needs a counting board with a code (``close`` enters it).
        self.teller_codes = {**self.teller_codes, **appoint_board(conference, list(attending)[:1])}
        for person in left_early:
            conference.mark_left(person, "Về sớm")
        return conference, item

    def hands(self, item, counts):
        vote = ballots.open_vote(ballots.create_vote(item, "Thông qua Nghị quyết Đại hội", Vote.Method.HANDS,
                                                     base_kind=BaseKind.CONGRESS))
        ballots.enter_counts(vote, counts)
        return ballots.close_vote(vote)


class CongressBaseTests(CongressCase):
    def test_two_delegates_who_left_early_stay_in_the_base_and_five_for_of_ten_does_not_pass(self):
        """Item 1 (Charter art. 9): the base stays 10; 5 "for" is not more than half of it."""
        conference, item = self.congress(self.delegates, left_early=self.delegates[:2])
        self.assertEqual(quorum(conference, BaseKind.CONGRESS).base, 10)
        vote = self.hands(item, {"for": 5, "against": 3})
        self.assertEqual((vote.base, vote.result["required"], vote.result["passed"]), (10, 6, False))

    def test_a_candidate_with_five_of_ten_is_not_elected(self):
        conference, item = self.congress(self.delegates, left_early=self.delegates[:2])
        election = ballots.create_election(item, "Bầu Bí thư", 1, base_kind=BaseKind.CONGRESS)
        first, second = (ballots.add_candidate(election, p) for p in self.delegates[8:10])
        vote = ballots.open_vote(ballots.start_round(election))
        self.assertEqual(vote.base, 10)
        for n, person in enumerate(self.delegates[2:]):
            ballots.cast(vote.pk, person.pk, [f"c:{(first if n < 5 else second).pk}"])
        vote = self.close(vote)
        self.assertEqual((vote.result["required"], vote.result["elected"], vote.result["unfilled"]), (6, [], 1))

    def test_a_delegate_absent_for_the_whole_congress_leaves_the_base(self):
        conference, _ = self.congress(self.delegates[:9])
        current = roll(conference, BaseKind.CONGRESS)
        self.assertEqual(current.base.size, 9)
        self.assertEqual(dict(current.base.excluded)[self.delegates[9].pk],
                         "Vắng mặt cả kỳ đại hội, không có đại biểu dự khuyết")

    def test_a_delegate_replaced_by_an_alternate_keeps_the_seat_and_the_alternate_votes(self):
        conference, item = self.congress(self.delegates[:9])
        conference.invite_guest(self.alternate, "Đại biểu dự khuyết")
        conference.check_in(self.alternate)
        DelegateAlternate.objects.create(conference=conference, delegate=self.delegates[9], alternate=self.alternate)
        current = roll(conference, BaseKind.CONGRESS)
        self.assertEqual(current.base.size, 10)
        self.assertIn(self.alternate.pk, current.seats)
        self.assertNotIn(self.delegates[9].pk, current.seats)
        vote = ballots.open_vote(ballots.create_vote(item, "Nghị quyết", Vote.Method.SECRET,
                                                     base_kind=BaseKind.CONGRESS))
        self.assertEqual((vote.base, vote.eligible_count), (10, 10))
        ballots.cast(vote.pk, self.alternate.pk, "for")


class CountsAbovePresentTests(CongressCase):
    """Item 8: a show of hands or paper ballots above the number present are refused, and nothing changes."""

    def test_a_show_of_hands_above_those_present_is_refused(self):
        _, item = self.congress(self.delegates, left_early=self.delegates[:2])  # base 10, 8 present
        vote = ballots.open_vote(ballots.create_vote(item, "Nghị quyết", Vote.Method.HANDS,
                                                     base_kind=BaseKind.CONGRESS))
        with pytest.raises(ValidationError, match=r"Tổng số biểu quyết \(9\) vượt quá số đại biểu có mặt"):
            ballots.enter_counts(vote, {"for": 9})
        vote.refresh_from_db()
        self.assertEqual(vote.result, {})
        ballots.enter_counts(vote, {"for": 8})

    def test_paper_ballots_above_those_present_are_refused(self):
        _, item = self.congress(self.delegates, left_early=self.delegates[:2])  # base 10, 8 present
        vote = ballots.open_vote(ballots.create_vote(item, "Nghị quyết", Vote.Method.PAPER,
                                                     base_kind=BaseKind.CONGRESS))
        operator = make_user("kiemphieu1")
        with pytest.raises(ValidationError, match=r"Số thứ tự phiếu \(9\) vượt quá số người được bỏ phiếu có mặt \(8\)"):
            ballots.enter_paper_ballot(vote, operator, 9, "for")
        self.assertFalse(vote.paper_entries.exists())
        ballots.enter_paper_ballot(vote, operator, 8, "for")


class QuorumScreenAgreesWithTheVoteTests(CellMeetingTestCase):
    """Item 5: the quorum screen and the vote ask the same roll, so an exempt member who checked in and left
    counts in both."""

    def test_an_exempt_member_who_checked_in_and_left_counts_on_the_screen_and_in_the_vote(self):
        self.cell_conference.check_in(self.cell_exempt)
        self.cell_conference.mark_left(self.cell_exempt, "Sức khỏe")
        screen = quorum(self.cell_conference)
        vote = ballots.open_vote(ballots.create_vote(self.cell_item, "Nghị quyết chi bộ", Vote.Method.SECRET))
        self.assertEqual(screen.base, 7)
        self.assertEqual(vote.base, screen.base)
        self.assertEqual(vote.eligible_count, screen.present)


class TieAfterSecondRoundTests(VotingTestCase):
    def test_a_tie_at_the_last_seat_goes_to_a_second_round_and_a_tie_below_half_leaves_the_seat_unfilled(self):
        self.conference.check_in(self.absent)  # all five of the base present
        voters = [*self.present, self.absent]
        nominees = [make_person(f"Ứng viên {c}", self.district) for c in "ABCD"]
        election = ballots.create_election(self.item, "Bầu Ban Thường vụ", 3)
        a, b, c, d = (ballots.add_candidate(election, p) for p in nominees)

        def round_with(ballot_lists, candidates=None):
            vote = ballots.open_vote(ballots.start_round(election, candidates=candidates))
            for person, kept in zip(voters, ballot_lists, strict=True):
                ballots.cast(vote.pk, person.pk, [f"c:{x.pk}" for x in kept])
            return self.close(vote)

        first = round_with([[a, b, c], [a, b, c], [a, b, d], [a, b, d], [a, c, d]])  # A5 B4 C3 D3, majority 3
        self.assertEqual(first.result["elected"], [a.pk, b.pk])
        self.assertEqual(sorted(first.result["revote_among"]), sorted([c.pk, d.pk]))
        second = ballots.start_round(election)
        self.assertEqual((second.seats, {x.pk for x in second.candidates.all()}), (1, {c.pk, d.pk}))
        second.delete()
        second = round_with([[c], [c], [d], [d], []])  # tied again, 2 each: neither has more than half of 5
        self.assertEqual((second.result["elected"], second.result["unfilled"]), ([], 1))
        self.assertTrue(all(row["reason"] == "Không đạt quá nửa cơ sở tính." for row in second.result["candidates"]))
        third = ballots.start_round(election)
        self.assertEqual((third.round, third.seats), (3, 1))
