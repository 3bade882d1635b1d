"""PATCH /api/members/<id>/ and POST /api/members/: the same actions as the member form (``edit_member``,
``add_member``); the office changes or adds a record, others are refused."""

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
        assert response.json()["detail"] == actions.EDIT_REFUSED
        assert self.target().card_number == "01000100"

    def test_it_refuses_staff_of_another_ward_without_acknowledging_the_record(self):
        self.login(self.other_ward_staff)
        assert self.patch(self.target(), {"card_number": "01009999"}).status_code == 404
        assert self.target().card_number == "01000100"

    def test_a_partial_change_keeps_the_rest_of_the_record(self):
        self.login(self.ward_staff)
        before = self.target()
        response = self.patch(before, {"phone": "0912345678"})
        assert response.status_code == 200, response.content
        after = self.target()
        assert after.person.phone == "0912345678"
        assert (after.person.full_name, after.card_number, after.admission_date) == (
            before.person.full_name, before.card_number, before.admission_date)

    def test_it_refuses_a_cell_of_another_ward_and_changes_nothing(self):
        self.login(self.ward_staff)
        response = self.patch(self.target(), {"cell_id": self.other_cell.pk, "phone": "0912345678"})
        assert response.status_code == 400 and f"có mã {self.other_cell.pk}" in str(response.json())
        assert self.target().person.organization == self.cell and self.target().person.phone != "0912345678"

    def test_the_ward_office_adds_a_member_under_prosecution(self):
        self.login(self.ward_staff)
        data = {"organization_id": self.ward.pk, "cell_id": self.cell.pk, "full_name": "Đinh Văn Hải",
                "admission_date": "2015-05-19", "official_date": "2016-05-19", "status": "prosecuted",
                "status_date": "2024-03-01"}
        response = self.client.post("/api/members/", json.dumps(data), content_type="application/json")
        assert response.status_code == 201, response.content
        added = PartyMember.objects.get(person__full_name="Đinh Văn Hải")
        assert added.person.organization == self.cell and added.prosecuted
        self.login(self.committee_member)
        refused = self.client.post("/api/members/", json.dumps({**data, "full_name": "Người khác"}),
                                   content_type="application/json")
        assert refused.status_code == 403 and refused.json()["detail"] == actions.ADD_REFUSED
