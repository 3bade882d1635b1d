"""The record of a conference (hội nghị): numbering, agenda, invitations, attendance, drafts and speeches.

Domain rules live here, each in one place:
- ``next_conference_number`` – the number inside a body and term (DOMAIN.md, "Conferences").
- who is summoned, who counts and whether enough are present: ``capuy.conferences.roll`` (docs/RULES.md).
- ``Conference.ensure_editable`` – a closed conference is never changed.
"""

import datetime
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.db.models import Max, Q
from django.urls import reverse
from django.utils import timezone

from capuy.core import vietnamese
from capuy.core.links import validate_link
from capuy.organizations.models import Body, Organization, Person, Term

CLOSED_MESSAGE = "Hội nghị đã bế mạc, không thể thay đổi hồ sơ."
# What a generated document prints where the record holds no time: a visible blank for the clerk (issue 13).
BLANK_TIME = "…… giờ ……"


def clock_text(value) -> str:
    """ "8 giờ 00" for a time (or a datetime, read in local time); the visible blank when there is none."""
    if value is None:
        return BLANK_TIME
    if hasattr(value, "tzinfo") and hasattr(value, "date") and callable(value.date):
        value = timezone.localtime(value).time()
    return f"{value.hour} giờ {value.minute:02d}"


def _quorum(conference):
    from capuy.conferences.roll import quorum

    return quorum(conference)


# ---------------------------------------------------------------------------------------------------------
# Numbering
# ---------------------------------------------------------------------------------------------------------


# A meeting's clock time is the wall time where it met: a time with an offset ("08:00Z") is refused, never
# converted into another hour.
LOCAL_TIME_ONLY = "Giờ họp ghi theo giờ nơi họp, không kèm múi giờ (ví dụ 08:00)."

class NumberingStart(models.Model):
    """How many conferences a body held before its record in capuy begins.

    A term imported mid-way ("the next one is lần thứ 17") gets ``held_before = 16``; a term that starts in
    capuy needs no row. Past conferences may also be entered as lightweight closed records instead.
    """

    body = models.OneToOneField(Body, on_delete=models.CASCADE, related_name="conference_numbering",
                                verbose_name="cơ quan lãnh đạo")
    held_before = models.PositiveSmallIntegerField("số hội nghị đã tổ chức trước khi dùng phần mềm")

    class Meta:
        verbose_name = "số hội nghị đã tổ chức trước"
        verbose_name_plural = "số hội nghị đã tổ chức trước"

    def __str__(self):
        return f"{self.body}: {self.held_before}"


def next_conference_number(body: Body) -> int:
    """The number of the next conference of ``body``.

    DOMAIN.md ("Conferences"): a conference is numbered inside its term, "Hội nghị lần thứ 17 Ban Chấp hành
    … khóa VI"; the number restarts at 1 in each term and each body has its own sequence. A Body belongs to
    one term, so the sequence is per body: the highest number recorded for it, or the count of conferences
    held before capuy (``NumberingStart``) when higher, plus one.
    """
    # Past conferences recorded with the body's kind but without the body (or its term) count too (issue 13).
    term = body.term
    loose = Q(term__isnull=True, date__gte=term.start_date)
    if term.end_date:
        loose &= Q(date__lte=term.end_date)
    same = Q(body=body) | Q(body__isnull=True, organization_id=body.organization_id, body_kind=body.kind) & (
        Q(term=term) | loose)
    recorded = Conference.objects.filter(same, numbered=True).aggregate(n=Max("number"))["n"] or 0
    start = NumberingStart.objects.filter(body=body).values_list("held_before", flat=True).first() or 0
    return max(recorded, start) + 1


def validate_conference_number(conference) -> None:
    """A number set by hand (a conference recorded after the fact, issue 13) is at least 1 and not taken.

    DOMAIN.md ("Conferences"): the number counts the conferences of one body in one term, so it is unique among
    the conferences of the same organization, body kind and term; a conference recorded without its term is
    compared with those of the term covering its date and with the other term-less ones. The number need not
    follow the last recorded one (earlier conferences may never be recorded). An unnumbered meeting (a
    review) has no number at all.
    """
    if not conference.numbered or conference.number is None:
        return
    if conference.number < 1:
        raise ValidationError({"number": "Số thứ tự hội nghị phải từ 1 trở lên."})
    if not conference.organization_id and not conference.body_id:
        return
    organization_id = conference.organization_id or conference.body.organization_id
    clashes = Conference.objects.filter(organization_id=organization_id, numbered=True, number=conference.number)
    if conference.pk:
        clashes = clashes.exclude(pk=conference.pk)
    kind = conference.body_kind_value
    if kind:
        clashes = clashes.filter(Q(body__kind=kind) | Q(body__isnull=True, body_kind=kind) |
                                 Q(body__isnull=True, body_kind=""))
    term = (conference.term if conference.term_id else None) or (conference.body.term if conference.body_id else None)
    if term is None and conference.date:
        term = Term.objects.filter(organization_id=organization_id).covering(conference.date).first()
    if term is not None:
        loose = Q(term__isnull=True, date__gte=term.start_date)
        if term.end_date:
            loose &= Q(date__lte=term.end_date)
        clashes = clashes.filter(Q(term=term) | loose)
    else:
        clashes = clashes.filter(term__isnull=True)
    other = clashes.first()
    if other is not None:
        where = f" {term.years}" if term is not None else ""
        raise ValidationError({"number": f"Số thứ tự {conference.number} đã dùng cho hội nghị ngày "
                                         f"{other.date:%d/%m/%Y} trong nhiệm kỳ{where}; vui lòng kiểm tra lại."
                                         if term is not None else
                                         f"Số thứ tự {conference.number} đã dùng cho hội nghị ngày "
                                         f"{other.date:%d/%m/%Y}; vui lòng kiểm tra lại."})


# ---------------------------------------------------------------------------------------------------------
# Conference
# ---------------------------------------------------------------------------------------------------------


class ConferenceQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Conferences ``user`` may read: those of organizations they may read, and those they are invited to."""
        from capuy.accounts import permissions

        if not user.is_authenticated:
            return self.none()
        query = permissions.organization_filter(user, field="organization__")
        if query is None:
            return self
        if user.person_id:
            # A semi-join, not a join + DISTINCT: DISTINCT over every column made a province's list sort and
            # deduplicate all its conferences before taking a page (bench/scale.py).
            query |= Q(pk__in=Invitation.objects.filter(person_id=user.person_id).values("conference_id"))
        return self.filter(query)


def session_problem(session: str, start: datetime.time | None) -> str | None:
    """Why a meeting's half-day and its start time contradict each other, or None: a morning meeting ("sáng")
    starts before noon, an afternoon one ("chiều") at noon or later (capuy: the record states one time of day)."""
    if not session or start is None:
        return None
    if session == "morning" and start >= datetime.time(12):
        return f"Hội nghị buổi sáng không thể bắt đầu lúc {start:%H:%M}; hãy sửa buổi họp hoặc giờ bắt đầu."
    if session == "afternoon" and start < datetime.time(12):
        return f"Hội nghị buổi chiều không thể bắt đầu lúc {start:%H:%M}; hãy sửa buổi họp hoặc giờ bắt đầu."
    return None


class Conference(models.Model):
    class Kind(models.TextChoices):
        REGULAR = "regular", "Thường kỳ"
        SIX_MONTH = "six_month", "Sơ kết 6 tháng"
        NINE_MONTH = "nine_month", "Sơ kết 9 tháng"
        QUARTER = "quarter", "Sơ kết quý"
        MID_TERM = "mid_term", "Sơ kết giữa nhiệm kỳ"
        YEAR_END = "year_end", "Tổng kết năm"
        THEMATIC = "thematic", "Chuyên đề"
        EXTRAORDINARY = "extraordinary", "Bất thường"

    class Session(models.TextChoices):
        MORNING = "morning", "Sáng"
        AFTERNOON = "afternoon", "Chiều"
        FULL_DAY = "full_day", "Cả ngày"

    class Status(models.TextChoices):
        DRAFT = "draft", "Đang chuẩn bị"
        INVITED = "invited", "Đã gửi giấy mời"
        IN_PROGRESS = "in_progress", "Đang diễn ra"
        CLOSED = "closed", "Đã bế mạc"

    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="conferences",
                                     verbose_name="tổ chức")
    # A past conference may be recorded without its body or term when the source does not name them
    # (issue 13): the title then says only what is known, never an invented term.
    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="conferences", verbose_name="cơ quan",
                             null=True, blank=True)
    body_kind = models.CharField("cơ quan họp", max_length=10, choices=Body.Kind.choices, blank=True,
                                 help_text="Ghi khi chưa có cơ quan lãnh đạo của nhiệm kỳ trong phần mềm.")
    term = models.ForeignKey(Term, on_delete=models.PROTECT, related_name="conferences", verbose_name="nhiệm kỳ",
                             null=True, blank=True)
    numbered = models.BooleanField("có số thứ tự", default=True,
                                   help_text="Bỏ chọn với hội nghị sơ kết, tổng kết… không đánh số.")
    number = models.PositiveSmallIntegerField("lần thứ", null=True, blank=True)
    name = models.CharField("tên hội nghị (như văn bản ghi)", max_length=300, blank=True,
                            help_text="Ví dụ: Hội nghị sơ kết 6 tháng đầu năm 2021; để trống thì tự đặt theo loại.")
    recorded_after = models.BooleanField("ghi lại sau khi họp", default=False,
                                         help_text="Hội nghị đã diễn ra, ghi lại theo tư liệu: mọi thời điểm lấy theo "
                                                   "ngày giờ đã ghi, không theo đồng hồ.")
    theme = models.CharField("chủ đề năm", max_length=500, blank=True)
    source_url = models.CharField("nguồn tư liệu", max_length=500, blank=True, validators=[validate_link])
    # The vote of a meeting recorded after the fact, as its source reports it (no ballots exist in capuy): empty
    # when the source says nothing, so that no draft claims a vote nobody reported.
    resolution_passed = models.BooleanField("biểu quyết thông qua nghị quyết (theo tư liệu)", null=True, blank=True)
    vote_share = models.DecimalField("tỷ lệ tán thành (%) (theo tư liệu)", max_digits=5, decimal_places=2, null=True,
                                     blank=True, validators=[MinValueValidator(0), MaxValueValidator(100)])
    # Titles of the chairs as printed on the day (person id -> text), frozen when the record closes.
    chair_titles = models.JSONField("chức danh người chủ trì (như in)", default=dict, blank=True)
    kind = models.CharField("loại hội nghị", max_length=20, choices=Kind.choices, default=Kind.REGULAR)
    subject = models.CharField("nội dung chính", max_length=500, blank=True,
                               help_text="Ví dụ: đánh giá kết quả lãnh đạo thực hiện nhiệm vụ 9 tháng năm 2023")
    reviewed_period = models.CharField("kỳ đánh giá", max_length=100, blank=True, help_text="Ví dụ: 9 tháng năm 2023")
    date = models.DateField("ngày họp")
    session = models.CharField("buổi", max_length=10, choices=Session.choices, default=Session.MORNING, blank=True)
    start_time = models.TimeField("giờ bắt đầu", null=True, blank=True)
    end_time = models.TimeField("giờ kết thúc", null=True, blank=True)
    venue = models.CharField("địa điểm", max_length=300, blank=True)
    chairs = models.ManyToManyField(Person, related_name="chaired_conferences", blank=True,
                                    verbose_name="chủ trì")
    status = models.CharField("trạng thái", max_length=12, choices=Status.choices, default=Status.DRAFT)
    conclusion = models.TextField("kết luận của hội nghị", blank=True)
    current_item = models.ForeignKey("AgendaItem", null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+", verbose_name="nội dung đang thảo luận")
    current_speech = models.ForeignKey("Speech", null=True, blank=True, on_delete=models.SET_NULL,
                                       related_name="+", verbose_name="người đang phát biểu")
    opened_at = models.DateTimeField("khai mạc lúc", null=True, blank=True)
    closed_at = models.DateTimeField("bế mạc lúc", null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ConferenceQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-number", "-pk"]
        verbose_name = "hội nghị"
        verbose_name_plural = "hội nghị"
        # The conference list's order (newest first, keyset on date and id): a page is read from the index
        # instead of sorting every conference of a province.
        indexes = [models.Index(fields=["date", "id"], name="conference_date_id")]
        constraints = [
            models.UniqueConstraint(fields=["body", "number"], name="conference_unique_number",
                                    violation_error_message="Cơ quan này đã có hội nghị mang số thứ tự này."),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("conferences:detail", args=[self.pk])

    # -- names ------------------------------------------------------------------------------------------
    @property
    def is_past(self) -> bool:
        """Recorded after the fact: every moment of the record comes from the recorded date and times."""
        return self.recorded_after

    @property
    def is_numbered(self) -> bool:
        return bool(self.numbered and self.number)

    @property
    def body_kind_value(self) -> str:
        return self.body.kind if self.body_id else self.body_kind

    @property
    def body_kind_display(self) -> str:
        """ "Ban Chấp hành" – the meeting body's kind, or "" when the record does not say it."""
        kind = self.body_kind_value
        return Body.Kind(kind).label if kind in Body.Kind.values else ""

    @property
    def body_name(self) -> str:
        """The meeting body as the record knows it: "Ban Chấp hành Đảng bộ quận Tây Hồ khóa VI", or without
        "khóa" when no term is recorded, or the organization's name when not even the body is known."""
        if self.body_id:
            return self.body.full_name
        kind = self.body_kind_display
        if not kind:
            return self.organization.name if self.organization_id else ""
        name = f"{kind} {self.organization.name}"
        return f"{name} khóa {self.term.roman}" if self.term_id else name

    @property
    def term_text(self) -> str:
        """ "nhiệm kỳ 2020–2025", or "" when no term is recorded (never a guessed one)."""
        return f"nhiệm kỳ {self.term.years}" if self.term_id else ""

    @property
    def short_title(self) -> str:
        """ "Hội nghị lần thứ 17", or for an unnumbered meeting its own name ("Hội nghị sơ kết 6 tháng đầu năm
        2021") or one made from its kind and reviewed period."""
        if self.is_numbered:
            return f"Hội nghị lần thứ {self.number}"
        if self.name:
            return self.name
        review = {self.Kind.SIX_MONTH: "sơ kết", self.Kind.NINE_MONTH: "sơ kết", self.Kind.QUARTER: "sơ kết",
                  self.Kind.MID_TERM: "sơ kết", self.Kind.YEAR_END: "tổng kết"}.get(self.kind)
        if review and self.reviewed_period:
            return f"Hội nghị {review} {self.reviewed_period}"
        if self.kind == self.Kind.REGULAR:
            return "Hội nghị"
        return f"Hội nghị {self.get_kind_display().lower()}"

    @property
    def title(self) -> str:
        """ "Hội nghị lần thứ 17 Ban Chấp hành Đảng bộ quận Tây Hồ khóa VI, nhiệm kỳ 2020–2025"; an unnumbered
        meeting: "Hội nghị sơ kết 6 tháng đầu năm 2021 Ban Chấp hành Đảng bộ phường X"."""
        parts = [self.short_title]
        if not (self.name and not self.is_numbered):  # a name as written already says whose meeting it is
            parts.append(self.body_name)
        text = " ".join(p for p in parts if p)
        if self.is_numbered and self.term_id:
            text += f", {self.term_text}"
        return text

    @property
    def session_text(self) -> str:
        """ "sáng", "chiều", "cả ngày" or "" when the part of the day is not recorded."""
        return self.get_session_display().lower() if self.session else ""

    @property
    def when_text(self) -> str:
        """ "sáng ngày 05 tháng 10 năm 2023"; the whole day: "ngày 05 tháng 10 năm 2023 (cả ngày)"."""
        from capuy.core.vietnamese import long_date

        if self.session == self.Session.FULL_DAY:
            return f"{long_date(self.date)} (cả ngày)"
        session = f"{self.session_text} " if self.session else ""
        return f"{session}{long_date(self.date)}"

    @property
    def hours_text(self) -> str:
        """ "từ 8 giờ 00 đến 11 giờ 30", only with what is recorded; "" when no time is recorded."""
        def hour(t):
            return f"{t.hour} giờ {t.minute:02d}"

        if self.start_time and self.end_time:
            return f"từ {hour(self.start_time)} đến {hour(self.end_time)}"
        if self.start_time:
            return f"từ {hour(self.start_time)}"
        if self.end_time:
            return f"đến {hour(self.end_time)}"
        return ""

    def moment(self, time=None, clock=True):
        """The moment to record for something happening at this conference.

        A live conference takes the clock (``clock``). A conference recorded after the fact never does (issue
        13): it takes the recorded ``time`` on the conference date, or None (left empty) when there is none.
        """
        import datetime

        if time is not None and time.tzinfo is not None:
            raise ValidationError(LOCAL_TIME_ONLY)
        if not self.is_past:
            return timezone.now() if clock else None
        if time is None:
            return None
        return timezone.make_aware(datetime.datetime.combine(self.date, time))

    @property
    def start_text(self) -> str:
        """When the meeting began, as the record holds it ("8 giờ 00"), or the blank "…… giờ ……"."""
        if self.start_time:
            return clock_text(self.start_time)
        return clock_text(self.opened_at if not self.is_past else None)

    @property
    def end_text(self) -> str:
        """When the meeting ended: the recorded end time, a live meeting's closing moment, or the blank."""
        if self.end_time:
            return clock_text(self.end_time)
        return clock_text(self.closed_at if not self.is_past else None)

    @property
    def opened_moment(self):
        return self.opened_at if not self.is_past else self.moment(self.start_time)

    @property
    def closed_moment(self):
        return self.closed_at if not self.is_past else self.moment(self.end_time)

    # -- state ------------------------------------------------------------------------------------------
    @property
    def is_closed(self) -> bool:
        return self.status == self.Status.CLOSED

    @property
    def is_running(self) -> bool:
        return self.status == self.Status.IN_PROGRESS

    def ensure_editable(self):
        """A closed conference's record is final: any change raises a Vietnamese ValidationError."""
        if self.pk and Conference.objects.filter(pk=self.pk, status=self.Status.CLOSED).exists():
            raise ValidationError(CLOSED_MESSAGE)

    def clean(self):
        for field in ("start_time", "end_time"):
            if getattr(self, field) is not None and getattr(self, field).tzinfo is not None:
                raise ValidationError({field: LOCAL_TIME_ONLY})
        if self._state.adding and self.organization_id:
            # A conference recorded afterwards may predate the merge; a new one after it belongs to the successor.
            self.organization.refuse_if_closed("hội nghị mới", day=self.date or None)
        if self.body_id:
            if self.organization_id and self.body.organization_id != self.organization_id:
                raise ValidationError({"body": "Cơ quan lãnh đạo không thuộc tổ chức này."})
            if self.term_id and self.body.term_id != self.term_id:
                raise ValidationError({"body": "Cơ quan lãnh đạo không thuộc nhiệm kỳ này."})
        if self.term_id and self.organization_id and self.term.organization_id != self.organization_id:
            raise ValidationError({"term": "Nhiệm kỳ không thuộc tổ chức này."})
        if self.term_id and self.date and not self.term.covers(self.date):
            raise ValidationError({"date": f"Ngày họp nằm ngoài nhiệm kỳ {self.term}."})
        if self.recorded_after and self.date and self.date > timezone.localdate():
            raise ValidationError({"date": "Hội nghị ghi lại sau khi họp không thể có ngày họp trong tương lai."})
        if self.start_time and self.end_time and self.end_time <= self.start_time:
            raise ValidationError({"end_time": "Giờ kết thúc phải sau giờ bắt đầu."})
        if problem := session_problem(self.session, self.start_time):
            raise ValidationError({"start_time": problem})
        founded = self.organization.valid_from if self.organization_id else None
        if founded and self.date and self.date < founded:
            raise ValidationError({"date": f"Ngày họp trước ngày thành lập {self.organization.name} "
                                           f"({vietnamese.numeric_date(founded)})."})
        validate_conference_number(self)

    def save(self, *args, **kwargs):
        if self.body_id:
            self.organization_id = self.organization_id or self.body.organization_id
            self.term_id = self.term_id or self.body.term_id
            self.body_kind = self.body.kind
        if not self.numbered:
            self.number = None
        if self.pk is None:
            with transaction.atomic():
                # Lock the body row so that two offices creating at once do not take the same number.
                if self.body_id:
                    Body.objects.select_for_update().filter(pk=self.body_id).first()
                # A past conference keeps the number its record gives, or none: never the next one by count.
                if self.numbered and not self.number and self.body_id and not self.recorded_after:
                    self.number = next_conference_number(self.body)
                super().save(*args, **kwargs)
        else:
            super().save(*args, **kwargs)

    # -- people -----------------------------------------------------------------------------------------
    def members_on_date(self):
        """The body's members on the conference date (the people invited as members); none without a body."""
        if not self.body_id:
            return Person.objects.none()
        return self.body.members_on(self.date)

    def chair_title(self, person) -> str:
        """The chair's titles as printed: frozen on the record once it closes (or as recorded), so that later
        changes of a person's titles never rewrite a closed conference (issue 13)."""
        frozen = (self.chair_titles or {}).get(str(person.pk))
        return frozen if frozen is not None else person.titles_text(self.date)

    def chairs_text(self) -> str:
        parts = []
        for person in self.chairs.all():
            title = self.chair_title(person)
            parts.append(f"{person.full_name}, {title}" if title else person.full_name)
        return "; ".join(parts)

    @property
    def recorded_vote_text(self) -> str:
        """The vote of a meeting recorded after the fact, in the words of the record ("" when none was reported):
        only what the source reported, never a vote inferred from a resolution's existence."""
        share = f", tỷ lệ tán thành {vietnamese.percent(self.vote_share)}" if self.vote_share is not None else ""
        if self.resolution_passed is True:
            return f"Hội nghị biểu quyết thông qua nghị quyết{share} (theo tư liệu)."
        if self.resolution_passed is False:
            return f"Nghị quyết không được hội nghị thông qua{share} (theo tư liệu)."
        return f"Tỷ lệ tán thành {vietnamese.percent(self.vote_share)} (theo tư liệu)." if share else ""

    def freeze_titles(self):
        """Write down every title the record prints as it reads on the conference date (chairs, invitees,
        speakers, presenters): a closed record keeps them whatever happens to the people's titles later."""
        self.chair_titles = {str(p.pk): (self.chair_titles or {}).get(str(p.pk), p.titles_text(self.date))
                             for p in self.chairs.all()}
        for invitation in self.invitations.filter(guest_title="", person__isnull=False).select_related("person"):
            invitation.guest_title = invitation.person.titles_text(self.date)
            if invitation.guest_title:
                invitation.save(update_fields=["guest_title"])
        for speech in self.speeches.filter(speaker_title="", speaker__isnull=False).select_related("speaker"):
            speech.speaker_title = speech.speaker.titles_text(self.date)
            if speech.speaker_title:
                speech.save(update_fields=["speaker_title"])
        for item in self.agenda_items.filter(presenter_title="", presenter__isnull=False).select_related("presenter"):
            item.presenter_title = item.presenter.titles_text(self.date)
            if item.presenter_title:
                item.save(update_fields=["presenter_title"])

    def invitation_for(self, person) -> "Invitation | None":
        if person is None:
            return None
        return self.invitations.filter(person=person).first()

    def agenda(self):
        return self.agenda_items.all()

    # -- preparation ------------------------------------------------------------------------------------
    def _changing(self):
        self.ensure_editable()

    @transaction.atomic
    def invite_body_members(self) -> int:
        """Invite everyone who sits on the body on the conference date; returns how many were added."""
        self._changing()
        from capuy.conferences.roll import summoned

        already = set(self.invitations.values_list("person_id", flat=True))
        people = summoned(self)
        added = 0
        for i, person in enumerate(people, 1):
            if person.pk in already:
                continue
            Invitation.objects.create(conference=self, person=person, role=Invitation.Role.MEMBER,
                                      guest_title=person.titles_text(self.date), order=i)
            added += 1
        return added

    @transaction.atomic
    def invite_guest(self, person: Person, title: str = "") -> "Invitation":
        """Invite a guest (superior leader, head of a unit, delegate) with the title as it should be printed."""
        self._changing()
        if self.invitations.filter(person=person).exists():
            raise ValidationError(f"Đồng chí {person.full_name} đã có trong danh sách được mời.")
        order = (self.invitations.filter(role=Invitation.Role.GUEST).aggregate(n=Max("order"))["n"] or 0) + 1
        return Invitation.objects.create(conference=self, person=person, role=Invitation.Role.GUEST,
                                         guest_title=title.strip() or person.titles_text(self.date), order=order)

    def send_invitations(self, base_url: str = "") -> int:
        """E-mail every invitee not yet notified (those with an address) and mark the conference invited.

        Invitees without an address still find the invitation on their page "Hội nghị của tôi".
        Returns the number of e-mails sent.
        """
        from django.core.mail import EmailMessage, get_connection
        from django.template.loader import render_to_string

        from capuy.core.mail import about

        self._changing()
        if not self.invitations.exists():
            raise ValidationError("Chưa có ai trong danh sách được mời.")
        now = timezone.now()
        messages = []
        pending = list(self.invitations.filter(sent_at__isnull=True).select_related("person", "person__user"))
        for invitation in pending:
            address = invitation.person.email or getattr(getattr(invitation.person, "user", None), "email", "")
            if address:
                body = render_to_string("conferences/email_invitation.txt",
                                        {"conference": self, "invitation": invitation, "base_url": base_url})
                # Tagged with the invitation: its delivery is recorded per message (capuy.core.models.OutgoingMail).
                messages.append(about(EmailMessage(f"Giấy mời: {self.title}", body, settings.DEFAULT_FROM_EMAIL,
                                                   [address]), invitation))
        with transaction.atomic():
            Invitation.objects.filter(pk__in=[i.pk for i in pending]).update(sent_at=now)
            if self.status == self.Status.DRAFT:
                self.status = self.Status.INVITED
                self.save(update_fields=["status"])
        if messages:
            get_connection(fail_silently=True).send_messages(messages)
        return len(messages)

    # -- the meeting -----------------------------------------------------------------------------------
    def check_can_open(self):
        """Raise ValidationError when the conference cannot be opened now (asked before the confirmation too)."""
        self._changing()
        if self.status == self.Status.IN_PROGRESS:
            raise ValidationError("Hội nghị đang diễn ra.")
        if not self.is_past and self.date > timezone.localdate():
            # the minutes would say it opened on its date and closed weeks before
            raise ValidationError(f"Hội nghị dự kiến họp ngày {self.date:%d/%m/%Y}; chưa khai mạc được trước ngày đó. "
                                  "Nếu hội nghị họp sớm hơn, hãy sửa ngày hội nghị trước.")

    @transaction.atomic
    def open(self):
        """Open the conference (khai mạc): it goes live on the presiding screen at the first agenda item."""
        from capuy.conferences import live

        self.check_can_open()
        self.status, self.opened_at = self.Status.IN_PROGRESS, self.moment(self.start_time)
        first = self.agenda_items.first()
        self.save(update_fields=["status", "opened_at"])
        if first is not None:
            self.go_to_item(first)
        live.publish(self.pk, "status", {"status": self.status})

    def _running(self):
        self._changing()
        if self.status != self.Status.IN_PROGRESS:
            raise ValidationError("Hội nghị chưa khai mạc.")

    @transaction.atomic
    def go_to_item(self, item: "AgendaItem | None"):
        """Move the presiding screen to ``item`` (None: after the last item)."""
        from capuy.conferences import live

        self._running()
        if item is not None and item.conference_id != self.pk:
            raise ValidationError("Nội dung chương trình không thuộc hội nghị này.")
        now = self.moment()
        if self.current_item_id and (item is None or self.current_item_id != item.pk):
            AgendaItem.objects.filter(pk=self.current_item_id, ended_at__isnull=True).update(ended_at=now)
        if item is not None and item.started_at is None:
            item.started_at = now
            item.save(update_fields=["started_at"])
        self.end_speech()
        self.current_item = item
        self.save(update_fields=["current_item"])
        live.publish(self.pk, "agenda", {"item": item.pk if item else None})

    def next_item(self):
        items = list(self.agenda_items.all())
        if self.current_item_id is None:
            target = items[0] if items and not any(i.started_at for i in items) else None
        else:
            index = next((n for n, i in enumerate(items) if i.pk == self.current_item_id), len(items))
            target = items[index + 1] if index + 1 < len(items) else None
        self.go_to_item(target)
        return target

    def previous_item(self):
        items = list(self.agenda_items.all())
        index = next((n for n, i in enumerate(items) if i.pk == self.current_item_id), None)
        if index:
            self.go_to_item(items[index - 1])

    def _invitation_of(self, who) -> "Invitation":
        if isinstance(who, Invitation):
            if who.conference_id != self.pk:
                raise ValidationError("Giấy mời không thuộc hội nghị này.")
            return who
        invitation = self.invitations.filter(person=who).first()
        if invitation is None:
            raise ValidationError(f"Đồng chí {who.full_name} không có trong danh sách được mời dự hội nghị.")
        return invitation

    @transaction.atomic
    def check_in(self, who, method: str = "staff", user=None, self_service: bool = False) -> "Attendance":
        """Record an arrival (``who``: an Invitation or a Person); late when the conference has already opened.

        ``self_service``: the invitee checks themself in (page, QR code or API); that is only possible on the
        meeting day. The office may record an arrival on the day or after it (a meeting recorded after the fact),
        never before it: the record would say someone was present at a meeting not yet held.
        """
        from capuy.conferences import live

        self._changing()
        if self.status == self.Status.DRAFT:
            raise ValidationError("Hội nghị chưa gửi giấy mời, chưa thể điểm danh.")
        if self_service and self.date != timezone.localdate():
            raise ValidationError("Chỉ tự điểm danh được trong ngày họp.")
        if self.date > timezone.localdate():
            raise ValidationError(f"Hội nghị họp ngày {self.date:%d/%m/%Y}; chưa điểm danh có mặt được trước ngày đó.")
        invitation = self._invitation_of(who)
        # Lock the invitation so that two check-ins at once do not both pass the check (ordered by pk alone: the
        # default order joins the nullable person, and PostgreSQL locks no outer join).
        Invitation.objects.select_for_update().filter(pk=invitation.pk).order_by("pk").first()
        existing = Attendance.objects.filter(invitation=invitation).first()
        if existing is not None and existing.status == Attendance.Status.PRESENT:
            from django.utils.formats import time_format

            at = time_format(timezone.localtime(existing.arrived_at), "H:i") if existing.arrived_at else ""
            raise ValidationError(f"Đồng chí {invitation.person.full_name} đã điểm danh{' lúc ' + at if at else ''}.")
        now = self.moment()  # a past conference's arrival time is not known: left empty, not the clock
        attendance = existing or Attendance(invitation=invitation, conference=self)
        attendance.status, attendance.arrived_at, attendance.left_at = Attendance.Status.PRESENT, now, None
        attendance.late = self.status == self.Status.IN_PROGRESS
        attendance.method, attendance.recorded_by, attendance.reason = method, user, ""
        attendance.save()
        live.publish(self.pk, "attendance", {"person": invitation.person_id, **_quorum(self).as_dict()})
        return attendance

    @transaction.atomic
    def clear_attendance(self, who) -> None:
        """Undo a mistaken entry of the roll (a wrong tap at the door): the invitee is again not yet recorded.

        Refused once the conference is closed, and for someone who has voted in it: their ballot was cast as present.
        """
        from capuy.conferences import live, panels

        self._changing()
        invitation = self._invitation_of(who)
        attendance = Attendance.objects.filter(invitation=invitation).first()
        if attendance is None:
            raise ValidationError(f"Đồng chí {invitation.attendee_name} chưa được điểm danh.")
        if panels.has_voted(self, invitation.person_id):
            raise ValidationError(f"Đồng chí {invitation.attendee_name} đã bỏ phiếu tại hội nghị; không hủy điểm danh được.")
        attendance.delete()
        live.publish(self.pk, "attendance", {"person": invitation.person_id, **_quorum(self).as_dict()})

    @transaction.atomic
    def mark_left(self, who, reason: str = "") -> "Attendance":
        """Record an early departure."""
        from capuy.conferences import live

        self._running()
        invitation = self._invitation_of(who)
        attendance = Attendance.objects.filter(invitation=invitation, status=Attendance.Status.PRESENT).first()
        if attendance is None:
            raise ValidationError(f"Đồng chí {invitation.person.full_name} chưa điểm danh có mặt.")
        if attendance.left_at is not None:
            raise ValidationError(f"Đồng chí {invitation.person.full_name} đã được ghi nhận về sớm.")
        attendance.left_at, attendance.reason = self.moment() or timezone.now(), reason.strip()
        attendance.save(update_fields=["left_at", "reason"])
        live.publish(self.pk, "attendance", {"person": invitation.person_id, **_quorum(self).as_dict()})
        return attendance

    @transaction.atomic
    def mark_absent(self, who, excused: bool, reason: str = "", user=None) -> "Attendance":
        """Record an absence, excused (with a reason) or not."""
        from capuy.conferences import live

        self._changing()
        invitation = self._invitation_of(who)
        reason = reason.strip()
        if excused and not reason:
            raise ValidationError({"reason": "Vắng có lý do cần ghi rõ lý do."})
        attendance = Attendance.objects.filter(invitation=invitation).first()
        if attendance is not None and attendance.status == Attendance.Status.PRESENT:
            raise ValidationError(f"Đồng chí {invitation.person.full_name} đã điểm danh có mặt.")
        attendance = attendance or Attendance(invitation=invitation, conference=self)
        attendance.status = Attendance.Status.EXCUSED if excused else Attendance.Status.UNEXCUSED
        attendance.reason, attendance.recorded_by, attendance.arrived_at = reason, user, None
        attendance.save()
        live.publish(self.pk, "attendance", {"person": invitation.person_id, **_quorum(self).as_dict()})
        return attendance

    # -- speakers --------------------------------------------------------------------------------------
    @transaction.atomic
    def register_speaker(self, item: "AgendaItem", person: Person, kind: str = "y_kien",
                         topic: str = "") -> "SpeakerRequest":
        """Register ``person`` to speak on ``item``; only invitees, only while the list is open."""
        from capuy.conferences import live

        self._changing()
        if item.conference_id != self.pk:
            raise ValidationError("Nội dung chương trình không thuộc hội nghị này.")
        self._invitation_of(person)
        if item.speakers_closed:
            raise ValidationError("Danh sách đăng ký phát biểu cho nội dung này đã khóa.")
        if kind not in SpeechKind.values:
            raise ValidationError({"kind": "Hình thức phát biểu không hợp lệ."})
        if SpeakerRequest.objects.filter(agenda_item=item, person=person,
                                         status=SpeakerRequest.Status.WAITING).exists():
            raise ValidationError(f"Đồng chí {person.full_name} đã đăng ký phát biểu nội dung này.")
        order = (item.speaker_requests.aggregate(n=Max("order"))["n"] or 0) + 1
        request = SpeakerRequest.objects.create(conference=self, agenda_item=item, person=person, kind=kind,
                                                topic=topic.strip(), order=order)
        live.publish(self.pk, "speakers", {"item": item.pk})
        return request

    @transaction.atomic
    def order_speakers(self, item: "AgendaItem", request_ids: list[int]):
        """The chair's order for the waiting list of ``item``."""
        from capuy.conferences import live

        self._changing()
        waiting = {r.pk: r for r in item.speaker_requests.filter(status=SpeakerRequest.Status.WAITING)}
        if set(request_ids) != set(waiting):
            raise ValidationError("Danh sách sắp xếp không khớp với danh sách đăng ký phát biểu.")
        for position, pk in enumerate(request_ids, 1):
            waiting[pk].order = position
            waiting[pk].save(update_fields=["order"])
        live.publish(self.pk, "speakers", {"item": item.pk})

    def close_speaker_list(self, item: "AgendaItem", closed: bool = True):
        from capuy.conferences import live

        self._changing()
        item.speakers_closed = closed
        item.save(update_fields=["speakers_closed"])
        live.publish(self.pk, "speakers", {"item": item.pk, "closed": closed})

    @transaction.atomic
    def start_speech(self, person: Person, kind: str = "y_kien", item: "AgendaItem | None" = None,
                     request: "SpeakerRequest | None" = None) -> "Speech":
        """Give the floor to ``person`` (an invitee): the presiding screen shows them as the current speaker."""
        from capuy.conferences import live

        self._running()
        item = item or (request.agenda_item if request else None) or self.current_item
        speech = self.record_speech(person, kind, item=item, request=request, live_event=False)
        speech.started_at = self.moment()
        speech.save(update_fields=["started_at"])
        self.end_speech()
        self.current_speech = speech
        self.save(update_fields=["current_speech"])
        live.publish(self.pk, "speech", {"speech": speech.pk, "speaker": person.full_name})
        return speech

    def end_speech(self):
        from capuy.conferences import live

        if self.current_speech_id:
            Speech.objects.filter(pk=self.current_speech_id, ended_at__isnull=True).update(ended_at=self.moment())
            self.current_speech = None
            self.save(update_fields=["current_speech"])
            live.publish(self.pk, "speech", {"speech": None})

    @transaction.atomic
    def record_speech(self, person: Person, kind: str, summary: str = "", item: "AgendaItem | None" = None,
                      request: "SpeakerRequest | None" = None, title: str = "", live_event: bool = True) -> "Speech":
        """Record a speech (tham luận, ý kiến, chỉ đạo, kết luận) with its speaker and a summary."""
        from capuy.conferences import live

        self._changing()
        if kind not in SpeechKind.values:
            raise ValidationError({"kind": "Loại phát biểu không hợp lệ."})
        invitation = self._invitation_of(person)
        absence = Attendance.objects.filter(invitation=invitation).exclude(status=Attendance.Status.PRESENT).first()
        if absence is not None and kind != SpeechKind.CONTRIBUTION:
            # An absent member may send a written contribution (tham luận), but cannot have spoken.
            raise ValidationError(f"Đồng chí {person.full_name} được ghi {absence.get_status_display().lower()}, "
                                  "không thể ghi nhận phát biểu tại hội nghị.")
        order = (self.speeches.aggregate(n=Max("order"))["n"] or 0) + 1
        speech = Speech(conference=self, agenda_item=item, request=request, kind=kind, speaker=person,
                        speaker_title=title.strip() or invitation.printed_title, summary=summary.strip(), order=order)
        speech.full_clean()
        speech.save()
        if request is not None:
            request.status = SpeakerRequest.Status.DONE
            request.save(update_fields=["status"])
        if live_event:
            live.publish(self.pk, "speech", {"recorded": speech.pk})
        return speech

    # -- closing ---------------------------------------------------------------------------------------
    @transaction.atomic
    def close(self, conclusion: str = "", user=None):
        """Close the conference (bế mạc) and record its conclusion.

        Members who neither checked in nor were marked absent are recorded absent: excused when they
        answered the invitation "vắng mặt" with a reason, unexcused otherwise.
        """
        from capuy.conferences import live

        self._changing()
        if self.status != self.Status.IN_PROGRESS:
            raise ValidationError("Chỉ bế mạc được hội nghị đang diễn ra.")
        conclusion = (conclusion or self.conclusion).strip()
        if not conclusion:
            raise ValidationError({"conclusion": "Vui lòng ghi kết luận của hội nghị trước khi bế mạc."})
        now = self.moment(self.end_time)
        self.end_speech()
        if self.current_item_id:
            AgendaItem.objects.filter(pk=self.current_item_id, ended_at__isnull=True).update(ended_at=now)
        for invitation in self.invitations.filter(role=Invitation.Role.MEMBER, attendance__isnull=True):
            excused = invitation.answer == Invitation.Answer.ABSENT and bool(invitation.reason)
            Attendance.objects.create(
                invitation=invitation, conference=self, recorded_by=user, reason=invitation.reason,
                status=Attendance.Status.EXCUSED if excused else Attendance.Status.UNEXCUSED)
        self.drafts.update(status=Draft.Status.CLOSED)
        self.freeze_titles()
        self.conclusion, self.status, self.closed_at, self.current_item = conclusion, self.Status.CLOSED, now, None
        self.save(update_fields=["conclusion", "status", "closed_at", "current_item", "chair_titles"])
        live.publish(self.pk, "status", {"status": self.status})


# ---------------------------------------------------------------------------------------------------------
# Agenda
# ---------------------------------------------------------------------------------------------------------


class AgendaItem(models.Model):
    class Kind(models.TextChoices):
        OPENING = "khai_mac", "Khai mạc"
        REPORT = "bao_cao", "Báo cáo"
        PROPOSAL = "to_trinh", "Tờ trình"
        DRAFT_RESOLUTION = "du_thao_nq", "Dự thảo nghị quyết"
        CONTRIBUTIONS = "tham_luan", "Tham luận, thảo luận"
        DIRECTIONS = "chi_dao", "Phát biểu chỉ đạo"
        RESPONSES = "tiep_thu", "Tiếp thu, giải trình"
        VOTE = "bieu_quyet", "Biểu quyết"
        CONCLUSION = "ket_luan", "Phát biểu kết luận"
        COMMENDATION = "khen_thuong", "Khen thưởng"

    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="agenda_items")
    order = models.PositiveSmallIntegerField("thứ tự", default=0)
    kind = models.CharField("loại nội dung", max_length=12, choices=Kind.choices, default=Kind.REPORT)
    title = models.CharField("nội dung", max_length=500)
    presenter = models.ForeignKey(Person, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                                  verbose_name="người trình bày")
    presenter_title = models.CharField("chức danh người trình bày (như in)", max_length=300, blank=True)
    planned_minutes = models.PositiveSmallIntegerField("thời lượng dự kiến (phút)", null=True, blank=True)
    summary = models.TextField("tóm tắt nội dung", blank=True)
    speakers_closed = models.BooleanField("đã khóa danh sách đăng ký phát biểu", default=False)
    started_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["conference", "order", "pk"]
        verbose_name = "nội dung chương trình"
        verbose_name_plural = "chương trình hội nghị"

    def __str__(self):
        return self.title

    @property
    def presenter_text(self) -> str:
        if not self.presenter_id:
            return self.presenter_title
        titles = self.presenter_title or self.presenter.titles_text(self.conference.date)
        return f"{self.presenter.full_name}, {titles}" if titles else self.presenter.full_name


class AgendaAttachment(models.Model):
    """A document handed out with an agenda item: an uploaded file or a link to another record."""

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="attachments")
    title = models.CharField("tên tài liệu", max_length=300)
    file = models.FileField("tệp", upload_to="hoi-nghi/tai-lieu/%Y/", blank=True)
    url = models.CharField("liên kết", max_length=500, blank=True, validators=[validate_link])

    class Meta:
        ordering = ["item", "pk"]
        verbose_name = "tài liệu kèm theo"
        verbose_name_plural = "tài liệu kèm theo"

    def __str__(self):
        return self.title


# ---------------------------------------------------------------------------------------------------------
# Invitations and attendance
# ---------------------------------------------------------------------------------------------------------


def _token() -> str:
    return secrets.token_urlsafe(18)


class Invitation(models.Model):
    class Role(models.TextChoices):
        MEMBER = "member", "Thành viên"
        GUEST = "guest", "Khách mời"

    class Answer(models.TextChoices):
        PENDING = "pending", "Chưa trả lời"
        ATTENDING = "attending", "Tham dự"
        ABSENT = "absent", "Vắng mặt"

    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="invitations")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="conference_invitations",
                               verbose_name="người được mời", null=True, blank=True)
    # Attendees who are not one named person (issue 13): "đại diện lãnh đạo các ban, ngành, đoàn thể phường".
    group_name = models.CharField("tập thể, đại diện (không ghi tên)", max_length=300, blank=True)
    role = models.CharField("mời với tư cách", max_length=8, choices=Role.choices, default=Role.MEMBER)
    guest_title = models.CharField("chức danh (như in trên giấy mời)", max_length=300, blank=True)
    order = models.PositiveIntegerField("thứ tự", default=0)
    answer = models.CharField("trả lời", max_length=10, choices=Answer.choices, default=Answer.PENDING)
    reason = models.CharField("lý do vắng mặt", max_length=300, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField("gửi lúc", null=True, blank=True)
    token = models.CharField(max_length=32, unique=True, default=_token, editable=False)

    class Meta:
        ordering = ["conference", "role", "order", "person__sort_key"]
        verbose_name = "giấy mời"
        verbose_name_plural = "giấy mời"
        constraints = [
            models.UniqueConstraint(fields=["conference", "person"], name="invitation_unique_person",
                                    violation_error_message="Người này đã được mời dự hội nghị."),
            models.CheckConstraint(
                condition=(Q(person__isnull=False, group_name="") | Q(person__isnull=True) & ~Q(group_name="")),
                name="invitation_person_or_group",
                violation_error_message="Mỗi người dự là một người cụ thể hoặc một tập thể, đại diện."),
        ]

    def __str__(self):
        return f"{self.attendee_name} – {self.conference}"

    @property
    def is_group(self) -> bool:
        return not self.person_id

    @property
    def attendee_name(self) -> str:
        return self.person.full_name if self.person_id else self.group_name

    @property
    def addressed(self) -> str:
        """ "đồng chí Lê Văn Sơn" for a person; a group as written, never "đồng chí <group>"."""
        return f"đồng chí {self.person.full_name}" if self.person_id else self.group_name

    @property
    def printed_title(self) -> str:
        if not self.person_id:
            return self.guest_title
        return self.guest_title or self.person.titles_text(self.conference.date)

    @property
    def name_with_title(self) -> str:
        title = self.printed_title
        return f"{self.attendee_name}, {title}" if title else self.attendee_name

    def check_in_url(self) -> str:
        return reverse("conferences:check_in_token", args=[self.token])

    def guest_url(self) -> str:
        """The personal link of an invitee without a login (``capuy.conferences.guest``)."""
        from capuy.conferences import guest

        return guest.url(self)

    @property
    def has_login(self) -> bool:
        return bool(self.person_id) and hasattr(self.person, "user")

    def answer_with(self, answer: str, reason: str = ""):
        """Record the invitee's answer; an absence needs a reason."""
        self.conference.ensure_editable()
        if answer not in (self.Answer.ATTENDING, self.Answer.ABSENT):
            raise ValidationError("Vui lòng chọn tham dự hoặc vắng mặt.")
        reason = reason.strip()
        if answer == self.Answer.ABSENT and not reason:
            raise ValidationError({"reason": "Vui lòng cho biết lý do vắng mặt."})
        self.answer, self.reason, self.answered_at = answer, reason if answer == self.Answer.ABSENT else "", timezone.now()
        self.save(update_fields=["answer", "reason", "answered_at"])
        from capuy.conferences import live

        # The office's home counts the answers still awaited (conferences/inbox.py).
        live.publish(self.conference_id, "invitation", {"invitation": self.pk, "answer": answer})


class Attendance(models.Model):
    """The attendance of one invitee: arrival (on time or late), early departure, or absence."""

    class Status(models.TextChoices):
        PRESENT = "present", "Có mặt"
        EXCUSED = "excused", "Vắng có lý do"
        UNEXCUSED = "unexcused", "Vắng không lý do"

    class Method(models.TextChoices):
        STAFF = "staff", "Văn phòng điểm danh"
        SELF = "self", "Tự điểm danh"
        QR = "qr", "Quét mã QR"

    invitation = models.OneToOneField(Invitation, on_delete=models.CASCADE, related_name="attendance")
    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="attendances")
    status = models.CharField("tình trạng", max_length=10, choices=Status.choices, default=Status.PRESENT)
    arrived_at = models.DateTimeField("đến lúc", null=True, blank=True)
    late = models.BooleanField("đến muộn", default=False)
    left_at = models.DateTimeField("về sớm lúc", null=True, blank=True)
    reason = models.CharField("lý do", max_length=300, blank=True)
    method = models.CharField("cách điểm danh", max_length=6, choices=Method.choices, default=Method.STAFF)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")

    class Meta:
        ordering = ["conference", "invitation__role", "invitation__order", "invitation__person__sort_key"]
        verbose_name = "điểm danh"
        verbose_name_plural = "điểm danh"

    def __str__(self):
        return f"{self.invitation.attendee_name}: {self.get_status_display()}"

    @property
    def is_present_now(self) -> bool:
        return self.status == self.Status.PRESENT and self.left_at is None


class DelegateAlternate(models.Model):
    """Representative congress: an alternate delegate (dự khuyết) takes the seat of a delegate absent from the
    whole congress (Party Charter art. 9; Quy định 232-QĐ/TW §9.3); the roll (``capuy.conferences.roll``) reads it."""

    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="alternates")
    delegate = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+", verbose_name="đại biểu vắng")
    alternate = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+",
                                  verbose_name="đại biểu dự khuyết")

    class Meta:
        verbose_name = "đại biểu dự khuyết thay thế"
        verbose_name_plural = "đại biểu dự khuyết thay thế"
        constraints = [
            models.UniqueConstraint(fields=["conference", "delegate"], name="conference_alternate_unique",
                                    violation_error_message="Đại biểu này đã có đại biểu dự khuyết thay thế."),
        ]

    def __str__(self):
        return f"{self.alternate} thay {self.delegate}"


# ---------------------------------------------------------------------------------------------------------
# Drafts and comments
# ---------------------------------------------------------------------------------------------------------


class Draft(models.Model):
    class Kind(models.TextChoices):
        REPORT = "bao_cao", "Dự thảo báo cáo"
        RESOLUTION = "nghi_quyet", "Dự thảo nghị quyết"
        PROPOSAL = "to_trinh", "Tờ trình"
        OTHER = "khac", "Dự thảo khác"

    class Status(models.TextChoices):
        OPEN = "open", "Đang lấy ý kiến"
        CLOSED = "closed", "Đã khóa góp ý"

    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="drafts")
    agenda_item = models.ForeignKey(AgendaItem, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="drafts", verbose_name="nội dung chương trình")
    kind = models.CharField("loại dự thảo", max_length=12, choices=Kind.choices, default=Kind.REPORT)
    title = models.CharField("tên dự thảo", max_length=500)
    status = models.CharField("trạng thái", max_length=8, choices=Status.choices, default=Status.OPEN)
    comment_deadline = models.DateField("hạn góp ý", null=True, blank=True)
    summary_published_at = models.DateTimeField("công bố tổng hợp tiếp thu, giải trình lúc", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["conference", "pk"]
        verbose_name = "dự thảo"
        verbose_name_plural = "dự thảo"

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("conferences:draft", args=[self.conference_id, self.pk])

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN and not self.conference.is_closed

    def latest_version(self) -> "DraftVersion | None":
        return self.versions.order_by("-number").first()

    @transaction.atomic
    def add_version(self, text: str, user=None, note: str = "", file=None) -> "DraftVersion":
        """A new version numbered after the last one."""
        self.conference.ensure_editable()
        text = (text or "").strip()
        if not text and not file:
            raise ValidationError({"text": "Vui lòng nhập nội dung hoặc tải tệp dự thảo."})
        if not text and file is not None and file.name.lower().endswith(".docx"):
            text = docx_text(file)
        if len(text) > MAX_DRAFT_CHARACTERS:
            raise ValidationError({"text": f"Dự thảo dài quá {vietnamese.number(MAX_DRAFT_CHARACTERS)} ký tự; "
                                           "hãy chia thành nhiều văn bản hoặc rút gọn."})
        number = (self.versions.aggregate(n=Max("number"))["n"] or 0) + 1
        return DraftVersion.objects.create(draft=self, number=number, text=text, note=note,
                                           file=file, created_by=user)

    def answer_counts(self) -> dict:
        counts = {a: 0 for a in DraftComment.Answer.values}
        for row in self.comments.values("answer").annotate(n=models.Count("pk")):
            counts[row["answer"]] = row["n"]
        return counts


MAX_DRAFT_CHARACTERS = 300_000  # about 100 printed pages; a draft is commented on paragraph by paragraph
DOCX_SECONDS = 10


def docx_text(file) -> str:
    """The text of an uploaded DOCX draft in capuy's draft format: headings become "# …" lines, paragraphs are
    separated by a blank line, so that an uploaded draft can be commented on by paragraph and compared.
    Reading stops with a refusal past ``MAX_DRAFT_CHARACTERS`` or ``DOCX_SECONDS`` (the archive itself is
    bounded by ``capuy.core.uploads``)."""
    import time

    import docx

    try:
        document = docx.Document(file)
    except Exception as exc:  # a damaged or mislabelled file
        raise ValidationError({"file": "Không đọc được tệp DOCX của dự thảo."}) from exc
    finally:
        file.seek(0)
    blocks = []
    length, deadline = 0, time.monotonic() + DOCX_SECONDS
    for paragraph in document.paragraphs:
        content = " ".join(paragraph.text.split())
        length += len(content) + 2
        if length > MAX_DRAFT_CHARACTERS or time.monotonic() > deadline:
            raise ValidationError({"file": f"Tệp dự thảo dài quá {vietnamese.number(MAX_DRAFT_CHARACTERS)} ký tự "
                                           "hoặc quá phức tạp để đọc; hãy chia nhỏ tài liệu."})
        if content:
            heading = (paragraph.style.name or "").lower().startswith(("heading", "title"))
            blocks.append(f"# {content}" if heading else content)
    return "\n\n".join(blocks)


class DraftVersion(models.Model):
    draft = models.ForeignKey(Draft, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField("phiên bản")
    text = models.TextField("nội dung", blank=True,
                            help_text="Mỗi đoạn cách nhau một dòng trống; dòng bắt đầu bằng # là tiêu đề phần.")
    file = models.FileField("tệp dự thảo", upload_to="hoi-nghi/du-thao/%Y/", blank=True)
    note = models.CharField("ghi chú thay đổi", max_length=300, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["draft", "number"]
        verbose_name = "phiên bản dự thảo"
        verbose_name_plural = "phiên bản dự thảo"
        constraints = [models.UniqueConstraint(fields=["draft", "number"], name="draft_version_unique_number")]

    def __str__(self):
        return f"{self.draft} – phiên bản {self.number}"

    def paragraphs(self) -> list[dict]:
        """Numbered paragraphs with the section heading they sit under (anchors for comments)."""
        out, section = [], ""
        for index, block in enumerate((b.strip() for b in self.text.replace("\r\n", "\n").split("\n\n")), 1):
            if not block:
                continue
            if block.startswith("#"):
                section = block.lstrip("#").strip()
                out.append({"number": index, "section": section, "text": section, "heading": True})
            else:
                out.append({"number": index, "section": section, "text": block, "heading": False})
        return out

    def previous(self) -> "DraftVersion | None":
        return self.draft.versions.filter(number__lt=self.number).order_by("-number").first()

    def diff_from(self, other: "DraftVersion | None") -> list[tuple[str, str]]:
        """Line-by-line changes from ``other``: [("same" | "added" | "removed", line)]."""
        import difflib

        old = other.text.splitlines() if other else []
        new = self.text.splitlines()
        rows = []
        for line in difflib.ndiff(old, new):
            code, text = line[:2], line[2:]
            if code == "  ":
                rows.append(("same", text))
            elif code == "+ ":
                rows.append(("added", text))
            elif code == "- ":
                rows.append(("removed", text))
        return rows


class DraftComment(models.Model):
    class Answer(models.TextChoices):
        PENDING = "pending", "Chưa trả lời"
        ACCEPTED = "accepted", "Tiếp thu"
        EXPLAINED = "explained", "Giải trình"
        REJECTED = "rejected", "Không tiếp thu"

    draft = models.ForeignKey(Draft, on_delete=models.CASCADE, related_name="comments")
    version = models.ForeignKey(DraftVersion, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="draft_comments",
                               verbose_name="người góp ý")
    section = models.CharField("phần, mục", max_length=300, blank=True)
    paragraph = models.PositiveSmallIntegerField("đoạn số", null=True, blank=True)
    quote = models.TextField("trích đoạn", blank=True)
    text = models.TextField("ý kiến góp ý")
    created_at = models.DateTimeField(auto_now_add=True)
    answer = models.CharField("trả lời", max_length=10, choices=Answer.choices, default=Answer.PENDING)
    answer_text = models.TextField("nội dung tiếp thu, giải trình", blank=True)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["draft", "paragraph", "created_at", "pk"]
        verbose_name = "ý kiến góp ý dự thảo"
        verbose_name_plural = "ý kiến góp ý dự thảo"

    def __str__(self):
        return f"{self.author}: {self.text[:60]}"

    @property
    def anchor_text(self) -> str:
        parts = []
        if self.section:
            parts.append(self.section)
        if self.paragraph:
            parts.append(f"đoạn {self.paragraph}")
        return ", ".join(parts) or "Toàn văn"

    def answer_with(self, answer: str, text: str, user=None):
        """The drafting office's answer: tiếp thu, giải trình or không tiếp thu; the last two need a reason."""
        self.draft.conference.ensure_editable()
        if answer not in (self.Answer.ACCEPTED, self.Answer.EXPLAINED, self.Answer.REJECTED):
            raise ValidationError({"answer": "Vui lòng chọn tiếp thu, giải trình hoặc không tiếp thu."})
        text = (text or "").strip()
        if answer != self.Answer.ACCEPTED and not text:
            raise ValidationError({"answer_text": "Vui lòng nêu nội dung giải trình hoặc lý do không tiếp thu."})
        self.answer, self.answer_text, self.answered_by, self.answered_at = answer, text, user, timezone.now()
        self.save(update_fields=["answer", "answer_text", "answered_by", "answered_at"])


# ---------------------------------------------------------------------------------------------------------
# Speakers and speeches
# ---------------------------------------------------------------------------------------------------------


class SpeechKind(models.TextChoices):
    CONTRIBUTION = "tham_luan", "Tham luận"
    OPINION = "y_kien", "Ý kiến"
    DIRECTIONS = "chi_dao", "Phát biểu chỉ đạo"
    CONCLUSION = "ket_luan", "Phát biểu kết luận"
    REPORT = "bao_cao", "Trình bày báo cáo"
    OPENING = "khai_mac", "Phát biểu khai mạc"


class SpeakerRequest(models.Model):
    """A registration to speak on an agenda item; the chair orders the list and closes it."""

    class Status(models.TextChoices):
        WAITING = "waiting", "Chờ phát biểu"
        DONE = "done", "Đã phát biểu"
        WITHDRAWN = "withdrawn", "Rút đăng ký"

    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="speaker_requests")
    agenda_item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="speaker_requests")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+", verbose_name="người đăng ký")
    kind = models.CharField("hình thức", max_length=10, choices=SpeechKind.choices, default=SpeechKind.OPINION)
    topic = models.CharField("nội dung dự kiến", max_length=300, blank=True)
    order = models.PositiveIntegerField("thứ tự", default=0)
    status = models.CharField("trạng thái", max_length=10, choices=Status.choices, default=Status.WAITING)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["agenda_item", "order", "created_at", "pk"]
        verbose_name = "đăng ký phát biểu"
        verbose_name_plural = "đăng ký phát biểu"

    def __str__(self):
        return f"{self.person} – {self.agenda_item}"


class Speech(models.Model):
    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="speeches")
    agenda_item = models.ForeignKey(AgendaItem, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="speeches", verbose_name="nội dung chương trình")
    request = models.OneToOneField(SpeakerRequest, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="speech")
    kind = models.CharField("loại phát biểu", max_length=10, choices=SpeechKind.choices, default=SpeechKind.OPINION)
    speaker = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="speeches",
                                verbose_name="người phát biểu", null=True, blank=True)
    # A speech given on behalf of a group without a recorded name (issue 13).
    speaker_group = models.CharField("tập thể, đại diện phát biểu (không ghi tên)", max_length=300, blank=True)
    speaker_title = models.CharField("chức danh (như in)", max_length=300, blank=True)
    summary = models.TextField("tóm tắt nội dung", blank=True)
    order = models.PositiveIntegerField("thứ tự", default=0)
    started_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["conference", "order", "pk"]
        verbose_name = "phát biểu"
        verbose_name_plural = "phát biểu"

    def __str__(self):
        return f"{self.get_kind_display()}: {self.speaker_name}"

    @property
    def speaker_name(self) -> str:
        return self.speaker.full_name if self.speaker_id else self.speaker_group

    @property
    def addressed(self) -> str:
        """ "đồng chí Lê Văn Sơn, …" for a person; a group as written, never "đồng chí <group>"."""
        return f"đồng chí {self.speaker_text}" if self.speaker_id else self.speaker_text

    @property
    def speaker_text(self) -> str:
        if not self.speaker_id:
            return f"{self.speaker_group}, {self.speaker_title}" if self.speaker_title else self.speaker_group
        title = self.speaker_title or self.speaker.titles_text(self.conference.date)
        return f"{self.speaker.full_name}, {title}" if title else self.speaker.full_name

    def clean(self):
        if bool(self.speaker_id) == bool(self.speaker_group.strip()):
            raise ValidationError({"speaker": "Người phát biểu là một người cụ thể hoặc một tập thể, đại diện."})
        if self.conference_id and self.speaker_id and not Invitation.objects.filter(
            conference_id=self.conference_id, person_id=self.speaker_id
        ).exists():
            raise ValidationError({"speaker": "Người phát biểu không có trong danh sách được mời dự hội nghị."})
        if self.agenda_item_id and self.conference_id and self.agenda_item.conference_id != self.conference_id:
            raise ValidationError({"agenda_item": "Nội dung chương trình không thuộc hội nghị này."})


# ---------------------------------------------------------------------------------------------------------
# Documents a conference refers to
# ---------------------------------------------------------------------------------------------------------


class ConferenceReference(models.Model):
    """A document the conference refers to ("Quy định số 09-QĐ/TU của Tỉnh ủy"), as written in the source, and
    linked to the library's record when the library holds it (issue 13)."""

    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="references")
    order = models.PositiveSmallIntegerField("thứ tự", default=0)
    kind = models.CharField("loại văn bản", max_length=100, blank=True, help_text="Ví dụ: Quy định, Chỉ thị")
    number = models.CharField("số, ký hiệu", max_length=100, blank=True, help_text="Ví dụ: 09-QĐ/TU")
    issuer = models.CharField("cơ quan ban hành", max_length=200, blank=True)
    issued_on = models.DateField("ngày ban hành", null=True, blank=True)
    title = models.CharField("trích yếu", max_length=500, blank=True)
    document = models.ForeignKey("documents.Document", null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="conference_references", verbose_name="văn bản trong thư viện")

    class Meta:
        ordering = ["conference", "order", "pk"]
        verbose_name = "văn bản được nhắc đến"
        verbose_name_plural = "văn bản được nhắc đến"

    def __str__(self):
        return self.text

    @property
    def text(self) -> str:
        """ "Quy định số 09-QĐ/TU của Tỉnh ủy về …" with only the parts recorded."""
        text = self.kind or "Văn bản"
        if self.number:
            text += f" số {self.number}"
        if self.issued_on:
            text += f" ngày {self.issued_on:%d/%m/%Y}"
        if self.issuer:
            text += f" của {self.issuer}"
        if self.title:
            text += f" về {self.title[0].lower() + self.title[1:]}" if not self.title.lower().startswith("về ") \
                else f" {self.title}"
        return text

    def clean(self):
        if not (self.number.strip() or self.title.strip() or self.document_id):
            raise ValidationError({"number": "Văn bản được nhắc đến cần số, ký hiệu hoặc trích yếu."})

from capuy.conferences.imported import ImportedReport  # noqa: E402,F401  (import of reports, issue 13)
