"""The quota of "Hoàn thành xuất sắc nhiệm vụ" on real campaigns (Quy định 366-QĐ/TW): at most 20% of the
members rated good or better per grassroots organization, checked on the whole set, whatever the order."""

import itertools
import random

import pytest
from django.core.exceptions import ValidationError

from capuy.core.testing import make_person
from capuy.members import actions
from capuy.members.models import Level, Rating, RatingCampaign, decide_ratings
from capuy.members.tests.base import MembersTestCase
from capuy.organizations.models import Organization

E, G, H = Level.EXCELLENT, Level.GOOD, Level.DONE


def unit_campaign(test, size, score=95):
    """A new grassroots organization under Tây Hồ with ``size`` members, all appraised in the excellent band
    (the district office rates them)."""
    unit = Organization.objects.create(parent=test.district, kind=Organization.Kind.GRASSROOTS,
                                       name=f"Đảng bộ phường Thử {size}")
    cell = Organization.objects.create(parent=unit, kind=Organization.Kind.CELL, name="Chi bộ Thử")
    for i in range(size):
        make_person(f"Nguyễn Văn Thử {i}", cell, card=f"02{size:02d}{i:04d}")
    campaign = RatingCampaign.objects.create(organization=unit, year=2023)
    campaign.populate()
    ratings = list(campaign.ratings.order_by("pk"))
    assert len(ratings) == size
    for r in ratings:
        r.self_rate(test.district_staff, score, True, 40)
        r.appraise(test.district_staff, Level.EXCELLENT)
    return campaign, ratings


class QuotaTests(MembersTestCase):
    """A grassroots organization with 10 members, all appraised in the excellent band."""

    def setUp(self):
        self.campaign, self.ratings = unit_campaign(self, 10)
        self.ward_staff = self.district_staff  # the competent level for this unit

    def _levels(self):
        return sorted(Rating.objects.filter(step=Rating.Step.DECIDED).values_list("decision_level", flat=True))

    def test_two_excellent_of_ten_rated_good_or_better_are_accepted(self):
        decide_ratings(self.campaign, [(r, E if i < 2 else G, "") for i, r in enumerate(self.ratings)], self.ward_staff)
        assert self._levels().count(E) == 2

    def test_a_third_excellent_of_ten_is_refused_and_nothing_changes(self):
        with pytest.raises(ValidationError) as exc:
            decide_ratings(self.campaign, [(r, E if i < 3 else G, "") for i, r in enumerate(self.ratings)],
                           self.ward_staff)
        assert "3 đảng viên xuất sắc" in exc.value.messages[0]
        assert "Quy định 366-QĐ/TW" in exc.value.messages[0]
        assert not Rating.objects.filter(step=Rating.Step.DECIDED).exists()

    def test_the_first_excellent_decided_before_any_good_is_accepted(self):
        self.ratings[0].decide(self.ward_staff, E)
        assert self._levels() == [E]

    def test_every_order_of_the_same_decisions_gives_the_same_answer(self):
        final = [E, E] + [G] * 8  # 2 of 10 rated good or better
        orders = [list(range(10)), list(range(9, -1, -1))] + [random.Random(seed).sample(range(10), 10) for seed in range(4)]
        for order in orders:
            with self.subTest(order=order):
                Rating.objects.filter(campaign=self.campaign).update(step=Rating.Step.APPRAISED, decision_level="")
                for i in order:
                    rating = Rating.objects.get(pk=self.ratings[i].pk)
                    rating.decide(self.ward_staff, final[i])
                assert self._levels() == sorted(final)

    def test_a_set_over_the_quota_is_refused_in_every_order_and_never_saved(self):
        # 3 excellent among 8 rated good or better: over the quota whatever the order of clicks.
        final = [E, E, E] + [G] * 5 + [H, H]
        for order in itertools.islice(itertools.permutations(range(10)), 0, 3000, 997):
            with self.subTest(order=order):
                Rating.objects.filter(campaign=self.campaign).update(step=Rating.Step.APPRAISED, decision_level="")
                refused = 0
                for i in order:
                    try:
                        Rating.objects.get(pk=self.ratings[i].pk).decide(self.ward_staff, final[i])
                    except ValidationError as exc:
                        assert "Vượt tỷ lệ Hoàn thành xuất sắc nhiệm vụ" in exc.messages[0]
                        refused += 1
                levels = self._levels()
                undecided = 10 - len(levels)
                assert refused >= 1 and undecided >= 1
                # What was saved can still be completed within the quota.
                assert levels.count(E) <= (levels.count(E) + levels.count(G) + undecided) * 20 // 100

    def test_lowering_a_good_member_that_would_break_the_quota_is_refused(self):
        decide_ratings(self.campaign, [(r, E if i < 2 else G, "") for i, r in enumerate(self.ratings)], self.ward_staff)
        with pytest.raises(ValidationError, match="2 đảng viên xuất sắc.*20% của 9 .* là 1"):
            self.ratings[5].decide(self.ward_staff, H)
        self.ratings[5].refresh_from_db()
        assert self.ratings[5].decision_level == G


class SmallUnitQuotaTests(MembersTestCase):
    """A grassroots organization of 5 members can have one excellent (20% of 5)."""

    def test_a_unit_of_five_can_have_one_excellent(self):
        campaign, ratings = unit_campaign(self, 5, score=92)
        ratings[0].decide(self.district_staff, E)
        with pytest.raises(ValidationError, match="2 đảng viên xuất sắc"):
            ratings[1].decide(self.district_staff, E)
        actions.decide_ratings(self.district_staff, campaign, [(r.pk, G, "") for r in ratings[1:]])
        assert sorted(Rating.objects.filter(campaign=campaign).values_list("decision_level", flat=True)) == sorted([E, G, G, G, G])
