"""The history of changes: every create, update, delete (and reading of sensitive records), append-only
and chained by hashes so that an entry altered, removed or reordered later is found by ``verify-history``.

django-auditlog computes what changed (its receivers fire on every tracked model's save and delete); this
model is its log entry (``AUDITLOG_LOGENTRY_MODEL``) and adds the chain. Which models are tracked is decided
in ``capuy.core.history``.

Also the shared records of background work: a long job's progress, and each e-mail handed to the queue. Any app
runs long work (PDF conversion, imports) through :func:`capuy.core.jobs.start`; the job row is what its owner's
page polls for the progress bar, so the work can be left and looked at again later.
"""

import datetime
import hashlib
import json
import re
import time

from auditlog.models import AbstractLogEntry, LogEntryManager
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone

GENESIS = "0" * 64


class AppendOnlyError(Exception):
    """The history cannot be changed or deleted, by anyone."""

    def __init__(self):
        super().__init__("Lịch sử thay đổi chỉ được ghi thêm; không ai được sửa hoặc xóa một mục đã ghi.")


class HistoryQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError

    def delete(self):
        raise AppendOnlyError

    def for_object(self, obj):
        from django.contrib.contenttypes.models import ContentType

        return self.filter(content_type=ContentType.objects.get_for_model(obj.__class__), object_pk=str(obj.pk))


class HistoryManager(LogEntryManager.from_queryset(HistoryQuerySet)):
    pass


class HistoryHead(models.Model):
    """One row: the sequence number and hash of the newest entry. Writers lock it, so the chain never forks."""

    sequence = models.BigIntegerField(default=0)
    hash = models.CharField(max_length=64, default=GENESIS)

    class Meta:
        verbose_name = "đầu chuỗi lịch sử"

    def __str__(self):
        return f"{self.sequence}: {self.hash}"

    # Every change of every record writes an entry, so the head is read and moved in plain SQL: through the ORM
    # these two statements cost more than the entry itself.
    @classmethod
    def lock_and_read(cls) -> tuple[int, str]:
        """The newest entry's (sequence, hash), the row locked until the transaction ends (PostgreSQL)."""
        from django.db import connection

        table = connection.ops.quote_name(cls._meta.db_table)
        lock = " FOR UPDATE" if connection.features.has_select_for_update else ""
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT sequence, hash FROM {table} WHERE id = 1{lock}")
            row = cursor.fetchone()
        if row is None:
            cls.objects.get_or_create(pk=1)
            return cls.lock_and_read()
        return row[0], row[1]

    @classmethod
    def move_to(cls, sequence: int, hash_: str):
        from django.db import connection

        table = connection.ops.quote_name(cls._meta.db_table)
        with connection.cursor() as cursor:
            cursor.execute(f"UPDATE {table} SET sequence = %s, hash = %s WHERE id = 1", [sequence, hash_])


class HistoryEntry(AbstractLogEntry):
    class Channel(models.TextChoices):
        WEB = "web", "Trang web"
        API = "api", "API"
        COMMAND = "command", "Lệnh quản trị"

    # No database constraint: deleting a user or a content type must never rewrite (or cascade into) the history.
    content_type = models.ForeignKey("contenttypes.ContentType", on_delete=models.DO_NOTHING, db_constraint=False,
                                     related_name="+", verbose_name="loại hồ sơ")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.DO_NOTHING, db_constraint=False,
                              null=True, blank=True, related_name="+", verbose_name="người thực hiện")
    channel = models.CharField("qua", max_length=10, choices=Channel.choices, default=Channel.COMMAND)
    sequence = models.BigIntegerField("số thứ tự", unique=True, editable=False)
    prev_hash = models.CharField(max_length=64, editable=False)
    entry_hash = models.CharField(max_length=64, editable=False)

    objects = HistoryManager()

    class Meta(AbstractLogEntry.Meta):
        verbose_name = "mục lịch sử thay đổi"
        verbose_name_plural = "lịch sử thay đổi"
        ordering = ["-sequence"]

    @property
    def shown_changes(self) -> list[tuple[str, str, str]]:
        """(field, before, after) as a reader should see them: without the record's own id and the lists of related
        records that a new record "changes" from nothing to nothing ("voting.OpenBallot.None", "{}"), and with an
        empty value shown as empty rather than "None"."""
        def shown(value) -> str:
            text = "" if value is None else str(value)
            return "" if text in ("None", "{}", "[]") or re.fullmatch(r"\w+\.\w+\.None", text) else text

        rows = []
        for field, values in self.changes_display_dict.items():
            before, after = (shown(v) for v in (list(values) + ["", ""])[:2])
            if str(field).lower() == "id" or before == after:
                continue
            rows.append((str(field), before, after))
        return rows

    def canonical(self) -> bytes:
        """The bytes the hash covers: every recorded fact of the entry and the previous entry's hash."""
        data = {
            "sequence": self.sequence,
            "prev": self.prev_hash,
            "content_type": self.content_type_id,
            "object_pk": str(self.object_pk),
            "object_repr": self.object_repr,
            "action": self.action,
            "changes": self.changes,
            "changes_text": self.changes_text,
            "serialized_data": self.serialized_data,
            "actor": self.actor_id,
            "actor_email": self.actor_email,
            "remote_addr": self.remote_addr,
            "cid": self.cid,
            "channel": self.channel,
            "additional_data": self.additional_data,
            "timestamp": self.timestamp.astimezone(datetime.UTC).isoformat(),
        }
        return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str).encode()

    def compute_hash(self) -> str:
        return hashlib.sha256(self.canonical()).hexdigest()

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AppendOnlyError
        from capuy.core.history import apply_context

        apply_context(self)
        # Hash exactly what the database will give back: JSON as stored, the address as normalised.
        for name in ("changes", "serialized_data", "additional_data"):
            setattr(self, name, json.loads(json.dumps(getattr(self, name), cls=DjangoJSONEncoder)))
        self.remote_addr = self._meta.get_field("remote_addr").to_python(self.remote_addr)
        with transaction.atomic(savepoint=False):
            self.sequence, self.prev_hash = HistoryHead.lock_and_read()
            self.sequence += 1
            self.entry_hash = self.compute_hash()
            super().save(*args, **kwargs)
            HistoryHead.move_to(self.sequence, self.entry_hash)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError


# A running job writes its progress at most this often (seconds), so a fast loop does not flood the database.
PROGRESS_WRITE_INTERVAL = 0.5


class BackgroundJobQuerySet(models.QuerySet):
    def visible_to(self, user):
        """A job is seen by its owner and by system administrators only."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        return self.filter(owner=user)

    def unfinished(self):
        return self.filter(status__in=[BackgroundJob.Status.QUEUED, BackgroundJob.Status.RUNNING])


def job_input_path(instance, filename):
    return f"viec-nen/{timezone.now():%Y/%m}/{filename}"


class BackgroundJob(models.Model):
    class Status(models.TextChoices):
        QUEUED = "cho", "Đang chờ"
        RUNNING = "dang_chay", "Đang chạy"
        DONE = "xong", "Đã xong"
        FAILED = "loi", "Không thành công"

    kind = models.CharField("loại việc", max_length=50, help_text="Ví dụ: documents.pdf, members.import")
    title = models.CharField("tên việc", max_length=300)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="người yêu cầu", null=True, blank=True,
                              on_delete=models.CASCADE, related_name="background_jobs")
    status = models.CharField("trạng thái", max_length=12, choices=Status.choices, default=Status.QUEUED)
    done = models.PositiveIntegerField("đã xử lý", default=0)
    total = models.PositiveIntegerField("tổng số", default=0)
    message = models.CharField("đang làm", max_length=300, blank=True)
    result = models.JSONField("kết quả", default=dict, blank=True)
    result_url = models.CharField("đường dẫn kết quả", max_length=300, blank=True)
    error = models.TextField("lỗi", blank=True)
    input_file = models.FileField("tệp đầu vào", upload_to=job_input_path, max_length=300, blank=True)
    created_at = models.DateTimeField("tạo lúc", auto_now_add=True)
    started_at = models.DateTimeField("bắt đầu lúc", null=True, blank=True)
    finished_at = models.DateTimeField("xong lúc", null=True, blank=True)

    objects = BackgroundJobQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "việc nền"
        verbose_name_plural = "việc nền"
        indexes = [models.Index(fields=["owner", "status"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("core:job", args=[self.pk])

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)

    @property
    def percent(self) -> int:
        if self.status == self.Status.DONE:
            return 100
        if not self.total:
            return 0
        return min(100, self.done * 100 // self.total)

    def progress(self, done: int, total: int | None = None, message: str | None = None, force: bool = False):
        """Record how far the job is; written at most every PROGRESS_WRITE_INTERVAL unless ``force``.

        Written with a queryset update outside any model save, so the owner's page sees it while the job runs
        (work that runs inside one transaction reports before and after it, not from inside it).
        """
        self.done = done
        if total is not None:
            self.total = total
        if message is not None:
            self.message = message[:300]
        now = time.monotonic()
        if not force and now - getattr(self, "_last_write", 0) < PROGRESS_WRITE_INTERVAL and done != self.total:
            return
        self._last_write = now
        BackgroundJob.objects.filter(pk=self.pk).update(done=self.done, total=self.total, message=self.message)


class OutgoingMail(models.Model):
    """One e-mail message handed to the background queue, and what became of it."""

    class Status(models.TextChoices):
        QUEUED = "cho_gui", "Đang chờ gửi"
        SENT = "da_gui", "Đã gửi"
        FAILED = "loi", "Gửi không được"

    subject = models.CharField("tiêu đề", max_length=300)
    recipients = models.TextField("người nhận", help_text="Mỗi địa chỉ một dòng.")
    status = models.CharField("trạng thái", max_length=10, choices=Status.choices, default=Status.QUEUED)
    error = models.TextField("lỗi", blank=True)
    about = models.CharField("về", max_length=100, blank=True,
                             help_text="Bản ghi mà thư này báo tin, dạng app.model:id (ví dụ tasks.notification:12).")
    created_at = models.DateTimeField("tạo lúc", auto_now_add=True)
    sent_at = models.DateTimeField("gửi lúc", null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "thư đi"
        verbose_name_plural = "thư đi"
        indexes = [models.Index(fields=["about"])]

    def __str__(self):
        return f"{self.subject} → {self.recipients.replace(chr(10), ', ')}"

    @classmethod
    def latest_for(cls, objects) -> dict:
        """The last mail about each of ``objects`` (records of one model), by their id."""
        objects = list(objects)
        if not objects:
            return {}
        label = objects[0]._meta.label_lower
        found = {}
        for mail in cls.objects.filter(about__in=[f"{label}:{o.pk}" for o in objects]).order_by("created_at", "pk"):
            found[int(mail.about.rsplit(":", 1)[1])] = mail
        return found
