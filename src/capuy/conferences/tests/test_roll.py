"""The meeting roll from the records: who is summoned and counted on the meeting's date (issue 12, items 2–5)."""

import datetime

import pytest
from django.test import override_settings

from capuy.conferences.models import Conference
from capuy.conferences.roll import BaseKind, quorum, roll, summoned
from capuy.conferences.tests.base import ConferenceTestCase
from capuy.core.testing import make_person
from capuy.members.models import PartyMember, Status
from capuy.organizations.models import Body, BodyMembership, Term, Title

D = datetime.date
MEETING = D(2023, 10, 5)


def record(person, status, day):
    return PartyMember.objects.get(person=person).record_status(status, day)


class CellMeetingCase(ConferenceTestCase):
    """A chi bộ meeting: 5 official members of the cell (Bình, An, Bích, Dũng, Lan) and one probationary."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        term = Term.objects.create(organization=cls.cell, congress_number=1, start_year=2022, end_year=2027,
                                   start_date=D(2022, 5, 1))
        cls.meeting_body = Body.objects.create(organization=cls.cell, term=term, kind=Body.Kind.CELL_MEETING)
        cls.probationary = make_person("Lê Văn Dự Bị", cls.cell, card="01000200", admitted=D(2023, 3, 1),
                                       official=None)

    def meeting(self, day=MEETING):
        conference = Conference.objects.create(body=self.meeting_body, date=day)
        conference.invite_body_members()
        conference.send_invitations()
        conference.refresh_from_db()
        return conference

    def person(self, name):
        return next(p for p in [self.committee_person, *self.members, self.member_person, self.probationary]
                    if p.full_name == name)


class PastMeetingTests(CellMeetingCase):
    """Item 4: a past meeting's base and quorum are those of its date; a status recorded later changes nothing."""

    def test_a_suspension_dated_after_the_meeting_does_not_change_its_base(self):
        conference = self.meeting()
        assert quorum(conference).base == 5
        record(self.person("Vũ Thị Lan"), Status.SUSPENDED, D(2024, 1, 10))
        assert quorum(conference).base == 5
        assert quorum(self.meeting(D(2024, 2, 1))).base == 4

    def test_a_suspension_dated_before_the_meeting_leaves_the_member_out(self):
        record(self.person("Vũ Thị Lan"), Status.SUSPENDED, D(2023, 6, 1))
        conference = self.meeting()
        assert "Vũ Thị Lan" not in {p.full_name for p in summoned(conference)}
        assert quorum(conference).base == 4

    def test_a_closed_meeting_keeps_its_figures_and_minutes_line(self):
        from capuy.documents.drafting import _attendance

        conference = self.meeting()
        conference.open()
        for name in ["Phạm Văn Bình", "Nguyễn Văn An", "Trần Thị Bích", "Đỗ Quang Dũng"]:
            conference.check_in(self.person(name))
        conference.close("Kết luận")
        before = (quorum(conference).as_dict(), _attendance(conference))
        record(self.person("Đỗ Quang Dũng"), Status.PROSECUTED, D(2024, 5, 1))
        record(self.person("Vũ Thị Lan"), Status.DECEASED, D(2024, 6, 1))
        assert (quorum(conference).as_dict(), _attendance(conference)) == before
        assert before[0]["base"] == 5 and before[0]["present"] == 4

    def test_a_member_made_official_after_the_meeting_was_probationary_at_it(self):
        record(self.probationary, Status.OFFICIAL, D(2024, 3, 1))
        old = roll(self.meeting())
        assert dict(old.base.excluded)[self.probationary.pk] == "Đảng viên dự bị"
        assert self.probationary.pk in roll(self.meeting(D(2024, 4, 1))).base.counted

    def test_a_member_who_died_before_the_meeting_is_not_summoned(self):
        record(self.person("Vũ Thị Lan"), Status.DECEASED, D(2023, 9, 1))
        assert "Vũ Thị Lan" not in {p.full_name for p in summoned(self.meeting())}


class MembersMeetingPresenceTests(CellMeetingCase):
    """Item 3 and 5: transferred or exempt members count in a members' meeting when they attend, at any moment."""

    def test_an_exempt_member_who_checked_in_and_left_counts_in_the_base_and_not_as_present(self):
        record(self.person("Vũ Thị Lan"), Status.EXEMPT, D(2023, 1, 1))
        conference = self.meeting()
        assert quorum(conference).base == 4
        conference.open()
        conference.check_in(self.person("Vũ Thị Lan"))
        conference.mark_left(self.person("Vũ Thị Lan"), "Sức khỏe")
        q = quorum(conference)
        assert (q.base, q.present) == (5, 0)

    def test_a_temporarily_transferred_member_counts_when_present(self):
        record(self.person("Nguyễn Văn An"), Status.TEMPORARILY_TRANSFERRED, D(2023, 1, 1))
        conference = self.meeting()
        assert quorum(conference).base == 4
        conference.open()
        conference.check_in(self.person("Nguyễn Văn An"))
        assert quorum(conference).base == 5

    def test_presence_at_a_given_moment(self):
        conference = self.meeting()
        conference.open()
        conference.check_in(self.person("Nguyễn Văn An"))
        conference.check_in(self.person("Trần Thị Bích"))
        arrived = conference.attendances.get(invitation__person=self.person("Trần Thị Bích")).arrived_at
        conference.mark_left(self.person("Trần Thị Bích"), "Việc gia đình")
        left = conference.attendances.get(invitation__person=self.person("Trần Thị Bích")).left_at
        assert quorum(conference, at=arrived).present == 2
        assert quorum(conference, at=left).present == 1
        assert quorum(conference).present == 1
        assert quorum(conference, at=arrived - datetime.timedelta(days=1)).present == 0


class CommitteeSummonsTests(ConferenceTestCase):
    """Item 3: in a BCH, suspended, indicted or detained members are neither summoned nor counted; temporarily
    transferred members are left out unless they attend (setting)."""

    def test_a_suspended_committee_member_is_not_invited_nor_counted(self):
        record(self.members[2], Status.SUSPENDED, D(2023, 5, 1))
        conference = self.invited()
        assert not conference.invitations.filter(person=self.members[2]).exists()
        q = quorum(conference)
        assert q.base == 4 and [reason for _, reason in q.excluded] == ["Đình chỉ sinh hoạt đảng"]

    def test_a_prosecuted_committee_member_is_not_invited_nor_counted(self):
        record(self.members[3], Status.PROSECUTED, D(2023, 5, 1))
        conference = self.invited()
        assert not conference.invitations.filter(person=self.members[3]).exists()
        assert quorum(conference).base == 4

    def test_a_transferred_committee_member_counts_only_when_attending(self):
        transferred = self.members[1]
        record(transferred, Status.TEMPORARILY_TRANSFERRED, D(2023, 5, 1))
        conference = self.running()
        assert quorum(conference).base == 4
        conference.check_in(transferred)
        assert quorum(conference).base == 5
        with override_settings(CAPUY_TRANSFERRED_COUNT_IF_ATTENDING=False):
            assert quorum(conference).base == 4


class MembershipEndTests(ConferenceTestCase):
    """Item 2: death, expulsion, removal, resignation and retirement end every body membership on their date."""

    def test_a_death_in_a_bch_of_39_leaves_38_summoned_and_counted(self):
        for i in range(34):
            BodyMembership.objects.create(body=self.bch, person=make_person(f"Ủy viên số {i:02d}", self.district,
                                                                            card=f"0300{i:04d}"),
                                          start_date=self.term.start_date)
        assert quorum(self.conference).base == 39
        before = self.make_conference(day=D(2023, 8, 1))
        record(self.members[4], Status.DECEASED, D(2023, 9, 1))
        conference = self.invited()
        assert conference.invitations.count() == 38
        assert quorum(conference).base == 38
        assert quorum(before).base == 39  # the meeting before the death keeps its base

    def test_an_expulsion_ends_memberships_and_open_titles_on_its_date(self):
        secretary = self.secretary
        record(secretary, Status.EXPELLED, D(2023, 9, 1))
        membership = BodyMembership.objects.get(body=self.bch, person=secretary)
        assert (membership.end_date, membership.end_reason) == (D(2023, 8, 31), "expelled")
        assert membership.event_date == D(2023, 9, 1)
        assert set(Title.objects.filter(person=secretary).values_list("end_date", flat=True)) == {D(2023, 8, 31)}
        assert secretary not in summoned(self.conference)

    def test_every_event_ends_the_membership_on_its_date(self):
        # (reason, source): each ends the incumbency (Party Charter art. 9).
        for person, reason in zip(self.members[:4], ["removed", "resigned", "retired", "transferred"], strict=True):
            assert person.leave_bodies(D(2023, 9, 1), reason, "Quyết định số 12-QĐ/TU") == 1
        assert quorum(self.conference).base == 1
        assert quorum(self.make_conference(day=D(2023, 8, 31))).base == 5

    def test_an_event_on_the_first_day_means_the_seat_was_never_taken(self):
        membership = BodyMembership.objects.get(body=self.bch, person=self.members[0])
        membership.end(membership.start_date, "deceased")
        membership.full_clean()
        assert self.members[0] not in list(self.bch.members_on(membership.start_date))

    def test_an_earlier_end_is_kept(self):
        membership = BodyMembership.objects.get(body=self.bch, person=self.members[0])
        membership.end(D(2022, 1, 1), "resigned")
        membership.end(D(2023, 9, 1), "deceased")
        membership.refresh_from_db()
        assert (membership.end_date, membership.end_reason) == (D(2021, 12, 31), "resigned")

    def test_a_bad_reason_or_date_is_refused_and_nothing_changes(self):
        from django.core.exceptions import ValidationError

        membership = BodyMembership.objects.get(body=self.bch, person=self.members[0])
        with pytest.raises(ValidationError, match="lý do"):
            membership.end(D(2023, 9, 1), "vacation")
        with pytest.raises(ValidationError, match="không được trước"):
            membership.end(D(2019, 1, 1), "retired")
        membership.refresh_from_db()
        assert membership.end_date is None and membership.end_reason == ""

    def test_the_body_counts_its_vacancies(self):
        self.bch.seats = 5
        self.bch.save()
        record(self.members[4], Status.DECEASED, D(2023, 9, 1))
        assert self.bch.vacancies_on(D(2023, 8, 1)) == 0
        assert self.bch.vacancies_on(MEETING) == 1
        assert [m.person for m in self.bch.ended_memberships()] == [self.members[4]]


class DefaultKindTests(ConferenceTestCase):
    def test_a_committee_counts_its_members_and_a_cell_its_party_members(self):
        assert roll(self.conference).kind == BaseKind.BODY
