import contextlib

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.shortcuts import render

from capuy.core import inbox


def home(request):
    """The start page. The public sees the news portal; a signed-in person sees what awaits them today,
    gathered from each app's ``inbox`` module (``capuy.core.inbox``), grouped by role."""
    if not request.user.is_authenticated:
        from capuy.portal.views import home as portal_home

        return portal_home(request)
    viewer = inbox.Viewer.of(request.user)
    blocks = inbox.collect(viewer)
    count = inbox.badge_count(blocks)
    _keep_badge(request.user, count)
    context = {
        "sections": inbox.sections(blocks), "inbox_badge": count, "viewer": viewer,
        "no_role": not viewer.grants and not viewer.is_admin and not blocks,
        "person": request.user.person if request.user.person_id else None,
    }
    template = "core/_home_sections.html" if request.headers.get("HX-Request") else "core/home.html"
    return render(request, template, context)


def _badge_key(user) -> str:
    return f"capuy:inbox-badge:{user.pk}"


def _keep_badge(user, count: int) -> None:
    with contextlib.suppress(Exception):  # a cache that is down must not break the page (health reports it)
        cache.set(_badge_key(user), count, getattr(settings, "CAPUY_INBOX_BADGE_SECONDS", 120))


@login_required
def badge(request):
    """The count on the menu ("Việc cần làm").

    Each page loads it after rendering; it is kept for ``CAPUY_INBOX_BADGE_SECONDS`` (120) so that moving from
    page to page does not recount everything. ``?moi=1`` recounts: sent on a live event and every five minutes
    (``inbox-live.js``); the home page recounts and stores it too."""
    count = None
    if request.GET.get("moi") != "1":
        with contextlib.suppress(Exception):  # a cache that is down only costs a recount
            count = cache.get(_badge_key(request.user))
    if count is None:
        count = inbox.badge_count(inbox.collect(inbox.Viewer.of(request.user)))
        _keep_badge(request.user, count)
    return render(request, "core/_badge.html", {"badge": count})
