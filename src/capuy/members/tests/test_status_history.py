import pytest
from django.core.exceptions import ValidationError

from capuy.core.testing import make_person
from capuy.members.models import PartyMember, Status, StatusChange
from capuy.members.tests.base import D, MembersTestCase


class StatusHistoryTests(MembersTestCase):
    def test_exempt_status_sets_the_flag_that_vote_counting_reads(self):
        self.member.record_status(Status.EXEMPT, D(2023, 3, 1))
        self.member.refresh_from_db()
        assert self.member.exempt and not self.member.suspended and not self.member.temporarily_transferred
        assert self.member.status == Status.EXEMPT

    def test_a_new_status_turns_the_previous_flag_off(self):
        self.member.record_status(Status.SUSPENDED, D(2023, 3, 1))
        self.member.record_status(Status.OFFICIAL, D(2023, 9, 1))
        self.member.refresh_from_db()
        assert not self.member.suspended and self.member.status == Status.OFFICIAL

    def test_the_status_that_holds_on_a_day_comes_from_the_history(self):
        self.member.record_status(Status.TEMPORARILY_TRANSFERRED, D(2023, 3, 1))
        self.member.record_status(Status.OFFICIAL, D(2023, 9, 1))
        assert self.member.status_on(D(1999, 1, 1)) is None
        assert self.member.status_on(D(2000, 6, 1)) == Status.PROBATIONARY
        assert self.member.status_on(D(2023, 5, 1)) == Status.TEMPORARILY_TRANSFERRED
        assert self.member.status_on(D(2024, 1, 1)) == Status.OFFICIAL

    def test_made_official_by_a_status_change_fills_the_official_date(self):
        person = make_person("Hồ Văn Long", self.cell)
        member = PartyMember.objects.create(person=person, admission_date=D(2024, 1, 10))
        assert member.status == Status.PROBATIONARY
        member.record_status(Status.OFFICIAL, D(2025, 1, 10))
        member.refresh_from_db()
        assert member.official_date == D(2025, 1, 10) and member.status == Status.OFFICIAL

    def test_a_status_before_admission_is_refused_and_nothing_saved(self):
        with pytest.raises(ValidationError, match="trước ngày vào Đảng"):
            self.member.record_status(Status.EXEMPT, D(1999, 1, 1))
        assert not StatusChange.objects.exists()
        self.member.refresh_from_db()
        assert not self.member.exempt

    def test_left_and_deceased_members_are_off_the_rolls(self):
        self.member.record_status(Status.LEFT, D(2020, 1, 1))
        assert not PartyMember.objects.on_rolls().filter(pk=self.member.pk).exists()
        other = self.neighbour.party_member
        other.record_status(Status.DECEASED, D(2021, 1, 1))
        assert not PartyMember.objects.on_rolls().filter(pk=other.pk).exists()

    def test_nothing_can_be_recorded_after_death(self):
        self.member.record_status(Status.DECEASED, D(2021, 1, 1))
        with pytest.raises(ValidationError, match="từ trần"):
            self.member.record_status(Status.EXEMPT, D(2022, 1, 1))

    def test_interruptions_run_from_leaving_to_readmission(self):
        self.member.record_status(Status.LEFT, D(2005, 1, 1))
        self.member.record_status(Status.PROBATIONARY, D(2007, 1, 1))
        self.member.record_status(Status.LEFT, D(2020, 1, 1))
        assert self.member.interruptions() == [(D(2005, 1, 1), D(2007, 1, 1)), (D(2020, 1, 1), None)]

    def test_official_before_admission_is_refused(self):
        self.member.official_date = D(1999, 12, 31)
        with pytest.raises(ValidationError, match="Ngày chính thức không được trước ngày vào Đảng"):
            self.member.full_clean()

    def test_a_status_in_the_future_is_refused(self):
        with pytest.raises(ValidationError, match="sau ngày hôm nay"):
            self.member.record_status(Status.EXEMPT, D(2999, 1, 1))
        assert not StatusChange.objects.exists()
