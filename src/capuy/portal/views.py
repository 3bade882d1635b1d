"""Public pages of the portal: anyone may read them, and only published articles appear."""

from urllib.parse import quote

from django.core.paginator import Paginator
from django.db.models import Prefetch, Q
from django.http import FileResponse, Http404, HttpResponse, HttpResponseForbidden
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST, require_safe

from capuy import config
from capuy.accounts import permissions
from capuy.portal import actions, counters, pagecache
from capuy.portal.models import Article, Category, Photo, Tag

PER_PAGE = 10
PORTAL_NAME = config.value("CAPUY_PORTAL_NAME")
RATING_MESSAGES = {
    "cam-on": "Cảm ơn bạn đã đánh giá bài viết.",
    "da-co": "Bạn đã đánh giá bài viết này rồi; mỗi người đọc chỉ đánh giá một lần.",
    "loi": "Hãy chọn từ 1 đến 5 sao để đánh giá.",
}


def _photos():
    return Prefetch("photos", queryset=Photo.objects.order_by("order", "pk"))


def public_articles():
    return Article.objects.public().select_related("category").prefetch_related(_photos())


def render_public(request, template, context, status=200):
    """A public page with the portal's frame (categories, display preferences, visit counter)."""
    base = {
        "portal_name": PORTAL_NAME,
        "nav_categories": list(Category.objects.all()),
        "display": pagecache.display_preferences(request),
        "site_visits": counters.site_visits(),
    }
    return TemplateResponse(request, template, {**base, **context}, status=status)


@require_safe
@pagecache.public_page
def home(request):
    sections = []
    for category in Category.objects.all():
        articles = list(public_articles().filter(category=category)[:5])
        if articles:
            sections.append((category, articles))
    latest = public_articles().first()
    return render_public(request, "portal/home.html", {"sections": sections, "latest": latest})


def _paginated(request, queryset):
    return Paginator(queryset, PER_PAGE).get_page(request.GET.get("trang"))


@require_safe
@pagecache.public_page
def category(request, slug):
    category = get_object_or_404(Category, slug=slug)
    page = _paginated(request, public_articles().filter(category=category))
    return render_public(request, "portal/list.html", {
        "heading": category.name, "category": category, "page": page, "description": category.description,
    })


@require_safe
@pagecache.public_page
def tag(request, slug):
    tag = get_object_or_404(Tag, slug=slug)
    page = _paginated(request, public_articles().filter(tags=tag))
    return render_public(request, "portal/list.html", {"heading": f"Thẻ: {tag.name}", "page": page})


@require_safe
@pagecache.public_page
def search(request):
    query = request.GET.get("q", "").strip()[:100]
    page = _paginated(request, public_articles().search(query)) if query else None
    return render_public(request, "portal/search.html", {"query": query, "page": page})


# The share pages of Facebook and Zalo, opened as ordinary links: no script or frame of theirs on the page.
SHARE_PAGES = {
    "facebook": "https://www.facebook.com/sharer/sharer.php?u={url}",
    "zalo": "https://sp.zalo.me/plugins/share?href={url}",
}


def share_links(url: str) -> dict:
    return {name: page.format(url=quote(url, safe="")) for name, page in SHARE_PAGES.items()}


def article_context(article, request) -> dict:
    canonical = request.build_absolute_uri(article.get_absolute_url())
    photos = list(article.photos.all())
    rating, ratings = article.rating_summary()
    return {
        "article": article,
        "tags": list(article.tags.all()),
        "loose_photos": [p for p in photos if p.src not in article.body],
        "og_image": request.build_absolute_uri(photos[0].src) if photos else "",
        "canonical": canonical,
        "share": share_links(canonical),
        "views": article.view_count(),
        "rating": rating,
        "ratings": ratings,
        "rating_message": RATING_MESSAGES.get(request.GET.get("danh-gia", "")),
        "related": article.related(),
        "newer": article.newer(),
        "older": article.older(),
    }


@require_safe
@pagecache.public_page
def article(request, slug):
    article = get_object_or_404(public_articles().select_related("organization"), slug=slug)
    counters.count_view(article.pk, request.portal_visitor)  # before rendering, so the page shows this view
    response = render_public(request, "portal/article.html", article_context(article, request))
    response.portal_article_id = article.pk
    return response


def photo_file(request, name):
    """An article photo from the media storage: public once its article is, else for readers of its organization."""
    photo = Photo.objects.select_related("article__organization").filter(Q(image=name) | Q(thumbnail=name)).first()
    if photo is None:
        raise Http404("Không tìm thấy ảnh.")
    article = photo.article
    if not article.is_public and not permissions.can_read(request.user, article.organization):
        raise Http404("Không tìm thấy ảnh.")
    field = photo.image if photo.image.name == name else photo.thumbnail
    try:
        handle = field.open("rb")
    except FileNotFoundError as exc:
        raise Http404("Không tìm thấy ảnh.") from exc
    response = FileResponse(handle, content_type="image/jpeg")
    response["Cache-Control"] = "public, max-age=31536000, immutable" if article.is_public else "private, no-store"
    return response


def _same_origin(request) -> bool:
    """A browser names the page a POST comes from; ``null`` (a sandboxed frame, a data: page, a redirect
    across sites) is another site. No Origin at all is a client that is not a browser."""
    origin = request.headers.get("Origin")
    if origin is None:
        return True
    if origin == "null":
        return False
    return url_has_allowed_host_and_scheme(origin + "/", allowed_hosts={request.get_host()})


@csrf_exempt  # public pages are cached and carry no CSRF token; checked by Origin and the visitor cookie
@require_POST
def rate(request, slug):
    """One rating (1–5 stars) per visitor and article."""
    article = get_object_or_404(Article.objects.public(), slug=slug)
    if not _same_origin(request):
        return HttpResponseForbidden("Yêu cầu không hợp lệ.")
    visitor, new = pagecache.visitor_id(request)
    outcome = actions.rate_article(request.user, article, visitor, request.POST.get("sao", ""))
    response = redirect(f"{article.get_absolute_url()}?danh-gia={outcome}#danh-gia")
    if new:
        pagecache.set_visitor_cookie(response, visitor)
    return response


@require_safe
def display(request):
    """Text size (A-, A, A+) and contrast, kept in a cookie for a year; works without JavaScript."""
    prefs = pagecache.display_preferences(request)
    size = {"giam": prefs["size"] - 1, "tang": prefs["size"] + 1, "chuan": 0}.get(request.GET.get("chu"), prefs["size"])
    size = max(min(size, pagecache.SIZES[-1]), pagecache.SIZES[0])
    contrast = {"bat": True, "tat": False}.get(request.GET.get("tuong-phan"), prefs["contrast"])
    target = request.GET.get("tiep", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = reverse("portal:home")
    response = redirect(target)
    response.set_cookie(pagecache.DISPLAY_COOKIE, f"{size}:{int(contrast)}", max_age=365 * 24 * 3600, samesite="Lax")
    return response


def health(request):
    """The benchmark's baseline: the smallest view on the same server (mounted only with CAPUY_BENCH=1)."""
    return HttpResponse("ok", content_type="text/plain")
