"""Rating: 1 to 5 stars, once per visitor."""

from django.urls import reverse

from capuy.portal import pagecache
from capuy.portal.models import Article, Rating
from capuy.portal.tests.base import PortalTestCase, make_article


class RatingTests(PortalTestCase):
    def setUp(self):
        super().setUp()
        self.article = make_article(self.ward, self.news, "Hội nghị lần thứ 17")
        self.url = reverse("portal:rate", args=[self.article.slug])
        self.client.cookies[pagecache.VISITOR_COOKIE] = "c" * 32

    def test_a_visitor_rates_once(self):
        first = self.client.post(self.url, {"sao": "4"})
        self.assertRedirects(first, f"{self.article.get_absolute_url()}?danh-gia=cam-on#danh-gia",
                             fetch_redirect_response=False)
        second = self.client.post(self.url, {"sao": "1"}, follow=True)
        self.assertContains(second, "Bạn đã đánh giá bài viết này rồi")
        self.assertEqual(list(Rating.objects.values_list("stars", flat=True)), [4])

    def test_other_visitors_add_their_rating_to_the_average(self):
        self.client.post(self.url, {"sao": "4"})
        self.client.cookies[pagecache.VISITOR_COOKIE] = "d" * 32
        self.client.post(self.url, {"sao": "5"})
        self.assertEqual(self.article.rating_summary(), (4.5, 2))
        pagecache.invalidate()
        self.assertContains(self.client.get(self.article.get_absolute_url()), "4,5/5 trong 2 đánh giá")

    def test_it_refuses_stars_outside_one_to_five(self):
        for value in ("0", "6", "abc", ""):
            response = self.client.post(self.url, {"sao": value}, follow=True)
            self.assertContains(response, "Hãy chọn từ 1 đến 5 sao")
        self.assertFalse(Rating.objects.exists())

    def test_it_refuses_a_post_from_another_site(self):
        response = self.client.post(self.url, {"sao": "5"}, HTTP_ORIGIN="https://evil.example")
        self.assertEqual(response.status_code, 403)
        self.assertFalse(Rating.objects.exists())

    def test_it_refuses_a_post_from_a_sandboxed_or_opaque_origin(self):
        for cookie in ("e" * 32, "f" * 32):
            self.client.cookies[pagecache.VISITOR_COOKIE] = cookie
            response = self.client.post(self.url, {"sao": "5"}, HTTP_ORIGIN="null")
            self.assertEqual(response.status_code, 403)
        self.assertFalse(Rating.objects.exists())

    def test_it_accepts_a_post_from_the_portal_itself(self):
        response = self.client.post(self.url, {"sao": "5"}, HTTP_ORIGIN="http://testserver")
        self.assertEqual(response.status_code, 302)
        self.assertEqual(Rating.objects.count(), 1)

    def test_unpublished_articles_cannot_be_rated(self):
        draft = make_article(self.ward, self.news, "Nháp", status=Article.Status.DRAFT)
        self.assertEqual(self.client.post(reverse("portal:rate", args=[draft.slug]), {"sao": "5"}).status_code, 404)
