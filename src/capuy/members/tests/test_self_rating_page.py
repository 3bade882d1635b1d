"""A party member finds the campaign that rates them and rates themself; they see only their own row."""

from django.urls import reverse

from capuy.core.testing import CapuyTestCase, make_person
from capuy.members.models import Rating, RatingCampaign


class SelfRatingPageTests(CapuyTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.colleague = make_person("Cao Thị Huệ", cls.cell, card="01000300")
        cls.campaign = RatingCampaign.objects.create(organization=cls.ward, year=2023)
        cls.campaign.populate()
        cls.own = Rating.objects.get(campaign=cls.campaign, member__person=cls.member_person)

    def test_the_member_sees_the_campaign_in_the_list_and_only_their_row(self):
        self.login(self.party_member)
        self.assertContains(self.client.get(reverse("members:campaigns")), self.campaign.get_absolute_url())
        page = self.client.get(self.campaign.get_absolute_url())
        self.assertContains(page, "Vũ Thị Lan")
        self.assertNotContains(page, "Cao Thị Huệ")
        self.assertContains(page, reverse("members:rating_step", args=[self.own.pk, "tu-danh-gia"]))

    def test_the_member_rates_themself(self):
        self.login(self.party_member)
        self.client.post(reverse("members:rating_step", args=[self.own.pk, "tu-danh-gia"]),
                         {"score": "92", "all_tasks_done": "on", "beyond_share": "30", "note": ""})
        self.own.refresh_from_db()
        self.assertIsNotNone(self.own.self_at)

    def test_the_member_cannot_rate_a_colleague(self):
        other = Rating.objects.get(campaign=self.campaign, member__person=self.colleague)
        self.login(self.party_member)
        response = self.client.post(reverse("members:rating_step", args=[other.pk, "tu-danh-gia"]),
                                    {"score": "92", "all_tasks_done": "on", "beyond_share": "30"})
        self.assertEqual(response.status_code, 404)
        other.refresh_from_db()
        self.assertIsNone(other.self_at)

    def test_staff_of_another_ward_and_anonymous_do_not_see_it(self):
        self.login(self.other_ward_staff)
        self.assertEqual(self.client.get(self.campaign.get_absolute_url()).status_code, 404)
        self.client.logout()
        self.assertEqual(self.client.get(self.campaign.get_absolute_url()).status_code, 302)
