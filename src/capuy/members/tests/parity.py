"""Parity cases of the members actions (run by ``core/tests/test_action_parity.py``)."""

from django.urls import reverse

from capuy.core.tests.parity import Scenario
from capuy.members.models import RatingCampaign


def decide_ratings(t):
    campaign = RatingCampaign.objects.create(organization=t.ward, year=2023)
    url, api = reverse("members:campaign_decide", args=[campaign.pk]), (
        "post", f"/members/campaigns/{campaign.pk}/decisions/")
    return [Scenario(t.ward_staff, url, api, {}, {"decisions": []},
                     refused="Chưa chọn đối tượng nào để quyết định xếp loại.")]


CASES = {"members.decide_ratings": decide_ratings}
