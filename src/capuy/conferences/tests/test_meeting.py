"""Running the meeting through the office's pages, and the bad input that must change nothing."""

import datetime

from django.urls import reverse
from django.utils import timezone

from capuy.conferences.models import Attendance, Conference, SpeakerRequest, Speech
from capuy.conferences.tests.base import ConferenceTestCase

D = datetime.date


def messages_of(response):
    return [str(m) for m in response.context["messages"]] if response.context else []


class MeetingTests(ConferenceTestCase):
    def post(self, name, data=None, *args):
        return self.client.post(reverse(f"conferences:{name}", args=[self.conference.pk, *args]), data or {},
                                follow=True)

    def test_staff_open_the_conference_and_move_through_the_agenda(self):
        self.login(self.district_staff)
        self.running()
        items = list(self.conference.agenda_items.all())
        self.conference.refresh_from_db()
        assert self.conference.current_item == items[0]
        self.post("control_action", {"action": "next"})
        self.conference.refresh_from_db()
        assert self.conference.current_item == items[1]
        items[0].refresh_from_db()
        assert items[0].ended_at is not None
        self.post("control_action", {"action": "goto", "item": items[2].pk})
        self.conference.refresh_from_db()
        assert self.conference.current_item == items[2]

    def test_staff_check_in_a_member_from_the_list(self):
        self.login(self.district_staff)
        self.invited()
        invitation = self.conference.invitations.get(person=self.members[0])
        response = self.post("attendance_action", {"action": "check_in"}, invitation.pk)
        assert "Đã điểm danh đồng chí" in " ".join(messages_of(response))
        assert Attendance.objects.get(invitation=invitation).status == Attendance.Status.PRESENT

    def test_checking_in_twice_is_refused_with_a_message_and_changes_nothing(self):
        self.login(self.district_staff)
        self.invited()
        invitation = self.conference.invitations.get(person=self.members[0])
        self.post("attendance_action", {"action": "check_in"}, invitation.pk)
        first = Attendance.objects.get(invitation=invitation)
        response = self.post("attendance_action", {"action": "check_in"}, invitation.pk)
        assert any("đã điểm danh" in m for m in messages_of(response))
        again = Attendance.objects.get(invitation=invitation)
        assert (again.arrived_at, again.method) == (first.arrived_at, first.method)
        assert Attendance.objects.filter(conference=self.conference).count() == 1

    def test_no_one_is_checked_in_before_the_meeting_day_and_nothing_is_recorded(self):
        self.invited()
        Conference.objects.filter(pk=self.conference.pk).update(date=timezone.localdate() + datetime.timedelta(days=14))
        self.login(self.district_staff)
        invitation = self.conference.invitations.get(person=self.members[0])
        response = self.post("attendance_action", {"action": "check_in"}, invitation.pk)
        assert "chưa điểm danh có mặt được trước ngày đó" in " ".join(messages_of(response))
        assert not Attendance.objects.filter(invitation=invitation).exists()
        # an absence known in advance may be recorded
        self.post("attendance_action", {"action": "excused", "reason": "Đi công tác"}, invitation.pk)
        assert Attendance.objects.get(invitation=invitation).status == Attendance.Status.EXCUSED

    def test_a_mistaken_check_in_is_undone_and_the_member_is_again_not_on_the_roll(self):
        conference = self.running()
        self.login(self.district_staff)
        invitation = conference.invitations.get(person=self.members[0])
        conference.check_in(self.members[0])
        response = self.post("attendance_action", {"action": "clear"}, invitation.pk)
        assert "Đã hủy điểm danh đồng chí" in " ".join(messages_of(response))
        assert not Attendance.objects.filter(invitation=invitation).exists()
        response = self.post("attendance_action", {"action": "clear"}, invitation.pk)
        assert "chưa được điểm danh" in " ".join(messages_of(response))

    def test_a_late_arrival_and_an_early_departure_are_recorded(self):
        self.running()
        attendance = self.conference.check_in(self.members[0])
        assert attendance.late is True
        self.conference.mark_left(self.members[0], "Họp đột xuất")
        attendance.refresh_from_db()
        assert attendance.left_at is not None and attendance.reason == "Họp đột xuất"

    def test_an_excused_absence_needs_a_reason(self):
        self.login(self.district_staff)
        self.invited()
        invitation = self.conference.invitations.get(person=self.members[1])
        response = self.post("attendance_action", {"action": "excused", "reason": ""}, invitation.pk)
        assert "Vắng có lý do cần ghi rõ lý do." in messages_of(response)
        assert not Attendance.objects.filter(invitation=invitation).exists()

    def test_a_speaker_outside_the_invitees_is_refused(self):
        self.login(self.district_staff)
        self.running()
        response = self.post("speech_add", {"kind": "y_kien", "speaker": self.member_person.pk,
                                            "summary": "Ý kiến"})
        assert any("không có trong danh sách được mời" in m for m in messages_of(response))
        assert not Speech.objects.exists()

    def test_registration_to_speak_is_only_for_invitees_and_closes(self):
        conference = self.running()
        item = conference.agenda_items.get(order=2)
        with self.assertRaisesMessage(Exception, "không có trong danh sách được mời"):
            conference.register_speaker(item, self.member_person)
        conference.register_speaker(item, self.members[2], "tham_luan", "Công tác xây dựng Đảng")
        conference.close_speaker_list(item)
        with self.assertRaisesMessage(Exception, "đã khóa"):
            conference.register_speaker(item, self.members[3])
        assert SpeakerRequest.objects.count() == 1

    def test_the_chair_gives_the_floor_in_the_order_of_the_list(self):
        self.login(self.district_staff)
        conference = self.running()
        item = conference.agenda_items.get(order=2)
        first = conference.register_speaker(item, self.members[2])
        second = conference.register_speaker(item, self.members[3])
        self.post("control_action", {"action": "up", "request": second.pk})
        assert list(item.speaker_requests.values_list("pk", flat=True)) == [second.pk, first.pk]
        self.post("control_action", {"action": "give_floor", "request": second.pk})
        conference.refresh_from_db()
        assert conference.current_speech.speaker == self.members[3]
        second.refresh_from_db()
        assert second.status == SpeakerRequest.Status.DONE

    def test_closing_records_the_conclusion_and_the_absences(self):
        self.login(self.district_staff)
        conference = self.running()
        absent = conference.invitations.get(person=self.members[4])
        absent.answer_with("absent", "Đi công tác")
        for person in self.members[:3]:
            conference.check_in(person)
        response = self.post("close", {"conclusion": "Hội nghị thống nhất các nội dung.", "xac-nhan": "1"})
        assert "Hội nghị đã bế mạc." in messages_of(response)
        conference.refresh_from_db()
        assert conference.status == Conference.Status.CLOSED
        assert conference.conclusion == "Hội nghị thống nhất các nội dung."
        statuses = dict(Attendance.objects.filter(conference=conference)
                        .values_list("invitation__person__full_name", "status"))
        assert statuses[self.members[4].full_name] == Attendance.Status.EXCUSED
        assert statuses[self.members[3].full_name] == Attendance.Status.UNEXCUSED

    def test_closing_without_a_conclusion_is_refused(self):
        self.login(self.district_staff)
        conference = self.running()
        self.post("close", {"conclusion": "  "})
        conference.refresh_from_db()
        assert conference.status == Conference.Status.IN_PROGRESS

    def test_editing_a_closed_conference_is_refused_and_changes_nothing(self):
        self.login(self.district_staff)
        conference = self.running()
        conference.close("Kết luận.")
        response = self.client.post(reverse("conferences:edit", args=[conference.pk]),
                                    {"kind": "regular", "date": "2023-10-06", "session": "afternoon",
                                     "venue": "Nơi khác"}, follow=True)
        assert "Hội nghị đã bế mạc, không thể thay đổi hồ sơ." in messages_of(response)
        response = self.post("agenda_add", {"order": 9, "kind": "bao_cao", "title": "Thêm sau"})
        assert "Hội nghị đã bế mạc, không thể thay đổi hồ sơ." in messages_of(response)
        response = self.post("attendance_action", {"action": "check_in"},
                             conference.invitations.get(person=self.members[0]).pk)
        assert "Hội nghị đã bế mạc, không thể thay đổi hồ sơ." in messages_of(response)
        conference.refresh_from_db()
        assert (conference.date, conference.venue, conference.agenda_items.count()) == (D(2023, 10, 5), "", 3)
        assert conference.attendances.filter(status=Attendance.Status.PRESENT).count() == 0

    def test_the_minutes_show_attendance_agenda_speeches_and_conclusion(self):
        self.login(self.district_staff)
        conference = self.running()
        conference.chairs.set([self.secretary])
        for person in self.members[:4]:
            conference.check_in(person)
        conference.record_speech(self.secretary, "ket_luan", "Đề nghị tập trung thu ngân sách.",
                                 item=conference.agenda_items.get(order=3))
        conference.close("Hội nghị đã hoàn thành toàn bộ nội dung chương trình.")
        response = self.client.get(reverse("conferences:minutes", args=[conference.pk]))
        text = response.content.decode()
        assert response.status_code == 200
        assert "BIÊN BẢN" in text and conference.title in text
        assert "Lê Thị Thu Hằng, Bí thư Quận ủy, Chủ tịch HĐND quận" in text
        assert "có mặt: 4" in text and "Báo cáo kết quả 9 tháng năm 2023" in text
        assert "Đề nghị tập trung thu ngân sách." in text
        assert "Hội nghị đã hoàn thành toàn bộ nội dung chương trình." in text


    def test_the_draft_minutes_of_a_meeting_under_way_count_those_not_yet_on_the_roll(self):
        self.login(self.district_staff)
        conference = self.running()
        conference.check_in(self.members[0])
        conference.invite_guest(self.guest, "Phó Bí thư Thành ủy")
        conference.mark_absent(self.guest, True, "Đi công tác")  # a guest's absence is no member's
        text = self.client.get(reverse("conferences:minutes", args=[conference.pk])).content.decode()
        assert "có mặt: 1; vắng mặt: 0; chưa điểm danh: 4." in text


class MinutesWithVotesTests(ConferenceTestCase):
    def test_the_minutes_report_the_votes_of_the_voting_app(self):
        from capuy.voting.models import Vote

        conference = self.running()
        Vote.objects.create(agenda_item=conference.agenda_items.get(order=2), subject="Thông qua Nghị quyết Hội nghị",
                            method=Vote.Method.HANDS, status=Vote.Status.CLOSED, base=5,
                            result={"base": 5, "for": 4, "against": 0, "abstain": 1, "not_voted": 0, "passed": True})
        conference.close("Kết luận.")
        self.login(self.district_staff)
        text = self.client.get(reverse("conferences:minutes", args=[conference.pk])).content.decode()
        assert ("Thông qua Nghị quyết Hội nghị (giơ tay): cơ sở tính 5 đồng chí; 4 đồng chí tán thành (đạt 80%), "
                "0 không tán thành, 1 không biểu quyết, 0 không tham gia biểu quyết. Kết quả: thông qua.") in text

    def test_the_presiding_screen_shows_the_votes_of_the_current_item(self):
        from capuy.voting.models import Vote

        conference = self.running()
        Vote.objects.create(agenda_item=conference.current_item, subject="Thông qua chương trình hội nghị",
                            method=Vote.Method.OPEN, status=Vote.Status.OPEN)
        self.login(self.district_staff)
        text = self.client.get(reverse("conferences:live_panel", args=[conference.pk]) + "?che-do=screen").content.decode()
        assert "Thông qua chương trình hội nghị (biểu quyết điện tử công khai): đang biểu quyết." in text
