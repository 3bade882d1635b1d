"""Public pages are cached, and dropped from the cache as soon as what they show changes."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from capuy.portal.tests.base import PortalTestCase, make_article


class PageCacheTests(PortalTestCase):
    def setUp(self):
        super().setUp()
        self.article = make_article(self.ward, self.news, "Hội nghị sơ kết giữa nhiệm kỳ")

    def test_the_second_request_is_served_from_the_cache_without_queries_on_articles(self):
        self.client.get(self.article.get_absolute_url())
        with CaptureQueriesContext(connection) as queries:
            response = self.client.get(self.article.get_absolute_url())
        self.assertEqual(response["X-Capuy-Cache"], "hit")
        self.assertFalse([q for q in queries.captured_queries if "portal_article" in q["sql"]])

    def test_editing_an_article_drops_the_cached_pages(self):
        home = reverse("portal:home")
        self.client.get(home)
        self.client.get(self.article.get_absolute_url())
        self.article.title = "Hội nghị sơ kết giữa nhiệm kỳ (cập nhật)"
        self.article.save()
        self.assertContains(self.client.get(home), "(cập nhật)")
        self.assertContains(self.client.get(self.article.get_absolute_url()), "(cập nhật)")

    def test_publishing_a_new_article_shows_on_the_cached_home_and_category(self):
        category = reverse("portal:category", args=[self.news.slug])
        self.client.get(category)
        self.client.get(reverse("portal:home"))
        make_article(self.ward, self.news, "Bài mới vừa đăng")
        self.assertContains(self.client.get(category), "Bài mới vừa đăng")
        self.assertContains(self.client.get(reverse("portal:home")), "Bài mới vừa đăng")

    def test_unpublishing_removes_the_cached_page_at_once(self):
        self.client.get(self.article.get_absolute_url())
        self.article.unpublish(self.ward_staff)
        self.assertEqual(self.client.get(self.article.get_absolute_url()).status_code, 404)

    def test_renaming_a_category_or_changing_tags_drops_the_cache(self):
        self.client.get(reverse("portal:home"))
        self.news.name = "Tin tức – Sự kiện"
        self.news.save()
        self.assertContains(self.client.get(reverse("portal:home")), "Tin tức – Sự kiện")
        self.client.get(self.article.get_absolute_url())
        from capuy.portal.models import Tag

        self.article.set_tags([Tag.objects.create(name="Giữa nhiệm kỳ")])
        self.assertContains(self.client.get(self.article.get_absolute_url()), "Giữa nhiệm kỳ")

    def test_logged_in_users_always_get_a_fresh_page(self):
        self.login(self.ward_staff)
        self.client.get(self.article.get_absolute_url())
        response = self.client.get(self.article.get_absolute_url())
        self.assertFalse(response.has_header("X-Capuy-Cache"))
        self.assertContains(response, "Quản lý tin bài")
