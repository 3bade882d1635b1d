"""Long work in the background, through django-q2 (``capuy qcluster`` runs the workers).

``start(kind, title, "app.module.function", *args, owner=user)`` records a :class:`BackgroundJob` and queues
the function once the current transaction commits (the worker must see what the request wrote). The function
is called as ``function(job, *args)``; it reports with ``job.progress(done, total, message)`` and returns a
JSON-able dict kept as ``job.result``. :class:`JobFailed` ends it with a message for the user; any other
exception ends it with a general message (the traceback goes to the log, not to the page).
"""

import logging

from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from capuy.core.models import BackgroundJob

logger = logging.getLogger(__name__)
GENERIC_ERROR = "Có lỗi khi thực hiện việc này; chưa lưu gì. Vui lòng thử lại hoặc báo quản trị hệ thống."


class JobFailed(Exception):
    """The job cannot be done; ``messages`` (Vietnamese) say why, ``result`` keeps details (bad rows…)."""

    def __init__(self, messages, result=None):
        self.messages = [messages] if isinstance(messages, str) else list(messages)
        self.result = result or {}
        super().__init__("; ".join(self.messages))


def enqueue(func_path: str, *args):
    """Queue ``func_path(*args)`` for a worker, after the current transaction commits."""
    from django_q.tasks import async_task

    transaction.on_commit(lambda: async_task(func_path, *args))


def start(kind: str, title: str, func_path: str, *args, owner=None, input_file=None, result_url: str = "",
          total: int = 0, message: str = "Đang chờ đến lượt xử lý…") -> BackgroundJob:
    """Record a job and queue ``func_path(job, *args)``; returns the job (its page shows the progress)."""
    job = BackgroundJob(kind=kind, title=title[:300], owner=owner if owner and owner.is_authenticated else None,
                        result_url=result_url, total=total, message=message)
    if input_file is not None:
        job.input_file.save(getattr(input_file, "name", "tep") or "tep", input_file, save=False)
    job.save()
    enqueue("capuy.core.jobs.run", job.pk, func_path, *args)
    return job


def run(job_id: int, func_path: str, *args):
    """The worker's side: run the job's function and record how it ended (never raises)."""
    job = BackgroundJob.objects.filter(pk=job_id).first()
    if job is None or job.finished:
        return
    job.status, job.started_at = BackgroundJob.Status.RUNNING, timezone.now()
    BackgroundJob.objects.filter(pk=job.pk).update(status=job.status, started_at=job.started_at)
    fields = {}
    try:
        outcome = import_string(func_path)(job, *args)
    except JobFailed as exc:
        fields = {"status": BackgroundJob.Status.FAILED, "error": "\n".join(exc.messages), "result": exc.result}
    except Exception:
        logger.exception("Background job %s (%s) failed", job.pk, job.kind)
        fields = {"status": BackgroundJob.Status.FAILED, "error": GENERIC_ERROR}
    else:
        fields = {"status": BackgroundJob.Status.DONE, "result": outcome or {}, "done": job.total or job.done}
        fields["message"] = (outcome or {}).get("message", "Đã xong.")
    fields["finished_at"] = timezone.now()
    if job.input_file:
        job.input_file.delete(save=False)  # the upload was only needed for this job
        fields["input_file"] = ""
    BackgroundJob.objects.filter(pk=job.pk).update(**fields)
