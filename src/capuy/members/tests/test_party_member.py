import datetime

import pytest
from django.core.exceptions import ValidationError

from capuy.core.testing import CapuyTestCase, make_person
from capuy.members.models import PartyMember

D = datetime.date


class PartyMemberTests(CapuyTestCase):
    def test_a_duplicate_card_number_is_refused_in_vietnamese(self):
        member = PartyMember(person=make_person("Hồ Văn Long", self.cell), card_number="01000100",
                             admission_date=D(2010, 1, 1))
        with pytest.raises(ValidationError) as exc:
            member.full_clean()
        assert "Số thẻ đảng viên này đã được dùng" in str(exc.value)

    def test_official_before_admission_is_refused(self):
        member = PartyMember(person=make_person("Hồ Văn Long", self.cell), admission_date=D(2010, 1, 1),
                             official_date=D(2009, 1, 1))
        with pytest.raises(ValidationError, match="Ngày chính thức"):
            member.full_clean()

    def test_a_card_number_holds_digits(self):
        for card, ok in [("01000123", True), ("01.000.123", True), ("abc", False), ("số 12", False)]:
            member = PartyMember(person=make_person("Hồ Văn Long", self.cell), card_number=card,
                                 admission_date=D(2010, 1, 1))
            if ok:
                member.full_clean()
            else:
                with pytest.raises(ValidationError, match="chỉ gồm chữ số"):
                    member.full_clean()

    def test_probationary_until_made_official(self):
        member = PartyMember(admission_date=D(2024, 1, 1))
        assert not member.is_official and member.standing_display == "Dự bị"
        member.official_date = D(2025, 1, 1)
        assert member.is_official and member.standing_display == "Chính thức"

    def test_blank_card_numbers_do_not_collide(self):
        for name in ("Hồ Văn Long", "Hồ Văn Hải"):
            member = PartyMember(person=make_person(name, self.cell), card_number=" ", admission_date=D(2010, 1, 1))
            member.full_clean()
            member.save()
        assert PartyMember.objects.filter(card_number__isnull=True).count() == 2


@pytest.mark.parametrize(("born", "admitted", "problem"), [
    (D(1990, 5, 5), D(2008, 5, 5), None),  # eighteen that day
    (D(1990, 5, 5), D(2008, 5, 4), "chưa đủ 18 tuổi"),
    (D(2010, 5, 5), D(2000, 1, 1), "phải sau ngày sinh"),
    (D(2000, 2, 29), D(2018, 2, 28), None),  # born on 29 February: eighteen on 28 February
])
def test_a_member_is_admitted_at_eighteen_or_more(born, admitted, problem):
    """Điều lệ Đảng, Điều 1 khoản 2 (members/models.admission_age_problem)."""
    from capuy.members.models import admission_age_problem

    got = admission_age_problem(born, admitted)
    assert (got is None) if problem is None else (problem in got)
