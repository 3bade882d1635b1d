import sys
import types

from django.urls import reverse

from capuy.members import hooks
from capuy.members.models import Level, RatingCampaign
from capuy.members.tests.base import MembersTestCase


class HookTests(MembersTestCase):
    """The conferences, documents and tasks apps plug into the member pages through member_hooks."""

    def setUp(self):
        module = types.ModuleType("capuy.portal.member_hooks")
        module.member_page_section = lambda person, user: {
            "title": "Hội nghị và giấy mời của tôi", "template": "members/_section_list.html", "order": 10,
            "context": {"items": [{"title": f"Giấy mời dự hội nghị – {person.full_name}", "url": "/hoi-nghi/1/"}]}}
        module.rating_annex = lambda person, year: {"title": "Nhiệm vụ khó", "text": f"Đánh giá năm {year}: đạt",
                                                    "url": "/nhiem-vu/"}
        sys.modules["capuy.portal.member_hooks"] = module

    def tearDown(self):
        del sys.modules["capuy.portal.member_hooks"]

    def test_a_section_from_another_app_appears_on_my_page(self):
        self.login(self.party_member)
        text = self.client.get(reverse("members:me")).content.decode()
        assert "Hội nghị và giấy mời của tôi" in text and "Giấy mời dự hội nghị – Vũ Thị Lan" in text

    def test_the_difficult_task_evaluation_is_shown_beside_the_rating(self):
        campaign = RatingCampaign.objects.create(organization=self.ward, year=2023)
        campaign.populate()
        rating = campaign.ratings.get(member=self.member)
        rating.self_rate(self.ward_staff, 80)
        rating.appraise(self.ward_staff, Level.GOOD)
        rating.decide(self.ward_staff, Level.GOOD)
        assert hooks.rating_annexes(self.member_person, 2023)[0]["text"] == "Đánh giá năm 2023: đạt"
        self.login(self.ward_staff)
        text = self.client.get(reverse("members:detail", args=[self.member.pk])).content.decode()
        assert "Đánh giá năm 2023: đạt" in text
