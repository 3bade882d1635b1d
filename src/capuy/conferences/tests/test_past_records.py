"""What pages, the API and the generated documents say about a conference recorded after the fact (issue 13):
only what the record holds, blanks for the clerk where a fact is missing."""

import datetime

from django.urls import reverse

from capuy.accounts.models import ApiToken
from capuy.conferences.actions import record_past_conference
from capuy.conferences.models import BLANK_TIME, Conference
from capuy.conferences.tests.base import ConferenceTestCase
from capuy.core.testing import make_person
from capuy.documents.drafting import draft_from_conference
from capuy.portal.drafting import compose

D = datetime.date
T = datetime.time
GROUP = "đại diện lãnh đạo các ban, ngành, đoàn thể phường"
AWARD = {"form": "giay_khen", "issuer": "Chủ tịch UBND phường Quảng An", "collective_count": 3,
         "individual_count": 5, "reason": "công tác dân vận"}


class PastRecordTestCase(ConferenceTestCase):
    def setUp(self):
        self.chair = make_person("Đinh Văn Chủ", self.ward, ["Bí thư Đảng ủy phường Quảng An"])
        self.review = record_past_conference(
            self.ward_staff, self.ward, date=D(2021, 7, 2), kind="six_month", body_kind="bch",
            name="Hội nghị sơ kết 6 tháng đầu năm 2021", session="morning", start_time=T(8, 0),
            subject="Đánh giá kết quả 6 tháng đầu năm 2021", chairs=[{"person": self.chair}],
            attendees=[{"group": GROUP}],
            speeches=[{"group": GROUP, "kind": "tham_luan", "summary": "Tham luận về công tác dân vận."}],
            awards=[AWARD], conclusion="Tập trung hoàn thành nhiệm vụ 6 tháng cuối năm.")

    def api(self, method, path, user, data=None):
        _, key = ApiToken.issue(user)
        headers = {"Authorization": f"Bearer {key}"}
        if data is None:
            return getattr(self.client, method)(f"/api{path}", headers=headers)
        return getattr(self.client, method)(f"/api{path}", data, headers=headers, content_type="application/json")


class MinutesPageTests(PastRecordTestCase):
    def test_the_minutes_leave_a_blank_for_a_missing_end_time_not_the_clock(self):
        self.login(self.ward_staff)
        page = self.client.get(reverse("conferences:minutes", args=[self.review.pk])).content.decode()
        self.assertIn(f"Hội nghị kết thúc lúc {BLANK_TIME} cùng ngày", page)
        self.assertIn("bắt đầu lúc 8 giờ 00", page)
        self.assertNotIn("lần thứ", page)
        self.assertNotIn("khóa", page)

    def test_a_group_is_never_called_comrade_on_the_pages(self):
        self.login(self.ward_staff)
        for name in ("minutes", "detail"):
            page = self.client.get(reverse(f"conferences:{name}", args=[self.review.pk])).content.decode()
            self.assertIn(GROUP, page)
            self.assertNotIn(f"đồng chí {GROUP}", page.replace("<strong>", "").replace("</strong>", ""))

    def test_an_unrecorded_roll_call_is_not_stated_as_a_missing_quorum(self):
        self.login(self.ward_staff)
        page = self.client.get(reverse("conferences:attendance", args=[self.review.pk])).content.decode()
        self.assertIn("không xác định số có mặt", page)
        self.assertNotIn("chưa đủ số lượng", page)
        detail = self.client.get(reverse("conferences:detail", args=[self.review.pk])).content.decode()
        self.assertNotIn("Thành viên có mặt (0)", detail)
        quorum = self.api("get", f"/conferences/{self.review.pk}/attendance/", self.ward_staff).json()["quorum"]
        self.assertEqual((quorum["recorded"], quorum["reached"]), (False, None))

    def test_title_changes_after_close_leave_the_minutes_unchanged(self):
        self.login(self.ward_staff)
        url = reverse("conferences:minutes", args=[self.review.pk])
        before = self.client.get(url).content.decode()
        self.chair.set_current_titles(["Phó Chủ tịch UBND quận Tây Hồ"])
        after = self.client.get(url).content.decode()
        self.assertIn("Đinh Văn Chủ, Bí thư Đảng ủy phường Quảng An", after)
        self.assertNotIn("Phó Chủ tịch UBND quận Tây Hồ", after)
        def article(page):  # the record itself, without the page's per-request token
            return page[page.index("<article"):page.index("</article>")]

        self.assertEqual(article(before), article(after))


class AwardVisibilityTests(PastRecordTestCase):
    def test_an_award_with_counts_only_shows_on_the_conference_page(self):
        self.login(self.ward_staff)
        page = self.client.get(reverse("conferences:detail", args=[self.review.pk]))
        self.assertContains(page, "Giấy khen của Chủ tịch UBND phường Quảng An cho 03 tập thể và 05 cá nhân")

    def test_it_shows_on_the_commendation_list(self):
        self.login(self.ward_staff)
        page = self.client.get(reverse("members:commendations"))
        self.assertContains(page, "03 tập thể và 05 cá nhân")
        self.assertContains(page, self.review.title)

    def test_it_shows_in_the_api(self):
        rows = self.api("get", "/members/commendations/", self.ward_staff).json()
        self.assertEqual([(r["collective_count"], r["individual_count"], r["conference_id"]) for r in rows],
                         [(3, 5, self.review.pk)])
        conference = self.api("get", f"/conferences/{self.review.pk}/", self.ward_staff).json()
        self.assertEqual(conference["awards"][0]["recipient"], "03 tập thể và 05 cá nhân")

    def test_staff_of_another_ward_do_not_see_it(self):
        self.login(self.other_ward_staff)
        self.assertNotContains(self.client.get(reverse("members:commendations")), "03 tập thể và 05 cá nhân")
        self.assertEqual(self.api("get", "/members/commendations/", self.other_ward_staff).json(), [])


class GeneratedDocumentTests(PastRecordTestCase):
    def test_a_meeting_without_a_vote_gets_no_resolution(self):
        documents = draft_from_conference(self.review, self.ward_staff)
        self.assertEqual([d.doc_type.symbol for d in documents], ["BB", "TB"])
        for document in documents:
            self.assertNotIn("QUYẾT NGHỊ", document.content)
            self.assertNotIn("Thông qua", document.content)

    def test_the_drafted_minutes_state_only_what_was_recorded(self):
        minutes = draft_from_conference(self.review, self.ward_staff)[0]
        self.assertIn(f"Hội nghị bế mạc lúc {BLANK_TIME} cùng ngày.", minutes.content)
        self.assertIn("bắt đầu lúc 8 giờ 00", minutes.content)
        self.assertIn(f"{GROUP[0].upper()}{GROUP[1:]} – tham luận: Tham luận về công tác dân vận.", minutes.content)
        self.assertNotIn(f"đồng chí {GROUP}", minutes.content.lower())
        self.assertNotIn("lần thứ", minutes.content + minutes.title)
        self.assertNotIn("nhiệm kỳ", minutes.content + minutes.title)
        self.assertEqual(minutes.title, "Hội nghị sơ kết 6 tháng đầu năm 2021")

    def test_the_documents_of_a_past_conference_carry_its_date(self):
        for document in draft_from_conference(self.review, self.ward_staff):
            self.assertEqual(document.issued_on, D(2021, 7, 2))
            self.assertIn("ngày 02 tháng 07 năm 2021", document.place_date_line)

    def test_the_news_draft_names_the_group_and_the_award_as_recorded(self):
        news = compose(self.review)
        self.assertEqual(news["title"], "Hội nghị sơ kết 6 tháng đầu năm 2021")
        self.assertIn("Đại diện lãnh đạo các ban, ngành, đoàn thể phường tham luận", news["body"])
        self.assertNotIn(f"đồng chí {GROUP}", news["body"].lower())
        self.assertIn("trao Giấy khen của Chủ tịch UBND phường Quảng An cho 3 tập thể và 5 cá nhân", news["body"])
        self.assertNotIn("lần thứ", news["title"] + news["lead"] + news["body"])
        self.assertNotIn("biểu quyết", news["body"])


class PageTests(ConferenceTestCase):
    def post(self, user, **extra):
        self.login(user)
        data = {"organization": self.ward.pk, "body_kind": "bch", "term": self.ward_term.pk, "kind": "regular",
                "number": "7", "date": "2021-07-20", "session": "morning", "start_time": "08:00",
                "end_time": "11:30", "theme": "Năm dân vận khéo", "groups": GROUP,
                "speeches": f"{GROUP} | tham luận | Về công tác dân vận",
                "references": "Quy định | 09-QĐ/TU | Thành ủy Hà Nội | về công tác dân vận",
                "awards": "Giấy khen | Chủ tịch UBND phường | 3 | 5 | công tác dân vận",
                "conclusion": "Thống nhất."}
        data.update(extra)
        return self.client.post(reverse("conferences:record_past"), data)

    def test_an_office_records_a_numbered_seventh_conference(self):
        response = self.post(self.ward_staff)
        conference = Conference.objects.get(organization=self.ward, number=7)
        self.assertRedirects(response, conference.get_absolute_url())
        self.assertEqual(conference.body, self.ward_bch)
        self.assertEqual((conference.start_time, conference.end_time), (T(8, 0), T(11, 30)))
        self.assertEqual(conference.references.get().number, "09-QĐ/TU")
        self.assertEqual(conference.awards.get().counts_text, "03 tập thể và 05 cá nhân")
        page = self.client.get(conference.get_absolute_url())
        self.assertContains(page, "Hội nghị lần thứ 7")
        self.assertContains(page, "từ 8 giờ 00 đến 11 giờ 30")
        self.assertContains(page, "Năm dân vận khéo")
        self.assertContains(page, "Quy định số 09-QĐ/TU của Thành ủy Hà Nội")

    def test_a_number_taken_is_refused_in_vietnamese_and_nothing_saved(self):
        self.post(self.ward_staff)
        response = self.post(self.ward_staff, date="2021-09-01")
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "Số thứ tự 7 đã dùng", status_code=400)
        self.assertEqual(Conference.objects.filter(organization=self.ward).count(), 1)

    def test_a_line_without_its_columns_is_refused_and_nothing_saved(self):
        for field in ("speeches", "references", "awards"):
            response = self.post(self.ward_staff, **{field: "không đúng định dạng"})
            self.assertContains(response, "Dòng “không đúng định dạng” chưa đúng mẫu", status_code=400)
        self.assertFalse(Conference.objects.filter(organization=self.ward).exists())

    def test_a_bad_award_count_names_its_line_and_saves_nothing(self):
        awards = "Giấy khen | Chủ tịch UBND phường | 3 | 5 | dân vận\nBằng khen | UBND quận | ba | 2 | thi đua"
        response = self.post(self.ward_staff, awards=awards)
        self.assertContains(response, "Khen thưởng thứ 2: số tập thể, số cá nhân phải là số", status_code=400)
        self.assertFalse(Conference.objects.filter(organization=self.ward).exists())

    def test_a_reported_vote_is_recorded_from_the_page(self):
        self.post(self.ward_staff, resolution_passed="true", vote_share="98,5")
        conference = Conference.objects.get(organization=self.ward, number=7)
        self.assertEqual((conference.resolution_passed, str(conference.vote_share)), (True, "98.50"))
        response = self.post(self.ward_staff, number="8", vote_share="nhiều")
        self.assertContains(response, "Tỷ lệ tán thành phải là số từ 0 đến 100.", status_code=400)
        self.assertFalse(Conference.objects.filter(organization=self.ward, number=8).exists())

    def test_the_form_searches_people_and_organizations_instead_of_listing_everyone(self):
        self.login(self.ward_staff)
        page = self.client.get(reverse("conferences:record_past")).content.decode()
        for name in ("organization", "chairs", "attendees"):
            self.assertIn(f'data-chooser data-name="{name}"', page)
        self.assertNotIn(f'<option value="{self.secretary.pk}"', page)
        self.assertIn(f"cap-tren={self.ward.pk}", page)  # the leaders above the ward are found as guests
        chosen = {"chairs": [self.secretary.pk], "attendees": [self.member_person.pk]}
        response = self.post(self.ward_staff, **chosen)
        conference = Conference.objects.get(organization=self.ward, number=7)
        self.assertRedirects(response, conference.get_absolute_url())
        self.assertEqual(list(conference.chairs.all()), [self.secretary])

    def test_a_person_outside_the_clerks_reach_is_refused(self):
        response = self.post(self.ward_staff, attendees=[self.other_ward_staff.person.pk])
        self.assertEqual(response.status_code, 400)
        self.assertFalse(Conference.objects.filter(organization=self.ward).exists())

    def test_a_future_date_is_refused(self):
        future = (datetime.date.today() + datetime.timedelta(days=3)).isoformat()
        response = self.post(self.ward_staff, date=future, term="", number="")
        self.assertContains(response, "tương lai", status_code=400)

    def test_it_refuses_staff_of_another_ward(self):
        response = self.post(self.other_ward_staff)
        self.assertEqual(response.status_code, 400)  # the ward is not among the organizations they may choose
        self.assertFalse(Conference.objects.filter(organization=self.ward).exists())

    def test_it_refuses_a_party_member(self):
        self.login(self.party_member)
        self.assertEqual(self.client.get(reverse("conferences:record_past")).status_code, 403)


class ApiTests(ConferenceTestCase):
    def api(self, user, data):
        _, key = ApiToken.issue(user)
        return self.client.post("/api/conferences/past/", data, headers={"Authorization": f"Bearer {key}"},
                                content_type="application/json")

    FACTS = {"date": "2021-07-02", "kind": "six_month", "body_kind": "bch", "reviewed_period": "6 tháng đầu năm 2021",
             "session": "full_day", "attendees": [{"group": GROUP}], "awards": [AWARD]}

    def test_the_api_records_an_unnumbered_review_without_a_term(self):
        response = self.api(self.ward_staff, {"organization_id": self.ward.pk, **self.FACTS})
        self.assertEqual(response.status_code, 201, response.content)
        body = response.json()
        self.assertIsNone(body["number"])
        self.assertIsNone(body["term_id"])
        self.assertTrue(body["recorded_after"])
        self.assertEqual(body["title"], "Hội nghị sơ kết 6 tháng đầu năm 2021 Ban Chấp hành Đảng bộ phường Quảng An")

    def test_the_api_takes_a_leader_from_above_as_the_form_does_and_refuses_another_wards_people(self):
        chairs = [{"person_id": self.secretary.pk}]  # kept by the district, above the ward
        response = self.api(self.ward_staff, {"organization_id": self.ward.pk, **self.FACTS, "chairs": chairs})
        self.assertEqual(response.status_code, 201, response.content)
        outsider = [{"person_id": self.other_ward_staff.person.pk}]
        response = self.api(self.ward_staff, {"organization_id": self.ward.pk, **self.FACTS, "attendees": outsider})
        self.assertEqual(response.status_code, 400, response.content)

    def test_the_api_refuses_staff_of_another_ward(self):
        response = self.api(self.other_ward_staff, {"organization_id": self.ward.pk, **self.FACTS})
        self.assertIn(response.status_code, (403, 404))
        self.assertFalse(Conference.objects.filter(organization=self.ward).exists())

    def test_the_api_refuses_a_future_date(self):
        future = (datetime.date.today() + datetime.timedelta(days=3)).isoformat()
        response = self.api(self.ward_staff, {"organization_id": self.ward.pk, **self.FACTS, "date": future})
        self.assertEqual(response.status_code, 400)
        self.assertIn("tương lai", response.json()["detail"])


class CorrectionTests(PastRecordTestCase):
    def test_an_office_corrects_the_end_time_of_a_past_record(self):
        self.login(self.ward_staff)
        response = self.client.post(reverse("conferences:edit", args=[self.review.pk]), {
            "body_kind": "bch", "kind": "six_month", "name": self.review.name, "date": "2021-07-02",
            "session": "morning", "start_time": "08:00", "end_time": "11:15", "conclusion": self.review.conclusion})
        self.assertRedirects(response, self.review.get_absolute_url())
        self.review.refresh_from_db()
        self.assertEqual(self.review.end_time, T(11, 15))
        self.assertEqual(self.review.end_text, "11 giờ 15")

    def test_the_edit_page_lists_the_few_terms_of_its_organization(self):
        self.login(self.ward_staff)
        page = self.client.get(reverse("conferences:edit", args=[self.review.pk])).content.decode()
        self.assertIn(f'<option value="{self.ward_term.pk}"', page)
        self.assertNotIn(f'<option value="{self.term.pk}"', page)  # the district's term: another organization

    def test_the_api_refuses_a_number_taken_and_staff_of_another_ward(self):
        record_past_conference(self.ward_staff, self.ward, date=D(2021, 3, 1), body=self.ward_bch, number=4)
        path = f"/conferences/{self.review.pk}/past/"
        refused = self.api("patch", path, self.ward_staff, {"number": 4, "term_id": self.ward_term.pk})
        self.assertEqual(refused.status_code, 400, refused.content)
        self.assertIn("Số thứ tự 4 đã dùng", refused.json()["detail"])
        self.assertIn(self.api("patch", path, self.other_ward_staff, {"theme": "x"}).status_code, (403, 404))
        self.review.refresh_from_db()
        self.assertIsNone(self.review.number)
        self.assertEqual(self.review.theme, "")

    def test_a_live_conference_is_not_corrected_this_way(self):
        from django.core.exceptions import ValidationError

        from capuy.conferences.actions import correct_past_conference

        with self.assertRaises(ValidationError):
            correct_past_conference(self.district_staff, self.make_conference(), theme="x")


class UnrecordedCountsTests(ConferenceTestCase):
    def test_no_quorum_is_stated_when_the_members_attendance_was_not_recorded(self):
        conference = record_past_conference(self.ward_staff, self.ward, date=D(2021, 7, 20), body=self.ward_bch,
                                            number=7, attendees=[{"group": GROUP}])
        self.login(self.ward_staff)
        for name in ("detail", "minutes"):
            page = self.client.get(reverse(f"conferences:{name}", args=[conference.pk])).content.decode()
            self.assertNotIn("chưa đủ số lượng", page)
            self.assertNotIn("Tổng số thành viên Ban Chấp hành: 3", page)
        minutes = draft_from_conference(conference, self.ward_staff)[0]
        self.assertIn("Ban Chấp hành có …… đồng chí", minutes.content)

    def test_members_recorded_as_present_leave_the_others_uncounted(self):
        uyen = self.ward_bch.memberships.get(person__full_name="Trương Tú Uyên").person
        conference = record_past_conference(self.ward_staff, self.ward, date=D(2021, 7, 20), body=self.ward_bch,
                                            number=7, attendees=[{"person": uyen}, {"group": GROUP}])
        self.login(self.ward_staff)
        page = self.client.get(reverse("conferences:minutes", args=[conference.pk])).content.decode()
        self.assertIn("Tổng số thành viên Ban Chấp hành: ……; có mặt: 1; vắng mặt: ……", page)
        detail = self.client.get(reverse("conferences:detail", args=[conference.pk])).content.decode()
        self.assertNotIn("cần tối thiểu", detail)
        minutes = draft_from_conference(conference, self.ward_staff)[0]
        self.assertIn("Ban Chấp hành có …… đồng chí; có mặt 1 đồng chí, vắng …… đồng chí.", minutes.content)
        self.assertNotIn("số lượng theo quy định", minutes.content)  # no quorum the record cannot show

    def test_the_office_is_told_which_documents_were_drafted(self):
        conference = record_past_conference(self.ward_staff, self.ward, date=D(2021, 7, 20), body=self.ward_bch,
                                            number=7, attendees=[{"group": GROUP}])
        self.login(self.ward_staff)
        response = self.client.post(reverse("documents:from_conference", args=[conference.pk]), follow=True)
        self.assertContains(response, "Đã soạn dự thảo biên bản và thông báo kết luận (không soạn nghị quyết")
