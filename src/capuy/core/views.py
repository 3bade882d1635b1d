import contextlib

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.http import Http404
from django.shortcuts import redirect, render
from django.templatetags.static import static

from capuy.core import inbox, paging
from capuy.core.models import BackgroundJob

# The page an anonymous visitor sees at "/": the portal app sets it in its AppConfig.ready, so that core
# imports no app.
public_home = None


def home(request):
    """The start page. The public sees the news portal; a signed-in person sees what awaits them today,
    gathered from each app's ``inbox`` module (``capuy.core.inbox``), grouped by role."""
    if not request.user.is_authenticated:
        if public_home is None:
            raise Http404("Không tìm thấy trang.")
        return public_home(request)
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


def favicon(request):
    """Browsers and crawlers ask for /favicon.ico whatever the page says: send them to the icon."""
    return redirect(static("capuy/favicon.svg"), permanent=True)


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
    listing = FinishedJobList(request.user, request.GET)
    return render(request, "core/jobs.html", {
        "running": BackgroundJob.objects.filter(owner=request.user).unfinished().order_by("-created_at", "-pk"),
        "listing": listing, "page": listing.page()})


class FinishedJobList(paging.Listing):
    noun = "việc đã xong"
    title = "Việc của tôi"
    filename = "viec-cua-toi"
    sorts = {"-luc": paging.Sort("Mới nhất", ("-created_at", "-pk"))}
    default_sort = "-luc"

    def rows(self):
        return BackgroundJob.objects.filter(owner=self.user, status__in=[BackgroundJob.Status.DONE,
                                                                        BackgroundJob.Status.FAILED])


@login_required
def job(request, pk):
    return render(request, "core/job.html", {"job": _visible_job(request.user, pk)})


@login_required
def job_progress(request, pk):
    """The progress partial that the job page re-fetches with htmx until the job ends."""
    return render(request, "core/_job_progress.html", {"job": _visible_job(request.user, pk)})


@login_required
def job_file(request, pk):
    """The file a finished export job wrote; only its owner (and administrators) can fetch it."""
    from django.core.files.storage import default_storage
    from django.http import FileResponse

    job = _visible_job(request.user, pk)
    name = (job.result or {}).get("file") if job.status == BackgroundJob.Status.DONE else None
    if not name or not default_storage.exists(name):
        raise Http404("Tệp của việc này không còn (hoặc việc chưa xong).")
    return FileResponse(default_storage.open(name, "rb"), as_attachment=True,
                        filename=job.result.get("filename") or "danh-sach.xlsx")
