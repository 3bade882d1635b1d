from django.shortcuts import render

from capuy.accounts.permissions import readable_organizations


def home(request):
    """The start page: the user's organizations, or a welcome with the log-in link."""
    if not request.user.is_authenticated:
        from capuy.portal.views import home as portal_home

        return portal_home(request)  # the public sees the news portal
    organizations = []
    if request.user.is_authenticated:
        readable = readable_organizations(request.user)
        # Show the top of each granted subtree, not every cell under it.
        paths = sorted(readable.values_list("path", flat=True))
        tops = [p for i, p in enumerate(paths) if not any(p.startswith(q) for q in paths[:i])]
        organizations = readable.filter(path__in=tops[:50])
    return render(request, "core/home.html", {"organizations": organizations})


def healthz(request):
    """Health of this process (database, cache, live events, disk): 200 when all are fine, else 503."""
    from django.http import JsonResponse

    from capuy.core import health

    ok, checks = health.run()  # a broken connection is closed at the end of the request, as always
    failing = [name for name, r in checks.items() if not r["ok"]]
    response = JsonResponse({"status": "ok" if ok else "error", "failing": failing, "checks": checks},
                            status=200 if ok else 503, json_dumps_params={"ensure_ascii": False})
    response["Cache-Control"] = "no-store"
    return response
