"""Invitations: the body's members and guests, e-mail, the invitee's own page, answers and the QR code."""

import datetime
import re

from django.core import mail
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from capuy.conferences.models import Attendance, Conference, Invitation
from capuy.conferences.tests.base import ConferenceTestCase

D = datetime.date


class InvitationTests(ConferenceTestCase):
    def test_staff_invite_the_body_members_and_a_guest_with_the_printed_title(self):
        self.login(self.district_staff)
        self.client.post(reverse("conferences:invite_members", args=[self.conference.pk]))
        self.client.post(reverse("conferences:invite_guest", args=[self.conference.pk]),
                         {"person": self.guest.pk, "title": "Phó Bí thư Thành ủy, Trưởng Ban Tổ chức Thành ủy"})
        members = self.conference.invitations.filter(role=Invitation.Role.MEMBER)
        assert members.count() == 5
        assert members.first().person == self.secretary  # the secretary comes first
        guest = self.conference.invitations.get(role=Invitation.Role.GUEST)
        assert guest.name_with_title == "Nguyễn Văn Khách, Phó Bí thư Thành ủy, Trưởng Ban Tổ chức Thành ủy"

    def test_inviting_members_twice_adds_nobody(self):
        self.conference.invite_body_members()
        assert self.conference.invite_body_members() == 0

    def test_a_new_guest_can_be_entered_with_name_and_title(self):
        self.login(self.district_staff)
        self.client.post(reverse("conferences:invite_guest", args=[self.conference.pk]),
                         {"full_name": "Đại biểu Mới", "title": "Trưởng Ban Dân vận Quận ủy"})
        invitation = self.conference.invitations.get(person__full_name="Đại biểu Mới")
        assert invitation.printed_title == "Trưởng Ban Dân vận Quận ủy"

    def test_a_guest_form_with_errors_comes_back_as_typed_with_its_errors_and_nothing_saved(self):
        self.login(self.district_staff)
        response = self.client.post(reverse("conferences:invite_guest", args=[self.conference.pk]),
                                    {"title": "Trưởng Ban Dân vận Quận ủy"})  # neither a person nor a name
        assert response.status_code == 400
        page = response.content.decode()
        assert 'value="Trưởng Ban Dân vận Quận ủy"' in page and 'class="errorlist' in page
        assert "<details open><summary>Thêm khách mời" in page  # the form is shown open, with its errors
        assert not self.conference.invitations.exists()

    def test_an_agenda_item_with_errors_comes_back_as_typed_with_its_errors_and_nothing_saved(self):
        self.login(self.district_staff)
        before = self.conference.agenda_items.count()
        response = self.client.post(reverse("conferences:agenda_add", args=[self.conference.pk]),
                                    {"order": "", "kind": "bao_cao", "title": "Báo cáo chính trị"})
        assert response.status_code == 400
        page = response.content.decode()
        assert 'value="Báo cáo chính trị"' in page and 'class="errorlist' in page
        assert "<details open><summary>Thêm nội dung" in page
        assert self.conference.agenda_items.count() == before

    def test_sending_mails_every_invitee_with_an_address_and_marks_the_conference_invited(self):
        self.conference.invite_body_members()
        self.secretary.email = "bithu@capuy.invalid"
        self.secretary.save()
        self.login(self.district_staff)
        self.client.post(reverse("conferences:send_invitations", args=[self.conference.pk]))
        self.conference.refresh_from_db()
        assert self.conference.status == Conference.Status.INVITED
        # The person's address, else the address of their login.
        assert sorted(m.to[0] for m in mail.outbox) == ["bithu@capuy.invalid", "capuy.binh@capuy.invalid"]
        sent = next(m for m in mail.outbox if m.to == ["bithu@capuy.invalid"])
        assert sent.subject == f"Giấy mời: {self.conference.title}"
        assert "Kính gửi đồng chí Lê Thị Thu Hằng, Bí thư Quận ủy, Chủ tịch HĐND quận" in sent.body
        assert not self.conference.invitations.filter(sent_at__isnull=True).exists()

    @override_settings(EMAIL_BACKEND="capuy.core.mail.QueuedEmailBackend",
                       EMAIL_DELIVERY_BACKEND="django.core.mail.backends.locmem.EmailBackend")
    def test_invitation_mails_go_through_the_queue_with_one_delivery_record_per_invitation(self):
        from capuy.core.models import OutgoingMail

        self.conference.invite_body_members()
        self.login(self.district_staff)
        with self.captureOnCommitCallbacks(execute=False) as callbacks:
            self.client.post(reverse("conferences:send_invitations", args=[self.conference.pk]))
        assert mail.outbox == []  # the request did not wait for the mail server
        invitation = self.conference.invitations.get(person__user=self.committee_member)
        record = OutgoingMail.objects.get(about=f"conferences.invitation:{invitation.pk}")
        assert record.status == OutgoingMail.Status.QUEUED and record.recipients == "capuy.binh@capuy.invalid"
        for callback in callbacks:
            callback()
        record.refresh_from_db()
        assert record.status == OutgoingMail.Status.SENT and len(mail.outbox) == 1
        page = self.client.get(reverse("conferences:prepare", args=[self.conference.pk])).content.decode()
        assert "Đã gửi thư</span>" in page

    def test_sending_without_invitees_is_refused(self):
        self.login(self.district_staff)
        response = self.client.post(reverse("conferences:send_invitations", args=[self.conference.pk]), follow=True)
        assert "Chưa có ai trong danh sách được mời." in response.content.decode()
        self.conference.refresh_from_db()
        assert self.conference.status == Conference.Status.DRAFT

    def test_my_conferences_lists_what_the_user_is_invited_to(self):
        self.invited()
        other = self.make_conference(day=D(2023, 12, 1))
        self.login(self.committee_member)
        page = self.client.get(reverse("conferences:mine")).content.decode()
        assert "Hội nghị của tôi" in page
        assert self.conference.title in page and other.title not in page

    def test_an_invitee_answers_absent_with_a_reason(self):
        self.invited()
        self.login(self.committee_member)
        response = self.client.post(reverse("conferences:answer", args=[self.conference.pk]),
                                    {"answer": "absent", "reason": ""})
        assert response.status_code == 400 and "Vui lòng cho biết lý do vắng mặt." in response.content.decode()
        assert re.search(r'value="absent"[^>]*checked', response.content.decode())  # the choice is kept
        invitation = self.conference.invitations.get(person=self.committee_person)
        assert invitation.answer == Invitation.Answer.PENDING
        self.client.post(reverse("conferences:answer", args=[self.conference.pk]),
                         {"answer": "absent", "reason": "Đi công tác"})
        invitation.refresh_from_db()
        assert (invitation.answer, invitation.reason) == ("absent", "Đi công tác")

    def test_the_invitation_carries_a_qr_code_as_svg(self):
        self.invited()
        self.login(self.committee_member)
        page = self.client.get(reverse("conferences:invitation", args=[self.conference.pk])).content.decode()
        assert reverse("conferences:invitation_qr", args=[self.conference.pk]) in page
        response = self.client.get(reverse("conferences:invitation_qr", args=[self.conference.pk]))
        assert response["Content-Type"] == "image/svg+xml"
        assert response.content.lstrip().startswith(b"<?xml") or b"<svg" in response.content[:200]

    def test_staff_check_in_the_bearer_of_a_qr_code(self):
        self.invited()
        invitation = self.conference.invitations.get(person=self.committee_person)
        self.login(self.district_staff)
        assert self.client.get(invitation.check_in_url()).status_code == 200
        self.client.post(invitation.check_in_url())
        attendance = Attendance.objects.get(invitation=invitation)
        assert (attendance.status, attendance.method) == ("present", "qr")

    def test_a_qr_code_of_someone_else_is_useless_to_another_member(self):
        self.invited()
        invitation = self.conference.invitations.get(person=self.secretary)
        self.login(self.committee_member)
        assert self.client.post(invitation.check_in_url()).status_code == 404
        assert not Attendance.objects.exists()

    def test_a_member_checks_in_from_the_phone_on_the_day(self):
        conference = self.make_conference(body=self.current_bch(), day=timezone.localdate())
        self.invited(conference)
        self.login(self.committee_member)
        self.client.post(reverse("conferences:self_check_in", args=[conference.pk]))
        attendance = Attendance.objects.get(invitation__person=self.committee_person, conference=conference)
        assert attendance.method == "self"

    def test_self_check_in_on_another_day_is_refused(self):
        self.invited()
        self.login(self.committee_member)
        response = self.client.post(reverse("conferences:self_check_in", args=[self.conference.pk]), follow=True)
        assert "Chỉ tự điểm danh được trong ngày họp." in response.content.decode()
        assert not Attendance.objects.exists()


class PreparationPageTests(ConferenceTestCase):
    def test_no_two_fields_of_the_preparation_page_share_an_id(self):
        import re
        from collections import Counter

        self.login(self.district_staff)
        page = self.client.get(reverse("conferences:prepare", args=[self.conference.pk])).content.decode()
        ids = Counter(re.findall(r'\sid="([^"]+)"', page))
        assert [i for i, n in ids.items() if n > 1] == []
