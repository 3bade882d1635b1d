"""Writing articles: empty titles, slugs without diacritics, slug collisions, sanitized bodies, tags."""

from django.urls import reverse

from capuy.portal.models import Article, slug_for
from capuy.portal.tests.base import PortalTestCase, make_article


class ArticleFormTests(PortalTestCase):
    def post_new(self, **data):
        fields = {"organization": self.ward.pk, "category": self.news.pk, "title": "Hội nghị lần thứ 17",
                  "slug": "", "lead": "", "body": "<p>Nội dung</p>", "byline": "", "published_at": "", "tags_text": ""}
        fields.update(data)
        return self.client.post(reverse("portal:editor_new"), fields)

    def setUp(self):
        super().setUp()
        self.login(self.ward_staff)

    def test_it_refuses_an_empty_title_and_saves_nothing(self):
        response = self.post_new(title="   ")
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Bài viết phải có tiêu đề.")
        self.assertFalse(Article.objects.exists())

    def test_the_slug_is_readable_vietnamese_without_diacritics(self):
        self.post_new(title="Đảng bộ quận Tây Hồ: Hội nghị lần thứ 17 khóa VI")
        self.assertEqual(Article.objects.get().slug, "dang-bo-quan-tay-ho-hoi-nghi-lan-thu-17-khoa-vi")
        self.assertEqual(slug_for("Ủy ban Kiểm tra – Đường lối"), "uy-ban-kiem-tra-duong-loi")

    def test_a_generated_slug_that_is_taken_gets_a_suffix(self):
        self.post_new(title="Hội nghị lần thứ 17")
        self.post_new(title="Hội nghị lần thứ 17")
        self.post_new(title="Hội nghị lần thứ 17")
        self.assertEqual(sorted(Article.objects.values_list("slug", flat=True)),
                         ["hoi-nghi-lan-thu-17", "hoi-nghi-lan-thu-17-2", "hoi-nghi-lan-thu-17-3"])

    def test_a_typed_slug_that_is_taken_gets_a_clear_message(self):
        make_article(self.ward, self.news, "Bài đã có", slug="hoi-nghi-tong-ket")
        response = self.post_new(title="Bài khác", slug="hoi-nghi-tong-ket")
        self.assertContains(response, "Đường dẫn này đã được dùng cho một bài viết khác")
        self.assertEqual(Article.objects.count(), 1)

    def test_scripts_and_event_handlers_are_removed_from_the_body(self):
        self.post_new(body='<p onclick="alert(1)">Xin chào<script>alert("x")</script></p>'
                           '<a href="javascript:alert(1)">liên kết</a><h2>Mục</h2><img src="/a.jpg" alt="Ảnh" onerror="x()">'
                           "<style>body{display:none}</style><iframe src='https://example.org'></iframe>")
        body = Article.objects.get().body
        for bad in ("script", "alert", "onclick", "onerror", "javascript", "style", "iframe"):
            self.assertNotIn(bad, body)
        self.assertIn("<h2>Mục</h2>", body)
        self.assertIn("Xin chào", body)
        self.assertIn('alt="Ảnh"', body)

    def test_an_image_without_alt_text_in_the_body_is_refused(self):
        response = self.post_new(body='<p>Ảnh</p><img src="/media/a.jpg">')
        self.assertContains(response, "thiếu mô tả thay thế (alt)")
        self.assertFalse(Article.objects.exists())

    def test_tags_are_created_once_whatever_their_diacritics(self):
        self.post_new(title="Bài một", tags_text="Tây Hồ, Hội nghị")
        self.post_new(title="Bài hai", tags_text="tây hồ, Sơ kết")
        from capuy.portal.models import Tag

        self.assertEqual(sorted(Tag.objects.values_list("slug", flat=True)), ["hoi-nghi", "so-ket", "tay-ho"])

    def test_it_refuses_to_write_for_an_organization_the_user_does_not_manage(self):
        response = self.post_new(organization=self.other_ward.pk)
        self.assertEqual(response.status_code, 200)
        self.assertFalse(Article.objects.exists())

    def test_users_who_manage_nothing_may_not_write(self):
        self.login(self.committee_member)
        self.assertEqual(self.client.get(reverse("portal:editor_new")).status_code, 403)
