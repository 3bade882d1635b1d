"""Drafts stay private; only the office of the article's organization submits and publishes."""

from django.urls import reverse

from capuy.portal.models import Article
from capuy.portal.tests.base import PortalTestCase, make_article

S = Article.Status


class DraftVisibilityTests(PortalTestCase):
    def setUp(self):
        super().setUp()
        self.published = make_article(self.ward, self.news, "Hội nghị Đảng ủy phường Quảng An")
        self.drafts = [make_article(self.ward, self.news, f"Bài {status.label} chưa công khai", status=status)
                       for status in (S.DRAFT, S.REVIEW, S.UNPUBLISHED)]

    def test_anonymous_visitors_get_404_for_every_unpublished_article(self):
        for article in self.drafts:
            self.assertEqual(self.client.get(reverse("portal:article", args=[article.slug])).status_code, 404)
        self.assertEqual(self.client.get(self.published.get_absolute_url()).status_code, 200)

    def test_unpublished_articles_appear_in_no_public_list_feed_search_or_sitemap(self):
        pages = [reverse("portal:home"), reverse("core:home"), reverse("portal:category", args=[self.news.slug]),
                 reverse("portal:search") + "?q=chua+cong+khai", reverse("portal:feed_rss", args=[self.news.slug]),
                 reverse("portal:feed_atom", args=[self.news.slug]), reverse("portal:sitemap")]
        for url in pages:
            content = self.client.get(url).content.decode()
            for article in self.drafts:
                self.assertNotIn(article.slug, content, url)
        self.assertIn(self.published.slug, self.client.get(reverse("portal:category", args=[self.news.slug])).content.decode())

    def test_a_scheduled_article_is_hidden_until_its_time(self):
        import datetime

        from django.utils import timezone

        article = make_article(self.ward, self.news, "Bài hẹn giờ đăng")
        article.published_at = timezone.now() + datetime.timedelta(hours=2)
        article.save()
        self.assertEqual(self.client.get(article.get_absolute_url()).status_code, 404)

    def test_the_preview_is_refused_to_anonymous_visitors_and_staff_of_another_ward(self):
        url = reverse("portal:editor_preview", args=[self.drafts[0].pk])
        self.assertEqual(self.client.get(url).status_code, 302)  # to the log-in page
        self.login(self.other_ward_staff)
        self.assertEqual(self.client.get(url).status_code, 404)
        self.login(self.ward_staff)
        self.assertContains(self.client.get(url), "Bản xem trước")


class ReviewStepTests(PortalTestCase):
    def setUp(self):
        super().setUp()
        self.article = make_article(self.ward, self.news, "Bài chờ duyệt của phường Quảng An", status=S.DRAFT)

    def act(self, action, article=None):
        return self.client.post(reverse("portal:editor_transition", args=[(article or self.article).pk, action]))

    def test_office_staff_of_the_organization_submit_then_publish(self):
        self.login(self.ward_staff)
        self.act("gui-duyet")
        self.article.refresh_from_db()
        self.assertEqual(self.article.status, S.REVIEW)
        self.assertEqual(self.article.submitted_by, self.ward_staff)
        self.act("dang")
        self.article.refresh_from_db()
        self.assertEqual(self.article.status, S.PUBLISHED)
        self.assertEqual(self.article.published_by, self.ward_staff)
        self.assertIsNotNone(self.article.published_at)
        self.client.logout()
        self.assertEqual(self.client.get(self.article.get_absolute_url()).status_code, 200)

    def test_office_staff_of_a_superior_organization_may_publish(self):
        self.article.submit(self.ward_staff)
        self.login(self.district_staff)
        self.act("dang")
        self.article.refresh_from_db()
        self.assertEqual(self.article.status, S.PUBLISHED)

    def test_it_refuses_staff_of_another_ward(self):
        self.article.submit(self.ward_staff)
        self.login(self.other_ward_staff)
        self.assertEqual(self.act("dang").status_code, 404)
        edit = self.client.post(reverse("portal:editor_edit", args=[self.article.pk]), {"title": "Sửa trộm"})
        self.assertEqual(edit.status_code, 404)
        self.article.refresh_from_db()
        self.assertEqual(self.article.status, S.REVIEW)
        self.assertEqual(self.article.title, "Bài chờ duyệt của phường Quảng An")

    def test_it_refuses_committee_members_who_may_only_read(self):
        self.article.submit(self.ward_staff)
        self.login(self.committee_member)
        self.assertEqual(self.act("dang").status_code, 403)
        self.article.refresh_from_db()
        self.assertEqual(self.article.status, S.REVIEW)

    def test_it_refuses_party_members_and_anonymous_visitors(self):
        self.article.submit(self.ward_staff)
        self.assertEqual(self.act("dang").status_code, 302)
        self.login(self.party_member)
        self.assertEqual(self.act("dang").status_code, 404)
        self.article.refresh_from_db()
        self.assertEqual(self.article.status, S.REVIEW)

    def test_a_draft_cannot_skip_the_review_step(self):
        self.login(self.ward_staff)
        response = self.client.post(reverse("portal:editor_transition", args=[self.article.pk, "dang"]), follow=True)
        self.assertContains(response, "Bài viết phải được gửi duyệt trước khi đăng.")
        self.article.refresh_from_db()
        self.assertEqual(self.article.status, S.DRAFT)

    def test_an_article_without_body_cannot_be_submitted(self):
        empty = make_article(self.ward, self.news, "Bài chưa viết", status=S.DRAFT, body="")
        self.login(self.ward_staff)
        response = self.client.post(reverse("portal:editor_transition", args=[empty.pk, "gui-duyet"]), follow=True)
        self.assertContains(response, "Bài viết chưa có nội dung.")
        empty.refresh_from_db()
        self.assertEqual(empty.status, S.DRAFT)

    def test_unpublishing_hides_the_article_again(self):
        self.article.submit(self.ward_staff)
        self.article.publish(self.ward_staff)
        self.assertEqual(self.client.get(self.article.get_absolute_url()).status_code, 200)
        self.login(self.ward_staff)
        self.act("go-xuong")
        self.client.logout()
        self.assertEqual(self.client.get(self.article.get_absolute_url()).status_code, 404)
