"""The home of office staff: the work of their subtree, most urgent first, each item linking to its page."""

from django.urls import reverse

from capuy.core.tests.home_base import HomeTestCase


class OfficeHomeTest(HomeTestCase):
    def test_it_lists_the_conferences_being_prepared_with_what_is_missing(self):
        block = self.block(self.home(self.district_staff), "hoi-nghi-chuan-bi")
        self.assertIn(reverse("conferences:prepare", args=[self.upcoming.pk]), block)
        self.assertIn("2 giấy mời chưa trả lời", block)  # the committee member and the guest
        self.assertIn("1 ý kiến góp ý chưa tiếp thu, giải trình", block)
        self.assertIn("dự kiến không đủ số lượng: 1/2 thành viên dự, cần 2", block)
        self.assertIn("2 giấy mời chưa gửi", block)  # the conference in ten days
        self.assertNotIn(f"Hội nghị lần thứ {self.meeting.number} –", block)  # in progress, no longer prepared
        self.assertLess(block.index(f"Hội nghị lần thứ {self.upcoming.number} –"),
                        block.index(f"Hội nghị lần thứ {self.unsent.number} –"))  # soonest first
        self.assertIn("?chuan-bi=1", block)

    def test_a_conference_with_nothing_missing_says_so(self):
        invitation = self.unsent.invitations.first()
        self.unsent.invitations.exclude(pk=invitation.pk).delete()
        self.unsent.send_invitations()
        invitation.refresh_from_db()
        invitation.answer_with("attending")
        block = self.block(self.home(self.district_staff), "hoi-nghi-chuan-bi")
        self.assertIn("Đã đủ các bước chuẩn bị", block)

    def test_it_lists_tasks_overdue_or_due_within_seven_days_in_the_subtree(self):
        block = self.block(self.home(self.district_staff), "nhiem-vu-den-han")
        self.assertIn("Quá hạn 3 ngày", block)
        self.assertIn("Còn 5 ngày", block)
        self.assertNotIn(self.task_later.title, block)
        self.assertLess(block.index(self.task_overdue.title), block.index(self.task_soon.title))
        self.assertIn(reverse("tasks:organization", args=[self.district.pk]) + "?cap-duoi=1&amp;han=7", block)

    def test_ward_staff_see_only_their_subtree(self):
        response = self.home(self.ward_staff)
        tasks = self.block(response, "nhiem-vu-den-han")
        self.assertIn(self.task_soon.title, tasks)  # led by the ward
        self.assertNotIn(self.task_overdue.title, tasks)  # the district's own
        self.assertEqual(self.block(response, "hoi-nghi-chuan-bi"), "")
        self.assertEqual(self.block(response, "van-ban-cho-ban-hanh"), "")

    def test_staff_of_another_ward_do_not_see_this_wards_article_or_campaign(self):
        response = self.home(self.other_ward_staff)
        self.assertEqual(self.block(response, "bai-viet-cho-duyet"), "")
        self.assertEqual(self.block(response, "danh-gia-xep-loai"), "")
        self.assertNotIn(self.article.title, response.content.decode())

    def test_it_names_the_units_that_have_not_reported(self):
        block = self.block(self.home(self.district_staff), "dot-bao-cao")
        self.assertIn("chưa gửi đủ: Đảng bộ phường Quảng An, Đảng bộ phường Nhật Tân", block)
        self.assertIn(self.round.get_absolute_url(), block)

    def test_a_unit_that_must_report_sees_the_round_too(self):
        self.assertIn("Báo cáo 9 tháng", self.block(self.home(self.other_ward_staff), "dot-bao-cao"))

    def test_it_lists_documents_waiting_for_a_signature_or_a_number(self):
        block = self.block(self.home(self.district_staff), "van-ban-cho-ban-hanh")
        self.assertIn("về công tác cán bộ", block)
        self.assertIn("Chưa có người ký", block)
        self.assertNotIn("về chuyển đổi số", block)  # issued
        self.unsigned.signer = self.secretary
        self.unsigned.save()
        self.assertIn("Chờ cấp số", self.block(self.home(self.district_staff), "van-ban-cho-ban-hanh"))

    def test_it_lists_articles_waiting_for_review(self):
        block = self.block(self.home(self.district_staff), "bai-viet-cho-duyet")
        self.assertIn(self.article.title, block)
        self.assertIn(reverse("portal:editor_edit", args=[self.article.pk]), block)
        self.assertIn("?trang-thai=review", block)

    def test_it_shows_rating_campaigns_at_their_step_and_unanswered_opinions(self):
        response = self.home(self.ward_staff)
        self.assertIn("5 chưa tự đánh giá", self.block(response, "danh-gia-xep-loai"))
        self.assertIn("Đề nghị lắp đèn ngõ 12", self.block(response, "y-kien-dang-vien"))

    def test_office_blocks_come_before_the_organizations_list(self):
        html = self.home(self.district_staff).content.decode()
        self.assertLess(html.index('id="khoi-hoi-nghi-chuan-bi"'), html.index('id="khoi-to-chuc-cua-toi"'))
        self.assertLess(html.index('id="khoi-nhiem-vu-den-han"'), html.index('id="khoi-to-chuc-cua-toi"'))

    def test_each_block_shows_at_most_five_items_and_links_to_the_rest(self):
        from capuy.core.tests.home_base import days, make_task

        for i in range(7):
            make_task(self.district, f"Nhiệm vụ thêm số {i}", days(1))
        block = self.block(self.home(self.district_staff), "nhiem-vu-den-han")
        self.assertEqual(block.count("<li"), 5)
        self.assertIn("(còn 4 mục)", block)
