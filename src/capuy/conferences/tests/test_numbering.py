import datetime

from django.db import IntegrityError

from capuy.conferences.models import Conference, NumberingStart, next_conference_number
from capuy.conferences.tests.base import ConferenceTestCase
from capuy.organizations.models import Body, Term

D = datetime.date


class NumberingTests(ConferenceTestCase):
    def test_the_first_conference_of_a_body_is_number_one_and_the_next_follow(self):
        assert self.conference.number == 1
        second = self.make_conference(day=D(2023, 12, 20))
        third = self.make_conference(day=D(2024, 1, 10))
        assert (second.number, third.number) == (2, 3)

    def test_the_title_reads_like_the_articles(self):
        assert self.conference.title == ("Hội nghị lần thứ 1 Ban Chấp hành Đảng bộ quận Tây Hồ khóa VI, "
                                         "nhiệm kỳ 2020–2025")
        assert self.conference.when_text == "sáng ngày 05 tháng 10 năm 2023"

    def test_each_body_has_its_own_sequence(self):
        btv = Body.objects.create(organization=self.district, term=self.term, kind=Body.Kind.STANDING)
        self.make_conference()
        assert self.make_conference(body=btv).number == 1
        assert self.make_conference(body=self.ward_bch).number == 1
        assert self.make_conference().number == 3

    def test_the_number_restarts_in_a_new_term(self):
        self.make_conference()
        next_term = Term.objects.create(organization=self.district, congress_number=7, start_year=2025, end_year=2030,
                                        start_date=D(2025, 8, 15))
        next_bch = Body.objects.create(organization=self.district, term=next_term, kind=Body.Kind.EXECUTIVE)
        first = self.make_conference(body=next_bch, day=D(2025, 9, 1))
        assert first.number == 1
        assert first.title.startswith("Hội nghị lần thứ 1 Ban Chấp hành Đảng bộ quận Tây Hồ khóa VII")

    def test_a_term_imported_mid_way_continues_from_the_recorded_count(self):
        NumberingStart.objects.create(body=self.ward_bch, held_before=16)
        assert next_conference_number(self.ward_bch) == 17
        assert self.make_conference(body=self.ward_bch).number == 17
        assert self.make_conference(body=self.ward_bch).number == 18

    def test_lightweight_past_records_give_the_same_number(self):
        for _ in range(16):
            Conference.objects.create(body=self.ward_bch, date=D(2021, 1, 1), status=Conference.Status.CLOSED)
        assert self.make_conference(body=self.ward_bch).number == 17

    def test_a_deleted_draft_does_not_leave_a_gap_at_the_end(self):
        last = self.make_conference()
        last.delete()
        assert self.make_conference().number == 2

    def test_two_conferences_of_one_body_cannot_share_a_number(self):
        with self.assertRaises(IntegrityError):
            Conference.objects.create(body=self.bch, date=D(2023, 11, 1), number=1)
