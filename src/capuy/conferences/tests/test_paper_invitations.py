"""The printable paper invitations: for invitees without e-mail, groups and failed mails; office only."""

from django.urls import reverse

from capuy.conferences.models import Invitation
from capuy.conferences.tests.base import ConferenceTestCase
from capuy.core.models import OutgoingMail


class PaperInvitationTests(ConferenceTestCase):
    def setUp(self):
        super().setUp()
        self.conference.invite_body_members()
        Invitation.objects.create(conference=self.conference, group_name="Đại diện lãnh đạo các đoàn thể phường",
                                  role=Invitation.Role.GUEST)
        self.url = reverse("conferences:paper_invitations", args=[self.conference.pk])

    def test_it_prints_one_invitation_per_invitee_without_e_mail_and_not_those_mailed(self):
        self.login(self.district_staff)
        page = self.client.get(self.url).content.decode()
        mailed = self.conference.invitations.get(person__user=self.committee_member)
        assert page.count('class="paper-invitation"') == self.conference.invitations.count() - 1
        assert f"Giấy mời {mailed.attendee_name}" not in page
        assert "Kính gửi: Đại diện lãnh đạo các đoàn thể phường" in page
        assert "conferences/paper.css" in page and "<script>" not in page and "<style" not in page

    def test_an_invitee_whose_mail_failed_is_printed_too(self):
        mailed = self.conference.invitations.get(person__user=self.committee_member)
        OutgoingMail.objects.create(subject="x", recipients="a@b.invalid", status=OutgoingMail.Status.FAILED,
                                    error="550 hộp thư đầy", about=f"conferences.invitation:{mailed.pk}")
        self.login(self.district_staff)
        page = self.client.get(self.url).content.decode()
        assert f"Giấy mời {mailed.attendee_name}" in page and "550 hộp thư đầy" in page

    def test_it_refuses_staff_of_another_ward(self):
        self.login(self.other_ward_staff)
        assert self.client.get(self.url).status_code == 404

    def test_it_refuses_a_party_member(self):
        self.login(self.party_member)
        assert self.client.get(self.url).status_code == 404

    def test_it_refuses_a_committee_member_who_is_only_invited(self):
        self.login(self.committee_member)
        assert self.client.get(self.url).status_code == 403

    def test_it_sends_anonymous_visitors_to_log_in(self):
        response = self.client.get(self.url)
        assert response.status_code == 302 and "/dang-nhap/" in response["Location"]
