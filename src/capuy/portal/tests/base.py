"""Shared fixtures of the portal tests: two categories and a helper to write articles."""

import datetime
import shutil
import tempfile

from django.core.cache import cache
from django.test import override_settings
from django.utils import timezone

from capuy.core.testing import CapuyTestCase
from capuy.portal.models import Article, Category, Tag

BODY = "<h2>Kết quả nổi bật</h2><p>Giá trị sản xuất công nghiệp ngoài quốc doanh tăng 14%.</p>"


def make_article(organization, category, title, status=Article.Status.PUBLISHED, tags=(), days_ago=1, **fields):
    article = Article.objects.create(
        organization=organization, category=category, title=title, status=status,
        lead=fields.pop("lead", f"Sapo của bài {title}"), body=fields.pop("body", BODY),
        published_at=fields.pop("published_at", timezone.now() - datetime.timedelta(days=days_ago))
        if status == Article.Status.PUBLISHED else None,
        **fields,
    )
    if tags:
        article.set_tags([Tag.objects.get_or_create(name=t)[0] for t in tags])
    return article


class PortalTestCase(CapuyTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.news = Category.objects.create(name="Tin tức sự kiện", order=1)
        cls.party = Category.objects.create(name="Xây dựng Đảng", order=2)

    def setUp(self):
        cache.clear()
        self.media = tempfile.mkdtemp(prefix="capuy-portal-media-")
        self.addCleanup(shutil.rmtree, self.media, ignore_errors=True)
        media = override_settings(MEDIA_ROOT=self.media)
        media.enable()
        self.addCleanup(media.disable)
