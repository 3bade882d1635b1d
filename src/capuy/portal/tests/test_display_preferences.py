"""Text size (A- A A+) and high contrast persist per visitor in a cookie, applied on the server."""

from django.urls import reverse

from capuy.portal import pagecache
from capuy.portal.tests.base import PortalTestCase


class DisplayPreferenceTests(PortalTestCase):
    def set(self, **params):
        return self.client.get(reverse("portal:display"), {**params, "tiep": "/tin-tuc/"})

    def test_larger_text_and_high_contrast_persist_across_pages(self):
        self.assertRedirects(self.set(chu="tang"), "/tin-tuc/", fetch_redirect_response=False)
        self.set(chu="tang")
        self.set(**{"tuong-phan": "bat"})
        self.assertEqual(self.client.cookies[pagecache.DISPLAY_COOKIE].value, "2:1")
        response = self.client.get(reverse("portal:home"))
        self.assertContains(response, '<html lang="vi" class="co-chu-2 tuong-phan">')
        self.assertContains(response, "Giảm tương phản")

    def test_the_size_stays_within_its_bounds_and_resets(self):
        for _ in range(5):
            self.set(chu="giam")
        self.assertEqual(self.client.cookies[pagecache.DISPLAY_COOKIE].value, "-1:0")
        self.set(chu="chuan")
        self.assertContains(self.client.get(reverse("portal:home")), '<html lang="vi" class="co-chu-0">')

    def test_each_preference_has_its_own_cached_page(self):
        self.client.get(reverse("portal:home"))
        self.set(**{"tuong-phan": "bat"})
        self.assertContains(self.client.get(reverse("portal:home")), "tuong-phan")

    def test_it_does_not_redirect_to_another_site(self):
        response = self.client.get(reverse("portal:display"), {"chu": "tang", "tiep": "https://evil.example/"})
        self.assertEqual(response["Location"], reverse("portal:home"))
