"""View counts ignore reloads within the window and never update the article row; the visit counter."""

from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from capuy.portal import counters, pagecache
from capuy.portal.models import ViewTally, VisitTally
from capuy.portal.tests.base import PortalTestCase, make_article


class ViewCountTests(PortalTestCase):
    def setUp(self):
        super().setUp()
        self.article = make_article(self.ward, self.news, "Hội nghị lần thứ 21")
        self.url = self.article.get_absolute_url()

    def visit(self, visitor):
        self.client.cookies[pagecache.VISITOR_COOKIE] = visitor
        return self.client.get(self.url)

    def test_reloads_by_the_same_visitor_within_the_window_count_once(self):
        for _ in range(5):
            self.visit("a" * 32)
        self.assertEqual(self.article.view_count(), 1)
        self.visit("b" * 32)
        self.assertEqual(self.article.view_count(), 2)

    def test_the_same_visitor_counts_again_once_the_window_has_passed(self):
        self.visit("a" * 32)
        cache.delete(f"portal:seen:{self.article.pk}:{'a' * 32}")  # what the window's expiry does
        self.visit("a" * 32)
        self.assertEqual(self.article.view_count(), 2)

    def test_a_new_visitor_gets_an_id_cookie(self):
        self.client.cookies.clear()
        response = self.client.get(self.url)
        self.assertRegex(response.cookies[pagecache.VISITOR_COOKIE].value, r"^[0-9a-f]{32}$")

    def test_counting_never_updates_the_article_row(self):
        with CaptureQueriesContext(connection) as queries:
            for i in range(counters.FLUSH_EVERY * 2 + 3):
                self.visit(f"{i:032d}")
        self.assertFalse([q for q in queries.captured_queries
                          if q["sql"].upper().startswith("UPDATE") and "portal_article" in q["sql"]])
        # Every FLUSH_EVERY views one row is appended; the rest waits in the cache.
        self.assertEqual(ViewTally.objects.count(), 2)
        self.assertEqual(self.article.view_count(), counters.FLUSH_EVERY * 2 + 3)

    def test_the_flush_command_appends_pending_counts(self):
        for i in range(3):
            self.visit(f"{i:032d}")
        self.assertEqual(ViewTally.objects.count(), 0)
        call_command("portal_flush_counters", verbosity=0)
        self.assertEqual(ViewTally.total(self.article.pk), 3)
        self.assertEqual(self.article.view_count(), 3)
        self.assertEqual(VisitTally.total(), 3)
        self.assertEqual(counters.site_visits(), 3)

    def test_the_view_count_is_shown_on_the_page_including_the_current_view(self):
        self.assertContains(self.visit("a" * 32), "Số lượt người xem: 1")
        pagecache.invalidate()
        self.assertContains(self.visit("b" * 32), "Số lượt người xem: 2")

    def test_the_site_counter_counts_each_visitor_once_per_window(self):
        home = "/tin-tuc/"
        for visitor in ("a" * 32, "a" * 32, "b" * 32):
            self.client.cookies[pagecache.VISITOR_COOKIE] = visitor
            self.client.get(home)
        self.assertEqual(counters.site_visits(), 2)
