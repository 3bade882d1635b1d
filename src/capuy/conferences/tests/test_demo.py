"""The demo conferences re-create the three sample articles and one upcoming conference."""

import datetime

from django.test import TestCase
from django.urls import reverse

from capuy.accounts.models import User
from capuy.conferences.models import Conference, Draft, SpeechKind
from capuy.core.testing import load_demo

D = datetime.date


class DemoConferenceTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        load_demo()

    def test_sample_001_is_the_17th_conference_of_the_tay_ho_committee_with_its_record(self):
        c = Conference.objects.get(date=D(2023, 10, 5))
        assert c.title == "Hội nghị lần thứ 17 Ban Chấp hành Đảng bộ quận Tây Hồ khóa VI, nhiệm kỳ 2020–2025"
        assert (c.status, c.session) == (Conference.Status.CLOSED, Conference.Session.MORNING)
        assert [p.full_name for p in c.chairs.all()] == ["Lê Thị Thu Hằng"]
        speeches = {(s.kind, s.speaker.full_name) for s in c.speeches.select_related("speaker")}
        assert (SpeechKind.CONTRIBUTION, "Trương Tú Uyên") in speeches
        assert (SpeechKind.CONCLUSION, "Lê Thị Thu Hằng") in speeches
        self.client.force_login(User.objects.get(username="demo.vanphong.tayho"))
        page = self.client.get(reverse("conferences:detail", args=[c.pk])).content.decode()
        for text in ["Lê Thị Thu Hằng, Bí thư Quận ủy, Chủ tịch HĐND quận Tây Hồ",
                     "Trương Tú Uyên", "Bí thư Đảng ủy phường Quảng An", "tăng 55,8%", "đứng thứ "
                     "4/30 quận, huyện", "Phú Thượng và Nhật Tân", "Báo cáo kết quả thực hiện Kế hoạch đầu tư công 9 tháng"]:
            assert text in page, text

    def test_sample_003_is_the_21st_conference_of_kien_an_on_the_afternoon_of_30_september_2019(self):
        c = Conference.objects.get(date=D(2019, 9, 30))
        assert c.short_title == "Hội nghị lần thứ 21" and c.when_text == "chiều ngày 30 tháng 09 năm 2019"
        assert [p.full_name for p in c.chairs.all()] == ["Trần Văn Khuê"]
        assert "tăng 20,3%" in c.agenda_items.get(order=2).summary
        assert c.is_closed and "tuyển quân năm 2020" in c.conclusion

    def test_sample_000_has_the_directions_of_le_van_son_and_the_conclusion_of_tran_van_phi(self):
        c = Conference.objects.get(kind=Conference.Kind.MID_TERM)
        speeches = list(c.speeches.select_related("speaker"))
        assert [(s.kind, s.speaker.full_name) for s in speeches] == [
            (SpeechKind.DIRECTIONS, "Lê Văn Sơn"), (SpeechKind.CONCLUSION, "Trần Văn Phi")]
        assert speeches[0].speaker_title == "Phó Bí thư Quận ủy, Chủ tịch UBND quận"
        assert c.invitations.get(person__full_name="Lê Văn Sơn").role == "guest"

    def test_an_upcoming_conference_of_the_new_ward_has_drafts_open_for_comment(self):
        c = Conference.objects.get(status=Conference.Status.INVITED)
        assert c.organization.name == "Đảng bộ phường Tây Hồ" and c.date > D(2025, 7, 1)
        assert c.drafts.filter(status=Draft.Status.OPEN).count() == 2
        member = User.objects.get(username="demo.capuy.phuongtayho")
        assert c.invitations.filter(person=member.person).exists()
