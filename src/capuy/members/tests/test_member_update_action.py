"""``actions.update_member`` (PATCH /api/members/<id>/): the office changes a party record; others are refused."""

import json

from capuy.members import actions
from capuy.members.models import PartyMember
from capuy.members.tests.base import MembersTestCase


class MemberUpdateTests(MembersTestCase):
    def patch(self, member, data):
        return self.client.patch(f"/api/members/{member.pk}/", json.dumps(data), content_type="application/json")

    def target(self):
        return PartyMember.objects.get(person=self.member_person)

    def test_the_ward_office_changes_the_card_number(self):
        self.login(self.ward_staff)
        response = self.patch(self.target(), {"card_number": "01009999"})
        assert response.status_code == 200
        assert self.target().card_number == "01009999"

    def test_it_refuses_a_committee_member_who_only_reads_the_record(self):
        self.login(self.committee_member)
        response = self.patch(self.target(), {"card_number": "01009999"})
        assert response.status_code == 403
        assert response.json()["detail"] == actions.MANAGE_ONLY
        assert self.target().card_number == "01000100"

    def test_it_refuses_staff_of_another_ward_without_acknowledging_the_record(self):
        self.login(self.other_ward_staff)
        assert self.patch(self.target(), {"card_number": "01009999"}).status_code == 404
        assert self.target().card_number == "01000100"
