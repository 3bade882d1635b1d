"""Shared test data: a BCH conference in progress, and a chi bộ meeting with the Charter's base cases."""

import datetime

from capuy.accounts.models import Role
from capuy.conferences.models import AgendaItem, Conference
from capuy.core.testing import CapuyTestCase, make_person, make_user
from capuy.members.models import PartyMember
from capuy.organizations.models import Body, Term
from capuy.voting import ballots, crypto
from capuy.voting.models import Teller

D = datetime.date


def running_conference(body, date, check_in=(), absent_excused=(), absent=()):
    conference = Conference.objects.create(body=body, date=date, subject="Hội nghị thử nghiệm")
    item = AgendaItem.objects.create(conference=conference, order=1, kind=AgendaItem.Kind.VOTE,
                                     title="Biểu quyết thông qua Nghị quyết")
    conference.invite_body_members()
    for person in [*check_in, *absent_excused, *absent]:
        if not conference.invitations.filter(person=person).exists():
            conference.invite_guest(person, "")
    conference.send_invitations()
    conference.open()
    for person in check_in:
        conference.check_in(person)
    for person in absent_excused:
        conference.mark_absent(person, excused=True, reason="Đi công tác")
    for person in absent:
        conference.mark_absent(person, excused=False)
    return conference, item


def appoint_board(conference, people) -> dict[int, str]:
    """A counting board for ``conference`` whose members have created their codes: {person id: code}."""
    codes = {}
    for person in people:
        code, public = crypto.new_teller_code()
        Teller.objects.create(conference=conference, person=person, public_key=public)
        codes[person.pk] = code
    return codes


class CountingMixin:
    """``close``: close a vote and, when its ballots are encrypted, have the counting board decrypt the totals."""

    def close(self, vote, user=None):
        vote = ballots.close_vote(vote, user)
        if vote.awaiting_tellers:
            codes = {**getattr(self, "teller_codes", {}), **getattr(self, "cell_teller_codes", {})}
            for share in vote.key_shares.select_related("teller").order_by("index")[:vote.threshold]:
                vote = ballots.submit_share(vote, share.teller.person_id, codes[share.teller.person_id])
        return vote


    def peek(self, vote) -> dict:
        """What the counting board would read if it decrypted the ballots now (counters for other methods)."""
        vote.refresh_from_db()
        if not vote.is_sealed:
            return ballots.tallies(vote)
        codes = {**getattr(self, "teller_codes", {}), **getattr(self, "cell_teller_codes", {})}
        count = vote.sealed_ballots.count()
        if count == 0:
            return {**{k: 0 for k in vote.choices_snapshot}, "ballots": 0, "valid": 0}
        totals = crypto.add_ballots(vote.sealed_ballots.values_list("data", flat=True), len(vote.choices_snapshot))
        partials = {}
        for share in vote.key_shares.select_related("teller").order_by("index")[:vote.threshold]:
            secret = crypto.open_share(codes[share.teller.person_id], bytes(share.sealed),
                                       ballots._share_context(vote.pk, share.index))
            partials[share.index] = crypto.partial_decrypt(secret, totals)
        values = crypto.decrypt_totals(totals, partials, count)
        return {**dict(zip(vote.choices_snapshot, values, strict=True)), "ballots": count, "valid": count}


class VotingTestCase(CountingMixin, CapuyTestCase):
    """The BCH of Tây Hồ (5 members) meets on 5/10/2023; four are present, one is absent."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.bch_members = list(cls.bch.members_on(D(2023, 10, 5)))
        cls.present = [p for p in cls.bch_members if p.full_name != "Đỗ Quang Dũng"]
        cls.absent = next(p for p in cls.bch_members if p.full_name == "Đỗ Quang Dũng")
        cls.conference, cls.item = running_conference(cls.bch, D(2023, 10, 5), check_in=cls.present,
                                                      absent=[cls.absent])
        cls.voter_users = {p.pk: make_user(f"bch{p.pk}", p, [(cls.district, Role.MEMBER)])
                           for p in cls.bch_members if p.pk != cls.committee_person.pk}
        cls.voter_users[cls.committee_person.pk] = cls.committee_member
        # The counting board: three of the members present, two of whom decrypt.
        cls.tellers = cls.present[:3]
        cls.teller_codes = appoint_board(cls.conference, cls.tellers)

    def user_of(self, person):
        return self.voter_users[person.pk]


class CellMeetingTestCase(CountingMixin, CapuyTestCase):
    """A chi bộ meeting of 9 summoned party members spelling out the Charter's base cases:

    present ×4, absent without reason ×1 (counted), excused absence ×1, exempt and absent ×1,
    temporarily transferred but attending ×1 (counted: Hướng dẫn 01-HD/TW §13.2), probationary ×1 → base 6,
    voters 5.
    """

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.cell_org = cls.other_cell
        cls.cell_term = Term.objects.create(organization=cls.cell_org, congress_number=1, start_year=2020,
                                            end_year=2025, start_date=D(2020, 5, 1), end_date=D(2025, 4, 30))
        cls.cell_body = Body.objects.create(organization=cls.cell_org, term=cls.cell_term,
                                            kind=Body.Kind.CELL_MEETING)
        n = iter(range(100))

        def member(name, status=None, **fields):
            p = make_person(name, cls.cell_org, card=f"0900{next(n):04d}")
            if fields:
                PartyMember.objects.filter(person=p).update(**fields)
            if status:  # dated before the meeting: the roll reads the status history as of the meeting's date
                PartyMember.objects.get(person=p).record_status(status, D(2023, 1, 1))
            return p

        cls.cell_present = [member(f"Đảng viên có mặt {i}") for i in range(4)]
        cls.cell_unexcused = member("Đảng viên vắng không lý do")
        cls.cell_excused = member("Đảng viên vắng có lý do")
        cls.cell_exempt = member("Đảng viên miễn sinh hoạt", "exempt")
        cls.cell_transferred = member("Đảng viên sinh hoạt tạm thời", "temporarily_transferred")
        cls.cell_probationary = member("Đảng viên dự bị", official_date=None)
        everyone = [*cls.cell_present, cls.cell_unexcused, cls.cell_excused, cls.cell_exempt, cls.cell_transferred,
                    cls.cell_probationary]
        cls.cell_conference, cls.cell_item = running_conference(
            cls.cell_body, D(2023, 10, 5), check_in=[*cls.cell_present, cls.cell_transferred, cls.cell_probationary],
            absent_excused=[cls.cell_excused], absent=[cls.cell_unexcused, cls.cell_exempt])
        cls.cell_everyone = everyone
        cls.cell_teller_codes = appoint_board(cls.cell_conference, cls.cell_present[:1])
