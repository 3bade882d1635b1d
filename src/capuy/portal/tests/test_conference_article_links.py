"""The chain conference → article is linked both ways, and the home page's "Xem thêm" links say "tin" once."""

from django.core.cache import cache
from django.test import SimpleTestCase
from django.urls import reverse
from django.utils import timezone

from capuy.conferences.tests.base import ConferenceTestCase
from capuy.portal import drafting
from capuy.portal.editorial import articles_of_conference
from capuy.portal.models import Article, Category


class ConferenceArticleLinkTests(ConferenceTestCase):
    def setUp(self):
        super().setUp()
        cache.clear()
        conference = self.running()
        conference.close("Kết luận.", self.district_staff)
        conference.refresh_from_db()
        self.article = drafting.draft_from_conference(conference, self.district_staff)

    def test_the_conference_page_links_to_the_draft_article_in_the_newsroom(self):
        self.login(self.district_staff)
        page = self.client.get(self.conference.get_absolute_url())
        self.assertContains(page, f'<a href="{reverse("portal:editor_edit", args=[self.article.pk])}">')

    def test_once_published_the_conference_page_links_to_the_public_page(self):
        Article.objects.filter(pk=self.article.pk).update(status=Article.Status.PUBLISHED,
                                                         published_at=timezone.now() - timezone.timedelta(hours=1))
        self.login(self.district_staff)
        page = self.client.get(self.conference.get_absolute_url())
        self.assertContains(page, f'<a href="{self.article.get_absolute_url()}">')

    def test_the_article_links_back_to_its_conference(self):
        self.login(self.district_staff)
        page = self.client.get(reverse("portal:editor_edit", args=[self.article.pk]))
        self.assertContains(page, f'Soạn từ hội nghị: <a href="{self.conference.get_absolute_url()}">')

    def test_a_draft_article_is_left_out_for_staff_of_another_ward(self):
        self.assertEqual(articles_of_conference(self.other_ward_staff, self.conference.pk), [])
        self.assertEqual([a for a, _ in articles_of_conference(self.district_staff, self.conference.pk)],
                         [self.article])


class MoreLinkWordingTests(SimpleTestCase):
    def test_tin_is_said_once_and_proper_nouns_keep_their_capital(self):
        for name, expected in [("Tin tức sự kiện", "Xem thêm tin tức sự kiện"),
                               ("Xây dựng Đảng", "Xem thêm tin xây dựng Đảng"),
                               ("Tin hoạt động cơ sở", "Xem thêm tin hoạt động cơ sở")]:
            with self.subTest(name=name):
                self.assertEqual(Category(name=name).more_label, expected)
