"""News drafts read like the reporters': no word group or punctuation twice, no sentence that is not in the
record, "nhất trí 100%" when every voter agreed, and the conclusion's list kept as a list."""

from django.core.cache import cache
from django.test import SimpleTestCase

from capuy.conferences.tests.base import ConferenceTestCase
from capuy.portal import drafting


class TidyTests(SimpleTestCase):
    def test_seams_are_written_once(self):
        cases = [
            ("Hội nghị đã biểu quyết thông qua thông qua nghị quyết.", "Hội nghị đã biểu quyết thông qua nghị quyết."),
            ("Xem thêm tin tức sự kiện tin tức sự kiện", "Xem thêm tin tức sự kiện"),
            ("nhấn mạnh chủ đề “Kỷ cương, trách nhiệm”.”.", "nhấn mạnh chủ đề “Kỷ cương, trách nhiệm”."),
            ("hoàn thành toàn bộ nội dung..", "hoàn thành toàn bộ nội dung."),
            ("tăng 14% , vượt kế hoạch .", "tăng 14%, vượt kế hoạch."),
            ("các nhiệm vụ:.", "các nhiệm vụ."),
            # Vietnamese doubles single syllables on purpose.
            ("kinh tế dần dần phục hồi.", "kinh tế dần dần phục hồi."),
        ]
        for text, expected in cases:
            with self.subTest(text=text):
                self.assertEqual(drafting.tidy(text), expected)

    def test_a_sentence_ends_once(self):
        cases = [
            ("hội nghị thành công tốt đẹp", "Hội nghị thành công tốt đẹp."),
            ("hội nghị thành công tốt đẹp.", "Hội nghị thành công tốt đẹp."),
            ("chủ đề “Kỷ cương”.", "Chủ đề “Kỷ cương”."),
            ("chủ đề “Kỷ cương”", "Chủ đề “Kỷ cương”."),
            ("Hội nghị thống nhất:", "Hội nghị thống nhất:"),
            ("tập trung thu ngân sách;", "Tập trung thu ngân sách."),
        ]
        for text, expected in cases:
            with self.subTest(text=text):
                self.assertEqual(drafting._sentence(text), expected)

    def test_a_vote_is_worded_as_a_reporter_words_it(self):
        cases = [
            ("Nghị quyết Hội nghị lần thứ 1", {"passed": True, "for": 3, "base": 3},
             "Hội nghị đã nhất trí 100% thông qua nghị quyết Hội nghị lần thứ 1."),
            ("Thông qua Nghị quyết Hội nghị lần thứ 1", {"passed": True, "for": 3, "base": 3},
             "Hội nghị đã nhất trí 100% thông qua nghị quyết Hội nghị lần thứ 1."),
            ("Biểu quyết thông qua nghị quyết", {"passed": True, "for": 20, "base": 21},
             "Hội nghị đã biểu quyết thông qua nghị quyết với 20/21 đồng chí tán thành."),
            ("Nghị quyết về quy hoạch", {"passed": False, "for": 5, "base": 21},
             "Hội nghị đã biểu quyết không thông qua nghị quyết về quy hoạch (5/21 đồng chí tán thành)."),
        ]
        for subject, result, expected in cases:
            with self.subTest(subject=subject, result=result):
                self.assertEqual(drafting.vote_sentence(subject, result), expected)

    def test_a_list_in_the_record_stays_a_list(self):
        cases = [
            ("Hội nghị thống nhất:\n- tập trung thu ngân sách;\n- đẩy nhanh giải phóng mặt bằng.",
             [("p", "Hội nghị thống nhất:"),
              ("ul", ["Tập trung thu ngân sách;", "Đẩy nhanh giải phóng mặt bằng."])]),
            ("1. Tổ chức học tập nghị quyết;\n2. Sơ kết giữa nhiệm kỳ.\nGiao Ban Thường vụ chỉ đạo thực hiện",
             [("ol", ["Tổ chức học tập nghị quyết;", "Sơ kết giữa nhiệm kỳ."]),
              ("p", "Giao Ban Thường vụ chỉ đạo thực hiện.")]),
            ("Đoạn một.\n\nĐoạn hai.", [("p", "Đoạn một."), ("p", "Đoạn hai.")]),
        ]
        for text, expected in cases:
            with self.subTest(text=text):
                self.assertEqual(drafting.text_blocks(text), expected)


class ComposedDraftTests(ConferenceTestCase):
    """A record that used to trigger each defect, written up end to end."""

    def setUp(self):
        super().setUp()
        cache.clear()

    def compose(self, conclusion, vote=None, speeches=()):
        from capuy.voting.models import Vote

        conference = self.running()
        for person in self.members[:3]:
            conference.check_in(person)
        for person, kind, summary in speeches:
            conference.record_speech(person, kind, summary)
        conference.close(conclusion, self.district_staff)
        conference.refresh_from_db()
        if vote is not None:
            item = conference.agenda_items.first()
            Vote.objects.create(agenda_item=item, subject=vote[0], status=Vote.Status.CLOSED, result=vote[1])
        return drafting.compose(conference)

    def test_every_voter_agreeing_is_nhat_tri_100_and_the_subject_is_not_repeated(self):
        body = self.compose("Kết luận.", vote=("Thông qua Nghị quyết Hội nghị", {"passed": True, "for": 3, "base": 3}))
        self.assertIn("Hội nghị đã nhất trí 100% thông qua nghị quyết Hội nghị.", body["body"])
        self.assertNotIn("thông qua thông qua", body["body"].lower())
        self.assertNotIn("3/3", body["body"])

    def test_the_conclusion_list_is_a_list_and_no_sentence_is_invented(self):
        body = self.compose("Hội nghị thống nhất:\n- Tập trung thu ngân sách;\n- Đẩy nhanh giải phóng mặt bằng.",
                            speeches=[(self.members[2], "tham_luan", "công tác cải cách hành chính đứng thứ 4/30."),
                                      (self.members[1], "chi_dao", "")])["body"]
        self.assertIn("<p>Hội nghị thống nhất:</p>", body)
        self.assertIn("<ul><li>Tập trung thu ngân sách;</li><li>Đẩy nhanh giải phóng mặt bằng.</li></ul>", body)
        self.assertNotIn("các đại biểu đã tập trung phân tích", body)
        self.assertNotIn("gợi mở nhiệm vụ", body)
        self.assertIn("công tác cải cách hành chính đứng thứ 4/30.", body)
        self.assertNotIn("..", body)
