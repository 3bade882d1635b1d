from django.contrib.auth.decorators import login_required
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
    context = {
        "sections": inbox.sections(blocks), "badge": inbox.badge_count(blocks), "viewer": viewer,
        "no_role": not viewer.grants and not viewer.is_admin and not blocks,
        "person": request.user.person if request.user.person_id else None,
    }
    template = "core/_home_sections.html" if request.headers.get("HX-Request") else "core/home.html"
    return render(request, template, context)


@login_required
def badge(request):
    """The count on the menu ("Việc cần làm"), reloaded by htmx on live events and every few minutes."""
    blocks = inbox.collect(inbox.Viewer.of(request.user))
    return render(request, "core/_badge.html", {"badge": inbox.badge_count(blocks)})
