"""Deciding many ratings at once: the campaign page (checkboxes, select all) and the API share one action."""

import json

from django.urls import reverse

from capuy.members.models import Level, Rating, RatingCampaign
from capuy.members.tests.base import MembersTestCase
from capuy.members.tests.test_quota import unit_campaign

E, G = Level.EXCELLENT, Level.GOOD


class BatchDecisionTests(MembersTestCase):
    def setUp(self):
        self.campaign, self.ratings = unit_campaign(self, 10)
        self.url = reverse("members:campaign_decide", args=[self.campaign.pk])

    def _post(self, levels, note="Ban Thường vụ quyết định"):
        data = {"chon": [str(r.pk) for r in levels], "ghi-chu": note}
        data.update({f"muc-{r.pk}": level for r, level in levels.items()})
        return self.client.post(self.url, data, follow=True)

    def _decided(self):
        return Rating.objects.filter(campaign=self.campaign, step=Rating.Step.DECIDED)

    def test_the_page_offers_a_checkbox_per_row_and_select_all(self):
        self.login(self.district_staff)
        text = self.client.get(self.campaign.get_absolute_url()).content.decode()
        assert 'id="chon-tat-ca"' in text
        assert text.count('type="checkbox" name="chon"') == 10
        assert "không phụ thuộc thứ tự ghi" in text

    def test_the_checked_rows_are_decided_at_once_with_their_levels(self):
        self.login(self.district_staff)
        levels = {r: (E if i < 2 else G) for i, r in enumerate(self.ratings)}
        response = self._post(levels)
        assert "Đã ghi quyết định xếp loại cho 10 đối tượng." in response.content.decode()
        assert sorted(self._decided().values_list("decision_level", flat=True)) == sorted(levels.values())
        assert set(self._decided().values_list("decision_note", flat=True)) == {"Ban Thường vụ quyết định"}

    def test_a_batch_over_the_quota_is_refused_with_the_rule_and_changes_nothing(self):
        self.login(self.district_staff)
        response = self._post({r: (E if i < 3 else G) for i, r in enumerate(self.ratings)})
        text = response.content.decode()
        assert "Không ghi quyết định nào." in text and "Quy định 366-QĐ/TW" in text
        assert not self._decided().exists()

    def test_nothing_checked_is_refused(self):
        self.login(self.district_staff)
        assert "Chưa chọn đối tượng nào" in self._post({}).content.decode()

    def test_a_user_without_the_right_to_decide_is_refused(self):
        self.login(self.ward_staff)  # office of another grassroots organization
        response = self.client.post(self.url, {"chon": [str(self.ratings[0].pk)], f"muc-{self.ratings[0].pk}": G})
        assert response.status_code == 404
        assert not self._decided().exists()

    def test_a_rating_of_another_campaign_is_not_found(self):
        other = RatingCampaign.objects.create(organization=self.ward, year=2023)
        other.populate()
        foreign = other.ratings.first()
        self.login(self.district_staff)
        response = self.client.post(self.url, {"chon": [str(foreign.pk)], f"muc-{foreign.pk}": G})
        assert response.status_code == 404
        assert not Rating.objects.filter(step=Rating.Step.DECIDED).exists()


class BatchDecisionApiTests(MembersTestCase):
    def setUp(self):
        self.campaign, self.ratings = unit_campaign(self, 10)
        self.url = f"/api/members/campaigns/{self.campaign.pk}/decisions/"

    def _post(self, levels):
        body = {"decisions": [{"rating_id": r.pk, "level": level} for r, level in levels.items()]}
        return self.client.post(self.url, json.dumps(body), content_type="application/json")

    def test_the_api_decides_the_whole_set_in_any_order(self):
        self.login(self.district_staff)
        levels = {r: (E if i >= 8 else G) for i, r in enumerate(self.ratings)}  # excellent listed last
        response = self._post(levels)
        assert response.status_code == 200 and len(response.json()) == 10

    def test_the_api_refuses_a_set_over_the_quota_in_vietnamese(self):
        self.login(self.district_staff)
        response = self._post({r: (E if i < 3 else G) for i, r in enumerate(self.ratings)})
        assert response.status_code == 400
        assert "Vượt tỷ lệ Hoàn thành xuất sắc nhiệm vụ" in response.json()["detail"]
        assert not Rating.objects.filter(step=Rating.Step.DECIDED).exists()

    def test_the_api_refuses_a_cell_secretary(self):
        self.login(self.cell_secretary)
        response = self._post({self.ratings[0]: G})
        assert response.status_code in (403, 404)
        assert not Rating.objects.filter(step=Rating.Step.DECIDED).exists()


class RatingRulesApiTests(MembersTestCase):
    def test_the_api_states_the_quota_and_its_base(self):
        self.login(self.ward_staff)
        rules = self.client.get("/api/members/rating-rules/").json()
        assert (rules["quota_percent"], rules["quota_base"]) == (20, "good_or_better")


class CampaignVisibilityTests(MembersTestCase):
    def test_an_empty_batch_on_a_campaign_the_user_cannot_see_is_not_found(self):
        campaign, _ = unit_campaign(self, 3)
        self.login(self.other_ward_staff)
        response = self.client.post(reverse("members:campaign_decide", args=[campaign.pk]), {})
        assert response.status_code == 404
