"""View counts and the site visit counter, kept off the article row.

A hit counts once per visitor and article within ``VIEW_WINDOW`` seconds (a cache key remembers it), so
reloads do not inflate the count. Counted hits go to a pending counter in the cache (an atomic ``incr``);
every ``FLUSH_EVERY`` hits the request that reaches it appends one ``ViewTally`` row, and the
``portal_flush_counters`` command appends whatever is pending (run it from cron or before a restart when
the cache is shared, e.g. Redis). The article row is never updated, so a busy article takes no row lock.
Site visits work the same way, once per visitor per ``VISIT_WINDOW``.
"""

from django.core.cache import cache
from django.db import transaction

from capuy import config

VIEW_WINDOW = config.value("CAPUY_PORTAL_VIEW_WINDOW")
VISIT_WINDOW = config.value("CAPUY_PORTAL_VISIT_WINDOW")
FLUSH_EVERY = config.value("CAPUY_PORTAL_FLUSH_EVERY")

SITE = "site"


def _pending_key(article_id) -> str:
    return f"portal:views:pending:{article_id}"


def _take(key: str) -> int:
    """Remove the pending amount from ``key`` and return it (hits counted meanwhile stay pending)."""
    amount = cache.get(key) or 0
    if amount <= 0:
        return 0
    try:
        cache.decr(key, amount)
    except ValueError:
        return 0
    return amount


def _write(article_id, amount: int):
    from capuy.portal.models import ViewTally, VisitTally

    if amount <= 0:
        return
    with transaction.atomic():
        if article_id == SITE:
            VisitTally.objects.create(count=amount)
        else:
            ViewTally.objects.create(article_id=article_id, count=amount)


def _bump(key: str, owner) -> None:
    if cache.add(key, 1, timeout=None):
        value = 1
    else:
        try:
            value = cache.incr(key)
        except ValueError:  # evicted between add and incr
            cache.add(key, 1, timeout=None)
            value = 1
    if value % FLUSH_EVERY == 0:  # incr is atomic: exactly one request sees each multiple
        try:
            cache.decr(key, FLUSH_EVERY)
        except ValueError:
            return
        _write(owner, FLUSH_EVERY)


def count_view(article_id: int, visitor: str) -> bool:
    """Count a view unless this visitor already viewed the article within the window."""
    if not cache.add(f"portal:seen:{article_id}:{visitor}", 1, timeout=VIEW_WINDOW):
        return False
    _bump(_pending_key(article_id), article_id)
    return True


def count_visit(visitor: str) -> bool:
    if not cache.add(f"portal:visitor:{visitor}", 1, timeout=VISIT_WINDOW):
        return False
    _bump(_pending_key(SITE), SITE)
    return True


def view_count(article_id: int) -> int:
    from capuy.portal.models import ViewTally

    return ViewTally.total(article_id) + (cache.get(_pending_key(article_id)) or 0)


def site_visits() -> int:
    from capuy.portal.models import VisitTally

    return VisitTally.total() + (cache.get(_pending_key(SITE)) or 0)


def flush() -> int:
    """Append every pending count to the tallies; returns how many views and visits were written."""
    from capuy.portal.models import Article

    written = 0
    ids = list(Article.objects.values_list("pk", flat=True))
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        pending = cache.get_many([_pending_key(i) for i in chunk])
        for article_id in chunk:
            if pending.get(_pending_key(article_id)):
                amount = _take(_pending_key(article_id))
                _write(article_id, amount)
                written += amount
    amount = _take(_pending_key(SITE))
    _write(SITE, amount)
    return written + amount
