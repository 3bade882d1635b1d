import datetime
from fractions import Fraction

from django.test import override_settings

from capuy.conferences.models import Attendance, Conference
from capuy.conferences.roll import quorum, roll, summoned
from capuy.conferences.tests.base import ConferenceTestCase
from capuy.core.testing import make_person
from capuy.members.models import PartyMember
from capuy.organizations.models import Body, BodyMembership, Person, Term

D = datetime.date


class CommitteeQuorumTests(ConferenceTestCase):
    """BCH: the base is every incumbent member on the conference date (5 in the test tree)."""

    def check_in(self, conference, people):
        for person in people:
            conference.check_in(person)

    def test_four_of_five_members_make_a_quorum_of_two_thirds(self):
        conference = self.invited()
        self.check_in(conference, self.members[:4])
        q = quorum(conference)
        assert (q.base, q.present, q.required, q.reached) == (5, 4, 4, True)

    def test_three_of_five_members_are_not_enough(self):
        conference = self.invited()
        self.check_in(conference, self.members[:3])
        q = quorum(conference)
        assert (q.present, q.required, q.reached, q.missing) == (3, 4, False, 1)

    def test_guests_never_count(self):
        conference = self.invited()
        conference.invite_guest(self.guest, "Phó Bí thư Thành ủy")
        self.check_in(conference, [self.guest, *self.members[:3]])
        assert quorum(conference).present == 3

    def test_an_excused_absence_of_a_committee_member_still_counts_in_the_base(self):
        conference = self.invited()
        conference.mark_absent(self.members[4], excused=True, reason="Đi công tác")
        assert quorum(conference).base == 5

    def test_a_member_who_left_early_no_longer_counts_as_present(self):
        conference = self.running()
        self.check_in(conference, self.members[:4])
        conference.mark_left(self.members[0], "Việc gia đình")
        q = quorum(conference)
        assert (q.present, q.reached) == (3, False)

    def test_the_base_follows_the_membership_on_the_conference_date(self):
        BodyMembership.objects.filter(body=self.bch, person=self.members[4]).update(end_date=D(2023, 6, 30))
        assert quorum(self.conference).base == 4

    @override_settings(CAPUY_QUORUM_FRACTION="1/2")
    def test_the_fraction_is_a_setting(self):
        conference = self.invited()
        self.check_in(conference, self.members[:3])
        q = quorum(conference)
        assert (q.fraction, q.required, q.reached) == (Fraction(1, 2), 3, True)

    def test_nobody_to_count_is_never_a_quorum(self):
        BodyMembership.objects.filter(body=self.bch).delete()
        assert quorum(self.conference).reached is False


class PartyMemberMeetingQuorumTests(ConferenceTestCase):
    """Chi bộ meeting: official members, minus the exclusions of DOMAIN.md."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        term = Term.objects.create(organization=cls.cell, congress_number=1, start_year=2022, end_year=2025,
                                   start_date=D(2022, 5, 1))
        cls.meeting_body = Body.objects.create(organization=cls.cell, term=term, kind=Body.Kind.CELL_MEETING)
        cls.probationary = make_person("Lê Văn Dự Bị", cls.cell, card="01000200", official=None)

    def setUp(self):
        self.conference = Conference.objects.create(body=self.meeting_body, date=D(2023, 10, 5))
        self.conference.invite_body_members()
        self.cell_members = {p.full_name: p for p in
                             [i.person for i in self.conference.invitations.select_related("person")]}

    def flag(self, name, status):
        """A status recorded with its date, before the meeting (the roll reads the dated history)."""
        PartyMember.objects.get(person=self.cell_members[name]).record_status(status, D(2023, 1, 1))

    def eligible_base(self):
        current = roll(self.conference)
        people = Person.objects.in_bulk(current.base.counted)
        return [people[k] for k in current.base.counted], current.excluded_people

    def test_official_members_of_the_cell_are_the_base_and_probationary_members_are_not(self):
        base, excluded = self.eligible_base()
        names = {p.full_name for p in base}
        assert names == {"Phạm Văn Bình", "Nguyễn Văn An", "Trần Thị Bích", "Đỗ Quang Dũng", "Vũ Thị Lan"}
        # The probationary member is summoned and now listed with the reason (before: silently skipped).
        assert [(p.full_name, reason) for p, reason in excluded] == [("Lê Văn Dự Bị", "Đảng viên dự bị")]

    def test_members_who_left_the_party_are_not_summoned(self):
        PartyMember.objects.get(person__full_name="Vũ Thị Lan").record_status("left", D(2023, 1, 1))
        names = {p.full_name for p in summoned(self.conference)}
        assert "Vũ Thị Lan" not in names and "Nguyễn Văn An" in names

    def test_transferred_suspended_and_prosecuted_members_are_left_out(self):
        self.flag("Nguyễn Văn An", "temporarily_transferred")
        self.flag("Trần Thị Bích", "suspended")
        self.flag("Đỗ Quang Dũng", "prosecuted")
        base, excluded = self.eligible_base()
        assert {p.full_name for p in base} == {"Phạm Văn Bình", "Vũ Thị Lan"}
        assert {reason for _, reason in excluded} == {"Đảng viên dự bị", "Sinh hoạt tạm thời nơi khác, không dự",
                                                       "Đình chỉ sinh hoạt đảng", "Bị khởi tố, truy tố, tạm giam"}

    def test_an_exempt_member_counts_only_when_present(self):
        self.flag("Vũ Thị Lan", "exempt")
        assert quorum(self.conference).base == 4
        self.conference.send_invitations()
        self.conference.check_in(self.cell_members["Vũ Thị Lan"])
        q = quorum(self.conference)
        assert (q.base, q.present) == (5, 1)

    def test_an_excused_whole_meeting_absence_leaves_the_base_but_an_unexcused_one_does_not(self):
        self.conference.send_invitations()
        self.conference.mark_absent(self.cell_members["Nguyễn Văn An"], excused=True, reason="Ốm")
        self.conference.mark_absent(self.cell_members["Trần Thị Bích"], excused=False)
        for name in ["Phạm Văn Bình", "Vũ Thị Lan"]:
            self.conference.check_in(self.cell_members[name])
        q = quorum(self.conference)
        # Base 4 (An excused is out, Bích unexcused stays in); 2 present of 4 is below two thirds (3).
        assert (q.base, q.present, q.required, q.reached) == (4, 2, 3, False)
        assert Attendance.objects.get(invitation__person=self.cell_members["Trần Thị Bích"]).status == "unexcused"
