"""Key tasks (nhiệm vụ trọng tâm), their progress reports, reminders, and the yearly registrations of
difficult, complex tasks by key officials (đăng ký đảm nhận chỉ đạo giải quyết nhiệm vụ khó khăn, phức tạp).

The rules live in ``capuy.tasks.rules`` (derived status, figures, deadlines, permissions) and the actions
that change records in ``capuy.tasks.services``; this module holds the records and their small checks.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone

from capuy.organizations.models import Organization, Person


class StatusKind(models.TextChoices):
    """What a status means for the rules. OVERDUE and DONE_LATE are derived, never typed."""

    NOT_STARTED = "not_started", "Chưa thực hiện"
    IN_PROGRESS = "in_progress", "Đang thực hiện"
    DONE = "done", "Hoàn thành"
    DONE_LATE = "done_late", "Hoàn thành chậm"
    OVERDUE = "overdue", "Quá hạn"
    CANCELLED = "cancelled", "Dừng thực hiện"


DERIVED_KINDS = (StatusKind.OVERDUE, StatusKind.DONE_LATE)
CLOSED_KINDS = (StatusKind.DONE, StatusKind.CANCELLED)
DONE_KINDS = (StatusKind.DONE, StatusKind.DONE_LATE)


class TaskStatus(models.Model):
    """A configurable task status (like the statuses of Decidim's accountability component).

    Each status has a ``kind`` that tells the rules what it means; several statuses may share a kind
    (e.g. "Đang thực hiện – có vướng mắc" is an IN_PROGRESS status). Statuses of a derived kind
    (overdue, done late) are never chosen in a progress report: ``rules.derived_kind`` computes them.
    """

    code = models.SlugField("mã", max_length=40, unique=True)
    name = models.CharField("tên trạng thái", max_length=100)
    description = models.TextField("ý nghĩa", blank=True)
    kind = models.CharField("loại", max_length=12, choices=StatusKind.choices)
    progress = models.PositiveSmallIntegerField("tỷ lệ hoàn thành gợi ý (%)", null=True, blank=True)
    requires_reason = models.BooleanField("phải nêu lý do", default=False)
    order = models.PositiveSmallIntegerField("thứ tự", default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = "trạng thái nhiệm vụ"
        verbose_name_plural = "trạng thái nhiệm vụ"

    def __str__(self):
        return self.name

    @property
    def is_derived(self) -> bool:
        return self.kind in DERIVED_KINDS

    @property
    def css(self) -> str:
        return self.kind.replace("_", "-")

    def clean(self):
        if self.progress is not None and self.progress > 100:
            raise ValidationError({"progress": "Tỷ lệ hoàn thành không vượt quá 100%."})

    @classmethod
    def for_kind(cls, kind: str) -> "TaskStatus":
        """The first status of ``kind`` (the one the rules show for a derived state)."""
        status = cls.objects.filter(kind=kind).first()
        if status is None:  # the table was emptied by hand: fall back to an unsaved row with the default name
            status = cls(code=kind, name=StatusKind(kind).label, kind=kind)
        return status

    @classmethod
    def reportable(cls):
        return cls.objects.exclude(kind__in=DERIVED_KINDS)


class SourceKind(models.TextChoices):
    CONFERENCE = "conference", "Hội nghị"
    DOCUMENT = "document", "Nghị quyết, kết luận, văn bản"
    ANNUAL_PLAN = "annual_plan", "Kế hoạch năm"
    DIRECTION = "direction", "Chỉ đạo của cấp trên"
    OTHER = "other", "Khác"


class Priority(models.IntegerChoices):
    HIGH = 1, "Trọng tâm, ưu tiên cao"
    NORMAL = 2, "Bình thường"
    LOW = 3, "Thấp"


# A task without a deadline comes after the dated ones, on SQLite as on PostgreSQL; it reads "chưa có thời hạn".
BY_DEADLINE = F("deadline").asc(nulls_last=True)
NO_DEADLINE = "chưa có thời hạn"


class TaskQuerySet(models.QuerySet):
    def concerning(self, organization: Organization, subtree: bool = False):
        """Tasks an organization set or leads (with ``subtree``: any organization under it)."""
        if subtree:
            within = Organization.objects.subtree(organization).values("pk")
            return self.filter(Q(organization__in=within) | Q(lead_organization__in=within))
        return self.filter(Q(organization=organization) | Q(lead_organization=organization))

    def open(self):
        return self.filter(closed=False)

    def by_kind(self, kind: str, today: datetime.date):
        """A database pre-filter for a status kind (the rows still go through ``rules.derived_kind``)."""
        if kind == StatusKind.OVERDUE:
            return self.overdue(today)
        if kind in (StatusKind.DONE, StatusKind.DONE_LATE, StatusKind.CANCELLED):
            return self.filter(closed=True)
        if kind in (StatusKind.NOT_STARTED, StatusKind.IN_PROGRESS):  # a task without a deadline is never overdue
            return self.filter(Q(deadline__gte=today) | Q(deadline__isnull=True), closed=False)
        return self

    def with_deadline_keys(self):
        """Annotate two non-NULL sort keys: ``deadline_last`` (the deadline, or 31/12/9999 for a task without
        one) and ``deadline_first`` (or 01/01/0001). Keyset paging (``core.paging``) compares its keys and so
        cannot take a NULL deadline; ordering ascending by the first, or descending by the second, puts the
        tasks without a deadline after the dated ones, the same on SQLite and PostgreSQL. The dates are sort
        keys only, never shown nor stored."""
        date = models.DateField()
        return self.annotate(
            deadline_last=Coalesce("deadline", Value(datetime.date.max, output_field=date), output_field=date),
            deadline_first=Coalesce("deadline", Value(datetime.date.min, output_field=date), output_field=date))

    def overdue(self, today: datetime.date):
        """The database form of ``rules.derived_kind`` for OVERDUE: not closed and past the deadline (a task
        without a deadline is never overdue: ``deadline < today`` is not true of NULL)."""
        return self.filter(closed=False, deadline__lt=today)


class Task(models.Model):
    """A key task set by a conference, a resolution or conclusion, an annual plan or a superior's direction.

    ``organization`` set the task and its office keeps the list; ``lead_organization`` (itself or an
    organization under it) and ``lead_unit`` (a department or agency, e.g. "UBND quận") carry it out,
    with ``responsible`` as the leader in charge. The last progress report is mirrored on the task
    (``reported_status``, ``percent``, ``completed_on``, ``closed``) so that lists and the overdue query
    need no sub-query; the status shown is always ``status_on(day)``.
    """

    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="tasks_set",
                                     verbose_name="cấp ủy giao nhiệm vụ")
    source_kind = models.CharField("nguồn", max_length=12, choices=SourceKind.choices, default=SourceKind.CONFERENCE)
    source_text = models.CharField("căn cứ", max_length=300, blank=True,
                                   help_text="Ví dụ: Kết luận Hội nghị lần thứ 17; Công văn số 12-CV/TU")
    conference = models.ForeignKey("conferences.Conference", null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="tasks", verbose_name="hội nghị")
    document = models.ForeignKey("documents.Document", null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="tasks", verbose_name="văn bản")
    title = models.CharField("tên nhiệm vụ", max_length=500)
    content = models.TextField("nội dung", blank=True)
    lead_organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="tasks_led",
                                          verbose_name="tổ chức chủ trì")
    lead_unit = models.CharField("đơn vị chủ trì", max_length=200, blank=True,
                                 help_text="Ví dụ: UBND quận; Ban Tổ chức Quận ủy (để trống nếu là chính tổ chức chủ trì)")
    responsible = models.ForeignKey(Person, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="responsible_tasks", verbose_name="lãnh đạo phụ trách")
    coordinating_units = models.TextField("đơn vị phối hợp", blank=True, help_text="Mỗi đơn vị một dòng")
    start_date = models.DateField("ngày bắt đầu")
    # None: no deadline recorded yet ("chưa có thời hạn"), e.g. a task imported from a report that named none
    # (issue 13: capuy states only what was recorded). Tasks entered by hand must have one (forms, API).
    deadline = models.DateField("thời hạn hoàn thành", null=True, blank=True)
    priority = models.PositiveSmallIntegerField("mức ưu tiên", choices=Priority.choices, default=Priority.NORMAL)
    indicators = models.ManyToManyField("targets.Indicator", blank=True, related_name="tasks",
                                        verbose_name="chỉ tiêu liên quan")
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE, related_name="subtasks",
                               verbose_name="nhiệm vụ cha")
    reported_status = models.ForeignKey(TaskStatus, null=True, blank=True, on_delete=models.PROTECT,
                                        related_name="+", editable=False)
    percent = models.PositiveSmallIntegerField("tỷ lệ hoàn thành (%)", default=0, editable=False)
    completed_on = models.DateField("ngày hoàn thành", null=True, blank=True, editable=False)
    closed = models.BooleanField("đã kết thúc", default=False, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = TaskQuerySet.as_manager()

    class Meta:
        ordering = [BY_DEADLINE, "priority", "pk"]
        verbose_name = "nhiệm vụ"
        verbose_name_plural = "nhiệm vụ"
        indexes = [models.Index(fields=["closed", "deadline"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("tasks:detail", args=[self.pk])

    @property
    def unit_label(self) -> str:
        """The lead unit as shown in lists: "UBND quận" or the lead organization's committee name."""
        return self.lead_unit or self.lead_organization.display_committee

    @property
    def coordinating_list(self) -> list[str]:
        return [line.strip() for line in self.coordinating_units.splitlines() if line.strip()]

    @property
    def source_label(self) -> str:
        if self.conference_id:
            return self.source_text or str(self.conference)
        if self.document_id:
            return self.source_text or str(self.document)
        return self.source_text or self.get_source_kind_display()

    def status_on(self, day: datetime.date | None = None) -> TaskStatus:
        from capuy.tasks.rules import task_status

        return task_status(self, day)

    def clean(self):
        if self._state.adding and self.organization_id:
            # A task given before the merge (recorded afterwards) keeps its organization.
            self.organization.refuse_if_closed("nhiệm vụ mới", day=self.start_date or None)
        if self._state.adding and self.lead_organization_id:
            self.lead_organization.refuse_if_closed("nhiệm vụ mới", field="lead_organization",
                                                    day=self.start_date or None)
        errors = {}
        if self.start_date and self.deadline and self.deadline < self.start_date:
            errors["deadline"] = "Thời hạn hoàn thành không được trước ngày bắt đầu."
        if self.organization_id and self.lead_organization_id and not (
            self.lead_organization.is_within(self.organization) or self.organization.is_within(self.lead_organization)
        ):
            errors["lead_organization"] = "Tổ chức chủ trì phải là cấp ủy giao nhiệm vụ hoặc tổ chức trực thuộc."
        if self.parent_id:
            if self.pk and self.parent_id == self.pk:
                errors["parent"] = "Nhiệm vụ không thể là nhiệm vụ con của chính nó."
            elif self.parent.parent_id and self.pk and self.parent.parent_id == self.pk:
                errors["parent"] = "Không thể tạo vòng lặp giữa nhiệm vụ cha và nhiệm vụ con."
        if errors:
            raise ValidationError(errors)


def evidence_path(instance, filename):
    today = timezone.localdate()
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"nhiem-vu/minh-chung/{today.year}/{today.month:02d}/{timezone.now().strftime('%H%M%S%f')}.{extension}"


class ProgressReport(models.Model):
    """One progress report: the status the reporter chose, a percentage, a note, evidence files, who and when."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="reports")
    status = models.ForeignKey(TaskStatus, on_delete=models.PROTECT, related_name="reports", verbose_name="trạng thái")
    percent = models.PositiveSmallIntegerField("tỷ lệ hoàn thành (%)", default=0)
    note = models.TextField("kết quả, ghi chú", blank=True)
    reason = models.TextField("lý do dừng thực hiện", blank=True)
    reported_on = models.DateField("ngày báo cáo")
    reporter = models.ForeignKey(Person, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                                 verbose_name="người báo cáo")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-reported_on", "-pk"]
        verbose_name = "báo cáo tiến độ"
        verbose_name_plural = "báo cáo tiến độ"

    def __str__(self):
        return f"{self.task}: {self.status} ({self.percent}%)"

    @property
    def reporter_name(self) -> str:
        if self.reporter_id:
            return self.reporter.full_name
        return str(self.created_by) if self.created_by_id else ""


class Evidence(models.Model):
    report = models.ForeignKey(ProgressReport, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(upload_to=evidence_path, max_length=300)
    original_name = models.CharField("tên tệp", max_length=255)
    extension = models.CharField("loại tệp", max_length=10)
    size = models.PositiveIntegerField("dung lượng (byte)")

    class Meta:
        ordering = ["pk"]
        verbose_name = "tệp minh chứng"
        verbose_name_plural = "tệp minh chứng"

    def __str__(self):
        return self.original_name

    def get_absolute_url(self):
        return reverse("tasks:evidence", args=[self.pk])


class Notification(models.Model):
    """A notice shown on "Nhiệm vụ của tôi" (and sent by e-mail); ``event`` keeps each event to one notice."""

    class Kind(models.TextChoices):
        DUE_SOON = "due_soon", "Sắp đến hạn"
        OVERDUE = "overdue", "Quá hạn"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="task_notifications")
    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField("loại", max_length=10, choices=Kind.choices)
    event = models.CharField(max_length=100, help_text="Loại và thời hạn: một sự kiện chỉ báo một lần")
    text = models.CharField("nội dung", max_length=600)
    created_at = models.DateTimeField(default=timezone.now)
    emailed = models.BooleanField("đã gửi thư", default=False)
    read_at = models.DateTimeField("đã xem lúc", null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "thông báo nhiệm vụ"
        verbose_name_plural = "thông báo nhiệm vụ"
        constraints = [models.UniqueConstraint(fields=["user", "task", "event"], name="task_notification_once")]

    def __str__(self):
        return self.text


# ---------------------------------------------------------------------------------------------------------
# Registrations of difficult, complex tasks
# ---------------------------------------------------------------------------------------------------------


class EvaluationLevel(models.TextChoices):
    """Levels of the year-end evaluation; the codes are those of the members app's rating levels."""

    EXCELLENT = "xuat_sac", "Hoàn thành xuất sắc"
    GOOD = "tot", "Hoàn thành tốt"
    DONE = "hoan_thanh", "Hoàn thành"
    NOT_DONE = "khong_hoan_thanh", "Không hoàn thành"


LEVEL_RANK = {level: rank for rank, level in enumerate(EvaluationLevel.values)}


class RegistrationYear(models.Model):
    """One organization's registration round for one year: its deadline and the standing committee's approval."""

    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="registration_years",
                                     verbose_name="tổ chức")
    year = models.PositiveSmallIntegerField("năm")
    deadline = models.DateField("hạn đăng ký", null=True, blank=True,
                                help_text="Để trống: theo hạn chung (CAPUY_TASKS_REGISTRATION_DEADLINE)")
    approved_on = models.DateField("Ban Thường vụ phê duyệt ngày", null=True, blank=True)
    approval_note = models.CharField("căn cứ phê duyệt", max_length=300, blank=True,
                                     help_text="Ví dụ: Hội nghị Ban Thường vụ ngày 15/01/2024")
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")

    class Meta:
        ordering = ["organization", "-year"]
        verbose_name = "đợt đăng ký nhiệm vụ khó khăn, phức tạp"
        verbose_name_plural = "đợt đăng ký nhiệm vụ khó khăn, phức tạp"
        constraints = [models.UniqueConstraint(fields=["organization", "year"], name="registration_year_once")]

    def __str__(self):
        return f"{self.organization} – năm {self.year}"


class Registration(models.Model):
    """A key official's registration to take charge of a difficult, complex task in one year."""

    class State(models.TextChoices):
        SUBMITTED = "submitted", "Đã đăng ký"
        APPROVED = "approved", "Đã được phê duyệt"
        MID_YEAR = "mid_year", "Đã kiểm tra giữa năm"
        SELF_ASSESSED = "self_assessed", "Đã tự đánh giá"
        EVALUATED = "evaluated", "Đã đánh giá"

    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="registrations",
                                     verbose_name="tổ chức")
    year = models.PositiveSmallIntegerField("năm")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="task_registrations",
                               verbose_name="cán bộ chủ chốt")
    content = models.TextField("nội dung đăng ký")
    expected_result = models.TextField("kết quả dự kiến")
    deadline = models.DateField("thời hạn hoàn thành")
    state = models.CharField("tình trạng", max_length=14, choices=State.choices, default=State.SUBMITTED)
    submitted_on = models.DateField("ngày đăng ký")
    mid_year_note = models.TextField("kết quả kiểm tra giữa năm", blank=True)
    mid_year_percent = models.PositiveSmallIntegerField("tiến độ giữa năm (%)", null=True, blank=True)
    mid_year_on = models.DateField("kiểm tra giữa năm ngày", null=True, blank=True)
    self_assessment = models.TextField("tự đánh giá", blank=True)
    self_level = models.CharField("tự xếp mức", max_length=20, choices=EvaluationLevel.choices, blank=True)
    self_assessed_on = models.DateField("tự đánh giá ngày", null=True, blank=True)
    level = models.CharField("mức đánh giá", max_length=20, choices=EvaluationLevel.choices, blank=True)
    evaluation_note = models.TextField("nhận xét của Ban Thường vụ", blank=True)
    evaluated_on = models.DateField("đánh giá ngày", null=True, blank=True)
    evaluated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["organization", "-year", "person__sort_key", "pk"]
        verbose_name = "đăng ký nhiệm vụ khó khăn, phức tạp"
        verbose_name_plural = "đăng ký nhiệm vụ khó khăn, phức tạp"
        indexes = [models.Index(fields=["person", "year"])]

    def __str__(self):
        return f"{self.person} – {self.year}: {self.content[:60]}"

    def get_absolute_url(self):
        return reverse("tasks:registration", args=[self.pk])

    def clean(self):
        if self.deadline and self.year and self.deadline.year < self.year:
            raise ValidationError({"deadline": f"Thời hạn hoàn thành phải trong năm {self.year} hoặc sau đó."})


class Milestone(models.Model):
    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField("mốc tiến độ", max_length=300)
    due_date = models.DateField("thời hạn")
    done = models.BooleanField("đã đạt", default=False)

    class Meta:
        ordering = ["due_date", "pk"]
        verbose_name = "mốc tiến độ"
        verbose_name_plural = "mốc tiến độ"

    def __str__(self):
        return self.title
