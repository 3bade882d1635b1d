"""Public pages: the visitor cookie, display preferences, and the per-page cache.

- Every visitor gets a random id in the ``capuy_khach`` cookie; it identifies them for view counting and
  rating (nothing else is stored about them, and no session is created).
- Display preferences (text size A- A A+, high contrast) live in the ``capuy_hien_thi`` cookie and are
  applied on the server, so they work without JavaScript; the page cache keeps one copy per preference.
- Pages are cached in the cache backend for ``PAGE_TTL`` seconds under a key that holds the current
  "generation"; any change to an article, its photos, tags or categories starts a new generation
  (``invalidate``, called from signals), so no stale page is served after a change. Logged-in users
  (who carry a session cookie) always get a fresh page.
"""

import hashlib
import secrets
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import patch_vary_headers

from capuy import config
from capuy.portal import counters

VISITOR_COOKIE = "capuy_khach"
DISPLAY_COOKIE = "capuy_hien_thi"
PAGE_TTL = config.value("CAPUY_PORTAL_PAGE_TTL")
GENERATION_KEY = "portal:generation"
CACHED_PARAMS = ("trang", "q", "danh-gia")
SIZES = (-1, 0, 1, 2)


def generation() -> str:
    value = cache.get(GENERATION_KEY)
    if value is None:
        cache.add(GENERATION_KEY, secrets.token_hex(6), timeout=None)
        value = cache.get(GENERATION_KEY) or "0"
    return value


def invalidate() -> None:
    """Start a new generation: every cached public page is dropped at once."""
    cache.set(GENERATION_KEY, secrets.token_hex(6), timeout=None)


def visitor_id(request) -> tuple[str, bool]:
    """(id, is_new): the visitor's id from their cookie, or a fresh one to set."""
    value = request.COOKIES.get(VISITOR_COOKIE, "")
    if 16 <= len(value) <= 64 and value.isalnum():
        return value, False
    return secrets.token_hex(16), True


def display_preferences(request) -> dict:
    """{"size": -1..2, "contrast": bool} from the display cookie ("<size>:<0|1>")."""
    size, _, contrast = request.COOKIES.get(DISPLAY_COOKIE, "").partition(":")
    try:
        size = int(size)
    except ValueError:
        size = 0
    return {"size": size if size in SIZES else 0, "contrast": contrast == "1"}


def set_visitor_cookie(response, visitor: str) -> None:
    response.set_cookie(VISITOR_COOKIE, visitor, max_age=365 * 24 * 3600, samesite="Lax", httponly=True)


def _key(request) -> str:
    prefs = display_preferences(request)
    params = "&".join(f"{p}={request.GET.get(p, '')[:100]}" for p in CACHED_PARAMS if p in request.GET)
    address = hashlib.md5(f"{request.get_host()}{request.path}?{params}".encode(), usedforsecurity=False).hexdigest()
    return f"portal:page:{generation()}:{prefs['size']}:{int(prefs['contrast'])}:{address}"


def public_page(view):
    """Serve ``view`` from the page cache, count the visit (and the article view) on every request.

    A view marks an article page by setting ``response.portal_article_id`` (and counts that first view
    itself); the id is cached with the page so that a cached hit is counted without touching the database.
    """

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        visitor, new = visitor_id(request)
        request.portal_visitor = visitor
        counters.count_visit(visitor)
        personal = settings.SESSION_COOKIE_NAME in request.COOKIES
        key = _key(request)
        entry = None if personal else cache.get(key)
        if entry is None:
            response = view(request, *args, **kwargs)
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
            if response.status_code == 200 and not personal:
                article_id = getattr(response, "portal_article_id", None)
                cache.set(key, (response.content, response["Content-Type"], article_id), PAGE_TTL)
        else:
            content, content_type, article_id = entry
            response = HttpResponse(content, content_type=content_type)
            response["X-Capuy-Cache"] = "hit"
            if article_id:
                counters.count_view(article_id, visitor)
        patch_vary_headers(response, ["Cookie"])  # the display preference changes the page
        if new:
            set_visitor_cookie(response, visitor)
        return response

    return wrapper
