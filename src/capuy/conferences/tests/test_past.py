"""Recording a conference after the fact (issue 13, section 1): ``actions.record_past_conference``."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from capuy.conferences.actions import _kind, record_past_conference
from capuy.conferences.models import Attendance, Conference, Invitation, session_problem
from capuy.conferences.tests.base import ConferenceTestCase
from capuy.core.testing import make_person
from capuy.members.models import Commendation
from capuy.organizations.models import Title

D = datetime.date
T = datetime.time
GROUP = "đại diện lãnh đạo các ban, ngành, đoàn thể phường"


class PastConferenceTestCase(ConferenceTestCase):
    def setUp(self):
        pass  # no live conference needed

    def numbered_seventh(self, **extra):
        facts = dict(date=D(2021, 7, 20), body=self.ward_bch, number=7, session="morning", start_time="8:00",
                     end_time=T(11, 30), subject="Đánh giá kết quả 6 tháng đầu năm 2021",
                     theme="Năm nâng cao hiệu quả công tác dân vận",
                     chairs=[{"person": self.ward_bch.members_on(D(2021, 7, 20))[0], "title": "Bí thư Đảng ủy phường"}],
                     attendees=[{"group": GROUP}], speeches=[{"group": GROUP, "kind": "tham_luan",
                                                              "summary": "Tham luận về công tác dân vận."}])
        facts.update(extra)
        return record_past_conference(self.ward_staff, self.ward, **facts)


class RecordingTests(PastConferenceTestCase):
    def test_it_records_a_numbered_seventh_conference_without_placeholders(self):
        conference = self.numbered_seventh()
        self.assertEqual(conference.number, 7)
        self.assertEqual(Conference.objects.filter(organization=self.ward).count(), 1)
        self.assertEqual(conference.title, "Hội nghị lần thứ 7 Ban Chấp hành Đảng bộ phường Quảng An khóa V, "
                                           "nhiệm kỳ 2020–2025")
        self.assertTrue(conference.is_past and conference.is_closed)
        self.assertEqual(conference.theme, "Năm nâng cao hiệu quả công tác dân vận")

    def test_it_refuses_a_time_with_an_offset_and_records_nothing(self):
        for field in ("start_time", "end_time"):
            with self.subTest(field=field), self.assertRaisesMessage(ValidationError, "không kèm múi giờ"):
                self.numbered_seventh(**{field: T(8, 0, tzinfo=datetime.UTC)})
        self.assertFalse(Conference.objects.filter(organization=self.ward).exists())

    def test_it_records_an_unnumbered_review_without_a_term(self):
        conference = record_past_conference(
            self.ward_staff, self.ward, date=D(2021, 7, 2), kind="six_month", body_kind="bch",
            reviewed_period="6 tháng đầu năm 2021", session="full_day")
        self.assertIsNone(conference.number)
        self.assertIsNone(conference.term)
        self.assertEqual(conference.title, "Hội nghị sơ kết 6 tháng đầu năm 2021 Ban Chấp hành Đảng bộ phường Quảng An")
        self.assertNotIn("lần thứ", conference.title)
        self.assertNotIn("khóa", conference.title)
        self.assertEqual(conference.when_text, "ngày 02 tháng 07 năm 2021 (cả ngày)")

    def test_a_named_meeting_keeps_its_name(self):
        conference = record_past_conference(self.ward_staff, self.ward, date=D(2021, 7, 2), kind="six_month",
                                            name="Hội nghị sơ kết 6 tháng đầu năm 2021")
        self.assertEqual(conference.title, "Hội nghị sơ kết 6 tháng đầu năm 2021")

    def test_it_refuses_a_number_taken_in_that_term(self):
        self.numbered_seventh()
        with self.assertRaises(ValidationError) as refused:
            self.numbered_seventh(date=D(2021, 9, 1))
        self.assertIn("Số thứ tự 7 đã dùng", str(refused.exception))
        self.assertEqual(Conference.objects.filter(organization=self.ward).count(), 1)

    def test_it_refuses_a_number_taken_when_the_term_is_not_given(self):
        self.numbered_seventh()
        with self.assertRaises(ValidationError):
            record_past_conference(self.ward_staff, self.ward, date=D(2021, 9, 1), body_kind="bch", number=7)

    def test_the_number_need_not_follow_the_last_one(self):
        self.numbered_seventh()
        third = record_past_conference(self.ward_staff, self.ward, date=D(2021, 2, 1), body=self.ward_bch, number=3)
        self.assertEqual(third.number, 3)

    def test_it_refuses_a_number_below_one(self):
        with self.assertRaises(ValidationError):
            record_past_conference(self.ward_staff, self.ward, date=D(2021, 2, 1), body=self.ward_bch, number=0)

    def test_it_refuses_a_date_in_the_future(self):
        with self.assertRaises(ValidationError) as refused:
            record_past_conference(self.ward_staff, self.ward,
                                   date=timezone.localdate() + datetime.timedelta(days=1), body_kind="bch")
        self.assertIn("tương lai", str(refused.exception))
        self.assertFalse(Conference.objects.filter(organization=self.ward).exists())

    def test_it_refuses_staff_of_another_ward(self):
        with self.assertRaises(PermissionDenied):
            record_past_conference(self.other_ward_staff, self.ward, date=D(2021, 7, 2), body_kind="bch")
        self.assertFalse(Conference.objects.filter(organization=self.ward).exists())

    def test_it_refuses_a_party_member(self):
        with self.assertRaises(PermissionDenied):
            record_past_conference(self.party_member, self.ward, date=D(2021, 7, 2))

    def test_a_bad_award_saves_nothing(self):
        with self.assertRaises(ValidationError) as refused:
            self.numbered_seventh(awards=[{"form": "giay_khen", "issuer": "Chủ tịch UBND phường"}])
        self.assertIn("Khen thưởng thứ 1", str(refused.exception))
        self.assertFalse(Conference.objects.filter(organization=self.ward).exists())

    def test_end_before_start_is_refused(self):
        with self.assertRaises(ValidationError):
            self.numbered_seventh(start_time="14:00", end_time="8:00")


    def test_a_morning_meeting_starting_in_the_afternoon_is_refused(self):
        with self.assertRaisesMessage(ValidationError, "buổi sáng không thể bắt đầu lúc 14:00"):
            self.numbered_seventh(session="morning", start_time="14:00", end_time="17:00")
        self.assertFalse(Conference.objects.filter(organization=self.ward).exists())

    def test_a_meeting_before_the_organization_was_founded_is_refused(self):
        self.ward.valid_from = D(2021, 8, 1)
        self.ward.save()
        with self.assertRaisesMessage(ValidationError, "trước ngày thành lập Đảng bộ phường Quảng An (01/08/2021)"):
            self.numbered_seventh()
        self.assertFalse(Conference.objects.filter(organization=self.ward).exists())


class ClockTests(PastConferenceTestCase):
    def test_times_are_the_recorded_ones_never_the_clock(self):
        conference = self.numbered_seventh()
        self.assertEqual(timezone.localtime(conference.opened_at).time(), T(8, 0))
        self.assertEqual(timezone.localtime(conference.closed_at).date(), D(2021, 7, 20))
        attendance = Attendance.objects.get(conference=conference)
        self.assertIsNone(attendance.arrived_at)

    def test_a_missing_end_time_stays_empty(self):
        conference = self.numbered_seventh(end_time=None)
        self.assertIsNone(conference.closed_at)
        self.assertEqual(conference.hours_text, "từ 8 giờ 00")


class GroupTests(PastConferenceTestCase):
    def test_a_group_attends_and_speaks_without_comrade(self):
        conference = self.numbered_seventh()
        invitation = conference.invitations.get()
        self.assertTrue(invitation.is_group)
        self.assertEqual(invitation.addressed, GROUP)
        speech = conference.speeches.get()
        self.assertEqual(speech.addressed, GROUP)
        self.assertNotIn("đồng chí", speech.addressed)

    def test_a_person_speaker_is_added_as_an_attending_guest(self):
        conference = self.numbered_seventh(speeches=[{"person": self.guest, "kind": "chi_dao"}])
        invitation = conference.invitations.get(person=self.guest)
        self.assertEqual(invitation.role, Invitation.Role.GUEST)
        self.assertEqual(conference.speeches.get().speaker_text, "Nguyễn Văn Khách, Phó Bí thư Thành ủy")


class TitleSnapshotTests(PastConferenceTestCase):
    def test_later_title_changes_never_rewrite_a_closed_record(self):
        chair = make_person("Đinh Văn Chủ", self.ward, ["Bí thư Đảng ủy phường Quảng An"])
        conference = self.numbered_seventh(chairs=[{"person": chair}],
                                           attendees=[{"person": self.guest}, {"group": GROUP}])
        before = (conference.chairs_text(), conference.invitations.get(person=self.guest).name_with_title)
        chair.set_current_titles(["Phó Chủ tịch UBND quận Tây Hồ"])
        self.guest.set_current_titles(["Nguyên Phó Bí thư Thành ủy"])
        Title.objects.create(person=self.guest, name="Chủ tịch Hội Cựu chiến binh", order=2)
        conference = Conference.objects.get(pk=conference.pk)
        self.assertEqual(before, (conference.chairs_text(), conference.invitations.get(person=self.guest).name_with_title))
        self.assertEqual(before[0], "Đinh Văn Chủ, Bí thư Đảng ủy phường Quảng An")

    def test_closing_a_live_conference_freezes_the_titles(self):
        conference = self.make_conference()
        conference.chairs.add(self.secretary)
        conference.invite_guest(self.guest)
        Invitation.objects.filter(person=self.guest).update(guest_title="")
        self.running(conference)
        conference.close("Thống nhất.")
        printed = conference.chairs_text()
        self.secretary.set_current_titles(["Nguyên Bí thư Quận ủy"])
        self.guest.set_current_titles(["Nguyên Phó Bí thư Thành ủy"])
        conference = Conference.objects.get(pk=conference.pk)
        self.assertEqual(conference.chairs_text(), printed)
        self.assertEqual(conference.invitations.get(person=self.guest).printed_title, "Phó Bí thư Thành ủy")


class AwardTests(PastConferenceTestCase):
    def test_an_award_with_counts_only_is_recorded_at_its_conference(self):
        conference = self.numbered_seventh(awards=[{"form": "giay_khen", "issuer": "Chủ tịch UBND phường Quảng An",
                                                    "collective_count": 3, "individual_count": 5}])
        award = Commendation.objects.get(conference=conference)
        self.assertEqual(award.counts_text, "03 tập thể và 05 cá nhân")
        self.assertEqual(award.decision_number, "")
        self.assertIsNone(award.decision_date)

    def test_a_counted_award_needs_a_conference(self):
        award = Commendation(form="giay_khen", issuer="UBND phường", collective_count=3)
        with self.assertRaises(ValidationError):
            award.full_clean()

    def test_a_named_award_outside_a_conference_still_needs_its_decision(self):
        award = Commendation(form="giay_khen", issuer="UBND phường", person=self.guest)
        with self.assertRaises(ValidationError) as refused:
            award.full_clean()
        self.assertIn("decision_number", refused.exception.message_dict)


class ReferenceTests(PastConferenceTestCase):
    def test_referenced_documents_are_kept_as_written(self):
        conference = self.numbered_seventh(references=[{"kind": "Quy định", "number": "09-QĐ/TU",
                                                        "issuer": "Thành ủy Hà Nội"}])
        reference = conference.references.get()
        self.assertEqual(reference.text, "Quy định số 09-QĐ/TU của Thành ủy Hà Nội")
        self.assertIsNone(reference.document)


class NumberRuleTable(PastConferenceTestCase):
    """``validate_conference_number``, case by case, against a 7th conference of the ward BCH (khóa V)."""

    CASES = [
        # (description, facts of the second conference, refused)
        ("same number, same body", {"body_kind": "bch", "term": "ward", "number": 7}, True),
        ("same number, no term, date in the term", {"body_kind": "bch", "number": 7}, True),
        ("same number, another body kind", {"body_kind": "btv", "term": "ward", "number": 7}, False),
        ("another number", {"body_kind": "bch", "term": "ward", "number": 8}, False),
        ("a lower number", {"body_kind": "bch", "term": "ward", "number": 2}, False),
        ("no number", {"body_kind": "bch", "term": "ward", "number": None}, False),
        ("zero", {"body_kind": "bch", "term": "ward", "number": 0}, True),
    ]

    def test_the_table(self):
        self.numbered_seventh()
        for description, facts, refused in self.CASES:
            with self.subTest(description):
                facts = {**facts, "term": self.ward_term if facts.get("term") else None}
                try:
                    with transaction.atomic():
                        record_past_conference(self.ward_staff, self.ward, date=D(2021, 9, 1), **facts)
                        raise _Rollback
                except ValidationError:
                    self.assertTrue(refused)
                except _Rollback:
                    self.assertFalse(refused)


class _Rollback(Exception):
    pass


class TitleRuleTable(PastConferenceTestCase):
    """``Conference.title``: only what the record holds."""

    CASES = [
        ({"body_kind": "bch", "number": 7, "term": True},
         "Hội nghị lần thứ 7 Ban Chấp hành Đảng bộ phường Quảng An khóa V, nhiệm kỳ 2020–2025"),
        ({"body_kind": "bch", "number": 7}, "Hội nghị lần thứ 7 Ban Chấp hành Đảng bộ phường Quảng An"),
        ({"body_kind": "bch", "kind": "year_end", "reviewed_period": "năm 2021"},
         "Hội nghị tổng kết năm 2021 Ban Chấp hành Đảng bộ phường Quảng An"),
        ({"kind": "thematic"}, "Hội nghị chuyên đề Đảng bộ phường Quảng An"),
        ({"name": "Hội nghị sơ kết 6 tháng đầu năm 2021", "kind": "six_month", "body_kind": "bch", "term": True},
         "Hội nghị sơ kết 6 tháng đầu năm 2021"),
    ]

    def test_the_table(self):
        for facts, title in self.CASES:
            with self.subTest(title):
                facts = {**facts, "term": self.ward_term if facts.get("term") else None}
                conference = Conference(organization=self.ward, date=D(2021, 7, 20), recorded_after=True,
                                        numbered=facts.get("number") is not None, **facts)
                self.assertEqual(conference.title, title)


class LiveNumberingTests(PastConferenceTestCase):
    def test_a_live_conference_follows_a_past_one_recorded_without_its_body(self):
        Conference.objects.create(organization=self.ward, body_kind="bch", number=7, date=D(2021, 7, 20),
                                  recorded_after=True, status=Conference.Status.CLOSED)
        live = Conference.objects.create(body=self.ward_bch, date=D(2021, 10, 1))
        self.assertEqual(live.number, 8)

    def test_an_unnumbered_live_conference_gets_no_number(self):
        live = Conference.objects.create(body=self.ward_bch, date=D(2021, 10, 1), numbered=False,
                                         kind=Conference.Kind.YEAR_END, reviewed_period="năm 2021")
        self.assertIsNone(live.number)
        self.assertEqual(live.title, "Hội nghị tổng kết năm 2021 Ban Chấp hành Đảng bộ phường Quảng An khóa V")


@pytest.mark.parametrize(("session", "start", "refused"), [
    ("morning", T(7, 30), False), ("morning", T(11, 59), False), ("morning", T(12, 0), True), ("morning", T(14, 0), True),
    ("afternoon", T(13, 30), False), ("afternoon", T(12, 0), False), ("afternoon", T(8, 0), True),
    ("full_day", T(8, 0), False), ("", T(14, 0), False), ("morning", None, False),
])
def test_the_half_day_and_the_start_time_agree(session, start, refused):
    assert (session_problem(session, start) is not None) == refused


@pytest.mark.parametrize(("period", "kind"), [
    ("6 tháng đầu năm 2019", "six_month"), ("06 tháng đầu năm 2023", "six_month"), ("9 tháng năm 2023", "nine_month"),
    ("chín tháng đầu năm", "nine_month"), ("quý I năm 2026", "quarter"), ("quí II/2024", "quarter"), ("", "regular"),
])
def test_a_periodic_review_is_filed_by_the_months_it_reviews(period, kind):
    assert _kind({"conference_kind": "periodic_review", "period_reviewed": period}) == kind
