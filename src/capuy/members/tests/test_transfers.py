import pytest
from django.core.exceptions import ValidationError

from capuy.members.models import Status, Transfer
from capuy.members.tests.base import D, MembersTestCase


class TransferTests(MembersTestCase):
    def test_an_official_transfer_moves_the_home_cell_and_is_recorded(self):
        self.member.transfer(self.second_cell, D(2023, 2, 10))
        self.member_person.refresh_from_db()
        assert self.member_person.organization == self.second_cell
        move = Transfer.objects.get()
        assert (move.from_organization, move.to_organization, move.date) == (self.cell, self.second_cell, D(2023, 2, 10))

    def test_a_temporary_transfer_keeps_the_home_cell_and_sets_the_flag(self):
        self.member.transfer(self.other_cell, D(2023, 2, 10), kind=Transfer.Kind.TEMPORARY)
        self.member.refresh_from_db()
        assert self.member.person.organization == self.cell
        assert self.member.temporarily_transferred and self.member.status == Status.TEMPORARILY_TRANSFERRED

    def test_a_transfer_to_the_same_cell_is_refused(self):
        with pytest.raises(ValidationError, match="phải khác"):
            self.member.transfer(self.cell, D(2023, 2, 10))
        assert not Transfer.objects.exists()

    def test_a_transfer_to_a_dissolved_organization_is_refused(self):
        self.second_cell.dissolve(D(2022, 12, 31))
        with pytest.raises(ValidationError, match="không hoạt động"):
            self.member.transfer(self.second_cell, D(2023, 2, 10))
        self.member_person.refresh_from_db()
        assert self.member_person.organization == self.cell
