import pytest
from django.core.exceptions import ValidationError

from capuy.members.models import Commendation, CriteriaList, CriteriaResult, Criterion
from capuy.members.tests.base import D, MembersTestCase


class CommendationTests(MembersTestCase):
    def make(self, **fields):
        base = {"form": Commendation.Form.CERTIFICATE, "issuer": "Ban Thường vụ Quận ủy Tây Hồ",
                "decision_number": "Số 1125-QĐ/QU", "decision_date": D(2023, 5, 17)}
        return Commendation(**(base | fields))

    def test_a_commendation_has_exactly_one_recipient(self):
        with pytest.raises(ValidationError, match="đúng một đối tượng"):
            self.make().full_clean()
        with pytest.raises(ValidationError, match="đúng một đối tượng"):
            self.make(person=self.member_person, organization=self.cell).full_clean()
        self.make(organization=self.cell).full_clean()

    def test_a_party_badge_has_one_of_the_milestones(self):
        with pytest.raises(ValidationError, match="30, 40, 45"):
            self.make(form=Commendation.Form.BADGE, badge_years=35, person=self.member_person).full_clean()
        badge = self.make(form=Commendation.Form.BADGE, badge_years=45, person=self.member_person)
        badge.full_clean()
        self.make(form=Commendation.Form.BADGE, badge_years=90, person=self.member_person).full_clean()
        assert badge.form_display == "Huy hiệu 45 năm tuổi Đảng"

    def test_a_badge_goes_to_a_person_and_the_exemplary_title_to_a_collective(self):
        with pytest.raises(ValidationError, match="chỉ tặng cho cá nhân"):
            self.make(form=Commendation.Form.BADGE, badge_years=30, organization=self.cell).full_clean()
        with pytest.raises(ValidationError, match="chỉ dành cho tập thể"):
            self.make(form=Commendation.Form.EXEMPLARY, person=self.member_person).full_clean()

    def test_the_issuer_is_the_recipients_organization_or_one_above_it(self):
        cases = [  # (recipient, issuer, accepted)
            ({"person": self.member_person}, self.cell, True),
            ({"person": self.member_person}, self.ward, True),
            ({"person": self.member_person}, self.city, True),
            ({"organization": self.cell}, self.district, True),
            ({"person": self.member_person}, self.other_ward, False),
            ({"organization": self.ward}, self.cell, False),
        ]
        for recipient, issuer, accepted in cases:
            with self.subTest(recipient=recipient, issuer=issuer.name):
                commendation = self.make(issuer_organization=issuer, **recipient)
                if accepted:
                    commendation.full_clean()
                else:
                    with pytest.raises(ValidationError, match="cấp trên của tổ chức đó"):
                        commendation.full_clean()

    def test_a_period_that_ends_before_it_starts_is_refused(self):
        with pytest.raises(ValidationError, match="ngày kết thúc phải sau"):
            self.make(person=self.member_person, period_start=D(2023, 1, 1), period_end=D(2022, 1, 1)).full_clean()


class CriteriaTests(MembersTestCase):
    def test_a_yearly_result_passes_only_with_every_criterion(self):
        four_good = CriteriaList.objects.create(name="Chi bộ 4 tốt", subject=CriteriaList.Subject.ORGANIZATIONS,
                                                organization=self.district)
        criteria = [Criterion.objects.create(criteria_list=four_good, text=f"Tiêu chí {i}", order=i) for i in range(4)]
        result = CriteriaResult.objects.create(criteria_list=four_good, year=2023, organization=self.cell)
        result.met.set(criteria[:3])
        assert not result.passed
        result.met.add(criteria[3])
        assert result.passed

    def test_a_member_list_cannot_record_an_organization(self):
        four_good = CriteriaList.objects.create(name="Đảng viên 4 tốt", subject=CriteriaList.Subject.MEMBERS,
                                                organization=self.district)
        with pytest.raises(ValidationError, match="áp dụng cho đảng viên"):
            CriteriaResult(criteria_list=four_good, year=2023, organization=self.cell).full_clean()


class SummaryTests(MembersTestCase):
    def test_the_article_sentence_counts_collectives_and_individuals(self):
        from capuy.members.models import commendations_summary

        base = {"form": Commendation.Form.CERTIFICATE, "issuer": "Ban Thường vụ Quận ủy Tây Hồ",
                "decision_number": "Số 1125-QĐ/QU", "decision_date": D(2023, 5, 17),
                "reason": "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh"}
        items = [Commendation(organization=self.cell, **base), Commendation(organization=self.second_cell, **base),
                 Commendation(person=self.member_person, **base), Commendation(person=self.neighbour, **base)]
        assert commendations_summary(items) == (
            "trao Giấy khen của Ban Thường vụ Quận ủy Tây Hồ cho 2 tập thể và 2 cá nhân có thành tích trong "
            "học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh")


@pytest.mark.parametrize(("reason", "words"), [
    ("có thành tích xuất sắc", "có thành tích xuất sắc"),
    ("Hoàn thành xuất sắc nhiệm vụ năm 2023.", "hoàn thành xuất sắc nhiệm vụ năm 2023"),
    ("thành tích xuất sắc trong công tác dân vận", "có thành tích xuất sắc trong công tác dân vận"),
    ("xuất sắc trong phong trào thi đua", "có thành tích xuất sắc trong phong trào thi đua"),
    ("Công tác dân vận", "có thành tích trong công tác dân vận"),
    ("", ""),
])
def test_an_awards_reason_is_said_once_as_written_or_as_its_field(reason, words):
    from capuy.members.models import achievement

    assert achievement(reason) == words
