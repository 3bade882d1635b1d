"""The record of one report turned into a conference record (issue 13, part 2): its text, where it came from,
who imported it and when, what capuy read in it, what the clerk confirmed, and every row the import created,
so that the whole import can be undone while nothing else refers to those rows (``actions.undo_import``)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse

from capuy.core.links import validate_link


class ImportedReportQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The imports ``user`` made, and those of organizations the user's office manages."""
        from capuy.accounts import permissions

        if not user.is_authenticated:
            return self.none()
        managed = permissions.organization_filter(user, permissions.MANAGE_ROLES, field="organization__")
        if managed is None:
            return self
        return self.filter(Q(created_by=user) | managed)


class ImportedReport(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "Chờ xác nhận"
        CONFIRMED = "confirmed", "Đã nhập"
        UNDONE = "undone", "Đã hoàn tác"

    status = models.CharField("trạng thái", max_length=10, choices=Status.choices, default=Status.PENDING)
    file_name = models.CharField("tên tệp", max_length=255, blank=True)
    source_text = models.TextField("văn bản bản tin")
    source_url = models.CharField("địa chỉ nguồn", max_length=500, blank=True, validators=[validate_link])
    extracted = models.JSONField("capuy đọc được", default=dict, blank=True)
    confirmed = models.JSONField("văn phòng xác nhận", default=dict, blank=True)
    # [[app_label.model, pk, label], …] in the order created; undo deletes them in reverse.
    created_rows = models.JSONField("bản ghi đã tạo", default=list, blank=True)
    added_links = models.JSONField("liên kết đã thêm", default=list, blank=True)
    organization = models.ForeignKey("organizations.Organization", null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+", verbose_name="tổ chức")
    organization_name = models.CharField("tên tổ chức", max_length=300, blank=True)
    conference = models.ForeignKey("conferences.Conference", null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="imported_reports", verbose_name="hội nghị")
    conference_title = models.CharField("hội nghị", max_length=500, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", verbose_name="người nhập")
    created_at = models.DateTimeField("nhập lúc", auto_now_add=True)
    confirmed_at = models.DateTimeField("xác nhận lúc", null=True, blank=True)
    undone_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="+", verbose_name="người hoàn tác")
    undone_at = models.DateTimeField("hoàn tác lúc", null=True, blank=True)

    objects = ImportedReportQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "bản tin đã nhập"
        verbose_name_plural = "bản tin đã nhập"

    def __str__(self):
        return self.conference_title or self.file_name or f"Bản tin {self.pk}"

    def get_absolute_url(self):
        return reverse("conferences:import_detail", args=[self.pk])

    def note_created(self, obj, label: str = "") -> None:
        self.created_rows.append([obj._meta.label_lower, obj.pk, (label or str(obj))[:200]])
