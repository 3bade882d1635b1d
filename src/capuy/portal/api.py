"""REST endpoints of the portal app, mounted under /api/.

Public reads (no authentication): categories, published articles (``Article.objects.public()``) with the
portal's diacritic-insensitive search, and one published article by slug (no view is counted).

Newsroom (token or session): the same rights as the web newsroom (``capuy.portal.editorial``), decided by
``capuy.accounts.permissions`` on the article's organization — 404 for an article the user may not read,
403 for one they may read but not change. Saving goes through the model's checks (``save_validated``:
the body is sanitized by ``richtext.clean_body``, a typed slug that is taken is refused, an empty slug is
generated from the title); the review step is ``Article.submit`` / ``Article.publish``.
"""

import datetime

from django.core.exceptions import ValidationError
from ninja import Router, Schema

from capuy.accounts import permissions
from capuy.core.api import require_visible
from capuy.portal import actions
from capuy.portal.models import Article, Category, Tag
from capuy.portal.views import public_articles

router = Router(tags=["Cổng thông tin"])

PAGE_DEFAULT, PAGE_MAX = 20, 100
QUERY_MAX = 100  # as the public search page


# --- schemas ---------------------------------------------------------------------------------------------


class CategoryOut(Schema):
    id: int
    name: str
    slug: str
    description: str
    order: int


class TagOut(Schema):
    name: str
    slug: str


class PhotoOut(Schema):
    src: str
    thumbnail_src: str
    width: int
    height: int
    caption: str
    alt_text: str
    credit: str
    order: int


class ArticleSummaryOut(Schema):
    id: int
    slug: str
    title: str
    lead: str
    byline: str
    category: CategoryOut
    tags: list[TagOut]
    published_at: datetime.datetime | None
    url: str

    @staticmethod
    def resolve_tags(obj):
        return list(obj.tags.all())

    @staticmethod
    def resolve_url(obj):
        return obj.get_absolute_url()


class ArticleOut(ArticleSummaryOut):
    organization_name: str
    body: str
    photos: list[PhotoOut]

    @staticmethod
    def resolve_organization_name(obj):
        return obj.organization.name

    @staticmethod
    def resolve_photos(obj):
        return list(obj.photos.all())


class ArticlePage(Schema):
    count: int
    limit: int
    offset: int
    items: list[ArticleSummaryOut]


class EditorArticleOut(Schema):
    id: int
    organization_id: int
    category_id: int
    title: str
    slug: str
    lead: str
    body: str
    byline: str
    tags: list[str]
    status: str
    status_label: str
    published_at: datetime.datetime | None
    created_by_id: int | None
    submitted_by_id: int | None
    published_by_id: int | None
    created: datetime.datetime
    updated: datetime.datetime
    is_public: bool
    can_manage: bool = False

    @staticmethod
    def resolve_tags(obj):
        return [t.name for t in obj.tags.all()]

    @staticmethod
    def resolve_status_label(obj):
        return obj.get_status_display()

    @staticmethod
    def resolve_can_manage(obj, context):
        return permissions.can_manage(context["request"].user, obj.organization)


class EditorArticlePage(Schema):
    count: int
    limit: int
    offset: int
    items: list[EditorArticleOut]


class ArticleIn(Schema):
    organization_id: int
    category_id: int
    title: str
    slug: str = ""
    lead: str = ""
    body: str = ""
    byline: str = ""
    published_at: datetime.datetime | None = None
    tags: list[str] = []


class ArticlePatch(Schema):
    organization_id: int | None = None
    category_id: int | None = None
    title: str | None = None
    slug: str | None = None
    lead: str | None = None
    body: str | None = None
    byline: str | None = None
    published_at: datetime.datetime | None = None
    tags: list[str] | None = None


# --- helpers -----------------------------------------------------------------------------------------------


def _page(queryset, limit: int, offset: int) -> dict:
    limit = max(1, min(limit, PAGE_MAX))
    offset = max(0, offset)
    return {"count": queryset.count(), "limit": limit, "offset": offset,
            "items": list(queryset[offset:offset + limit])}


def _readable_article(request, pk) -> Article:
    article = Article.objects.select_related("organization", "category").filter(pk=pk).first()
    require_visible(article is not None and permissions.can_read(request.user, article.organization),
                    "Không tìm thấy bài viết.")
    return article


def _editor_articles():
    return Article.objects.select_related("organization", "category").prefetch_related("tags")


# --- public ------------------------------------------------------------------------------------------------


@router.get("/portal/categories/", response=list[CategoryOut], auth=None)
def list_categories(request):
    return Category.objects.all()


@router.get("/portal/articles/", response=ArticlePage, auth=None)
def list_articles(request, category: str = "", tag: str = "", q: str = "",
                  limit: int = PAGE_DEFAULT, offset: int = 0):
    """Published articles, newest first; ``q`` finds every word whatever its diacritics ("tay ho" → "Tây Hồ")."""
    articles = public_articles().prefetch_related("tags")
    if category:
        require_visible(Category.objects.filter(slug=category).exists(), "Không tìm thấy chuyên mục.")
        articles = articles.filter(category__slug=category)
    if tag:
        require_visible(Tag.objects.filter(slug=tag).exists(), "Không tìm thấy thẻ.")
        articles = articles.filter(tags__slug=tag)
    query = q.strip()[:QUERY_MAX]
    if query:
        articles = articles.search(query)
    return _page(articles, limit, offset)


@router.get("/portal/articles/{slug}/", response=ArticleOut, auth=None)
def get_article(request, slug: str):
    """A published article; drafts, articles in review or unpublished and scheduled ones are not found."""
    article = public_articles().select_related("organization").prefetch_related("tags").filter(slug=slug).first()
    require_visible(article is not None, "Không tìm thấy bài viết.")
    return article


# --- newsroom ----------------------------------------------------------------------------------------------


@router.get("/portal/editor/articles/", response=EditorArticlePage)
def list_editor_articles(request, status: str = "", organization_id: int | None = None, q: str = "",
                         limit: int = PAGE_DEFAULT, offset: int = 0):
    """Articles of the organizations the user may read, whatever their status (most recently changed first)."""
    articles = permissions.filter_by_organization(_editor_articles(), request.user).order_by("-updated", "-pk")
    if status:
        if status not in Article.Status.values:
            raise ValidationError({"status": "Trạng thái không hợp lệ; dùng một trong: "
                                             + ", ".join(Article.Status.values) + "."})
        articles = articles.filter(status=status)
    if organization_id:
        articles = articles.filter(organization_id=organization_id)
    query = q.strip()[:QUERY_MAX]
    if query:
        articles = articles.search(query)
    return _page(articles, limit, offset)


@router.get("/portal/editor/articles/{pk}/", response=EditorArticleOut)
def get_editor_article(request, pk: int):
    return _readable_article(request, pk)


@router.post("/portal/editor/articles/", response={201: EditorArticleOut})
def create_article(request, data: ArticleIn):
    """A new draft for an organization the user manages."""
    fields = data.dict()
    tags = fields.pop("tags", None)
    return 201, actions.create_article(request.user, fields.pop("organization_id"), fields, tags)


@router.patch("/portal/editor/articles/{pk}/", response=EditorArticleOut)
def update_article(request, pk: int, data: ArticlePatch):
    """Change an article's content; its status changes only through the actions below."""
    article = _readable_article(request, pk)
    fields = data.dict(exclude_unset=True)
    for text in ("slug", "lead", "body", "byline"):
        if text in fields and fields[text] is None:
            fields[text] = ""
    tags = fields.pop("tags", None)
    return actions.update_article(request.user, article, fields, tags)


@router.post("/portal/editor/articles/{pk}/submit/", response=EditorArticleOut)
def submit_article(request, pk: int):
    """Send a draft (or an unpublished article) for review (``Article.submit``)."""
    return actions.submit_article(request.user, _readable_article(request, pk))


@router.post("/portal/editor/articles/{pk}/return/", response=EditorArticleOut)
def return_article(request, pk: int):
    """Send an article in review back to its editor (``Article.return_to_draft``)."""
    return actions.return_article(request.user, _readable_article(request, pk))


@router.post("/portal/editor/articles/{pk}/publish/", response=EditorArticleOut)
def publish_article(request, pk: int):
    """Publish an article that went through review (``Article.publish`` refuses a draft)."""
    return actions.publish_article(request.user, _readable_article(request, pk))


@router.post("/portal/editor/articles/{pk}/unpublish/", response=EditorArticleOut)
def unpublish_article(request, pk: int):
    """Take a published article off the portal (``Article.unpublish``)."""
    return actions.unpublish_article(request.user, _readable_article(request, pk))
