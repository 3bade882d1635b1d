"""The REST API under /api/conferences/."""

import datetime

from django.utils import timezone

from capuy.accounts.models import ApiToken
from capuy.conferences.models import Conference, Draft, DraftComment
from capuy.conferences.tests.base import ConferenceTestCase

D = datetime.date


class ApiTests(ConferenceTestCase):
    def api(self, method, path, user=None, data=None):
        headers = {}
        if user is not None:
            _, key = ApiToken.issue(user)
            headers["Authorization"] = f"Bearer {key}"
        call = getattr(self.client, method)
        kwargs = {"content_type": "application/json"} if data is not None else {}
        return call(f"/api{path}", data, headers=headers, **kwargs) if data is not None else call(f"/api{path}",
                                                                                                   headers=headers)

    def test_anonymous_callers_are_refused(self):
        assert self.api("get", "/conferences/").status_code == 401

    def test_staff_create_a_conference_and_it_gets_the_next_number(self):
        response = self.api("post", "/conferences/", self.district_staff,
                            {"body_id": self.bch.pk, "date": "2023-12-20", "kind": "year_end",
                             "reviewed_period": "năm 2023", "chair_ids": [self.secretary.pk]})
        assert response.status_code == 201, response.content
        body = response.json()
        assert body["number"] == 2 and body["title"].startswith("Hội nghị lần thứ 2 Ban Chấp hành")
        assert body["chair_ids"] == [self.secretary.pk]

    def test_staff_of_another_ward_cannot_create_or_read(self):
        response = self.api("post", "/conferences/", self.other_ward_staff, {"body_id": self.bch.pk, "date": "2023-12-20"})
        assert response.status_code == 404
        assert self.api("get", f"/conferences/{self.conference.pk}/", self.other_ward_staff).status_code == 404
        assert self.api("get", "/conferences/", self.other_ward_staff).json() == []

    def test_a_date_outside_the_term_gets_a_vietnamese_message(self):
        response = self.api("post", "/conferences/", self.district_staff, {"body_id": self.bch.pk, "date": "2026-01-01"})
        assert response.status_code == 400
        assert "Ngày họp nằm ngoài nhiệm kỳ" in response.json()["detail"]

    def test_the_record_is_exposed_agenda_invitations_attendance_and_speeches(self):
        conference = self.running()
        conference.check_in(self.members[0])
        conference.record_speech(self.members[1], "tham_luan", "Tham luận về xây dựng Đảng")
        pk = conference.pk
        agenda = self.api("get", f"/conferences/{pk}/agenda/", self.committee_member).json()
        assert [i["title"] for i in agenda][:2] == ["Khai mạc", "Báo cáo kết quả 9 tháng năm 2023"]
        invitations = self.api("get", f"/conferences/{pk}/invitations/", self.committee_member).json()
        assert len(invitations) == 5
        attendance = self.api("get", f"/conferences/{pk}/attendance/", self.committee_member).json()
        assert attendance["quorum"]["present"] == 1 and attendance["quorum"]["base"] == 5
        speeches = self.api("get", f"/conferences/{pk}/speeches/", self.committee_member).json()
        assert speeches[0]["kind"] == "tham_luan" and speeches[0]["summary"] == "Tham luận về xây dựng Đảng"

    def test_check_in_twice_through_the_api_is_refused(self):
        conference = self.invited()
        path = f"/conferences/{conference.pk}/attendance/"
        assert self.api("post", path, self.district_staff, {"person_id": self.members[0].pk}).status_code == 200
        response = self.api("post", path, self.district_staff, {"person_id": self.members[0].pk})
        assert response.status_code == 400 and "đã điểm danh" in response.json()["detail"]

    def test_an_invitee_checks_in_only_themself(self):
        conference = self.invited(self.make_conference(body=self.current_bch(), day=timezone.localdate()))
        path = f"/conferences/{conference.pk}/attendance/"
        response = self.api("post", path, self.committee_member, {"person_id": self.secretary.pk})
        assert response.status_code == 403
        assert self.api("post", path, self.committee_member, {"person_id": self.committee_person.pk}).status_code == 200

    def test_drafts_comments_and_answers(self):
        conference = self.invited()
        pk = conference.pk
        draft = self.api("post", f"/conferences/{pk}/drafts/", self.district_staff,
                         {"kind": "nghi_quyet", "title": "Dự thảo Nghị quyết", "text": "# I\n\nĐoạn một."}).json()
        comment = self.api("post", f"/conferences/{pk}/drafts/{draft['id']}/comments/", self.committee_member,
                           {"text": "Bổ sung", "paragraph": 2})
        assert comment.status_code == 201 and comment.json()["section"] == "I"
        cid = comment.json()["id"]
        refused = self.api("post", f"/conferences/{pk}/drafts/{draft['id']}/comments/{cid}/answer/",
                           self.committee_member, {"answer": "accepted"})
        assert refused.status_code == 403
        answered = self.api("post", f"/conferences/{pk}/drafts/{draft['id']}/comments/{cid}/answer/",
                            self.district_staff, {"answer": "accepted", "answer_text": "Đã bổ sung"})
        assert answered.json()["answer"] == "accepted"
        assert DraftComment.objects.get(pk=cid).answer_text == "Đã bổ sung"

    def test_a_comment_on_a_closed_draft_is_refused(self):
        conference = self.invited()
        draft = Draft.objects.create(conference=conference, title="Dự thảo", status=Draft.Status.CLOSED)
        draft.add_version("Nội dung")
        response = self.api("post", f"/conferences/{conference.pk}/drafts/{draft.pk}/comments/", self.committee_member,
                            {"text": "Muộn"})
        assert response.status_code == 400 and response.json()["detail"] == "Dự thảo đã khóa góp ý."
        assert not DraftComment.objects.exists()

    def test_editing_a_closed_conference_through_the_api_changes_nothing(self):
        conference = self.running()
        conference.close("Kết luận")
        response = self.api("patch", f"/conferences/{conference.pk}/", self.district_staff, {"venue": "Nơi khác"})
        assert response.status_code == 400
        assert response.json()["detail"] == "Hội nghị đã bế mạc, không thể thay đổi hồ sơ."
        assert Conference.objects.get(pk=conference.pk).venue == ""

    def test_my_conferences(self):
        self.invited()
        mine = self.api("get", "/conferences/mine/", self.committee_member).json()
        assert [c["id"] for c in mine] == [self.conference.pk]

    def test_the_office_edits_and_removes_an_agenda_item_through_the_api(self):
        item = self.conference.agenda_items.order_by("order").last()
        path = f"/conferences/{self.conference.pk}/agenda/{item.pk}/"
        response = self.api("patch", path, self.district_staff, {"title": "Báo cáo kết quả năm 2023"})
        assert response.status_code == 200 and response.json()["title"] == "Báo cáo kết quả năm 2023"
        item.refresh_from_db()
        assert item.title == "Báo cáo kết quả năm 2023" and item.order  # the fields not sent stay
        assert self.api("delete", path, self.committee_member).status_code == 403
        assert self.api("delete", path, self.district_staff).status_code == 204
        assert not self.conference.agenda_items.filter(pk=item.pk).exists()

    def test_a_speech_summary_is_written_through_the_api(self):
        conference = self.running()
        speech = conference.record_speech(self.members[1], "tham_luan", "")
        path = f"/conferences/{conference.pk}/speeches/{speech.pk}/"
        response = self.api("patch", path, self.district_staff, {"summary": "Tham luận về chuyển đổi số"})
        assert response.status_code == 200 and response.json()["summary"] == "Tham luận về chuyển đổi số"
        other = self.api("patch", f"/conferences/{conference.pk}/speeches/999999/", self.district_staff,
                         {"summary": "x"})
        assert other.status_code == 404
