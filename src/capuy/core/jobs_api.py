"""``GET /api/jobs/`` and ``GET /api/jobs/{id}/``: the caller's background jobs and their progress."""

import datetime

from django.http import Http404
from ninja import Router, Schema

from capuy.core.models import BackgroundJob

router = Router(tags=["Việc nền"])


class JobOut(Schema):
    id: int
    kind: str
    title: str
    status: str
    done: int
    total: int
    percent: int
    message: str
    error: str
    result: dict
    result_url: str
    created_at: datetime.datetime
    finished_at: datetime.datetime | None


@router.get("/jobs/", response=list[JobOut])
def list_jobs(request):
    return BackgroundJob.objects.filter(owner=request.user)[:100]


@router.get("/jobs/{int:pk}/", response=JobOut)
def job_detail(request, pk: int):
    """Only the owner (and system administrators) may read a job; others get 404."""
    job = BackgroundJob.objects.visible_to(request.user).filter(pk=pk).first()
    if job is None:
        raise Http404("Không tìm thấy việc này.")
    return job
