"""The portal's sitemap: home, categories and every public article."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from capuy.portal.models import Article, Category


class HomeSitemap(Sitemap):
    changefreq = "hourly"
    priority = 1.0

    def items(self):
        return ["portal:home"]

    def location(self, item):
        return reverse(item)


class CategorySitemap(Sitemap):
    changefreq = "daily"
    priority = 0.7

    def items(self):
        return Category.objects.all()


class ArticleSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.5
    limit = 5000

    def items(self):
        return Article.objects.public().order_by("-published_at", "pk").only("slug", "updated", "published_at")

    def lastmod(self, item):
        return item.updated


SITEMAPS = {"trang-chu": HomeSitemap, "chuyen-muc": CategorySitemap, "bai-viet": ArticleSitemap}
