from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render

from capuy.accounts.permissions import readable_organizations
from capuy.core.models import BackgroundJob


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


def _visible_job(user, pk) -> BackgroundJob:
    """Only the owner of a job and system administrators see it; anyone else gets 404 (its existence is private)."""
    job = BackgroundJob.objects.visible_to(user).filter(pk=pk).first()
    if job is None:
        raise Http404("Không tìm thấy việc này.")
    return job


@login_required
def jobs(request):
    """"Việc của tôi": the user's unfinished jobs first, then the recent ones, each linking to its progress."""
    mine = BackgroundJob.objects.filter(owner=request.user)
    return render(request, "core/jobs.html", {"running": mine.unfinished()[:50],
                                              "recent": mine.exclude(pk__in=mine.unfinished().values("pk"))[:50]})


@login_required
def job(request, pk):
    return render(request, "core/job.html", {"job": _visible_job(request.user, pk)})


@login_required
def job_progress(request, pk):
    """The progress partial that the job page re-fetches with htmx until the job ends."""
    return render(request, "core/_job_progress.html", {"job": _visible_job(request.user, pk)})
