"""A first news draft from a closed conference: chair, number and term, attendees, directions, conclusion."""

import datetime

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.urls import reverse

from capuy.conferences.models import AgendaItem
from capuy.conferences.tests.base import ConferenceTestCase
from capuy.portal import drafting
from capuy.portal.models import Article

D = datetime.date


class DraftFromConferenceTests(ConferenceTestCase):
    def setUp(self):
        super().setUp()
        cache.clear()
        self.conference.venue = "Hội trường Quận ủy"
        self.conference.reviewed_period = "9 tháng năm 2023"
        self.conference.save()
        self.conference.chairs.add(self.secretary)
        report = self.conference.agenda_items.get(kind=AgendaItem.Kind.REPORT)
        report.presenter, report.presenter_title = self.committee_person, "Phó Bí thư Quận ủy, Chủ tịch UBND quận"
        report.summary = "Giá trị sản xuất công nghiệp ngoài quốc doanh tăng 14%."
        report.save()
        self.conference.invite_guest(self.guest, "Phó Bí thư Thành ủy")

    def close(self):
        conference = self.running()
        for person in [self.guest, *self.members[:4]]:
            conference.check_in(person)
        conference.record_speech(self.guest, "chi_dao", "đề nghị cán bộ chủ chốt đăng ký nhận việc khó")
        conference.record_speech(self.members[2], "tham_luan", "công tác cải cách hành chính đứng thứ 4/30")
        conference.record_speech(self.secretary, "ket_luan", "hội nghị đã hoàn thành toàn bộ nội dung chương trình")
        conference.close("Hội nghị thống nhất các nhiệm vụ trọng tâm 3 tháng cuối năm 2023.", self.district_staff)
        conference.refresh_from_db()
        return conference

    def test_the_draft_names_the_chair_number_term_attendees_and_directions(self):
        article = drafting.draft_from_conference(self.close(), self.district_staff)
        self.assertEqual(article.status, Article.Status.DRAFT)
        self.assertEqual(article.organization, self.district)
        self.assertEqual(article.title, "Hội nghị lần thứ 1 Ban Chấp hành Đảng bộ quận Tây Hồ khóa VI")
        text = article.lead + article.body
        self.assertIn("Đồng chí Lê Thị Thu Hằng, Bí thư Quận ủy, Chủ tịch HĐND quận chủ trì hội nghị", text)
        self.assertIn("khóa VI, nhiệm kỳ 2020–2025", text)
        self.assertIn("Sáng 5/10/2023", article.lead)
        self.assertIn("Hội trường Quận ủy", text)
        self.assertIn("Dự hội nghị có đồng chí Nguyễn Văn Khách, Phó Bí thư Thành ủy", text)
        self.assertIn("Chủ tịch UBND quận; Nguyễn Văn An", text)
        self.assertIn("4/5 đồng chí ủy viên Ban Chấp hành", text)
        for person in self.members[:4]:
            self.assertIn(person.full_name, text)
        self.assertIn("Phát biểu chỉ đạo tại hội nghị, đồng chí Nguyễn Văn Khách, Phó Bí thư Thành ủy đề nghị", text)
        self.assertIn("Phạm Văn Bình, Phó Bí thư Quận ủy, Chủ tịch UBND quận trình bày báo cáo kết quả 9 tháng", text)
        self.assertIn("tăng 14%", text)
        self.assertIn("Phát biểu kết luận hội nghị, đồng chí Lê Thị Thu Hằng", text)
        self.assertIn("Hội nghị thống nhất các nhiệm vụ trọng tâm", text)
        self.assertIn("<h2>Kết luận hội nghị</h2>", article.body)
        self.assertEqual(article.source_conference_id, self.conference.pk)

    def test_it_refuses_a_conference_that_is_not_closed(self):
        with self.assertRaisesMessage(ValidationError, "Chỉ soạn tin được từ hội nghị đã bế mạc."):
            drafting.draft_from_conference(self.running(), self.district_staff)
        self.assertFalse(Article.objects.exists())

    def test_the_office_drafts_from_the_newsroom_and_the_draft_stays_private(self):
        conference = self.close()
        self.login(self.district_staff)
        self.assertContains(self.client.get(reverse("portal:editor_list")), "Soạn tin từ hội nghị")
        response = self.client.post(reverse("portal:editor_from_conference", args=[conference.pk]))
        article = Article.objects.get()
        self.assertRedirects(response, reverse("portal:editor_edit", args=[article.pk]))
        again = self.client.post(reverse("portal:editor_from_conference", args=[conference.pk]))
        self.assertRedirects(again, reverse("portal:editor_edit", args=[article.pk]))
        self.assertEqual(Article.objects.count(), 1)
        self.client.logout()
        self.assertEqual(self.client.get(article.get_absolute_url()).status_code, 404)

    def test_it_refuses_staff_of_a_ward_and_committee_members(self):
        conference = self.close()
        self.login(self.ward_staff)
        self.assertEqual(self.client.post(reverse("portal:editor_from_conference", args=[conference.pk])).status_code, 404)
        self.login(self.committee_member)
        self.assertEqual(self.client.post(reverse("portal:editor_from_conference", args=[conference.pk])).status_code, 403)
        self.assertFalse(Article.objects.exists())

    def test_the_draft_reports_what_was_passed_and_commendations(self):
        from capuy.voting.models import Vote

        commendation = AgendaItem.objects.create(conference=self.conference, order=9, kind=AgendaItem.Kind.COMMENDATION,
                                                 title="Quận ủy trao Bằng khen cho 5 tập thể")
        conference = self.close()
        Vote.objects.create(agenda_item=commendation, subject="Nghị quyết Hội nghị lần thứ 1",
                            status=Vote.Status.CLOSED, result={"passed": True, "for": 4, "base": 5})
        article = drafting.draft_from_conference(conference, self.district_staff)
        self.assertIn("Hội nghị đã biểu quyết thông qua nghị quyết Hội nghị lần thứ 1 với 4/5 đồng chí tán thành",
                      article.body)
        self.assertIn("Dịp này, Quận ủy trao Bằng khen cho 5 tập thể", article.body)


class DraftFromPastConferenceTests(ConferenceTestCase):
    """A conference recorded after the fact (issue 13): the draft states only what the record holds."""

    def record(self, attendees=(), awards=()):
        from capuy.conferences.actions import record_past_conference

        return record_past_conference(self.district_staff, self.district, date=D(2023, 7, 20), body=self.bch,
                                      attendees=list(attendees), awards=list(awards))

    def test_it_states_no_ratio_of_members_when_the_roll_call_was_not_recorded(self):
        conference = self.record([{"person": person} for person in self.members[:3]])
        text = drafting.compose(conference)["body"]
        self.assertNotIn("3/3", text)
        self.assertNotIn("/5", text)
        self.assertNotRegex(text, r"\d+/\d+ đồng chí")

    def test_it_names_the_members_recorded_as_attending_when_the_roll_call_was_not_recorded(self):
        conference = self.record([{"person": person} for person in self.members[:3]])
        text = drafting.compose(conference)["body"]
        self.assertIn("Tham dự hội nghị có các đồng chí ủy viên Ban Chấp hành: ", text)
        for person in self.members[:3]:
            self.assertIn(person.full_name, text)
        for person in self.members[3:]:
            self.assertNotIn(person.full_name, text)

    def test_it_leaves_out_the_members_attendance_when_no_member_was_recorded_attending(self):
        conference = self.record([{"person": self.members[0], "status": "excused", "reason": "Đi công tác"}])
        text = drafting.compose(conference)["body"]
        self.assertNotIn("ủy viên", text)
        self.assertNotIn("0/1", text)

    def test_it_states_the_ratio_only_when_every_members_attendance_was_recorded(self):
        partial = self.record([{"person": person} for person in self.members[:4]])
        self.assertNotIn("4/4", drafting.compose(partial)["body"])
        complete = self.record([*({"person": person} for person in self.members[:4]),
                                {"person": self.members[4], "status": "unexcused"}])
        text = drafting.compose(complete)["body"]
        self.assertIn("Tham dự hội nghị có 4/5 đồng chí ủy viên Ban Chấp hành", text)

    def test_an_award_whose_reason_says_the_achievement_reads_once(self):
        award = {"form": "giay_khen", "issuer": "Ban Thường vụ Quận ủy", "collective_count": 2,
                 "individual_count": 3, "reason": "có thành tích xuất sắc"}
        text = drafting.compose(self.record(awards=[award]))["body"]
        self.assertIn("Dịp này, hội nghị đã trao Giấy khen của Ban Thường vụ Quận ủy cho 2 tập thể và 3 cá nhân "
                      "có thành tích xuất sắc.", text)
        self.assertNotIn("thành tích trong có", text)

    def test_each_award_is_worded_for_its_reason_or_for_having_none(self):
        awards = [{"form": "giay_khen", "issuer": "Ban Thường vụ Quận ủy", "collective_count": 2,
                   "reason": "Công tác dân vận"},
                  {"form": "bang_khen", "issuer": "Ban Thường vụ Quận ủy", "individual_count": 5},
                  {"form": "giay_khen", "issuer": "Chủ tịch UBND quận", "individual_count": 1,
                   "reason": "Có thành tích xuất sắc trong phong trào thi đua."}]
        text = drafting.compose(self.record(awards=awards))["body"]
        self.assertIn("trao Giấy khen của Ban Thường vụ Quận ủy cho 2 tập thể có thành tích trong công tác dân vận;",
                      text)
        self.assertIn("trao Bằng khen của Ban Thường vụ Quận ủy cho 5 cá nhân;", text)
        self.assertIn("trao Giấy khen của Chủ tịch UBND quận cho 1 cá nhân có thành tích xuất sắc trong phong trào "
                      "thi đua.", text)
        self.assertNotIn("thành tích trong có", text)
