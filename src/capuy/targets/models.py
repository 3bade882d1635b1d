"""Indicators (chỉ tiêu), their targets, the results units report, reporting rounds and in-app notices.

Computed figures (achievement, change over the same period, share of the term target, roll-ups, ranks)
are never stored: they live in ``capuy.targets.computations``.
"""

import datetime
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone

from capuy.core import vietnamese
from capuy.core.links import validate_link
from capuy.organizations.models import Organization, Term
from capuy.targets.periods import NUMBERED, TERM_KINDS, Period, PeriodKind, problem_with


class Indicator(models.Model):
    class ValueType(models.TextChoices):
        NUMBER = "number", "Số thập phân"
        INTEGER = "integer", "Số nguyên"
        PERCENT = "percent", "Tỷ lệ phần trăm (0–100)"
        YES_NO = "yes_no", "Có/không (1 hoặc 0)"

    class Direction(models.TextChoices):
        HIGHER = "higher", "Càng cao càng tốt"
        LOWER = "lower", "Càng thấp càng tốt"
        EXACT = "exact", "Đạt đúng chỉ tiêu"

    class Rollup(models.TextChoices):
        SUM = "sum", "Cộng tổng"
        RATE = "rate", "Tỷ lệ tính lại từ tử số và mẫu số"
        WEIGHTED = "weighted", "Trung bình có trọng số"
        AVERAGE = "average", "Trung bình cộng"
        SHARE = "share", "Tỷ lệ đơn vị đạt ngưỡng"
        NONE = "none", "Không tổng hợp"

    class Group(models.TextChoices):
        ECONOMY = "economy", "Kinh tế"
        SOCIETY = "society", "Văn hóa – xã hội"
        PARTY = "party", "Xây dựng Đảng và hệ thống chính trị"
        DEFENCE = "defence", "Quốc phòng – an ninh"

    class ReportAs(models.TextChoices):
        CHANGE = "change", "Tăng, giảm so với cùng kỳ"
        ACHIEVEMENT = "achievement", "Đạt bao nhiêu phần trăm chỉ tiêu"
        VALUE = "value", "Giá trị"
        RANK = "rank", "Thứ hạng"

    code = models.CharField("mã", max_length=30, unique=True)
    name = models.CharField("tên chỉ tiêu", max_length=300)
    report_name = models.CharField(
        "tên dùng trong báo cáo", max_length=300, blank=True,
        help_text="Cụm từ viết thường dùng trong câu văn, ví dụ: giá trị sản xuất công nghiệp ngoài quốc doanh",
    )
    unit = models.CharField("đơn vị tính", max_length=40, help_text="Ví dụ: %, tỷ đồng, người, công trình")
    value_type = models.CharField("kiểu giá trị", max_length=10, choices=ValueType.choices, default=ValueType.NUMBER)
    direction = models.CharField("chiều đánh giá", max_length=10, choices=Direction.choices, default=Direction.HIGHER)
    rollup = models.CharField("cách tổng hợp từ cấp dưới", max_length=10, choices=Rollup.choices, default=Rollup.SUM)
    weight = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="weighted_by",
        verbose_name="chỉ tiêu làm trọng số", help_text="Chỉ dùng khi tổng hợp theo trung bình có trọng số",
    )
    numerator = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="numerator_of",
        verbose_name="chỉ tiêu tử số", help_text="Khi tổng hợp theo tỷ lệ tính lại: tỷ lệ = Σ tử số / Σ mẫu số × 100",
    )
    denominator = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="denominator_of",
        verbose_name="chỉ tiêu mẫu số", help_text="Khi tổng hợp theo tỷ lệ tính lại: tỷ lệ = Σ tử số / Σ mẫu số × 100",
    )
    share_threshold = models.DecimalField(
        "ngưỡng tính tỷ lệ", max_digits=18, decimal_places=4, default=Decimal("1"),
        help_text="Khi tổng hợp theo tỷ lệ: đơn vị có giá trị từ ngưỡng này trở lên được tính là đạt",
    )
    cumulative = models.BooleanField(
        "lũy kế theo thời gian", default=False,
        help_text="Giá trị các kỳ cộng dồn (doanh thu, thu ngân sách); không đánh dấu với tỷ lệ, chỉ số",
    )
    group = models.CharField("lĩnh vực", max_length=10, choices=Group.choices, default=Group.ECONOMY)
    report_as = models.CharField("cách nêu trong báo cáo", max_length=12, choices=ReportAs.choices,
                                 default=ReportAs.CHANGE)
    order = models.PositiveIntegerField("thứ tự", default=0)
    reporters = models.ManyToManyField(Organization, related_name="reported_indicators", blank=True,
                                       verbose_name="tổ chức báo cáo")

    class Meta:
        ordering = ["group", "order", "code"]
        verbose_name = "chỉ tiêu"
        verbose_name_plural = "chỉ tiêu"

    def __str__(self):
        return f"{self.code} – {self.name}"

    @property
    def phrase(self) -> str:
        return self.report_name or self.name[:1].lower() + self.name[1:]

    @property
    def is_percent(self) -> bool:
        """A rate or share: value type "percent" or the unit "%"."""
        return self.value_type == self.ValueType.PERCENT or (self.unit or "").strip() == "%"

    @property
    def is_yes_no(self) -> bool:
        """A yes/no indicator: its values say their own unit ("Có", "Không", a roll-up's "50%")."""
        return self.value_type == self.ValueType.YES_NO

    def display(self, value, own: bool = True) -> str:
        """``value`` as a reader says it: a unit's own yes/no answer is "Có" or "Không"; a roll-up of yes/no
        answers is the share of units answering yes ("50%"); anything else a Vietnamese number ("1.234,5")."""
        if value is None:
            return ""
        if self.is_yes_no:
            if own:
                return "Có" if value else "Không"
            return vietnamese.percent(value)
        return vietnamese.number(value)

    def clean(self):
        if self.value_type == self.ValueType.PERCENT and self.unit.strip() != "%":
            raise ValidationError({"unit": "Chỉ tiêu kiểu tỷ lệ phần trăm phải có đơn vị tính là %."})
        from capuy.targets.computations import check_rollup

        check_rollup(self)

    def parse_value(self, raw, unit: str | None = None) -> Decimal:
        """Read ``raw`` (a number or Vietnamese text "1.234,5") as a value of this indicator.

        Raises ValidationError with a Vietnamese message for a value of the wrong type or unit.
        """
        if unit not in (None, "") and vietnamese.search_key(unit) != vietnamese.search_key(self.unit):
            raise ValidationError(f"Đơn vị tính “{unit}” khác với đơn vị của chỉ tiêu {self.code} “{self.unit}”.")
        value = to_decimal(raw)
        if value is None:
            raise ValidationError(f"Giá trị “{raw}” không phải là số.")
        if self.value_type == self.ValueType.INTEGER and value != value.to_integral_value():
            raise ValidationError(f"Chỉ tiêu {self.code} nhận số nguyên ({self.unit}), không nhận “{raw}”.")
        if self.value_type == self.ValueType.INTEGER and value < 0:
            raise ValidationError(f"Chỉ tiêu {self.code} là số đếm ({self.unit}), không nhận số âm “{raw}”.")
        if self.value_type == self.ValueType.PERCENT and not 0 <= value <= 100:
            raise ValidationError(f"Tỷ lệ phải từ 0 đến 100%, không nhận “{raw}”.")
        if self.is_yes_no and value not in (0, 1):
            raise ValidationError("Chỉ tiêu có/không nhận 1 (có) hoặc 0 (không).")
        if abs(value) >= Decimal("1e14"):
            raise ValidationError(f"Giá trị “{raw}” quá lớn.")
        return value


def to_decimal(raw) -> Decimal | None:
    """A number from a spreadsheet cell or a form: 20.3, "20,3", "1.234,5", "1 234". None when not a number."""
    if raw is None or isinstance(raw, bool):
        return None
    if isinstance(raw, int | float | Decimal):
        try:
            value = Decimal(str(raw))
        except InvalidOperation:
            return None
        return value if value.is_finite() else None
    text = str(raw).strip().replace("\u00a0", "").replace(" ", "")
    if not text:
        return None
    if "," in text:
        text = text.replace(".", "").replace(",", ".")
    elif text.count(".") > 1 or (text.count(".") == 1 and len(text.split(".")[1]) == 3 and text[0] != "0"):
        # "1.234" in Vietnamese is one thousand two hundred thirty-four.
        text = text.replace(".", "")
    try:
        value = Decimal(text)
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


class Target(models.Model):
    """A target: for a whole term (congress resolution), for a year (annual plan), optionally for a period."""

    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="targets")
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="targets")
    term = models.ForeignKey(Term, on_delete=models.PROTECT, related_name="targets", verbose_name="nhiệm kỳ")
    year = models.PositiveSmallIntegerField("năm", null=True, blank=True, help_text="Để trống: chỉ tiêu cả nhiệm kỳ")
    period_kind = models.CharField("kỳ", max_length=10, choices=PeriodKind.choices, blank=True)
    period_number = models.PositiveSmallIntegerField("số tháng/quý", default=0)
    value = models.DecimalField("giá trị chỉ tiêu", max_digits=20, decimal_places=4)
    source = models.CharField("căn cứ", max_length=300, blank=True, help_text="Ví dụ: Nghị quyết Đại hội lần thứ VI")

    class Meta:
        ordering = ["organization", "indicator", "year", "period_kind", "period_number"]
        verbose_name = "chỉ tiêu giao"
        verbose_name_plural = "chỉ tiêu giao"
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "indicator", "term", "year", "period_kind", "period_number"],
                name="target_unique_period",
                violation_error_message="Chỉ tiêu này đã được giao cho kỳ này.",
            )
        ]

    def __str__(self):
        return f"{self.indicator.code} {self.scope_label}: {vietnamese.number(self.value)} {self.indicator.unit}"

    @property
    def scope_label(self) -> str:
        if self.year is None:
            return f"nhiệm kỳ {self.term.years}"
        if self.period_kind:
            return Period.of(self.period_kind, self.year, self.period_number).label
        return f"năm {self.year}"

    def clean(self):
        if not (self.term_id and self.organization_id):
            return
        if self.term.organization_id != self.organization_id:
            raise ValidationError({"term": "Nhiệm kỳ không thuộc tổ chức được giao chỉ tiêu."})
        if self.year is not None and not self.term.start_year <= self.year <= self.term.end_year:
            raise ValidationError({"year": f"Năm {self.year} nằm ngoài nhiệm kỳ {self.term.years}."})
        if self.period_kind:
            if self.year is None:
                raise ValidationError({"year": "Chỉ tiêu theo kỳ cần có năm."})
            if self.period_kind in TERM_KINDS:
                raise ValidationError({"period_kind": "Chỉ tiêu cả nhiệm kỳ để trống năm và kỳ."})
            if problem := problem_with(self.period_kind, self.year, self.period_number):
                raise ValidationError({"period_number": problem})
        elif self.period_number:
            raise ValidationError({"period_number": "Chỉ tiêu cả năm không có số tháng, quý."})
        if self.indicator_id:
            try:
                self.indicator.parse_value(self.value)
            except ValidationError as exc:
                raise ValidationError({"value": exc.messages}) from exc


class ReportingRound(models.Model):
    """A period's reporting round: the office opens it for units and indicators, with a deadline."""

    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="reporting_rounds",
                                     verbose_name="cơ quan mở đợt")
    title = models.CharField("tên đợt báo cáo", max_length=300)
    period_kind = models.CharField("kỳ", max_length=10, choices=PeriodKind.choices)
    year = models.PositiveSmallIntegerField("năm")
    period_number = models.PositiveSmallIntegerField("số tháng/quý", default=0)
    deadline = models.DateTimeField("hạn nộp")
    organizations = models.ManyToManyField(Organization, related_name="rounds_to_report", verbose_name="đơn vị báo cáo")
    indicators = models.ManyToManyField(Indicator, related_name="rounds", verbose_name="chỉ tiêu")
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="+")
    opened_at = models.DateTimeField(default=timezone.now)
    closed = models.BooleanField("đã đóng", default=False)

    class Meta:
        ordering = ["-deadline"]
        verbose_name = "đợt báo cáo"
        verbose_name_plural = "đợt báo cáo"

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("targets:round", args=[self.pk])

    @property
    def period(self) -> Period:
        return Period.of(self.period_kind, self.year, self.period_number)

    def clean(self):
        if self.period_kind and self.year and (problem := problem_with(self.period_kind, self.year,
                                                                        self.period_number)):
            raise ValidationError({"period_number": problem})

    def is_open(self, now: datetime.datetime | None = None) -> bool:
        return not self.closed

    def is_overdue(self, now: datetime.datetime | None = None) -> bool:
        return (now or timezone.now()) > self.deadline


class ResultQuerySet(models.QuerySet):
    def for_period(self, period: Period):
        return self.filter(period_kind=period.kind, year=period.year, period_number=period.number)

    def counted(self):
        """Results that count in figures: submitted or approved, never drafts."""
        return self.exclude(status=Result.Status.DRAFT)


class Result(models.Model):
    """A unit's figure for an indicator in a period, with its review status."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Nháp"
        SUBMITTED = "submitted", "Đã gửi"
        APPROVED = "approved", "Đã duyệt"

    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="results")
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="results")
    period_kind = models.CharField("kỳ", max_length=10, choices=PeriodKind.choices)
    year = models.PositiveSmallIntegerField("năm")
    period_number = models.PositiveSmallIntegerField("số tháng/quý", default=0)
    term = models.ForeignKey(Term, null=True, blank=True, on_delete=models.PROTECT, related_name="results",
                             verbose_name="nhiệm kỳ", help_text="Bắt buộc với kỳ giữa nhiệm kỳ và cả nhiệm kỳ")
    value = models.DecimalField("giá trị", max_digits=20, decimal_places=4)
    note = models.CharField("ghi chú", max_length=500, blank=True)
    published_rank = models.PositiveSmallIntegerField(
        "thứ hạng do cấp trên công bố", null=True, blank=True,
        help_text="Khi các đơn vị cùng cấp không báo cáo trên hệ thống, ví dụ 4 trong “4/30”")
    published_peers = models.PositiveSmallIntegerField("trên tổng số đơn vị", null=True, blank=True)
    status = models.CharField("trạng thái", max_length=10, choices=Status.choices, default=Status.DRAFT)
    published = models.BooleanField("công khai cho đơn vị khác", default=False)
    round = models.ForeignKey(ReportingRound, null=True, blank=True, on_delete=models.SET_NULL, related_name="results")
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    entered_at = models.DateTimeField(default=timezone.now)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+")
    submitted_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    approved_at = models.DateTimeField(null=True, blank=True)

    objects = ResultQuerySet.as_manager()

    class Meta:
        ordering = ["organization", "indicator", "year", "period_kind", "period_number"]
        verbose_name = "kết quả thực hiện"
        verbose_name_plural = "kết quả thực hiện"
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "indicator", "year", "period_kind", "period_number"],
                name="result_unique_period",
                violation_error_message="Đơn vị đã có kết quả của chỉ tiêu này trong kỳ này.",
            )
        ]
        indexes = [models.Index(fields=["indicator", "year", "period_kind", "period_number"], name="result_period")]

    def __str__(self):
        return f"{self.organization} – {self.indicator.code} {self.period.label}: {vietnamese.number(self.value)}"

    @property
    def period(self) -> Period:
        return Period.of(self.period_kind, self.year, self.period_number)

    def clean(self):
        errors = {}
        if self.period_kind and self.year:
            problem = problem_with(self.period_kind, self.year, self.period_number)
            period = None if problem else Period.of(self.period_kind, self.year, self.period_number)
            if problem:
                errors["period_number"] = problem
            elif self.organization_id:
                org = self.organization
                if org.valid_from and period.end < org.valid_from:
                    errors["year"] = f"Kỳ {period.label} trước ngày thành lập {org.name}."
                elif org.valid_to and period.start > org.valid_to:
                    errors["year"] = f"Kỳ {period.label} sau ngày {org.name} giải thể, hợp nhất."
            if self.period_kind in TERM_KINDS and not self.term_id:
                errors["term"] = "Kết quả giữa nhiệm kỳ và cả nhiệm kỳ cần chọn nhiệm kỳ."
            if self.term_id and not problem:
                term = self.term
                if not term.start_year <= self.year <= term.end_year:
                    errors["year"] = f"Kỳ {period.label} nằm ngoài nhiệm kỳ {term.years}."
                elif self.organization_id and not self.organization.path.startswith(term.organization.path):
                    errors["term"] = "Nhiệm kỳ không thuộc đơn vị này hay cấp trên của đơn vị."
        if self.period_kind not in NUMBERED and self.period_number:
            errors.setdefault("period_number", "Kỳ báo cáo này không có số thứ tự.")
        if self.organization_id and self.indicator_id and not self.indicator.reporters.filter(
                pk=self.organization_id).exists():
            errors["indicator"] = f"{self.organization.name} không báo cáo chỉ tiêu {self.indicator.code}."
        if self.indicator_id and self.value is not None and "value" not in errors:
            try:
                self.indicator.parse_value(self.value)
            except ValidationError as exc:
                errors["value"] = exc.messages
        if (self.published_rank is None) != (self.published_peers is None):
            errors["published_peers"] = "Cần nhập cả thứ hạng và tổng số đơn vị."
        elif self.published_rank and self.published_rank > self.published_peers:
            errors["published_rank"] = "Thứ hạng không thể lớn hơn tổng số đơn vị."
        if errors:
            raise ValidationError(errors)

    def submit(self, user):
        if self.status == self.Status.APPROVED:
            raise ValidationError("Kết quả đã được duyệt, không gửi lại được.")
        self.status, self.submitted_by, self.submitted_at = self.Status.SUBMITTED, user, timezone.now()
        self.save(update_fields=["status", "submitted_by", "submitted_at"])

    def approve(self, user, publish: bool | None = None):
        if self.status == self.Status.DRAFT:
            raise ValidationError("Chỉ duyệt được kết quả đơn vị đã gửi.")
        self.status, self.approved_by, self.approved_at = self.Status.APPROVED, user, timezone.now()
        if publish is not None:
            self.published = publish
        self.save(update_fields=["status", "approved_by", "approved_at", "published"])


class Notice(models.Model):
    """An in-app notice to a user (a reminder about a late report, a result sent back)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="target_notices")
    text = models.CharField("nội dung", max_length=500)
    url = models.CharField(max_length=300, blank=True, validators=[validate_link])
    created = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created"]
        verbose_name = "thông báo"
        verbose_name_plural = "thông báo"

    def __str__(self):
        return self.text
