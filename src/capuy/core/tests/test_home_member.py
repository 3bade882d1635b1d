"""The home of a party member: invitations, documents to study, their rating step, the feedback channel."""

from django.urls import reverse

from capuy.core.tests.home_base import HomeTestCase
from capuy.documents.models import StudyRecord
from capuy.members.models import Rating


class MemberHomeTest(HomeTestCase):
    def test_it_lists_the_invitation_to_answer(self):
        block = self.block(self.home(self.party_member), "giay-moi")
        self.assertIn(reverse("conferences:invitation", args=[self.upcoming.pk]), block)
        self.assertIn("Chưa trả lời giấy mời", block)

    def test_it_lists_documents_to_study_until_read_and_reflected_on(self):
        block = self.block(self.home(self.party_member), "hoc-tap")
        self.assertIn("Chưa đọc", block)
        record = StudyRecord.objects.get(person=self.member_person)
        record.mark_read()
        self.assertIn("Chưa nộp bài thu hoạch", self.block(self.home(self.party_member), "hoc-tap"))
        record.submit_reflection("Bài thu hoạch về chuyển đổi số ở chi bộ.")
        self.assertEqual(self.block(self.home(self.party_member), "hoc-tap"), "")

    def test_it_shows_their_rating_step(self):
        block = self.block(self.home(self.party_member), "xep-loai-cua-toi")
        self.assertIn("Đồng chí chưa tự đánh giá, chấm điểm", block)
        self.assertIn(reverse("members:me"), block)
        Rating.objects.filter(member__person=self.member_person).update(step=Rating.Step.SELF)
        self.assertIn("Đã tự đánh giá; chờ cấp ủy xem xét", self.block(self.home(self.party_member), "xep-loai-cua-toi"))

    def test_it_always_offers_the_feedback_channel(self):
        block = self.block(self.home(self.party_member), "gop-y")
        self.assertIn(reverse("members:me") + "#gui-y-kien", block)

    def test_their_cell_is_named_without_a_link_to_a_page_that_would_refuse_them(self):
        block = self.block(self.home(self.party_member), "to-chuc-cua-toi")
        cell = self.party_member.grants.get().organization
        self.assertIn(cell.name, block)
        self.assertNotIn(reverse("organizations:detail", args=[cell.pk]), block)
        self.assertNotIn(reverse("organizations:list"), block)
        self.assertEqual(self.client.get(reverse("organizations:detail", args=[cell.pk])).status_code, 404)

    def test_a_party_member_sees_no_office_or_ballot_block(self):
        response = self.home(self.party_member)
        for key in ("hoi-nghi-chuan-bi", "nhiem-vu-den-han", "bieu-quyet", "y-kien-dang-vien", "suc-khoe"):
            self.assertEqual(self.block(response, key), "", key)
        self.assertNotContains(response, "Công việc của văn phòng cấp ủy")
