"""The page and the API apply the same rules of the meeting, with the same Vietnamese message."""

from unittest import mock

from django.urls import reverse
from django.utils import timezone

from capuy.accounts.models import ApiToken
from capuy.conferences.models import AgendaItem, Attendance, Speech
from capuy.conferences.tests.base import ConferenceTestCase


class Calls(ConferenceTestCase):
    """Calls to a page and to the API, as the given user."""

    def token(self, user):
        return {"Authorization": f"Bearer {ApiToken.issue(user)[1]}"}

    def api_post(self, user, path, data):
        return self.client.post(f"/api{path}", data, content_type="application/json", headers=self.token(user))

    def page_post(self, user, url, data=None):
        self.client.force_login(user)
        response = self.client.post(url, data or {}, follow=True)
        self.client.logout()
        return " ".join(str(m) for m in response.context["messages"])


class PageAndApiAgreeTests(Calls):
    def test_an_invitee_cannot_check_in_on_another_day_than_the_meeting(self):
        conference = self.invited()  # 5 October 2023, not today
        message = "Chỉ tự điểm danh được trong ngày họp."
        response = self.api_post(self.committee_member, f"/conferences/{conference.pk}/attendance/",
                                 {"person_id": self.committee_person.pk})
        self.assertEqual((response.status_code, response.json()["detail"]), (400, message))
        self.assertIn(message, self.page_post(self.committee_member,
                                              reverse("conferences:self_check_in", args=[conference.pk])))
        self.assertFalse(Attendance.objects.filter(conference=conference).exists())

    def test_the_office_records_an_arrival_on_any_day(self):
        conference = self.invited()
        response = self.api_post(self.district_staff, f"/conferences/{conference.pk}/attendance/",
                                 {"person_id": self.committee_person.pk})
        self.assertEqual(response.status_code, 200)

    def test_a_member_marked_absent_cannot_have_spoken(self):
        conference = self.running()
        absent = self.members[2]
        conference.mark_absent(absent, excused=False)
        message = f"Đồng chí {absent.full_name} được ghi vắng không lý do, không thể ghi nhận phát biểu tại hội nghị."
        response = self.api_post(self.district_staff, f"/conferences/{conference.pk}/speeches/",
                                 {"speaker_id": absent.pk, "kind": "y_kien", "summary": "Ý kiến"})
        self.assertEqual((response.status_code, response.json()["detail"]), (400, message))
        self.assertIn(message, self.page_post(self.district_staff, reverse("conferences:speech_add", args=[conference.pk]),
                                              {"speaker": absent.pk, "kind": "y_kien", "summary": "Ý kiến"}))
        self.assertFalse(Speech.objects.filter(conference=conference).exists())

    def test_an_absent_member_may_send_a_written_contribution(self):
        conference = self.running()
        conference.mark_absent(self.members[2], excused=True, reason="Đi công tác")
        speech = conference.record_speech(self.members[2], "tham_luan", "Tham luận gửi bằng văn bản")
        self.assertEqual(speech.kind, "tham_luan")

    def test_a_self_check_in_on_the_meeting_day_is_accepted_by_both(self):
        conference = self.invited(self.make_conference(body=self.current_bch(), day=timezone.localdate()))
        response = self.api_post(self.committee_member, f"/conferences/{conference.pk}/attendance/",
                                 {"person_id": self.committee_person.pk})
        self.assertEqual(response.status_code, 200)


class ApiEditsReachTheLiveScreensTests(Calls):
    def test_editing_the_conference_through_the_api_sends_a_live_event(self):
        with mock.patch("capuy.conferences.live.publish") as publish, self.captureOnCommitCallbacks(execute=True):
            response = self.client.patch(f"/api/conferences/{self.conference.pk}/", {"venue": "Hội trường A"},
                                         content_type="application/json", headers=self.token(self.district_staff))
        self.assertEqual(response.status_code, 200, response.content)
        publish.assert_any_call(self.conference.pk, "conference", {})

    def test_adding_an_agenda_item_through_the_api_sends_a_live_event(self):
        with mock.patch("capuy.conferences.live.publish") as publish, self.captureOnCommitCallbacks(execute=True):
            response = self.api_post(self.district_staff, f"/conferences/{self.conference.pk}/agenda/",
                                     {"order": 4, "kind": AgendaItem.Kind.REPORT, "title": "Báo cáo công tác kiểm tra"})
        self.assertEqual(response.status_code, 201, response.content)
        publish.assert_any_call(self.conference.pk, "agenda", {})
