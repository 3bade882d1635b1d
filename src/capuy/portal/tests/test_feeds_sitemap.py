"""RSS and Atom feeds per category, and the sitemap."""

import xml.etree.ElementTree as ET

from django.urls import reverse

from capuy.portal.tests.base import PortalTestCase, make_article


class FeedTests(PortalTestCase):
    def setUp(self):
        super().setUp()
        self.news_article = make_article(self.district, self.news, "Hội nghị lần thứ 17", byline="Trung Trực")
        self.party_article = make_article(self.district, self.party, "Chi bộ 4 tốt")

    def test_the_rss_feed_lists_the_category_articles(self):
        response = self.client.get(reverse("portal:feed_rss", args=[self.news.slug]))
        self.assertEqual(response["Content-Type"], "application/rss+xml; charset=utf-8")
        channel = ET.fromstring(response.content).find("channel")
        titles = [i.findtext("title") for i in channel.findall("item")]
        self.assertEqual(titles, ["Hội nghị lần thứ 17"])
        self.assertEqual(channel.findtext("language"), "vi")
        self.assertTrue(channel.find("item").findtext("link").endswith(self.news_article.get_absolute_url()))

    def test_the_atom_feed_lists_the_category_articles(self):
        response = self.client.get(reverse("portal:feed_atom", args=[self.party.slug]))
        self.assertEqual(response["Content-Type"], "application/atom+xml; charset=utf-8")
        ns = {"a": "http://www.w3.org/2005/Atom"}
        titles = [e.findtext("a:title", namespaces=ns) for e in ET.fromstring(response.content).findall("a:entry", ns)]
        self.assertEqual(titles, ["Chi bộ 4 tốt"])

    def test_an_unknown_category_feed_is_404(self):
        self.assertEqual(self.client.get(reverse("portal:feed_rss", args=["khong-co"])).status_code, 404)

    def test_the_sitemap_lists_home_categories_and_public_articles(self):
        response = self.client.get(reverse("portal:sitemap"))
        ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
        urls = [u.findtext("s:loc", namespaces=ns) for u in ET.fromstring(response.content).findall("s:url", ns)]
        self.assertIn("http://testserver/tin-tuc/", urls)
        self.assertIn(f"http://testserver{self.news.get_absolute_url()}", urls)
        self.assertIn(f"http://testserver{self.news_article.get_absolute_url()}", urls)
        self.assertIn(f"http://testserver{self.party_article.get_absolute_url()}", urls)
