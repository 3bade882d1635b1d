"""Who may see and who may change a conference (the rules of ``capuy.accounts.permissions``)."""

from django.urls import reverse

from capuy.conferences.models import Conference
from capuy.conferences.tests.base import ConferenceTestCase

READ_PAGES = ["detail", "follow", "live_panel"]
STAFF_PAGES = ["prepare", "attendance", "control", "edit"]


class PermissionTests(ConferenceTestCase):
    def setUp(self):
        super().setUp()
        self.ward_conference = self.make_conference(body=self.ward_bch)

    def url(self, name, conference=None):
        return reverse(f"conferences:{name}", args=[(conference or self.conference).pk])

    def test_anonymous_visitors_are_sent_to_the_login_page(self):
        for name in READ_PAGES + STAFF_PAGES + ["minutes", "screen"]:
            response = self.client.get(self.url(name))
            assert response.status_code == 302 and "/tai-khoan/dang-nhap/" in response["Location"], name
        assert self.client.get(reverse("conferences:index")).status_code == 302

    def test_office_staff_of_the_organization_prepare_and_run_it(self):
        self.login(self.district_staff)
        for name in READ_PAGES + STAFF_PAGES + ["minutes", "screen"]:
            assert self.client.get(self.url(name)).status_code == 200, name

    def test_office_staff_of_a_superior_also_manage_a_ward_conference(self):
        self.login(self.district_staff)
        assert self.client.get(self.url("prepare", self.ward_conference)).status_code == 200

    def test_office_staff_of_another_ward_see_nothing_of_it(self):
        self.login(self.other_ward_staff)
        for name in READ_PAGES + STAFF_PAGES + ["minutes"]:
            assert self.client.get(self.url(name, self.ward_conference)).status_code == 404, name
        response = self.client.post(reverse("conferences:invite_members", args=[self.ward_conference.pk]))
        assert response.status_code == 404
        assert not self.ward_conference.invitations.exists()
        assert self.ward_conference.title not in self.client.get(reverse("conferences:index")).content.decode()

    def test_office_staff_of_a_ward_cannot_read_the_district_conference(self):
        self.login(self.ward_staff)
        assert self.client.get(self.url("detail")).status_code == 404

    def test_a_committee_member_reads_but_may_not_run_the_conference(self):
        self.login(self.committee_member)
        assert self.client.get(self.url("detail")).status_code == 200
        assert self.client.get(self.url("control")).status_code == 403
        response = self.client.post(reverse("conferences:control_action", args=[self.conference.pk]), {"action": "open"})
        assert response.status_code == 403
        self.conference.refresh_from_db()
        assert self.conference.status == Conference.Status.DRAFT

    def test_an_invitee_sees_only_the_conferences_they_were_invited_to(self):
        self.invited()
        self.conference.invite_guest(self.member_person, "Bí thư Chi bộ tổ dân phố số 1")
        other = self.make_conference()
        self.login(self.party_member)
        assert self.client.get(self.url("detail")).status_code == 200
        assert self.client.get(self.url("invitation")).status_code == 200
        assert self.client.get(self.url("detail", other)).status_code == 404
        assert self.client.get(self.url("prepare")).status_code == 403
        index = self.client.get(reverse("conferences:index")).content.decode()
        assert self.conference.get_absolute_url() in index and other.get_absolute_url() not in index

    def test_an_invitee_may_not_open_the_presiding_screen_or_the_minutes(self):
        self.conference.invite_guest(self.member_person)
        self.login(self.party_member)
        assert self.client.get(self.url("screen")).status_code == 404
        assert self.client.get(self.url("minutes")).status_code == 404

    def test_only_office_staff_may_create_a_conference(self):
        self.login(self.party_member)
        assert self.client.get(reverse("conferences:create")).status_code == 403
        self.login(self.district_staff)
        response = self.client.post(reverse("conferences:create"), {
            "body": self.bch.pk, "kind": "regular", "date": "2023-12-20", "session": "morning"})
        conference = Conference.objects.order_by("-pk").first()
        assert response.status_code == 302 and (conference.body, conference.number) == (self.bch, 2)

    def test_staff_cannot_create_a_conference_of_a_body_they_do_not_manage(self):
        self.login(self.ward_staff)
        before = Conference.objects.count()
        response = self.client.post(reverse("conferences:create"), {
            "body": self.bch.pk, "kind": "regular", "date": "2023-12-20", "session": "morning"})
        assert response.status_code == 400
        assert Conference.objects.count() == before
