"""Party members (đảng viên): record, status history, transfers, ratings, criteria and commendations.

The status flags of ``PartyMember`` (``temporarily_transferred``, ``exempt``, ``suspended``) are what
vote counting reads; they are kept in step with the status history by ``PartyMember.sync_status``.
The rules of the yearly rating (Quy định 366-QĐ/TW) live in ``capuy.members.rules``.
"""

import datetime
import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone


class Status(models.TextChoices):
    """A member's standing; each status holds from its date until the next one."""

    OFFICIAL = "official", "Chính thức"
    PROBATIONARY = "probationary", "Dự bị"
    TEMPORARILY_TRANSFERRED = "temporarily_transferred", "Sinh hoạt tạm thời nơi khác"
    EXEMPT = "exempt", "Miễn công tác và sinh hoạt đảng"
    SUSPENDED = "suspended", "Đình chỉ sinh hoạt đảng"
    PROSECUTED = "prosecuted", "Bị khởi tố, truy tố, tạm giam"
    LEFT = "left", "Ra khỏi Đảng"
    EXPELLED = "expelled", "Bị khai trừ khỏi Đảng"
    DECEASED = "deceased", "Từ trần"


# Statuses after which a member is no longer on the rolls (not counted anywhere).
OFF_ROLLS = (Status.LEFT, Status.EXPELLED, Status.DECEASED)
# Statuses out of the party that a readmission may end (an interruption of membership).
OUT_OF_PARTY = (Status.LEFT, Status.EXPELLED)
# The flag each status turns on; the other flags are off while it holds.
STATUS_FLAGS = {
    Status.TEMPORARILY_TRANSFERRED: "temporarily_transferred",
    Status.EXEMPT: "exempt",
    Status.SUSPENDED: "suspended",
    Status.PROSECUTED: "prosecuted",
}
# Statuses that end every body membership on their date (Party Charter art. 9: no longer incumbent).
ENDS_BODY_MEMBERSHIPS = {Status.DECEASED: "deceased", Status.EXPELLED: "expelled", Status.LEFT: "left_party"}


class Standing:
    """A member's standing on a date (``PartyMember.standing_on``)."""

    __slots__ = ("status", "official", "on_rolls")

    def __init__(self, status, official, on_rolls):
        self.status, self.official, self.on_rolls = status, official, on_rolls

    @property
    def temporarily_transferred(self) -> bool:
        return self.status == Status.TEMPORARILY_TRANSFERRED

    @property
    def exempt(self) -> bool:
        return self.status == Status.EXEMPT

    @property
    def suspended(self) -> bool:
        return self.status == Status.SUSPENDED

    @property
    def prosecuted(self) -> bool:
        return self.status == Status.PROSECUTED


def timeline_of(admission_date, official_date, changes) -> list[tuple[datetime.date, str]]:
    """(date, status) in order: admission (dự bị), official date, then ``changes`` ((date, status, pk) of the
    recorded status changes). Admission and official date are implicit events, so a member imported without
    history still has one. The one place for the order of a member's statuses (``PartyMember.timeline``, and the
    meeting roll reading many members at once)."""
    events = [(admission_date, Status.PROBATIONARY, 0)]
    if official_date:
        events.append((official_date, Status.OFFICIAL, 1))
    events.extend((day, status, 2 + pk) for day, status, pk in changes)
    events.sort()
    return [(day, status) for day, status, _ in events]


def standing_from(admission_date, official_date, changes, day: datetime.date) -> Standing:
    """A member's standing on ``day`` from the dated record: the status that held (``timeline_of``) and whether
    they were official by then (a member made official after a meeting was probationary at it). The base of a
    past meeting is what it was on the meeting's date (Party Charter art. 9; docs/RULES.md)."""
    status = None
    for start, current in timeline_of(admission_date, official_date, changes):
        if start > day:
            break
        status = current
    official = official_date is not None and official_date <= day
    return Standing(status=status, official=official, on_rolls=status is not None and status not in OFF_ROLLS)


class PartyMemberQuerySet(models.QuerySet):
    def on_rolls(self):
        """Members still in the party (not left, not deceased)."""
        return self.exclude(status__in=OFF_ROLLS)

    def in_subtree(self, organization):
        return self.filter(person__organization__path__startswith=organization.path)


ADMISSION_AGE = 18


def admission_age_problem(birth_date: datetime.date, admission_date: datetime.date) -> str | None:
    """Why a member could not have been admitted on ``admission_date`` at their age, or None.

    Điều lệ Đảng, Điều 1 khoản 2: a Vietnamese citizen of eighteen years or more may be admitted.
    """
    if admission_date <= birth_date:
        return "Ngày vào Đảng phải sau ngày sinh."
    try:
        eighteen = birth_date.replace(year=birth_date.year + ADMISSION_AGE)
    except ValueError:  # born on 29 February
        eighteen = birth_date.replace(year=birth_date.year + ADMISSION_AGE, day=28)
    if admission_date < eighteen:
        return (f"Ngày vào Đảng ({admission_date:%d/%m/%Y}) khi chưa đủ {ADMISSION_AGE} tuổi (sinh ngày "
                f"{birth_date:%d/%m/%Y}): Điều lệ Đảng chỉ kết nạp công dân từ {ADMISSION_AGE} tuổi trở lên.")
    return None


class PartyMember(models.Model):
    """The party record of a person: admission, official date, card and the statuses that matter.

    The home cell is the person's record organization (``person.organization``); a transfer
    (``Transfer``) moves it.
    """

    person = models.OneToOneField(
        "organizations.Person", on_delete=models.CASCADE, related_name="party_member", verbose_name="nhân sự"
    )
    card_number = models.CharField(
        "số thẻ đảng viên", max_length=20, unique=True, null=True, blank=True,
        error_messages={"unique": "Số thẻ đảng viên này đã được dùng cho một đảng viên khác."},
    )
    admission_date = models.DateField("ngày vào Đảng")
    official_date = models.DateField("ngày chính thức", null=True, blank=True)
    temporarily_transferred = models.BooleanField("sinh hoạt tạm thời nơi khác", default=False)
    exempt = models.BooleanField("miễn công tác và sinh hoạt đảng", default=False)
    suspended = models.BooleanField("đình chỉ sinh hoạt đảng", default=False)
    prosecuted = models.BooleanField("bị truy tố, tạm giam", default=False)
    status = models.CharField(
        "trạng thái hiện nay", max_length=30, choices=Status.choices, default=Status.OFFICIAL, db_index=True,
        help_text="Tính từ lịch sử trạng thái; không sửa trực tiếp.",
    )

    objects = PartyMemberQuerySet.as_manager()

    class Meta:
        verbose_name = "đảng viên"
        verbose_name_plural = "đảng viên"

    def __str__(self):
        return str(self.person)

    def get_absolute_url(self):
        return reverse("members:detail", args=[self.pk])

    @property
    def is_official(self) -> bool:
        """Official (chính thức) once made official; probationary (dự bị) before."""
        return self.official_date is not None

    @property
    def standing_display(self) -> str:
        return "Chính thức" if self.is_official else "Dự bị"

    @property
    def on_rolls(self) -> bool:
        return self.status not in OFF_ROLLS

    def save(self, *args, **kwargs):
        self.card_number = (self.card_number or "").strip() or None
        if self.status in (Status.OFFICIAL, Status.PROBATIONARY):
            self.status = Status.OFFICIAL if self.is_official else Status.PROBATIONARY
        super().save(*args, **kwargs)

    def clean(self):
        if self._state.adding and self.person_id and self.person.organization_id:
            self.person.organization.refuse_if_closed("đảng viên mới", field="person")
        if self.admission_date and self.official_date and self.official_date < self.admission_date:
            raise ValidationError({"official_date": "Ngày chính thức không được trước ngày vào Đảng."})
        # the person may be new and not yet saved (add_member checks both records before saving either)
        person = getattr(self, "person", None)  # None when not set (RelatedObjectDoesNotExist is an AttributeError)
        if person is not None and person.birth_date and self.admission_date:
            problem = admission_age_problem(person.birth_date, self.admission_date)
            if problem:
                raise ValidationError({"admission_date": problem})
        card = (self.card_number or "").strip()  # blank is "no card yet" (save stores None)
        if card and not re.fullmatch(r"[\d .\-]*\d[\d .\-]*", card):
            raise ValidationError({"card_number": "Số thẻ đảng viên chỉ gồm chữ số (có thể có dấu chấm, gạch ngang)."})

    # --- status history -----------------------------------------------------------------------------

    def timeline(self) -> list[tuple[datetime.date, str]]:
        """(date, status) in order: admission (dự bị), official date, then the recorded changes (``timeline_of``)."""
        changes = [(c.date, c.status, c.pk) for c in self.status_changes.all()] if self.pk else []
        return timeline_of(self.admission_date, self.official_date, changes)

    def status_on(self, day: datetime.date) -> str | None:
        """The status that held on ``day`` (None before admission)."""
        current = None
        for start, status in self.timeline():
            if start > day:
                break
            current = status
        return current

    def sync_status(self, day: datetime.date | None = None, save: bool = True):
        """Set ``status`` and the vote-counting flags from the status history as of ``day`` (today).

        Only one of temporarily transferred / exempt / suspended / prosecuted can hold at a time; the
        status that holds turns its flag on and the others off. Meetings never read these flags: the roll
        reads the dated history (``standing_on``), so a past meeting's figures do not change.
        """
        current = self.status_on(day or timezone.localdate()) or Status.PROBATIONARY
        if current in (Status.OFFICIAL, Status.PROBATIONARY):
            current = Status.OFFICIAL if self.is_official else Status.PROBATIONARY
        self.status = current
        for status, flag in STATUS_FLAGS.items():
            setattr(self, flag, current == status)
        if save:
            self.save(update_fields=["status", "official_date", *STATUS_FLAGS.values()])

    def interruptions(self) -> list[tuple[datetime.date, datetime.date | None]]:
        """Periods out of the party: from leaving to readmission (end None while still out).

        A readmission is any status other than left/deceased recorded after a "left".
        """
        gaps, left = [], None
        for day, status in self.timeline():
            if status in OUT_OF_PARTY and left is None:
                left = day
            elif status not in OFF_ROLLS and left is not None:
                gaps.append((left, day))
                left = None
        if left is not None:
            gaps.append((left, None))
        return gaps

    def death_date(self) -> datetime.date | None:
        return next((day for day, status in self.timeline() if status == Status.DECEASED), None)

    def standing_on(self, day: datetime.date) -> "Standing":
        """What a meeting on ``day`` needs to know, from the dated history only (never today's flags):
        ``standing_from``."""
        changes = [(c.date, c.status, c.pk) for c in self.status_changes.all()] if self.pk else []
        return standing_from(self.admission_date, self.official_date, changes, day)

    @transaction.atomic
    def record_status(self, status: str, day: datetime.date, by=None, decision: str = "", note: str = ""):
        """Record a status change (validated), update the official date and the flags.

        Death, expulsion and leaving the party end every body membership (and the open titles) on their date
        (``Person.leave_bodies``): from then the person is no longer an incumbent member of any body.
        """
        change = StatusChange(member=self, status=status, date=day, decision=decision, note=note, recorded_by=by)
        change.full_clean()
        change.save()
        if status == Status.OFFICIAL and self.official_date is None:
            self.official_date = day
        self.sync_status()
        if status in ENDS_BODY_MEMBERSHIPS:
            self.person.leave_bodies(day, ENDS_BODY_MEMBERSHIPS[status], decision, end_titles=True)
        return change

    @transaction.atomic
    def transfer(self, to_organization, day: datetime.date, kind: str = "official", by=None, note: str = ""):
        """Chuyển sinh hoạt: record the move from the home cell to ``to_organization``.

        An official transfer moves the home cell (``person.organization``); a temporary one keeps it
        and records the status "sinh hoạt tạm thời nơi khác" from ``day``.
        """
        move = Transfer(member=self, kind=kind, from_organization=self.person.organization,
                        to_organization=to_organization, date=day, note=note, recorded_by=by)
        move.full_clean()
        move.save()
        if kind == Transfer.Kind.OFFICIAL:
            self.person.organization = to_organization
            self.person.save(update_fields=["organization"])
        else:
            self.record_status(Status.TEMPORARILY_TRANSFERRED, day, by=by, note=f"Chuyển sinh hoạt tạm thời đến {to_organization}")
        return move


class StatusChange(models.Model):
    """One entry of a member's status history: from ``date`` the member is ``status``."""

    member = models.ForeignKey(PartyMember, on_delete=models.CASCADE, related_name="status_changes")
    status = models.CharField("trạng thái", max_length=30, choices=Status.choices)
    date = models.DateField("từ ngày")
    decision = models.CharField("số quyết định", max_length=100, blank=True)
    note = models.CharField("ghi chú", max_length=500, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["member", "date", "pk"]
        verbose_name = "thay đổi trạng thái đảng viên"
        verbose_name_plural = "lịch sử trạng thái đảng viên"

    def __str__(self):
        return f"{self.get_status_display()} từ {self.date:%d/%m/%Y}"

    def clean(self):
        if not (self.member_id and self.date):
            return
        member = self.member
        if self.date < member.admission_date:
            raise ValidationError({"date": "Ngày thay đổi trạng thái không được trước ngày vào Đảng."})
        if self.date > timezone.localdate():
            # The flags follow the status that holds today; a change is recorded once it takes effect.
            raise ValidationError({"date": "Ngày thay đổi trạng thái không được sau ngày hôm nay."})
        death = member.death_date()
        if death and self.date > death:
            raise ValidationError({"date": "Đảng viên đã từ trần; không thể ghi trạng thái sau ngày từ trần."})
        if self.status == Status.DECEASED and death:
            raise ValidationError({"status": "Đảng viên này đã được ghi nhận từ trần."})


class Transfer(models.Model):
    """Chuyển sinh hoạt đảng: from one organization to another, on a date."""

    class Kind(models.TextChoices):
        OFFICIAL = "official", "Chuyển sinh hoạt chính thức"
        TEMPORARY = "temporary", "Chuyển sinh hoạt tạm thời"

    member = models.ForeignKey(PartyMember, on_delete=models.CASCADE, related_name="transfers")
    kind = models.CharField("hình thức", max_length=10, choices=Kind.choices, default=Kind.OFFICIAL)
    from_organization = models.ForeignKey("organizations.Organization", on_delete=models.PROTECT, null=True,
                                          blank=True, related_name="+", verbose_name="từ tổ chức")
    to_organization = models.ForeignKey("organizations.Organization", on_delete=models.PROTECT, related_name="+",
                                        verbose_name="đến tổ chức")
    date = models.DateField("ngày chuyển")
    note = models.CharField("ghi chú", max_length=500, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["member", "date", "pk"]
        verbose_name = "chuyển sinh hoạt đảng"
        verbose_name_plural = "chuyển sinh hoạt đảng"

    def __str__(self):
        return f"{self.get_kind_display()}: {self.from_organization} → {self.to_organization}"

    def clean(self):
        if self.from_organization_id and self.from_organization_id == self.to_organization_id:
            raise ValidationError({"to_organization": "Tổ chức chuyển đến phải khác tổ chức đang sinh hoạt."})
        if self.member_id and self.date and self.date < self.member.admission_date:
            raise ValidationError({"date": "Ngày chuyển sinh hoạt không được trước ngày vào Đảng."})
        if self.date and self.date > timezone.localdate():
            raise ValidationError({"date": "Ngày chuyển sinh hoạt không được sau ngày hôm nay."})
        if self.to_organization_id and self.date and not self.to_organization.is_active(self.date):
            raise ValidationError({"to_organization": "Tổ chức chuyển đến không hoạt động vào ngày chuyển."})
        if self.member_id and self.member.status in OFF_ROLLS:
            raise ValidationError("Đảng viên đã ra khỏi Đảng hoặc từ trần; không thể chuyển sinh hoạt.")


# --- ratings ----------------------------------------------------------------------------------------------


class Level(models.TextChoices):
    """The four rating levels of Quy định 366-QĐ/TW, best first."""

    EXCELLENT = "xuat_sac", "Hoàn thành xuất sắc nhiệm vụ"
    GOOD = "tot", "Hoàn thành tốt nhiệm vụ"
    DONE = "hoan_thanh", "Hoàn thành nhiệm vụ"
    NOT_DONE = "khong_hoan_thanh", "Không hoàn thành nhiệm vụ"


LEVEL_RANK = {Level.EXCELLENT: 3, Level.GOOD: 2, Level.DONE: 1, Level.NOT_DONE: 0}


class RatingRules(models.Model):
    """The configurable rules of the yearly rating (one row, edited in the admin).

    Score bands, the conditions for "Hoàn thành xuất sắc nhiệm vụ" and the quota follow Quy định
    366-QĐ/TW; they are kept as settings because the figures could not all be confirmed against the
    current official text. ``RatingRules.current()`` gives the row, or the defaults.
    """

    class QuotaBase(models.TextChoices):
        GOOD_OR_BETTER = "good_or_better", "Số đảng viên Hoàn thành tốt nhiệm vụ trở lên"
        GOOD = "good", "Số đảng viên Hoàn thành tốt nhiệm vụ (không kể Xuất sắc)"

    excellent_min = models.DecimalField("điểm tối thiểu Hoàn thành xuất sắc", max_digits=5, decimal_places=2, default=90)
    good_min = models.DecimalField("điểm tối thiểu Hoàn thành tốt", max_digits=5, decimal_places=2, default=70)
    done_min = models.DecimalField("điểm tối thiểu Hoàn thành", max_digits=5, decimal_places=2, default=50)
    excellent_requires_all_tasks = models.BooleanField("Xuất sắc: phải hoàn thành 100% nhiệm vụ", default=True)
    excellent_beyond_share_min = models.PositiveSmallIntegerField(
        "Xuất sắc: tỷ lệ nhiệm vụ vượt yêu cầu tối thiểu (%)", default=30)
    quota_enabled = models.BooleanField("áp dụng tỷ lệ Xuất sắc", default=True)
    quota_percent = models.PositiveSmallIntegerField(
        "tỷ lệ Xuất sắc tối đa so với số Hoàn thành tốt (%)", default=20,
        help_text="Số đảng viên Hoàn thành xuất sắc không vượt quá tỷ lệ này của số Hoàn thành tốt, trong mỗi đảng bộ cơ sở.",
    )
    quota_base = models.CharField(
        "tỷ lệ Xuất sắc tính trên", max_length=20, choices=QuotaBase.choices, default=QuotaBase.GOOD_OR_BETTER,
        help_text="Người Xuất sắc được chọn trong số Hoàn thành tốt, nên mặc định tính trên số Hoàn thành tốt trở lên "
                  "(10 người tốt trở lên: tối đa 2 xuất sắc).",
    )

    class Meta:
        verbose_name = "quy tắc xếp loại"
        verbose_name_plural = "quy tắc xếp loại"

    def __str__(self):
        return "Quy tắc đánh giá, xếp loại chất lượng"

    def clean(self):
        if not (0 < self.done_min < self.good_min < self.excellent_min <= 100):
            raise ValidationError("Các ngưỡng điểm phải tăng dần: Hoàn thành < Hoàn thành tốt < Xuất sắc ≤ 100.")
        if self.excellent_beyond_share_min > 100 or self.quota_percent > 100:
            raise ValidationError("Tỷ lệ phải trong khoảng 0–100%.")

    @classmethod
    def current(cls) -> "RatingRules":
        return cls.objects.order_by("pk").first() or cls()


class RatingCampaign(models.Model):
    """A rating campaign (đợt đánh giá, xếp loại) over an organization subtree for one period."""

    class Period(models.TextChoices):
        YEAR = "year", "Năm"
        QUARTER = "quarter", "Quý"
        TERM = "term", "Nhiệm kỳ"

    class Subject(models.TextChoices):
        MEMBERS = "members", "Đảng viên"
        ORGANIZATIONS = "organizations", "Tổ chức đảng"

    organization = models.ForeignKey("organizations.Organization", on_delete=models.PROTECT,
                                     related_name="rating_campaigns", verbose_name="phạm vi (tổ chức)")
    subject = models.CharField("đối tượng", max_length=15, choices=Subject.choices, default=Subject.MEMBERS)
    period = models.CharField("kỳ", max_length=10, choices=Period.choices, default=Period.YEAR)
    year = models.PositiveSmallIntegerField("năm")
    quarter = models.PositiveSmallIntegerField("quý", null=True, blank=True)
    term = models.ForeignKey("organizations.Term", on_delete=models.PROTECT, null=True, blank=True,
                             related_name="+", verbose_name="nhiệm kỳ")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-year", "-quarter", "organization__path"]
        verbose_name = "đợt đánh giá, xếp loại"
        verbose_name_plural = "đợt đánh giá, xếp loại"

    def __str__(self):
        return f"Đánh giá, xếp loại {self.get_subject_display().lower()} {self.period_label} – {self.organization}"

    def get_absolute_url(self):
        return reverse("members:campaign", args=[self.pk])

    @property
    def period_label(self) -> str:
        if self.period == self.Period.QUARTER:
            return f"quý {self.quarter} năm {self.year}"
        if self.period == self.Period.TERM:
            return f"nhiệm kỳ {self.term.years}" if self.term_id else f"nhiệm kỳ đến năm {self.year}"
        return f"năm {self.year}"

    def clean(self):
        if self.year and not 1930 <= self.year <= 2100:
            raise ValidationError({"year": "Năm không hợp lệ."})
        if self.year and self.year > timezone.localdate().year:
            # a period is rated when it ends (Quy định 124-QĐ/TW: at the end of the year): not one still to come
            raise ValidationError({"year": f"Chưa đánh giá, xếp loại được năm {self.year}: kỳ đánh giá chưa đến."})
        same = RatingCampaign.objects.filter(organization_id=self.organization_id, subject=self.subject,
                                             period=self.period, year=self.year, quarter=self.quarter,
                                             term_id=self.term_id).exclude(pk=self.pk).first()
        if self.organization_id and same is not None:
            raise ValidationError(f"Đã có đợt đánh giá, xếp loại {same.get_subject_display().lower()} "
                                  f"{same.period_label} của tổ chức này (mở ngày "
                                  f"{timezone.localtime(same.created_at):%d/%m/%Y}); hãy mở đợt đã có.")
        if self.period == self.Period.QUARTER and self.quarter not in (1, 2, 3, 4):
            raise ValidationError({"quarter": "Đợt đánh giá theo quý phải chọn quý từ 1 đến 4."})
        if self.period != self.Period.QUARTER and self.quarter:
            raise ValidationError({"quarter": "Chỉ chọn quý với đợt đánh giá theo quý."})
        if self.period == self.Period.TERM and not self.term_id:
            raise ValidationError({"term": "Đợt đánh giá theo nhiệm kỳ phải chọn nhiệm kỳ."})
        # The term is the organization's own or a superior's: a term of an unrelated organization would
        # also name an organization the office may not read.
        if self.term_id and self.organization_id and not self.organization.is_within(self.term.organization):
            raise ValidationError({"term": "Nhiệm kỳ phải là nhiệm kỳ của tổ chức này hoặc của cấp trên."})

    @transaction.atomic
    def populate(self) -> int:
        """Create an empty rating for each member on the rolls (or each cell and grassroots
        organization) in the subtree; existing ones are kept. Returns how many were added."""
        from capuy.members.rules import grassroots_of
        from capuy.organizations.models import Organization

        if self.subject == self.Subject.MEMBERS:
            done = set(self.ratings.values_list("member_id", flat=True))
            members = PartyMember.objects.on_rolls().in_subtree(self.organization).select_related("person__organization")
            units = {}
            new = []
            for m in members:
                if m.pk in done or m.admission_date.year > self.year:
                    continue
                org = m.person.organization
                if org.pk not in units:
                    units[org.pk] = grassroots_of(org)
                new.append(Rating(campaign=self, member=m, unit=units[org.pk]))
        else:
            done = set(self.ratings.values_list("organization_id", flat=True))
            kinds = [Organization.Kind.CELL, Organization.Kind.GRASSROOTS_CELL, Organization.Kind.GRASSROOTS,
                     Organization.Kind.AGENCIES, Organization.Kind.PARTIAL]
            orgs = Organization.objects.subtree(self.organization).filter(kind__in=kinds).active_on(
                datetime.date(self.year, 12, 31) if self.year else timezone.localdate())
            new = [Rating(campaign=self, organization=o, unit=grassroots_of(o)) for o in orgs if o.pk not in done]
        Rating.objects.bulk_create(new, batch_size=1000)
        return len(new)


class Rating(models.Model):
    """One member's (or one organization's) rating in a campaign, in three steps that cannot be skipped:
    self-rating, appraisal and proposal, decision. Each step records who and when."""

    class Step(models.TextChoices):
        PENDING = "pending", "Chưa tự đánh giá"
        SELF = "self", "Đã tự đánh giá"
        APPRAISED = "appraised", "Đã thẩm định, đề xuất"
        DECIDED = "decided", "Đã quyết định"

    campaign = models.ForeignKey(RatingCampaign, on_delete=models.CASCADE, related_name="ratings")
    member = models.ForeignKey(PartyMember, on_delete=models.CASCADE, null=True, blank=True, related_name="ratings")
    organization = models.ForeignKey("organizations.Organization", on_delete=models.CASCADE, null=True, blank=True,
                                     related_name="ratings")
    unit = models.ForeignKey("organizations.Organization", on_delete=models.PROTECT, null=True, blank=True,
                             related_name="+", verbose_name="đảng bộ cơ sở",
                             help_text="Tổ chức cơ sở dùng để tính tỷ lệ Xuất sắc.")
    step = models.CharField("bước", max_length=10, choices=Step.choices, default=Step.PENDING, db_index=True)

    self_score = models.DecimalField("điểm tự chấm", max_digits=5, decimal_places=2, null=True, blank=True)
    all_tasks_done = models.BooleanField("hoàn thành 100% nhiệm vụ", default=False)
    beyond_share = models.PositiveSmallIntegerField("tỷ lệ nhiệm vụ vượt yêu cầu (%)", default=0)
    self_level = models.CharField("tự xếp loại", max_length=20, choices=Level.choices, blank=True)
    self_note = models.TextField("bản tự kiểm điểm (tóm tắt)", blank=True)
    self_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    self_at = models.DateTimeField(null=True, blank=True)

    appraisal_score = models.DecimalField("điểm thẩm định", max_digits=5, decimal_places=2, null=True, blank=True)
    appraisal_level = models.CharField("mức đề xuất", max_length=20, choices=Level.choices, blank=True)
    appraisal_note = models.TextField("ý kiến thẩm định", blank=True)
    appraisal_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="+")
    appraisal_at = models.DateTimeField(null=True, blank=True)

    decision_level = models.CharField("mức quyết định", max_length=20, choices=Level.choices, blank=True, db_index=True)
    decision_note = models.TextField("ghi chú quyết định", blank=True)
    decision_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+")
    decision_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["campaign", "unit__path", "pk"]
        verbose_name = "xếp loại"
        verbose_name_plural = "xếp loại"
        constraints = [
            models.UniqueConstraint(fields=["campaign", "member"], name="rating_unique_member"),
            models.UniqueConstraint(fields=["campaign", "organization"], name="rating_unique_organization"),
            models.CheckConstraint(
                condition=Q(member__isnull=False, organization__isnull=True)
                | Q(member__isnull=True, organization__isnull=False),
                name="rating_one_subject",
            ),
        ]

    def __str__(self):
        return f"{self.subject_name} – {self.campaign.period_label}"

    @property
    def subject_name(self) -> str:
        return str(self.member.person) if self.member_id else str(self.organization)

    @property
    def subject_organization(self):
        """The organization the rated subject belongs to (the member's home cell, or the organization)."""
        return self.member.person.organization if self.member_id else self.organization

    def self_rate(self, by, score, all_tasks_done=False, beyond_share=0, level: str = "", note: str = ""):
        """Step 1: self-rating with a 100-point score; the level is implied by the score."""
        from capuy.members import rules

        if self.step == self.Step.DECIDED:
            raise ValidationError("Đã có quyết định xếp loại; không thể tự đánh giá lại.")
        if self.step == self.Step.APPRAISED:
            raise ValidationError("Cấp ủy đã thẩm định; không thể tự đánh giá lại.")
        ruleset = RatingRules.current()
        implied = rules.implied_level(score, all_tasks_done, beyond_share, ruleset)
        if level and level != implied:
            raise ValidationError(rules.band_message(score, level, implied, ruleset))
        self.self_score, self.all_tasks_done, self.beyond_share = score, all_tasks_done, beyond_share
        self.self_level, self.self_note = implied, note
        self.self_by, self.self_at, self.step = by, timezone.now(), self.Step.SELF
        self.save()
        return self

    def appraise(self, by, level: str, score=None, note: str = ""):
        """Step 2: appraisal and proposal by the cell or committee, after the self-rating."""
        from capuy.members import rules

        if self.step == self.Step.PENDING:
            raise ValidationError("Chưa có bản tự đánh giá, xếp loại; không thể thẩm định.")
        if self.step == self.Step.DECIDED:
            raise ValidationError("Đã có quyết định xếp loại; không thể thẩm định lại.")
        score = self.self_score if score is None else score
        rules.check_level_within_band(level, score, self.all_tasks_done, self.beyond_share, RatingRules.current())
        self.appraisal_score, self.appraisal_level, self.appraisal_note = score, level, note
        self.appraisal_by, self.appraisal_at, self.step = by, timezone.now(), self.Step.APPRAISED
        self.save()
        return self

    def check_decision(self, level: str):
        from capuy.members import rules

        if self.step in (self.Step.PENDING, self.Step.SELF):
            raise ValidationError(f"{self.subject_name}: chưa được thẩm định, đề xuất; chưa thể quyết định xếp loại.")
        rules.check_level_within_band(level, self.appraisal_score, self.all_tasks_done, self.beyond_share,
                                      RatingRules.current())

    def decide(self, by, level: str, note: str = ""):
        """Step 3: decision by the competent level, after appraisal; the quota is checked."""
        return decide_ratings(self.campaign, [(self, level, note)], by)[0]


def _may_still_be_good(rating, ruleset) -> bool:
    """Whether a rating not decided yet can still be decided "Hoàn thành tốt nhiệm vụ" or better: a
    decision may not rise above the level its score implies; without a score yet, it may."""
    from capuy.members import rules

    score = rating.appraisal_score if rating.appraisal_score is not None else rating.self_score
    if score is None:
        return True
    implied = rules.implied_level(score, rating.all_tasks_done, rating.beyond_share, ruleset)
    return LEVEL_RANK[implied] >= LEVEL_RANK[Level.GOOD]


@transaction.atomic
def decide_ratings(campaign: RatingCampaign, decisions, by):
    """Decide several ratings of ``campaign`` at once: ``decisions`` is [(rating, level, note)].

    Every decision is checked (appraisal done, level within the band) and the quota of "Hoàn thành xuất
    sắc nhiệm vụ" (Quy định 366-QĐ/TW, ``rules.check_quota``) is checked per grassroots organization on the
    whole set that results: the decisions already made, this batch, and the ratings not decided yet, so
    the order of decisions does not matter. Nothing is saved when one check fails.
    """
    from capuy.members import rules
    from capuy.organizations.models import Organization

    errors = []
    seen = set()
    for rating, level, _note in decisions:
        if rating.campaign_id != campaign.pk:
            errors.append(f"{rating.subject_name}: không thuộc đợt đánh giá này.")
            continue
        if rating.pk in seen:
            errors.append(f"{rating.subject_name}: được chọn hai lần trong cùng một lần quyết định.")
            continue
        seen.add(rating.pk)
        try:
            rating.check_decision(level)
        except ValidationError as exc:
            errors.extend(exc.messages)
    if errors:
        raise ValidationError(errors)
    ruleset = RatingRules.current()
    if campaign.subject == RatingCampaign.Subject.MEMBERS:
        changed = {r.pk: level for r, level, _ in decisions}
        units = sorted({r.unit_id for r, _, _ in decisions}, key=lambda pk: (pk is None, pk or 0))
        # Lock the unit's ratings so two batches decided at once cannot both pass the quota.
        locked = list(campaign.ratings.select_for_update().filter(unit_id__in=units).order_by("pk"))
        names = {o.pk: str(o) for o in Organization.objects.filter(pk__in=[u for u in units if u])}
        for unit_id in units:
            excellent = good = open_good = 0
            for rating in (r for r in locked if r.unit_id == unit_id):
                level = changed.get(rating.pk, rating.decision_level if rating.step == Rating.Step.DECIDED else "")
                if level == Level.EXCELLENT:
                    excellent += 1
                elif level == Level.GOOD:
                    good += 1
                elif not level and _may_still_be_good(rating, ruleset):
                    open_good += 1
            rules.check_quota(excellent, good, ruleset, unit_name=names.get(unit_id, ""), open_good=open_good)
    now = timezone.now()
    for rating, level, note in decisions:
        rating.decision_level, rating.decision_note = level, note
        rating.decision_by, rating.decision_at, rating.step = by, now, Rating.Step.DECIDED
        rating.save()
    return [r for r, _, _ in decisions]


# --- locality criteria ("chi bộ 4 tốt", "đảng viên 4 tốt") ---------------------------------------------------


class CriteriaList(models.Model):
    """A locality's list of criteria, e.g. "Chi bộ 4 tốt" or "Đảng viên 4 tốt"."""

    class Subject(models.TextChoices):
        MEMBERS = "members", "Đảng viên"
        ORGANIZATIONS = "organizations", "Chi bộ, tổ chức đảng"

    name = models.CharField("tên phong trào", max_length=200)
    subject = models.CharField("áp dụng cho", max_length=15, choices=Subject.choices)
    organization = models.ForeignKey("organizations.Organization", on_delete=models.PROTECT,
                                     related_name="criteria_lists", verbose_name="địa phương ban hành")
    active = models.BooleanField("đang áp dụng", default=True)

    class Meta:
        ordering = ["organization__path", "name"]
        verbose_name = "bộ tiêu chí"
        verbose_name_plural = "bộ tiêu chí"

    def __str__(self):
        return self.name


class Criterion(models.Model):
    criteria_list = models.ForeignKey(CriteriaList, on_delete=models.CASCADE, related_name="criteria")
    text = models.CharField("tiêu chí", max_length=500)
    order = models.PositiveSmallIntegerField("thứ tự", default=0)

    class Meta:
        ordering = ["criteria_list", "order", "pk"]
        verbose_name = "tiêu chí"
        verbose_name_plural = "tiêu chí"

    def __str__(self):
        return self.text


class CriteriaResult(models.Model):
    """A yearly result: which criteria of a list a member or an organization met."""

    criteria_list = models.ForeignKey(CriteriaList, on_delete=models.CASCADE, related_name="results")
    year = models.PositiveSmallIntegerField("năm")
    member = models.ForeignKey(PartyMember, on_delete=models.CASCADE, null=True, blank=True,
                               related_name="criteria_results")
    organization = models.ForeignKey("organizations.Organization", on_delete=models.CASCADE, null=True, blank=True,
                                     related_name="criteria_results")
    met = models.ManyToManyField(Criterion, blank=True, related_name="+", verbose_name="tiêu chí đạt")
    note = models.CharField("ghi chú", max_length=500, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+")

    class Meta:
        ordering = ["-year", "criteria_list"]
        verbose_name = "kết quả bộ tiêu chí"
        verbose_name_plural = "kết quả bộ tiêu chí"
        constraints = [
            models.UniqueConstraint(fields=["criteria_list", "year", "member"], name="criteria_result_unique_member"),
            models.UniqueConstraint(fields=["criteria_list", "year", "organization"],
                                    name="criteria_result_unique_organization"),
        ]

    def __str__(self):
        return f"{self.criteria_list} {self.year}: {'đạt' if self.passed else 'không đạt'}"

    @property
    def passed(self) -> bool:
        """Reached the title only when every criterion of the list is met."""
        from capuy.members.rules import criteria_passed

        return criteria_passed(self.criteria_list.criteria.values_list("pk", flat=True), self.met.values_list("pk", flat=True))

    def clean(self):
        if bool(self.member_id) == bool(self.organization_id):
            raise ValidationError("Kết quả phải gắn với một đảng viên hoặc một tổ chức đảng.")
        if self.criteria_list_id:
            expected = self.criteria_list.subject
            if (expected == CriteriaList.Subject.MEMBERS) != bool(self.member_id):
                raise ValidationError(f"Bộ tiêu chí \"{self.criteria_list}\" áp dụng cho "
                                      f"{self.criteria_list.get_subject_display().lower()}.")


# --- commendations ------------------------------------------------------------------------------------------

# Huy hiệu Đảng milestones: 30, 40, 45, 50, 55, 60, 65, 70, 75, 80, 85 and 90 years of party membership
# (Hướng dẫn 01-HD/TW (2021) on implementing the Party Charter, section 18).
BADGE_YEARS = (30, 40, 45, 50, 55, 60, 65, 70, 75, 80, 85, 90)


class Commendation(models.Model):
    """A commendation (khen thưởng): form, recipient (person or collective), decision, reason, period."""

    class Form(models.TextChoices):
        CERTIFICATE = "giay_khen", "Giấy khen"
        MERIT = "bang_khen", "Bằng khen"
        BADGE = "huy_hieu", "Huy hiệu Đảng"
        EXEMPLARY = "tsvm_tieu_bieu", "Tổ chức đảng trong sạch, vững mạnh tiêu biểu"
        OTHER = "khac", "Hình thức khác"

    form = models.CharField("hình thức", max_length=20, choices=Form.choices)
    form_detail = models.CharField("tên hình thức (nếu khác)", max_length=200, blank=True)
    badge_years = models.PositiveSmallIntegerField("số năm tuổi Đảng (huy hiệu)", null=True, blank=True)
    person = models.ForeignKey("organizations.Person", on_delete=models.CASCADE, null=True, blank=True,
                               related_name="commendations", verbose_name="cá nhân")
    organization = models.ForeignKey("organizations.Organization", on_delete=models.CASCADE, null=True, blank=True,
                                     related_name="commendations", verbose_name="tập thể")
    collective_name = models.CharField("tên tập thể (ngoài hệ thống)", max_length=200, blank=True)
    issuer = models.CharField("cơ quan khen thưởng", max_length=200)
    issuer_organization = models.ForeignKey("organizations.Organization", on_delete=models.SET_NULL, null=True,
                                            blank=True, related_name="+", verbose_name="tổ chức khen thưởng")
    decision_number = models.CharField("số quyết định", max_length=50, blank=True)
    decision_date = models.DateField("ngày quyết định", null=True, blank=True)
    # An award known only from a conference report (issue 13): "cho 03 tập thể và 05 cá nhân", no names yet.
    collective_count = models.PositiveSmallIntegerField("số tập thể (chưa ghi tên)", null=True, blank=True)
    individual_count = models.PositiveSmallIntegerField("số cá nhân (chưa ghi tên)", null=True, blank=True)
    conference = models.ForeignKey("conferences.Conference", on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="awards", verbose_name="trao tại hội nghị")
    reason = models.CharField("thành tích, phong trào", max_length=500, blank=True)
    period_start = models.DateField("giai đoạn từ", null=True, blank=True)
    period_end = models.DateField("giai đoạn đến", null=True, blank=True)
    posthumous = models.BooleanField("truy tặng", default=False)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+")

    class Meta:
        ordering = ["-decision_date", "pk"]
        verbose_name = "khen thưởng"
        verbose_name_plural = "khen thưởng"

    BADGE_YEARS = BADGE_YEARS

    def __str__(self):
        return f"{self.form_display} – {self.recipient_name}"

    @property
    def form_display(self) -> str:
        if self.form == self.Form.BADGE and self.badge_years:
            return f"Huy hiệu {self.badge_years} năm tuổi Đảng"
        if self.form == self.Form.OTHER and self.form_detail:
            return self.form_detail
        return self.get_form_display()

    @property
    def is_counted(self) -> bool:
        """Recorded by its counts only ("03 tập thể và 05 cá nhân"), no recipient named yet."""
        return self.collective_count is not None or self.individual_count is not None

    @property
    def counts(self) -> tuple[int, int]:
        """(collectives, individuals) this record stands for."""
        if self.is_counted:
            return self.collective_count or 0, self.individual_count or 0
        return (0, 1) if self.person_id else (1, 0)

    @property
    def counts_text(self) -> str:
        """ "03 tập thể và 05 cá nhân" (two digits, the way the reports write them)."""
        collectives, people = self.counts
        return counts_text(collectives, people)

    @property
    def recipient_name(self) -> str:
        if self.person_id:
            return str(self.person)
        if self.organization_id:
            return str(self.organization)
        return self.collective_name or (self.counts_text if self.is_counted else "")

    @property
    def is_collective(self) -> bool:
        return not self.person_id and not self.is_counted

    @property
    def period_display(self) -> str:
        if self.period_start and self.period_end:
            if self.period_start.year != self.period_end.year:
                return f"giai đoạn {self.period_start.year}–{self.period_end.year}"
            return f"năm {self.period_end.year}"
        return ""

    def save(self, *args, **kwargs):
        # The pages write "số {decision_number}": a number typed or imported as "Số 1302-QĐ/QU" would read
        # "số Số 1302-QĐ/QU"; the stored number is the number alone.
        self.decision_number = strip_number_word(self.decision_number)
        super().save(*args, **kwargs)

    def clean(self):
        recipients = sum(bool(x) for x in (self.person_id, self.organization_id, self.collective_name.strip()))
        if self.is_counted:
            validate_counted_award(self, recipients)
        elif recipients != 1:
            raise ValidationError("Mỗi khen thưởng có đúng một đối tượng: một cá nhân hoặc một tập thể.")
        elif not self.conference_id:
            # Only an award recorded from the conference where it was presented may wait for its decision.
            if not self.decision_number.strip():
                raise ValidationError({"decision_number": "Vui lòng ghi số quyết định khen thưởng."})
            if not self.decision_date:
                raise ValidationError({"decision_date": "Vui lòng ghi ngày quyết định khen thưởng."})
        # Điều lệ Đảng, Điều 34 leaves commendation to the Central Committee's rules; capuy's reading: a party
        # organization commends only itself and those under it.
        home = self.organization if self.organization_id else (self.person.organization if self.person_id else None)
        if self.issuer_organization_id and home is not None and not home.is_within(self.issuer_organization):
            raise ValidationError({"issuer_organization": "Tổ chức khen thưởng phải là tổ chức của người (tập thể) "
                                                          "được khen hoặc cấp trên của tổ chức đó."})
        if self.form == self.Form.BADGE:
            if self.badge_years not in self.BADGE_YEARS:
                raise ValidationError({"badge_years": "Huy hiệu Đảng chỉ có các mốc "
                                       + ", ".join(map(str, self.BADGE_YEARS)) + " năm tuổi Đảng."})
            if not self.person_id:
                raise ValidationError({"person": "Huy hiệu Đảng chỉ tặng cho cá nhân đảng viên."})
        elif self.badge_years:
            raise ValidationError({"badge_years": "Chỉ ghi số năm tuổi Đảng với hình thức Huy hiệu Đảng."})
        if self.form == self.Form.EXEMPLARY and self.person_id:
            raise ValidationError({"form": "Danh hiệu trong sạch, vững mạnh tiêu biểu chỉ dành cho tập thể."})
        if self.form == self.Form.OTHER and not self.form_detail.strip():
            raise ValidationError({"form_detail": "Ghi rõ tên hình thức khen thưởng."})
        if self.period_start and self.period_end and self.period_end < self.period_start:
            raise ValidationError({"period_end": "Giai đoạn khen thưởng: ngày kết thúc phải sau ngày bắt đầu."})
        if self.period_end and self.decision_date and self.period_start and self.decision_date < self.period_start:
            raise ValidationError({"decision_date": "Ngày quyết định không được trước giai đoạn khen thưởng."})


def visible_commendations(readable) -> Q:
    """Commendations a reader of the organizations ``readable`` sees: of their people and collectives, those
    presented at their conferences (an award recorded by its counts has no recipient), and those they issued
    to a collective outside the system."""
    return (Q(person__organization__in=readable) | Q(organization__in=readable)
            | Q(conference__organization__in=readable)
            | Q(person__isnull=True, organization__isnull=True, issuer_organization__in=readable))


def counts_text(collectives: int, people: int) -> str:
    """ "03 tập thể và 05 cá nhân", leaving out a zero part."""
    parts = [f"{collectives:02d} tập thể" if collectives else "", f"{people:02d} cá nhân" if people else ""]
    return " và ".join(p for p in parts if p)


def validate_counted_award(commendation, recipients: int) -> None:
    """An award recorded by its counts (issue 13: "Giấy khen của Chủ tịch UBND phường cho 03 tập thể và 05 cá
    nhân", Luật Thi đua, khen thưởng 2022 art. 5 on forms and issuers): it names no recipient, counts at least
    one, says its form and issuer, and is tied to the conference where it was presented (that is where it is
    listed and who may read it); the decision number may come later."""
    if recipients:
        raise ValidationError("Khen thưởng ghi theo số lượng không ghi kèm tên người, tập thể được khen.")
    if not (commendation.collective_count or 0) + (commendation.individual_count or 0):
        raise ValidationError({"collective_count": "Vui lòng ghi số tập thể hoặc số cá nhân được khen thưởng."})
    if not commendation.conference_id:
        raise ValidationError({"conference": "Khen thưởng ghi theo số lượng cần gắn với hội nghị trao tặng."})
    if commendation.form == Commendation.Form.BADGE:
        raise ValidationError({"form": "Huy hiệu Đảng trao cho từng đảng viên, cần ghi tên."})


def strip_number_word(number: str) -> str:
    """ "Số 1302-QĐ/QU", "số: 1302-QĐ/QU" → "1302-QĐ/QU" (the word is written by whoever shows the number)."""
    import re

    return re.sub(r"^\s*s[ốo](?=[\s:.]|\d)[\s:.]*", "", number or "", flags=re.IGNORECASE).strip()


# A reason recorded as a whole phrase ("có thành tích xuất sắc", "hoàn thành xuất sắc nhiệm vụ") is said as it is;
# one that names only the field ("công tác dân vận") is said "có thành tích trong công tác dân vận".
_REASON_PHRASES = ("có ", "vì ", "do ", "đã ", "đạt ", "được ", "hoàn thành ")


def achievement(reason: str) -> str:
    """The words after "cho 2 tập thể và 3 cá nhân" for the ``reason`` of an award; "" without a reason."""
    reason = (reason or "").strip().rstrip(" .;,")
    reason = reason[:1].lower() + reason[1:]
    if not reason:
        return ""
    if reason.startswith(_REASON_PHRASES):
        return reason
    if reason.startswith("thành tích"):
        return f"có {reason}"
    if reason.startswith(("xuất sắc", "tiêu biểu", "trong ")):
        return f"có thành tích {reason}"
    return f"có thành tích trong {reason}"


def commendations_summary(commendations) -> str:
    """The sentence a conference article uses for the commendations handed out at it:
    "trao Giấy khen của Ban Thường vụ Quận ủy Tây Hồ cho 2 tập thể và 2 cá nhân có thành tích trong
    Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh"; one clause per form, issuer and reason
    (``achievement``: a reason written as a phrase is said once), no achievement for an award without one."""
    groups: dict[tuple, list] = {}
    for c in commendations:
        groups.setdefault((c.form_display, c.issuer, achievement(c.reason)), []).append(c)
    clauses = []
    for (form, issuer, reason), items in groups.items():
        collectives = sum(c.counts[0] for c in items)
        people = sum(c.counts[1] for c in items)
        who = " và ".join(part for part in (f"{collectives} tập thể" if collectives else "",
                                             f"{people} cá nhân" if people else "") if part)
        issued = f" của {issuer}" if issuer else ""
        clauses.append(" ".join(part for part in (f"trao {form}{issued}", f"cho {who}" if who else "", reason) if part))
    return "; ".join(clauses)


# --- the two-way channel ----------------------------------------------------------------------------------


class Opinion(models.Model):
    """An opinion a member sends to the committee from their own page; the office reads and answers it."""

    class State(models.TextChoices):
        NEW = "new", "Mới"
        READ = "read", "Đã xem"
        ANSWERED = "answered", "Đã trả lời"

    author = models.ForeignKey("organizations.Person", on_delete=models.CASCADE, related_name="opinions",
                               verbose_name="người gửi")
    organization = models.ForeignKey("organizations.Organization", on_delete=models.PROTECT, related_name="opinions",
                                     verbose_name="gửi cấp ủy")
    subject = models.CharField("tiêu đề", max_length=200)
    text = models.TextField("nội dung")
    created_at = models.DateTimeField("thời gian gửi", auto_now_add=True)
    state = models.CharField("tình trạng", max_length=10, choices=State.choices, default=State.NEW)
    answer = models.TextField("trả lời", blank=True)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+")
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "ý kiến gửi cấp ủy"
        verbose_name_plural = "ý kiến gửi cấp ủy"

    def __str__(self):
        return self.subject

    def clean(self):
        if self._state.adding and self.organization_id:
            self.organization.refuse_if_closed("ý kiến mới")


class NotificationRead(models.Model):
    """A notification of the member's inbox (``capuy.members.notifications``) that the user has read.

    Notifications are not stored: they are what the apps' inbox providers list for the person now
    (invitations, documents to read, open ballots, tasks); only the fact that one was read is kept, by key.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications_read")
    key = models.CharField("thông báo", max_length=64)
    read_at = models.DateTimeField("đã đọc lúc", auto_now_add=True)

    class Meta:
        verbose_name = "thông báo đã đọc"
        verbose_name_plural = "thông báo đã đọc"
        constraints = [models.UniqueConstraint(fields=["user", "key"], name="notification_read_unique")]

    def __str__(self):
        return f"{self.user} – {self.key}"
