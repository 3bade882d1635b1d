"""RSS 2.0 and Atom feeds of each category's latest published articles."""

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from capuy.portal.models import Article, Category

FEED_SIZE = 20


class CategoryRssFeed(Feed):
    language = "vi"

    def get_object(self, request, slug):
        return get_object_or_404(Category, slug=slug)

    def title(self, category):
        return f"{category.name} – tin mới"

    def link(self, category):
        return category.get_absolute_url()

    def description(self, category):
        return category.description or f"Tin bài mới nhất của chuyên mục {category.name}."

    def feed_url(self, category):
        return reverse("portal:feed_rss", args=[category.slug])

    def items(self, category):
        return Article.objects.public().filter(category=category).select_related("category")[:FEED_SIZE]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.lead or item.search_text[:300]

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated

    def item_author_name(self, item):
        return item.byline or None

    def item_categories(self, item):
        return [item.category.name]


class CategoryAtomFeed(CategoryRssFeed):
    feed_type = Atom1Feed

    def subtitle(self, category):
        return self.description(category)

    def feed_url(self, category):
        return reverse("portal:feed_atom", args=[category.slug])
