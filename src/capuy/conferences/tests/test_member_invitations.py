"""A member's page lists their invitations with an answer form and a calendar file."""

import datetime

from django.urls import reverse

from capuy.conferences.models import Invitation
from capuy.conferences.tests.base import ConferenceTestCase
from capuy.core.testing import make_user


class MemberInvitationTests(ConferenceTestCase):
    def setUp(self):
        super().setUp()
        self.invited()
        self.invitation = self.conference.invitations.get(person=self.members[0])
        self.member_user = getattr(self.members[0], "user", None) or make_user("bch.an", self.members[0])

    def test_my_page_lists_the_invitation_with_rsvp_and_calendar_link(self):
        self.login(self.member_user)
        page = self.client.get(reverse("members:me"))
        self.assertContains(page, "Hội nghị và giấy mời của tôi")
        self.assertContains(page, self.conference.title)
        self.assertContains(page, reverse("conferences:invitation_ics", args=[self.conference.pk]))
        self.assertContains(page, f'action="{reverse("conferences:answer", args=[self.conference.pk])}"')
        self.assertNotContains(page, "Chưa có giấy mời hoặc văn bản nào")

    def test_answering_from_my_page_comes_back_to_it(self):
        self.login(self.member_user)
        response = self.client.post(reverse("conferences:answer", args=[self.conference.pk]),
                                    {"answer": "absent", "reason": "Đi công tác", "next": reverse("members:me")})
        self.assertRedirects(response, reverse("members:me"))
        self.invitation.refresh_from_db()
        self.assertEqual(self.invitation.answer, Invitation.Answer.ABSENT)

    def test_an_absence_without_reason_is_refused(self):
        self.login(self.member_user)
        self.client.post(reverse("conferences:answer", args=[self.conference.pk]),
                         {"answer": "absent", "reason": "", "next": reverse("members:me")})
        self.invitation.refresh_from_db()
        self.assertEqual(self.invitation.answer, Invitation.Answer.PENDING)

    def test_the_calendar_file_is_an_event_at_the_conference_time(self):
        self.login(self.member_user)
        response = self.client.get(reverse("conferences:invitation_ics", args=[self.conference.pk]))
        self.assertEqual(response["Content-Type"], "text/calendar; charset=utf-8")
        text = response.content.decode()
        self.assertIn("BEGIN:VEVENT", text)
        self.assertIn(f"UID:hoi-nghi-{self.conference.pk}@", text)
        day = self.conference.date.strftime("%Y%m%d")
        # No start time recorded: a whole-day event on the meeting date, no hour guessed.
        self.assertIn(f"DTSTART;VALUE=DATE:{day}", text)
        self.assertNotIn(f"DTSTART:{day}T", text)
        self.assertTrue(all(len(line.encode()) <= 75 for line in text.split("\r\n")))
        self.conference.start_time, self.conference.end_time = datetime.time(8, 0), datetime.time(11, 30)
        self.conference.save()
        text = self.client.get(reverse("conferences:invitation_ics", args=[self.conference.pk])).content.decode()
        self.assertIn(f"DTSTART:{day}T010000Z", text)  # 8:00 in Hà Nội (UTC+7)
        self.assertIn(f"DTEND:{day}T043000Z", text)

    def test_the_calendar_file_is_refused_to_staff_of_another_ward_and_anonymous(self):
        self.login(self.other_ward_staff)
        self.assertEqual(self.client.get(reverse("conferences:invitation_ics", args=[self.conference.pk])).status_code,
                         404)
        self.client.logout()
        self.assertEqual(self.client.get(reverse("conferences:invitation_ics", args=[self.conference.pk])).status_code,
                         302)

    def test_an_unsent_invitation_is_not_listed(self):
        Invitation.objects.filter(pk=self.invitation.pk).update(sent_at=None)
        self.login(self.member_user)
        self.assertNotContains(self.client.get(reverse("members:me")), "Hội nghị và giấy mời của tôi")
