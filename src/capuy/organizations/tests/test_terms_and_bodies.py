import datetime

import pytest
from django.core.exceptions import ValidationError

from capuy.core.testing import CapuyTestCase, make_person
from capuy.organizations.models import Body, BodyMembership, Term

D = datetime.date


class TermTests(CapuyTestCase):
    def test_term_is_named_by_its_congress_in_roman_numerals(self):
        assert str(self.term) == "khóa VI, nhiệm kỳ 2020–2025"

    def test_overlapping_terms_are_refused(self):
        term = Term(organization=self.district, congress_number=7, start_year=2025, end_year=2030,
                    start_date=D(2025, 8, 1))
        with pytest.raises(ValidationError, match="trùng thời gian"):
            term.full_clean()

    def test_the_next_term_starts_after_the_previous_one_ends(self):
        term = Term(organization=self.district, congress_number=7, start_year=2025, end_year=2030,
                    start_date=D(2025, 8, 15))
        term.full_clean()

    def test_end_year_must_follow_start_year(self):
        term = Term(organization=self.ward, congress_number=1, start_year=2025, end_year=2020, start_date=D(2025, 1, 1))
        with pytest.raises(ValidationError, match="Năm kết thúc"):
            term.full_clean()

    def test_current_term_is_the_one_covering_the_day(self):
        assert self.district.current_term(D(2023, 10, 5)) == self.term
        assert self.district.current_term(D(2019, 1, 1)) is None


class BodyTests(CapuyTestCase):
    def test_body_full_name_reads_as_in_the_articles(self):
        assert self.bch.full_name == "Ban Chấp hành Đảng bộ quận Tây Hồ khóa VI"

    def test_who_sat_on_the_body_on_a_date(self):
        newcomer = make_person("Đinh Văn Giang", self.cell)
        BodyMembership.objects.create(body=self.bch, person=newcomer, start_date=D(2023, 1, 1))
        leaver = BodyMembership.objects.get(body=self.bch, person__full_name="Nguyễn Văn An")
        leaver.end_date = D(2022, 12, 31)
        leaver.save()
        before = set(self.bch.members_on(D(2022, 6, 1)).values_list("full_name", flat=True))
        after = set(self.bch.members_on(D(2023, 6, 1)).values_list("full_name", flat=True))
        assert "Nguyễn Văn An" in before and "Đinh Văn Giang" not in before
        assert "Đinh Văn Giang" in after and "Nguyễn Văn An" not in after
        assert len(after) == 5

    def test_members_are_listed_in_vietnamese_name_order(self):
        names = list(self.bch.members_on(D(2023, 1, 1)).values_list("full_name", flat=True))
        assert names == ["Nguyễn Văn An", "Trần Thị Bích", "Phạm Văn Bình", "Đỗ Quang Dũng", "Lê Thị Thu Hằng"]

    def test_a_membership_outside_the_term_is_refused(self):
        membership = BodyMembership(body=self.bch, person=self.member_person, start_date=D(2019, 5, 1))
        with pytest.raises(ValidationError, match="ngoài nhiệm kỳ"):
            membership.full_clean()

    def test_a_membership_ending_after_the_term_is_refused(self):
        membership = BodyMembership(body=self.bch, person=self.member_person, start_date=D(2021, 5, 1),
                                    end_date=D(2026, 1, 1))
        with pytest.raises(ValidationError, match="ngoài nhiệm kỳ"):
            membership.full_clean()

    def test_the_same_person_cannot_sit_twice_at_once(self):
        membership = BodyMembership(body=self.bch, person=self.secretary, start_date=D(2022, 1, 1))
        with pytest.raises(ValidationError, match="đã là thành viên"):
            membership.full_clean()

    def test_a_body_must_use_a_term_of_its_organization(self):
        other_term = Term.objects.create(organization=self.ward, congress_number=5, start_year=2020, end_year=2025,
                                         start_date=D(2020, 6, 1))
        body = Body(organization=self.district, term=other_term, kind=Body.Kind.STANDING)
        with pytest.raises(ValidationError, match="không thuộc"):
            body.full_clean()


class TitleTests(CapuyTestCase):
    def test_titles_are_written_in_order_the_vietnamese_way(self):
        assert self.committee_person.titles_text() == "Phó Bí thư Quận ủy, Chủ tịch UBND quận"
        assert self.committee_person.with_titles() == "Phạm Văn Bình, Phó Bí thư Quận ủy, Chủ tịch UBND quận"

    def test_ended_titles_are_left_out(self):
        title = self.committee_person.titles.get(order=2)
        title.end_date = D(2022, 1, 1)
        title.save()
        assert self.committee_person.titles_text(D(2023, 1, 1)) == "Phó Bí thư Quận ủy"
        assert self.committee_person.titles_text(D(2021, 1, 1)) == "Phó Bí thư Quận ủy, Chủ tịch UBND quận"

    def test_person_names_are_normalised_and_searchable(self):
        person = make_person("  Trương   Tú Uyên ", self.ward)
        assert person.full_name == "Trương Tú Uyên"
        assert list(type(person).objects.search("truong tu uyen")) == [person]


class PastTermTests(CapuyTestCase):
    def test_open_ended_memberships_end_with_their_term(self):
        assert self.bch.members_on(D(2025, 8, 14)).count() == 5
        assert self.bch.members_on(D(2025, 8, 15)).count() == 0

    def test_the_page_of_a_past_term_shows_the_body_on_its_last_day(self):
        self.login(self.district_staff)
        text = self.client.get(f"/to-chuc/{self.district.pk}/?nhiem-ky={self.term.pk}").content.decode()
        assert "Thành viên tại ngày 14 tháng 08 năm 2025: 5" in text
