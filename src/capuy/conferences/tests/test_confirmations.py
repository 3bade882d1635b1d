"""Opening (with the quorum figures) and closing a conference ask for confirmation first."""

import datetime

from django.urls import reverse
from django.utils import timezone

from capuy.conferences.models import Conference
from capuy.conferences.tests.base import ConferenceTestCase


class ConfirmationTests(ConferenceTestCase):
    def open(self, **extra):
        return self.client.post(reverse("conferences:control_action", args=[self.conference.pk]),
                                {"action": "open", **extra})

    def close(self, **extra):
        return self.client.post(reverse("conferences:close", args=[self.conference.pk]),
                                {"conclusion": "Thống nhất các nội dung.", **extra})

    def test_a_conference_is_not_opened_before_its_date(self):
        self.conference.date = timezone.localdate() + datetime.timedelta(days=20)
        self.conference.save()
        before = self.conference.status
        self.login(self.district_staff)
        response = self.open(**{"xac-nhan": "1"})
        self.assertEqual(response.status_code, 302)
        page = self.client.get(response["Location"])
        self.assertContains(page, "chưa khai mạc được trước ngày đó")
        self.conference.refresh_from_db()
        self.assertEqual((self.conference.status, self.conference.opened_at), (before, None))

    def test_a_conference_before_its_date_is_refused_before_the_quorum_question(self):
        self.conference.date = timezone.localdate() + datetime.timedelta(days=20)
        self.conference.save()
        self.login(self.district_staff)
        response = self.open()  # not yet confirmed: no question to answer, the refusal at once
        self.assertEqual(response.status_code, 302)
        page = self.client.get(response["Location"])
        self.assertContains(page, "chưa khai mạc được trước ngày đó")
        self.assertNotContains(page, "Xác nhận khai mạc hội nghị")

    def test_opening_below_quorum_warns_with_the_figures_and_changes_nothing(self):
        self.login(self.district_staff)
        self.invited()
        self.conference.check_in(self.members[0])
        response = self.open()
        self.assertContains(response, "Xác nhận khai mạc hội nghị")
        self.assertContains(response, "mới có 1/5 đồng chí có mặt, còn thiếu 3")
        self.assertContains(response, "Vẫn khai mạc khi chưa đủ số lượng")
        self.assertContains(response, 'name="xac-nhan" value="1"')
        self.conference.refresh_from_db()
        self.assertEqual(self.conference.status, Conference.Status.INVITED)

    def test_opening_with_quorum_shows_the_figures_without_warning(self):
        self.login(self.district_staff)
        self.invited()
        for person in self.members[:4]:
            self.conference.check_in(person)
        response = self.open()
        self.assertContains(response, "Có mặt 4/5; cần ít nhất 4")
        self.assertNotContains(response, "Cảnh báo")

    def test_the_confirmed_request_opens(self):
        self.login(self.district_staff)
        self.invited()
        self.open(**{"xac-nhan": "1"})
        self.conference.refresh_from_db()
        self.assertEqual(self.conference.status, Conference.Status.IN_PROGRESS)

    def test_closing_asks_and_carries_the_conclusion(self):
        self.login(self.district_staff)
        self.running()
        response = self.close()
        self.assertContains(response, "Xác nhận bế mạc hội nghị")
        self.assertContains(response, 'name="conclusion" value="Thống nhất các nội dung."')
        self.conference.refresh_from_db()
        self.assertEqual(self.conference.status, Conference.Status.IN_PROGRESS)

    def test_it_refuses_staff_of_another_ward_a_committee_member_and_a_party_member(self):
        self.invited()
        for user, status in ((self.other_ward_staff, 404), (self.committee_member, 403), (self.party_member, 404)):
            self.login(user)
            self.assertEqual(self.open().status_code, status, user)
            self.assertEqual(self.open(**{"xac-nhan": "1"}).status_code, status, user)
        self.client.logout()
        self.assertEqual(self.open().status_code, 302)
        self.conference.refresh_from_db()
        self.assertEqual(self.conference.status, Conference.Status.INVITED)
