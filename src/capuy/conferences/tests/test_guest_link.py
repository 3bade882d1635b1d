"""The guest link: an invitee without a login sees the invitation, answers and checks in; nothing more."""

import datetime

from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from capuy.conferences import guest
from capuy.conferences.models import AgendaAttachment, Attendance, Conference, Invitation
from capuy.conferences.tests.base import ConferenceTestCase
from capuy.core.testing import make_person


class GuestLinkTests(ConferenceTestCase):
    def setUp(self):
        super().setUp()
        self.conference.invite_body_members()
        self.invitation = self.conference.invite_guest(self.guest, "Phó Bí thư Thành ủy")
        self.conference.send_invitations()
        self.attachment = AgendaAttachment(item=self.conference.agenda_items.first(), title="Báo cáo 9 tháng")
        self.attachment.file.save("bao-cao.pdf", ContentFile(b"%PDF-1.4 bao cao"), save=True)
        self.link = self.invitation.guest_url()

    def signed(self, invitation=None):
        return guest.signed_token(invitation or self.invitation)

    def test_the_guest_sees_the_invitation_and_its_documents_without_logging_in(self):
        page = self.client.get(self.link).content.decode()
        assert "Kính gửi đồng chí <strong>Nguyễn Văn Khách</strong>, Phó Bí thư Thành ủy" in page
        assert "Báo cáo 9 tháng" in page
        response = self.client.get(reverse("conferences:guest_attachment", args=[self.signed(), self.attachment.pk]))
        assert response.status_code == 200 and b"".join(response.streaming_content) == b"%PDF-1.4 bao cao"

    def test_the_guest_answers_through_the_link(self):
        self.client.post(reverse("conferences:guest_answer", args=[self.signed()]),
                         {"answer": "absent", "reason": "Đi công tác"})
        self.invitation.refresh_from_db()
        assert self.invitation.answer == Invitation.Answer.ABSENT and self.invitation.reason == "Đi công tác"

    def test_an_absence_without_reason_is_refused_and_nothing_changes(self):
        response = self.client.post(reverse("conferences:guest_answer", args=[self.signed()]),
                                    {"answer": "absent"}, follow=True)
        assert "Vui lòng cho biết lý do vắng mặt." in response.content.decode()
        self.invitation.refresh_from_db()
        assert self.invitation.answer == Invitation.Answer.PENDING

    def test_the_guest_checks_in_on_the_meeting_day_only(self):
        response = self.client.post(reverse("conferences:guest_check_in", args=[self.signed()]), follow=True)
        assert "Chỉ tự điểm danh được trong ngày họp." in response.content.decode()
        assert not Attendance.objects.filter(invitation=self.invitation).exists()
        Conference.objects.filter(pk=self.conference.pk).update(date=timezone.localdate())
        self.client.post(reverse("conferences:guest_check_in", args=[self.signed()]))
        attendance = Attendance.objects.get(invitation=self.invitation)
        assert attendance.status == Attendance.Status.PRESENT and attendance.method == Attendance.Method.SELF

    def test_a_forged_or_unsigned_link_is_refused(self):
        assert self.client.get(reverse("conferences:guest_invitation", args=[self.invitation.token])).status_code == 404
        forged = self.signed()[:-2] + ("AA" if not self.signed().endswith("AA") else "BB")
        assert self.client.get(reverse("conferences:guest_invitation", args=[forged])).status_code == 404
        response = self.client.post(reverse("conferences:guest_answer", args=[forged]), {"answer": "attending"})
        assert response.status_code == 404

    def test_the_link_is_refused_once_the_invitation_is_withdrawn(self):
        signed = self.signed()
        self.invitation.delete()
        assert self.client.get(reverse("conferences:guest_invitation", args=[signed])).status_code == 404

    def test_the_link_is_refused_after_the_conference_is_closed(self):
        Conference.objects.filter(pk=self.conference.pk).update(status=Conference.Status.CLOSED)
        response = self.client.get(self.link)
        assert response.status_code == 403 and "Hội nghị đã bế mạc" in response.content.decode()
        response = self.client.post(reverse("conferences:guest_answer", args=[self.signed()]), {"answer": "attending"})
        assert response.status_code == 403
        self.invitation.refresh_from_db()
        assert self.invitation.answer == Invitation.Answer.PENDING

    def test_another_guests_link_does_not_open_this_conferences_documents(self):
        other = self.make_conference(day=datetime.date(2023, 11, 5))
        other_guest = other.invite_guest(make_person("Trần Khách Khác", self.city), "Đại biểu")
        response = self.client.get(reverse("conferences:guest_attachment", args=[self.signed(other_guest),
                                                                                 self.attachment.pk]))
        assert response.status_code == 404

    def test_the_link_gives_no_access_to_anything_else(self):
        self.client.get(self.link)
        assert "_auth_user_id" not in self.client.session
        for url in (reverse("conferences:detail", args=[self.conference.pk]),
                    reverse("conferences:invitation", args=[self.conference.pk]),
                    reverse("conferences:attachment_file", args=[self.conference.pk, self.attachment.pk])):
            response = self.client.get(url)
            assert response.status_code == 302 and "/dang-nhap/" in response["Location"], url

    def test_the_office_gets_the_links_qr_code_but_nobody_else(self):
        url = reverse("conferences:guest_qr", args=[self.conference.pk, self.invitation.pk])
        self.login(self.district_staff)
        assert self.client.get(url)["Content-Type"] == "image/svg+xml"
        self.login(self.other_ward_staff)
        assert self.client.get(url).status_code == 404
        self.login(self.party_member)
        assert self.client.get(url).status_code == 404

    def test_the_mail_to_an_invitee_without_login_carries_the_guest_link(self):
        from django.core import mail

        self.guest.email = "khach@capuy.invalid"
        self.guest.save()
        Invitation.objects.filter(pk=self.invitation.pk).update(sent_at=None)
        self.conference.send_invitations(base_url="https://capuy.test")
        sent = next(m for m in mail.outbox if m.to == ["khach@capuy.invalid"])
        assert f"https://capuy.test{self.link}" in sent.body
