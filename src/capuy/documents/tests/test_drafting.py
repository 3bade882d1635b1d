"""From a closed conference, one action drafts its minutes, resolution and notice of conclusions."""

import pytest
from django.core.exceptions import ValidationError

from capuy.accounts.models import ApiToken
from capuy.conferences.models import AgendaItem, Conference, Draft, SpeechKind
from capuy.documents.drafting import _numbered, draft_from_conference
from capuy.documents.models import Authority, Document
from capuy.documents.tests.helpers import D, DocumentsTestCase

CONCLUSION = ("Tập trung phát triển kinh tế, thu chi ngân sách, phấn đấu hoàn thành tỷ lệ giải ngân kế hoạch đầu tư "
              "công năm 2023.\nĐẩy nhanh giải phóng mặt bằng các dự án trọng điểm.")

class DraftingTests(DocumentsTestCase):
    def setUp(self):
        self.conference = self.closed_conference()

    def closed_conference(self, close=True):
        conference = Conference.objects.create(body=self.bch, date=D(2023, 10, 5), venue="Hội trường Quận ủy",
                                               subject="Xem xét kết quả công tác 9 tháng năm 2023")
        conference.chairs.set([self.secretary])
        items = [AgendaItem.objects.create(conference=conference, order=i, kind=kind, title=title, presenter=who)
                 for i, (kind, title, who) in enumerate([
                     (AgendaItem.Kind.OPENING, "Khai mạc hội nghị", self.secretary),
                     (AgendaItem.Kind.REPORT, "Báo cáo kết quả công tác 9 tháng năm 2023", self.committee_person),
                     (AgendaItem.Kind.VOTE, "Biểu quyết thông qua nghị quyết hội nghị", self.secretary),
                     (AgendaItem.Kind.CONCLUSION, "Phát biểu kết luận hội nghị", self.secretary)], 1)]
        draft = Draft.objects.create(conference=conference, agenda_item=items[2], kind=Draft.Kind.RESOLUTION,
                                     title="Dự thảo Nghị quyết")
        draft.add_version("# I. Đánh giá kết quả\n\nThống nhất đánh giá kết quả 9 tháng.\n\n# II. Nhiệm vụ\n\n"
                          "Tập trung thu ngân sách.")
        conference.invite_body_members()
        conference.send_invitations()
        conference.refresh_from_db()
        members = list(self.bch.members_on(D(2023, 10, 5)))
        absent = members[-1]
        for person in members:
            if person != absent:
                conference.check_in(person)
        conference.mark_absent(absent, excused=True, reason="Đi học tập trung")
        conference.open()
        conference.refresh_from_db()
        conference.record_speech(self.committee_person, SpeechKind.CONTRIBUTION, "Tham luận về thu ngân sách.", items[1])
        if close:
            conference.close(CONCLUSION)
            conference.refresh_from_db()
        self.absent = absent
        return conference

    def test_three_drafts_from_the_record(self):
        minutes, resolution, notice = draft_from_conference(self.conference, self.district_staff)
        self.assertEqual([d.doc_type.symbol for d in (minutes, resolution, notice)], ["BB", "NQ", "TB"])
        self.assertTrue(all(d.status == Document.Status.DRAFT and d.number is None for d in (minutes, resolution, notice)))
        self.assertEqual(resolution.title, "Hội nghị lần thứ 1 Ban Chấp hành Đảng bộ quận Tây Hồ khóa VI")
        self.assertEqual(notice.title, "Kết luận của Hội nghị lần thứ 1 Ban Chấp hành Đảng bộ quận Tây Hồ khóa VI")
        self.assertEqual(resolution.source_conference_id, self.conference.pk)

    def test_minutes_record_attendance_agenda_speeches_and_conclusion(self):
        minutes = draft_from_conference(self.conference)[0]
        text = minutes.content
        self.assertIn("có 5 đồng chí; có mặt 4 đồng chí, vắng 1 đồng chí", text)
        self.assertIn(f"Vắng có lý do: {self.absent.full_name} (Đi học tập trung).", text)
        self.assertIn("2. Báo cáo kết quả công tác 9 tháng năm 2023 (đồng chí Phạm Văn Bình", text)
        self.assertIn("Tham luận về thu ngân sách.", text)
        self.assertIn("Đẩy nhanh giải phóng mặt bằng các dự án trọng điểm.", text)
        self.assertEqual(minutes.signer, self.secretary)
        self.assertEqual(minutes.signature_lines(), ["CHỦ TRÌ HỘI NGHỊ"])

    def test_resolution_takes_the_adopted_draft_and_is_signed_for_the_executive_committee(self):
        resolution = draft_from_conference(self.conference)[1]
        paragraphs = resolution.paragraphs()
        self.assertEqual(paragraphs[0], "Ngày 05/10/2023, Ban Chấp hành Đảng bộ quận Tây Hồ khóa VI họp Hội nghị lần "
                                        "thứ 1 để xem xét kết quả công tác 9 tháng năm 2023.")
        self.assertIn("QUYẾT NGHỊ:", paragraphs)
        self.assertIn("I. Đánh giá kết quả", paragraphs)
        self.assertIn("Tập trung thu ngân sách.", paragraphs)
        self.assertEqual(resolution.authority, Authority.EXECUTIVE)
        self.assertEqual(resolution.signer, self.secretary)
        self.assertEqual(resolution.signature_lines(), ["T/M BAN CHẤP HÀNH", "BÍ THƯ"])

    def test_minutes_without_a_recorded_chair_leave_the_chairs_signature_blank(self):
        self.conference.chairs.clear()
        minutes = draft_from_conference(self.conference)[0]
        self.assertIsNone(minutes.signer)
        self.assertEqual(minutes.signatures()[1], (["CHỦ TRÌ HỘI NGHỊ"], ""))

    def test_a_chair_is_not_made_the_secretary_when_the_body_records_none(self):
        self.bch.memberships.filter(role__in=["bi_thu", "pho_bi_thu_tt", "pho_bi_thu"]).update(role="uy_vien")
        minutes, resolution, notice = draft_from_conference(self.conference)
        self.assertEqual(minutes.signer, self.secretary)  # the recorded chair signs the minutes as chair
        self.assertEqual((resolution.signer, notice.signer), (None, None))
        self.assertEqual(notice.signatures(), [(["T/M BAN CHẤP HÀNH", "BÍ THƯ"], "")])

    def test_votes_are_written_into_the_minutes(self):
        from django.apps import apps

        if not apps.is_installed("capuy.voting"):
            self.skipTest("the voting app is not installed")
        Vote = apps.get_model("voting", "Vote")
        item = self.conference.agenda_items.get(kind=AgendaItem.Kind.VOTE)
        Vote.objects.create(agenda_item=item, subject="Thông qua Nghị quyết Hội nghị", method=Vote.Method.HANDS,
                            status=Vote.Status.CLOSED, base=5,
                            result={"base": 5, "for": 4, "against": 0, "abstain": 0, "not_voted": 1,
                                    "passed": True})
        Document.objects.filter(source_conference_id=self.conference.pk).delete()
        minutes = draft_from_conference(self.conference)[0]
        self.assertIn("Thông qua Nghị quyết Hội nghị (giơ tay): cơ sở tính 5 đồng chí; 4 đồng chí tán thành "
                      "(đạt 80%), 0 không tán thành, 0 không biểu quyết, 1 không tham gia biểu quyết. "
                      "Kết quả: thông qua.", minutes.content)

    def test_the_drafts_can_be_issued(self):
        _, resolution, notice = draft_from_conference(self.conference)
        resolution.issue(on=D(2023, 10, 5))
        notice.issue(on=D(2023, 10, 5))
        self.assertEqual((resolution.number_label, notice.number_label), ("Số 01-NQ/QU", "Số 01-TB/QU"))
        self.assertEqual(resolution.place_date_line, "Tây Hồ, ngày 05 tháng 10 năm 2023")

    def test_an_open_conference_is_refused(self):
        running = self.closed_conference(close=False)
        with self.assertRaises(ValidationError) as caught:
            draft_from_conference(running)
        self.assertIn("đã bế mạc", str(caught.exception))
        self.assertFalse(Document.objects.filter(source_conference_id=running.pk).exists())

    def test_drafting_twice_is_refused(self):
        draft_from_conference(self.conference)
        with self.assertRaises(ValidationError):
            draft_from_conference(self.conference)
        self.assertEqual(Document.objects.filter(source_conference_id=self.conference.pk).count(), 3)

    def call(self, user):
        _, key = ApiToken.issue(user)
        return self.client.post(f"/api/documents/from-conference/{self.conference.pk}/",
                                headers={"Authorization": f"Bearer {key}"})

    def test_api_drafts_for_the_office_and_refuses_others(self):
        self.assertEqual(self.call(self.other_ward_staff).status_code, 404)
        self.assertEqual(self.call(self.committee_member).status_code, 403)
        response = self.call(self.district_staff)
        self.assertEqual(response.status_code, 201, response.content)
        self.assertEqual([d["type_symbol"] for d in response.json()], ["BB", "NQ", "TB"])
        again = self.call(self.district_staff)
        self.assertEqual(again.status_code, 400)
        self.assertIn("đã được soạn", again.json()["detail"])

    def test_page_action_redirects_to_the_resolution(self):
        self.login(self.district_staff)
        response = self.client.post(f"/van-ban/tu-hoi-nghi/{self.conference.pk}/")
        resolution = Document.objects.get(source_conference_id=self.conference.pk, doc_type__symbol="NQ")
        self.assertRedirects(response, resolution.get_absolute_url())
        self.login(self.ward_staff)
        self.assertEqual(self.client.post(f"/van-ban/tu-hoi-nghi/{self.conference.pk}/").status_code, 404)


@pytest.mark.parametrize(("lines", "numbered"), [
    (["Thông qua báo cáo.", "1. Thông qua Nghị quyết về chuyển đổi số.", "2. Giao Ban Thường vụ chỉ đạo."],
     ["1. Thông qua báo cáo.", "2. Thông qua Nghị quyết về chuyển đổi số.", "3. Giao Ban Thường vụ chỉ đạo."]),
    (["Thông qua báo cáo.", "- tăng thu ngân sách;", "Hội nghị thống nhất."],
     ["1. Thông qua báo cáo.", "- tăng thu ngân sách;", "2. Hội nghị thống nhất."]),
    ([], []),
])
def test_the_points_of_a_resolution_are_numbered_once_in_order(lines, numbered):
    assert _numbered(lines) == numbered
