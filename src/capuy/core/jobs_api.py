"""``GET /api/jobs/`` and ``GET /api/jobs/{id}/``: the caller's background jobs and their progress."""

import datetime

from django.http import Http404, HttpResponse
from ninja import Router, Schema

from capuy.core import paging
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


@router.get("/jobs/", response=list[JobOut], description=paging.API_PAGING_DOC)
def list_jobs(request, response: HttpResponse, limit: int = paging.api_limit(), offset: int = paging.api_offset(),
              cursor: str = paging.api_cursor()):
    return paging.api_page(response, request.user, BackgroundJob.objects.filter(owner=request.user),
                           ("-created_at", "-pk"), limit, offset, cursor)


@router.get("/jobs/{int:pk}/", response=JobOut)
def job_detail(request, pk: int):
    """Only the owner (and system administrators) may read a job; others get 404."""
    job = BackgroundJob.objects.visible_to(request.user).filter(pk=pk).first()
    if job is None:
        raise Http404("Không tìm thấy việc này.")
    return job
