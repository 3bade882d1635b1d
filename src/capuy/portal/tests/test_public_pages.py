"""Home, categories with pagination, article page, related and newer/older, search, tags, dates, OG."""

from django.urls import reverse

from capuy.portal.tests.base import PortalTestCase, make_article


class PublicPagesTests(PortalTestCase):
    def setUp(self):
        super().setUp()
        self.tayho = make_article(self.district, self.news, "Hội nghị lần thứ 17 Ban Chấp hành Đảng bộ quận Tây Hồ",
                                  tags=["Tây Hồ", "Hội nghị"], days_ago=3)
        self.older = make_article(self.district, self.news, "Sơ kết 6 tháng quận Tây Hồ", tags=["Tây Hồ"], days_ago=10)
        self.newer = make_article(self.ward, self.news, "Phường Quảng An ra quân làm sạch hồ Tây", days_ago=1)
        self.party_news = make_article(self.ward, self.party, "Chi bộ 4 tốt", tags=["Hội nghị"], days_ago=2)

    def test_anonymous_visitors_see_the_portal_at_the_site_root(self):
        response = self.client.get("/")
        self.assertContains(response, "Tin tức mới nhất")
        self.assertContains(response, self.tayho.title)
        self.assertNotContains(response, "Điều hướng chính")  # not the internal navigation

    def test_logged_in_users_keep_their_internal_home(self):
        self.login(self.ward_staff)
        self.assertContains(self.client.get("/"), "Tổ chức của tôi")

    def test_home_groups_the_latest_news_by_category(self):
        content = self.client.get(reverse("portal:home")).content.decode()
        self.assertIn("Tin tức sự kiện", content)
        self.assertIn("Xây dựng Đảng", content)
        self.assertLess(content.index(self.newer.title), content.index(self.older.title))

    def test_the_category_page_is_paginated(self):
        for i in range(12):
            make_article(self.district, self.news, f"Tin số {i}", days_ago=20 + i)
        first = self.client.get(reverse("portal:category", args=[self.news.slug]))
        self.assertContains(first, "Trang 1/2")
        self.assertContains(first, "trang=2")
        second = self.client.get(reverse("portal:category", args=[self.news.slug]) + "?trang=2")
        self.assertContains(second, "Trang 2/2")
        self.assertContains(second, "Tin số 11")
        self.assertNotContains(second, self.newer.title)
        self.assertEqual(self.client.get(reverse("portal:category", args=["khong-co"])).status_code, 404)

    def test_the_article_page_shows_date_the_vietnamese_way_related_and_newer_older(self):
        response = self.client.get(self.tayho.get_absolute_url())
        content = response.content.decode()
        self.assertIn(self.tayho.publication_text, content)
        self.assertRegex(self.tayho.publication_text, r"^(Thứ .+|Chủ nhật|Chủ Nhật), ngày \d\d tháng \d\d năm \d{4}, \d\d:\d\d$")
        related = content[content.index("Bài viết liên quan"):content.index("Tin mới hơn")]
        self.assertIn(self.older.title, related)  # shares the tag "Tây Hồ"
        self.assertIn(self.party_news.title, related)  # shares "Hội nghị"
        newer = content[content.index("Tin mới hơn"):content.index("Tin cũ hơn")]
        self.assertIn(self.newer.title, newer)
        self.assertNotIn(self.older.title, newer)
        older = content[content.index("Tin cũ hơn"):]
        self.assertIn(self.older.title, older)
        self.assertIn("<h2>Kết quả nổi bật</h2>", content)

    def test_the_article_page_carries_open_graph_tags(self):
        response = self.client.get(self.tayho.get_absolute_url())
        self.assertContains(response, f'<meta property="og:title" content="{self.tayho.title}">')
        self.assertContains(response, '<meta property="og:type" content="article">')
        self.assertContains(response, f'content="http://testserver{self.tayho.get_absolute_url()}"')

    def test_search_ignores_diacritics_and_case(self):
        for query in ("tay ho", "TÂY HỒ", "hoi nghi lan thu 17", "Hội Nghị"):
            response = self.client.get(reverse("portal:search"), {"q": query})
            self.assertContains(response, self.tayho.title, msg_prefix=query)
        response = self.client.get(reverse("portal:search"), {"q": "quang an"})
        self.assertContains(response, self.newer.title)
        self.assertNotContains(response, self.tayho.title)
        self.assertContains(self.client.get(reverse("portal:search"), {"q": "khong co bai nao"}), "Tìm thấy 0 bài")

    def test_search_puts_the_phrase_in_a_title_before_scattered_words(self):
        scattered = make_article(self.ward, self.news, "Lấy ý kiến về an ninh trật tự", days_ago=0,
                                 body="<p>Cử tri góp ý kiến, an tâm.</p>")
        phrase_in_text = make_article(self.ward, self.news, "Hội nghị sơ kết", days_ago=1,
                                      body="<p>Đại biểu quận Kiến An dự hội nghị.</p>")
        in_title = make_article(self.ward, self.news, "Quận ủy Kiến An tổng kết năm", days_ago=2)
        for query in ("Kiến An", "kien an"):
            found = list(self.client.get(reverse("portal:search"), {"q": query}).context["page"].object_list)
            assert found.index(in_title) < found.index(phrase_in_text) < found.index(scattered), query

    def test_search_finds_words_of_the_body_and_tags(self):
        self.assertContains(self.client.get(reverse("portal:search"), {"q": "ngoai quoc doanh"}), self.tayho.title)

    def test_the_tag_page_lists_tagged_articles(self):
        response = self.client.get(reverse("portal:tag", args=["tay-ho"]))
        self.assertContains(response, self.tayho.title)
        self.assertNotContains(response, self.newer.title)
