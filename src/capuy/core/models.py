"""The history of changes: every create, update, delete (and reading of sensitive records), append-only
and chained by hashes so that an entry altered, removed or reordered later is found by ``verify-history``.

django-auditlog computes what changed (its receivers fire on every tracked model's save and delete); this
model is its log entry (``AUDITLOG_LOGENTRY_MODEL``) and adds the chain. Which models are tracked is decided
in ``capuy.core.history``.
"""

import datetime
import hashlib
import json

from auditlog.models import AbstractLogEntry, LogEntryManager
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction

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
        with transaction.atomic():
            head, _ = HistoryHead.objects.select_for_update().get_or_create(pk=1)
            self.sequence = head.sequence + 1
            self.prev_hash = head.hash
            self.entry_hash = self.compute_hash()
            super().save(*args, **kwargs)
            head.sequence, head.hash = self.sequence, self.entry_hash
            head.save(update_fields=["sequence", "hash"])

    def delete(self, *args, **kwargs):
        raise AppendOnlyError
