"""GET /api/conferences/{id}/roll/: the roll the quorum screen and the votes use, with reasons."""

import datetime

from capuy.accounts.models import ApiToken
from capuy.conferences.tests.base import ConferenceTestCase
from capuy.core.testing import make_user
from capuy.members.models import PartyMember, Status

D = datetime.date


class RollApiTests(ConferenceTestCase):
    def api(self, method, path, user):
        _, key = ApiToken.issue(user)
        return getattr(self.client, method)(f"/api{path}", headers={"Authorization": f"Bearer {key}"})

    def test_readers_get_the_base_the_reasons_and_the_quorum(self):
        PartyMember.objects.get(person=self.members[0]).record_status(Status.SUSPENDED, D(2023, 5, 1))
        conference = self.running()
        conference.check_in(self.members[1])
        body = self.api("get", f"/conferences/{conference.pk}/roll/", self.district_staff).json()
        assert (body["kind"], body["base"], body["present"], body["required"], body["reached"]) == (
            "body", 4, 1, 3, False)
        assert body["excluded"] == [{"person_id": self.members[0].pk, "full_name": self.members[0].full_name,
                                     "reason": "Đình chỉ sinh hoạt đảng"}]
        assert "Điều 9" in body["rule"]

    def test_an_unknown_kind_is_refused_in_vietnamese(self):
        response = self.api("get", f"/conferences/{self.conference.pk}/roll/?kind=all", self.district_staff)
        assert response.status_code == 400 and "Cơ sở tính không hợp lệ" in response.json()["detail"]

    def test_an_invitee_without_the_right_to_read_the_organization_is_refused(self):
        conference = self.invited()
        person = next(p for p in self.members if p.full_name == "Nguyễn Văn An")
        invitee = make_user("uyvien.an", person)
        assert conference.invitations.filter(person=person).exists()
        assert self.api("get", f"/conferences/{conference.pk}/roll/", invitee).status_code == 403
        assert self.api("get", f"/conferences/{conference.pk}/roll/", self.other_ward_staff).status_code == 404
