import pytest
from django.core.exceptions import ValidationError

from capuy.members import rules
from capuy.members.models import Level, Rating, RatingCampaign, RatingRules
from capuy.members.tests.base import MembersTestCase


class RatingStepTests(MembersTestCase):
    def setUp(self):
        self.campaign = RatingCampaign.objects.create(organization=self.ward, year=2023)
        self.campaign.populate()
        self.rating = self.campaign.ratings.get(member=self.member)

    def test_a_campaign_covers_the_members_of_the_subtree_with_their_grassroots_unit(self):
        assert self.rating.unit == self.ward
        assert not self.campaign.ratings.filter(member=self.far_member.party_member).exists()
        assert self.campaign.populate() == 0  # nothing twice

    def test_a_campaigns_term_is_its_organizations_or_a_superiors(self):
        from capuy.organizations.models import Term
        ward_term = Term.objects.create(organization=self.other_ward, congress_number=1, start_year=2020,
                                        end_year=2025, start_date=self.term.start_date)
        for organization, term, accepted in [(self.cell, self.cell_term, True), (self.ward, self.term, True),
                                             (self.ward, self.cell_term, False), (self.ward, ward_term, False)]:
            with self.subTest(organization=organization.name, term=str(term)):
                campaign = RatingCampaign(organization=organization, year=2023, term=term)
                if accepted:
                    campaign.full_clean()
                else:
                    with pytest.raises(ValidationError, match="của tổ chức này hoặc của cấp trên"):
                        campaign.full_clean()

    def test_grassroots_of_a_cell_is_the_ward(self):
        assert rules.grassroots_of(self.cell) == self.ward
        assert rules.grassroots_of(self.ward) == self.ward

    def test_the_three_steps_record_who_and_when(self):
        self.rating.self_rate(self.party_member, 92, True, 40)
        assert self.rating.self_level == Level.EXCELLENT and self.rating.self_by == self.party_member
        self.rating.appraise(self.cell_secretary, Level.GOOD, note="Đề nghị mức tốt")
        assert self.rating.appraisal_by == self.cell_secretary and self.rating.appraisal_at
        self.rating.decide(self.ward_staff, Level.GOOD)
        self.rating.refresh_from_db()
        assert self.rating.step == Rating.Step.DECIDED
        assert self.rating.decision_by == self.ward_staff and self.rating.decision_at
        assert self.rating.decision_level == Level.GOOD

    def test_appraisal_before_self_rating_is_refused(self):
        with pytest.raises(ValidationError, match="Chưa có bản tự đánh giá"):
            self.rating.appraise(self.cell_secretary, Level.GOOD)
        self.rating.refresh_from_db()
        assert self.rating.step == Rating.Step.PENDING and not self.rating.appraisal_level

    def test_a_decision_without_appraisal_is_refused_and_nothing_saved(self):
        self.rating.self_rate(self.party_member, 80)
        with pytest.raises(ValidationError, match="chưa được thẩm định"):
            self.rating.decide(self.ward_staff, Level.GOOD)
        self.rating.refresh_from_db()
        assert self.rating.step == Rating.Step.SELF and not self.rating.decision_level

    def test_a_self_rating_with_a_level_outside_its_band_is_refused(self):
        with pytest.raises(ValidationError, match="không khớp với 75 điểm"):
            self.rating.self_rate(self.party_member, 75, level=Level.EXCELLENT)
        self.rating.refresh_from_db()
        assert self.rating.self_score is None

    def test_an_appraisal_above_the_score_band_is_refused(self):
        self.rating.self_rate(self.party_member, 75)
        with pytest.raises(ValidationError, match="không khớp"):
            self.rating.appraise(self.cell_secretary, Level.EXCELLENT)

    def test_a_decided_rating_cannot_be_self_rated_again(self):
        self.rating.self_rate(self.party_member, 75)
        self.rating.appraise(self.cell_secretary, Level.GOOD)
        self.rating.decide(self.ward_staff, Level.GOOD)
        with pytest.raises(ValidationError, match="Đã có quyết định"):
            self.rating.self_rate(self.party_member, 95, True, 50)

    def test_changed_bands_apply_to_new_ratings(self):
        RatingRules.objects.create(excellent_min=95, good_min=80, done_min=60)
        self.rating.self_rate(self.party_member, 92, True, 40)
        assert self.rating.self_level == Level.GOOD

    def test_a_campaign_by_quarter_needs_a_quarter(self):
        campaign = RatingCampaign(organization=self.ward, year=2023, period=RatingCampaign.Period.QUARTER)
        with pytest.raises(ValidationError, match="chọn quý"):
            campaign.full_clean()

    def test_an_organization_campaign_rates_the_cells_and_the_ward(self):
        campaign = RatingCampaign.objects.create(organization=self.ward, year=2023,
                                                 subject=RatingCampaign.Subject.ORGANIZATIONS)
        campaign.populate()
        assert set(campaign.ratings.values_list("organization", flat=True)) == {
            self.ward.pk, self.cell.pk, self.second_cell.pk}
