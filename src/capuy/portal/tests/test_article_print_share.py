"""The public article can be printed and shared: an "In bài" button run by the site's own script, a print
stylesheet, and plain share links; the page loads nothing from other sites and has no inline script."""

import re
from pathlib import Path
from urllib.parse import quote

import pytest

from capuy.portal.tests.base import PortalTestCase, make_article

STATIC = Path(__file__).resolve().parents[1] / "static" / "portal"


class ArticleToolsTests(PortalTestCase):
    def setUp(self):
        super().setUp()
        self.article = make_article(self.district, self.news, "Hội nghị lần thứ 17 Ban Chấp hành Đảng bộ quận Tây Hồ")
        self.page = self.client.get(self.article.get_absolute_url()).content.decode()
        self.url = "http://testserver" + self.article.get_absolute_url()

    def test_the_print_button_has_no_inline_handler_and_the_site_script_is_loaded(self):
        self.assertRegex(self.page, r'<button type="button" data-print>In bài</button>')
        self.assertIn('<script src="/static/portal/portal.js" defer></script>', self.page)
        self.assertNotRegex(self.page, r"\son[a-z]+=")
        self.assertNotIn("javascript:", self.page)
        self.assertIsNone(re.search(r"<script(?![^>]*\ssrc=)[^>]*>", self.page))  # no inline script
        self.assertIn("window.print()", (STATIC / "portal.js").read_text())

    def test_share_links_are_ordinary_links_to_the_article(self):
        encoded = quote(self.url, safe="")
        self.assertIn(f'<a href="{self.url}" data-copy-link', self.page)
        self.assertIn(f'href="https://www.facebook.com/sharer/sharer.php?u={encoded}"', self.page)
        self.assertIn(f'href="https://sp.zalo.me/plugins/share?href={encoded}"', self.page)

    def test_nothing_is_loaded_from_another_site(self):
        loaded = re.findall(r'<(?:script|link|img|iframe)[^>]*\s(?:src|href)="([^"]+)"', self.page)
        self.assertTrue(loaded)
        for address in loaded:
            with self.subTest(address=address):
                self.assertFalse(address.startswith(("http://", "https://", "//")) and
                                 not address.startswith("http://testserver"), address)

    def test_the_print_stylesheet_leaves_only_the_article(self):
        css = (STATIC / "portal.css").read_text()
        media = css[css.index("@media print"):]
        for hidden in (".portal-header", ".portal-footer", ".article-tools", ".rating", ".columns"):
            self.assertIn(hidden, media)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_reader_prints_the_article_and_copies_its_link(live_server, page):
    from django.core.cache import cache

    from capuy.core.testing import CapuyTestCase
    from capuy.portal.models import Category

    cache.clear()
    CapuyTestCase.setUpTestData()
    news = Category.objects.create(name="Tin tức sự kiện")
    article = make_article(CapuyTestCase.district, news, "Hội nghị lần thứ 17 Ban Chấp hành Đảng bộ quận Tây Hồ")
    # Stand-ins for the print dialog and the clipboard, which a headless browser does not show.
    page.add_init_script("window.__printed = 0; window.print = () => { window.__printed += 1; };"
                         "Object.defineProperty(navigator, 'clipboard', {value: {writeText: (t) => {"
                         " window.__copied = t; return Promise.resolve(); }}});")
    page.goto(live_server.url + article.get_absolute_url())
    page.get_by_role("button", name="In bài").click()
    page.wait_for_function("() => window.__printed === 1")
    page.get_by_role("link", name="Sao chép liên kết").click()
    page.wait_for_function("() => (window.__copied || '').endsWith('" + article.get_absolute_url() + "')")
    from playwright.sync_api import expect

    expect(page.locator("#sao-chep")).to_have_text("Đã sao chép liên kết bài viết.")
