"""The demo publishes the three sample articles with their own words."""

from django.core.cache import cache

from capuy.portal import demo
from capuy.portal.models import Article
from capuy.portal.tests.base import PortalTestCase


class DemoTests(PortalTestCase):
    def test_the_sample_articles_are_published_with_their_words(self):
        cache.clear()
        context = {"tayho": self.district, "cqcq": self.ward, "kienan": self.other_ward}
        demo.load(context)
        articles = {a.title: a for a in Article.objects.public()}
        self.assertEqual(len(articles), 3)
        tayho = articles["Quận Tây Hồ (Hà Nội): Cán bộ chủ chốt phải đăng ký nhận nhiều việc khó thuộc thẩm quyền"]
        self.assertIn("<h2>Nhiều kết quả nổi bật sau 9 tháng</h2>", tayho.body)
        self.assertIn("giá trị sản xuất công nghiệp ngoài quốc doanh tăng 14%", tayho.body)
        self.assertEqual(tayho.photos.count(), 4)
        self.assertEqual(tayho.category.name, "Tin tức sự kiện")
        self.assertEqual(tayho.publication_text, "Thứ Năm, ngày 05 tháng 10 năm 2023, 14:30")
        cqcq = articles["Hội nghị sơ kết giữa nhiệm kỳ của Đảng bộ các CQCQ quận"]
        self.assertEqual(cqcq.byline, "Trung Trực")
        self.assertIn("chỉ đạo thực hiện các dự án đầu tư xây dựng cơ bản", cqcq.body)  # the split line is joined
        kienan = next(a for a in articles.values() if a.organization == self.other_ward)
        self.assertEqual(kienan.byline, "Tuyết Trinh")
        self.assertTrue(kienan.lead.startswith("Chiều 30/9, Quận ủy tổ chức hội nghị lần thứ 21"))
        response = self.client.get(tayho.get_absolute_url())
        self.assertContains(response, "Toàn cảnh hội nghị")
        self.assertContains(self.client.get("/tin-tuc/tim-kiem/?q=truong+tu+uyen"), tayho.title)
