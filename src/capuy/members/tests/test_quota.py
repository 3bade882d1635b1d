import pytest
from django.core.exceptions import ValidationError

from capuy.core.testing import make_person
from capuy.members.models import Level, Rating, RatingCampaign, decide_ratings
from capuy.members.tests.base import MembersTestCase


class QuotaTests(MembersTestCase):
    """Excellent ≤ 20% of good per grassroots organization (DOMAIN.md setting)."""

    def setUp(self):
        for i in range(8):
            make_person(f"Nguyễn Văn Thử {i}", self.cell, card=f"0200{i:04d}")
        self.campaign = RatingCampaign.objects.create(organization=self.ward, year=2023)
        self.campaign.populate()
        self.ratings = list(self.campaign.ratings.order_by("pk"))
        for r in self.ratings:
            r.self_rate(self.ward_staff, 95, True, 40)
            r.appraise(self.ward_staff, Level.EXCELLENT)

    def test_a_decision_that_breaks_the_quota_is_refused_with_the_numbers(self):
        decide_ratings(self.campaign, [(r, Level.GOOD, "") for r in self.ratings[:4]], self.ward_staff)
        with pytest.raises(ValidationError) as exc:
            self.ratings[-1].decide(self.ward_staff, Level.EXCELLENT)
        assert exc.value.messages[0] == (
            "Vượt tỷ lệ Hoàn thành xuất sắc nhiệm vụ tại Đảng bộ phường Quảng An: 1 đảng viên xuất sắc, "
            "trong khi tối đa 20% của 4 đảng viên hoàn thành tốt là 0.")
        self.ratings[-1].refresh_from_db()
        assert self.ratings[-1].step == Rating.Step.APPRAISED

    def test_a_fifth_good_member_makes_room_for_one_excellent(self):
        decide_ratings(self.campaign, [(r, Level.GOOD, "") for r in self.ratings[:5]], self.ward_staff)
        self.ratings[-1].decide(self.ward_staff, Level.EXCELLENT)
        assert Rating.objects.filter(decision_level=Level.EXCELLENT).count() == 1

    def test_the_quota_is_checked_on_the_whole_batch_so_order_does_not_matter(self):
        decisions = [(self.ratings[0], Level.EXCELLENT, "")] + [(r, Level.GOOD, "") for r in self.ratings[1:6]]
        decide_ratings(self.campaign, decisions, self.ward_staff)
        assert Rating.objects.filter(decision_level=Level.EXCELLENT).count() == 1

    def test_a_batch_that_breaks_the_quota_saves_nothing(self):
        decisions = [(r, Level.EXCELLENT, "") for r in self.ratings[:2]] + [(r, Level.GOOD, "") for r in self.ratings[2:7]]
        with pytest.raises(ValidationError, match="2 đảng viên xuất sắc.*20% của 5 .* là 1"):
            decide_ratings(self.campaign, decisions, self.ward_staff)
        assert not Rating.objects.filter(step=Rating.Step.DECIDED).exists()
