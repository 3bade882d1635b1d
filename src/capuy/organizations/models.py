"""Party organizations, their terms and leading bodies, and the people who hold titles in them."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.db.models.functions import Concat, Substr
from django.urls import reverse
from django.utils import timezone

from capuy.core import vietnamese

PATH_STEP = 8  # digits per level in the materialized path


class OrganizationQuerySet(models.QuerySet):
    def search(self, text: str):
        """Organizations whose name, committee name or short name has every word of ``text`` at the start of
        one of its words, without diacritics ("tay ho" finds "Đảng bộ quận Tây Hồ"); full-text indexed."""
        return self.filter(vietnamese.word_prefix_filter("search_text", text))

    def subtree(self, root: "Organization"):
        """The organization and everything under it: one indexed prefix query at any depth."""
        return self.filter(path__startswith=root.path)

    def active_on(self, day: datetime.date):
        return self.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=day)).filter(
            Q(valid_to__isnull=True) | Q(valid_to__gte=day)
        )

    def under_any(self, roots):
        """Organizations in the subtree of any of ``roots`` (a list of organizations)."""
        paths = {r.path for r in roots}
        if not paths:
            return self.none()
        query = Q()
        for path in paths:
            query |= Q(path__startswith=path)
        return self.filter(query)


class Organization(models.Model):
    """A party organization (tổ chức đảng): a node of a tree of any depth.

    The tree is kept as a materialized path so that a subtree is one ``LIKE 'prefix%'`` query on an
    indexed column. History survives reorganization: an organization is dissolved or merged by
    closing its validity, never by deleting it.
    """

    class Kind(models.TextChoices):
        CENTRAL = "central", "Trung ương"
        PROVINCE = "province", "Đảng bộ tỉnh, thành phố"
        DISTRICT = "district", "Đảng bộ quận, huyện"
        GRASSROOTS = "grassroots", "Đảng bộ cơ sở"
        AGENCIES = "agencies", "Đảng bộ khối cơ quan"
        PARTIAL = "partial", "Đảng bộ bộ phận"
        GRASSROOTS_CELL = "grassroots_cell", "Chi bộ cơ sở"
        CELL = "cell", "Chi bộ trực thuộc"

    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children", verbose_name="cấp trên"
    )
    path = models.CharField(max_length=255, unique=True, editable=False)
    depth = models.PositiveSmallIntegerField(default=0, editable=False)
    kind = models.CharField("loại", max_length=20, choices=Kind.choices)
    name = models.CharField("tên đảng bộ, chi bộ", max_length=200, help_text="Ví dụ: Đảng bộ quận Tây Hồ")
    committee_name = models.CharField(
        "tên cấp ủy", max_length=200, blank=True, help_text="Ví dụ: Quận ủy Tây Hồ; để trống với chi bộ"
    )
    short_name = models.CharField("tên viết tắt", max_length=60, blank=True)
    issuer_symbol = models.CharField(
        "ký hiệu cơ quan ban hành", max_length=20, blank=True, help_text="Dùng trong số văn bản, ví dụ QU, ĐU"
    )
    place_name = models.CharField(
        "địa danh", max_length=100, blank=True, help_text="Dùng ở dòng địa danh, ngày tháng, ví dụ Tây Hồ"
    )
    superior_heading = models.CharField(
        "tên cơ quan cấp trên trên văn bản", max_length=200, blank=True, help_text="Ví dụ: ĐẢNG BỘ TP HÀ NỘI"
    )
    valid_from = models.DateField("thành lập từ ngày", null=True, blank=True)
    valid_to = models.DateField("hoạt động đến ngày", null=True, blank=True)
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="merged_from",
        verbose_name="hợp nhất vào",
    )
    search_text = models.CharField(max_length=500, editable=False, db_index=True, default="")

    objects = OrganizationQuerySet.as_manager()

    class Meta:
        ordering = ["path"]
        verbose_name = "tổ chức đảng"
        verbose_name_plural = "tổ chức đảng"

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("organizations:detail", args=[self.pk])

    @property
    def display_committee(self) -> str:
        return self.committee_name or self.name

    def is_active(self, day: datetime.date | None = None) -> bool:
        day = day or timezone.localdate()
        return (self.valid_from is None or self.valid_from <= day) and (self.valid_to is None or day <= self.valid_to)

    def ancestor_paths(self) -> list[str]:
        """Paths of this organization and all its ancestors, computed from the path alone."""
        return [self.path[:end] for end in range(PATH_STEP + 1, len(self.path) + 1, PATH_STEP + 1)]

    def ancestors(self):
        return Organization.objects.filter(path__in=self.ancestor_paths()[:-1]).order_by("depth")

    def descendants(self):
        return Organization.objects.subtree(self).exclude(pk=self.pk)

    def is_within(self, other: "Organization") -> bool:
        return self.path.startswith(other.path)

    # How far down the Party's system each kind sits (Điều lệ Đảng, Điều 11: the system of organizations follows the
    # administrative one; Quy định về tổ chức cơ sở đảng): a kind may only sit under a kind above it.
    LEVEL_RANK = {Kind.CENTRAL: 0, Kind.PROVINCE: 1, Kind.DISTRICT: 2, Kind.AGENCIES: 2, Kind.GRASSROOTS: 3,
                  Kind.GRASSROOTS_CELL: 3, Kind.PARTIAL: 4, Kind.CELL: 5}

    @classmethod
    def level_problem(cls, kind: str, parent_kind: str | None) -> str | None:
        """Why an organization of ``kind`` cannot be placed under one of ``parent_kind``, or None.

        Điều lệ Đảng, Điều 11 and the Quy định on grassroots organizations: the organizations of the Party form a
        hierarchy that follows the administrative one (province, district, grassroots, their cells); an organization
        sits under one of a higher level, never of its own level or lower (a ward cannot hold a district)."""
        if parent_kind is None or kind not in cls.LEVEL_RANK or parent_kind not in cls.LEVEL_RANK:
            return None
        if cls.LEVEL_RANK[kind] <= cls.LEVEL_RANK[parent_kind]:
            return (f"{cls.Kind(kind).label} không thể trực thuộc {cls.Kind(parent_kind).label.lower()}: cấp trên phải "
                    "ở cấp cao hơn.")
        return None

    def clean(self):
        if self.parent_id and self.pk and (self.parent_id == self.pk or self.parent.path.startswith(self.path)):
            raise ValidationError(
                {"parent": "Không thể đặt tổ chức làm cấp dưới của chính nó hoặc của tổ chức trực thuộc nó."}
            )
        if self.parent_id and (problem := self.level_problem(self.kind, self.parent.kind)):
            raise ValidationError({"parent": problem})
        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            raise ValidationError({"valid_to": "Ngày kết thúc hoạt động phải sau ngày thành lập."})
        if self.merged_into_id and self.merged_into_id == self.pk:
            raise ValidationError({"merged_into": "Không thể hợp nhất tổ chức vào chính nó."})

    def _computed_path(self) -> str:
        prefix = self.parent.path if self.parent_id else ""
        return f"{prefix}{self.pk:0{PATH_STEP}d}/"

    def save(self, *args, **kwargs):
        self.search_text = vietnamese.search_key(" ".join(filter(None, [self.name, self.committee_name, self.short_name])))
        with transaction.atomic():
            old_path = self.path
            if not self.pk:
                self.path = f"tmp-{timezone.now().timestamp()}"
                super().save(*args, **kwargs)
                kwargs = {}
            new_path = self._computed_path()
            if old_path and old_path != new_path and not old_path.startswith("tmp-"):
                if new_path.startswith(old_path):
                    raise ValidationError("Không thể đặt tổ chức làm cấp dưới của tổ chức trực thuộc nó.")
                # Move the whole subtree with one UPDATE.
                Organization.objects.filter(path__startswith=old_path).exclude(pk=self.pk).update(
                    path=Concat(models.Value(new_path), Substr("path", len(old_path) + 1)),
                    depth=models.F("depth") + (new_path.count("/") - old_path.count("/")),
                )
            self.path = new_path
            self.depth = new_path.count("/") - 1
            super().save(*args, **kwargs)

    @transaction.atomic
    def dissolve(self, day: datetime.date, into: "Organization | None" = None):
        """Close the organization on ``day``, optionally merging it into another; records stay."""
        if into is not None and into.pk == self.pk:
            raise ValidationError("Không thể hợp nhất tổ chức vào chính nó.")
        if self.valid_from and day < self.valid_from:
            raise ValidationError("Ngày giải thể, hợp nhất phải sau ngày thành lập.")
        self.valid_to = day
        self.merged_into = into
        self.save(update_fields=["valid_to", "merged_into", "search_text", "path", "depth"])

    def current_term(self, day: datetime.date | None = None):
        return self.terms.covering(day or timezone.localdate()).first()

    def successor(self) -> "Organization | None":
        """The organization that carries on this one's work today: the end of its ``merged_into`` chain."""
        seen, current = {self.pk}, self.merged_into
        while current is not None and current.merged_into_id and current.merged_into_id not in seen:
            seen.add(current.pk)
            current = current.merged_into
        return current

    def refuse_if_closed(self, what: str, field: str = "organization", day: datetime.date | None = None) -> None:
        """Refuse new work (``what``: "nhiệm vụ mới", "hội nghị mới", "đảng viên mới", "ý kiến mới") for an
        organization that was merged or dissolved before ``day`` (today).

        Quy định 294-QĐ/TW (thi hành Điều lệ Đảng), Điều 11 và Kết luận 137-KL/TW về sắp xếp tổ chức đảng: from
        the merge date the successor's committee leads and receives everything; the dissolved one keeps only its
        history. One function that the models of conferences, tasks, members and opinions call in ``clean()``.
        """
        day = day or timezone.localdate()
        if self.valid_to is None or day <= self.valid_to:
            return
        successor = self.successor()
        since = vietnamese.numeric_date(self.valid_to + datetime.timedelta(days=1))
        if successor is not None:
            message = (f"{self.name} đã hợp nhất vào {successor.name} từ ngày {since}; không nhận {what}. "
                       f"Hãy chọn {successor.name}.")
        else:
            message = f"{self.name} đã giải thể từ ngày {since}; không nhận {what}."
        raise ValidationError({field: message})


class Reorganization(models.Model):
    """One dated step of a reorganization, kept so both organizations show it: a merge or split links a
    predecessor to a successor, a move carries cells or members from one to another, a rename keeps the old name.

    Quy định 294-QĐ/TW, Điều 11 (thành lập, giải thể, hợp nhất, chia tách tổ chức đảng): the superior
    committee decides; the records of the old organization stay and move with it.
    """

    class Kind(models.TextChoices):
        MERGE = "merge", "Hợp nhất"
        SPLIT = "split", "Chia tách"
        MOVE = "move", "Chuyển tổ chức, đảng viên"
        RENAME = "rename", "Đổi tên"

    kind = models.CharField("hình thức", max_length=10, choices=Kind.choices)
    date = models.DateField("từ ngày")
    predecessor = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="successions",
                                    verbose_name="tổ chức trước")
    successor = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="predecessions",
                                  verbose_name="tổ chức sau")
    old_name = models.CharField("tên cũ", max_length=200, blank=True)
    new_name = models.CharField("tên mới", max_length=200, blank=True)
    cells = models.PositiveIntegerField("số tổ chức trực thuộc chuyển", default=0)
    people = models.PositiveIntegerField("số nhân sự chuyển", default=0)
    posts_ended = models.PositiveIntegerField("số chức vụ kết thúc", default=0)
    moved_cells = models.ManyToManyField(Organization, blank=True, related_name="+",
                                         verbose_name="tổ chức trực thuộc đã chuyển")
    decision = models.CharField("số quyết định", max_length=100, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["date", "pk"]
        verbose_name = "sắp xếp tổ chức"
        verbose_name_plural = "sắp xếp tổ chức"

    def __str__(self):
        if self.kind == self.Kind.RENAME:
            return f"Đổi tên “{self.old_name}” thành “{self.new_name}”"
        return f"{self.get_kind_display()}: {self.predecessor} → {self.successor}"


class TermQuerySet(models.QuerySet):
    def covering(self, day: datetime.date):
        return self.filter(start_date__lte=day).filter(Q(end_date__isnull=True) | Q(end_date__gte=day))


class Term(models.Model):
    """A term (nhiệm kỳ) opened by a congress; "khóa VI, nhiệm kỳ 2020–2025".

    A term runs from the day after its congress closes to the closing day of the next congress, so
    the terms of one organization never overlap.
    """

    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="terms")
    congress_number = models.PositiveSmallIntegerField("đại hội lần thứ")
    start_year = models.PositiveSmallIntegerField("năm bắt đầu")
    end_year = models.PositiveSmallIntegerField("năm kết thúc")
    start_date = models.DateField("ngày bắt đầu")
    end_date = models.DateField("ngày kết thúc", null=True, blank=True)

    objects = TermQuerySet.as_manager()

    class Meta:
        ordering = ["organization", "-start_date"]
        verbose_name = "nhiệm kỳ"
        verbose_name_plural = "nhiệm kỳ"
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "congress_number"],
                name="term_unique_congress",
                violation_error_message="Tổ chức này đã có nhiệm kỳ của đại hội lần này.",
            )
        ]

    def __str__(self):
        return f"khóa {self.roman}, nhiệm kỳ {self.years}"

    @property
    def roman(self) -> str:
        return vietnamese.roman(self.congress_number)

    @property
    def years(self) -> str:
        return f"{self.start_year}–{self.end_year}"

    def covers(self, day: datetime.date) -> bool:
        return self.start_date <= day and (self.end_date is None or day <= self.end_date)

    def clean(self):
        if self.congress_number is not None and self.congress_number < 1:
            raise ValidationError({"congress_number": "Số thứ tự đại hội phải từ 1 trở lên."})
        if self.start_year and self.end_year and self.end_year <= self.start_year:
            raise ValidationError({"end_year": "Năm kết thúc nhiệm kỳ phải sau năm bắt đầu."})
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": "Ngày kết thúc nhiệm kỳ phải sau ngày bắt đầu."})
        if self.organization_id and self.start_date:
            others = Term.objects.filter(organization_id=self.organization_id).exclude(pk=self.pk)
            overlap = others.filter(Q(end_date__isnull=True) | Q(end_date__gte=self.start_date))
            if self.end_date:
                overlap = overlap.filter(start_date__lte=self.end_date)
            if clash := overlap.first():
                raise ValidationError(f"Nhiệm kỳ bị trùng thời gian với nhiệm kỳ {clash} của tổ chức này.")


class Body(models.Model):
    """A leading body of an organization in a term: BCH, BTV, Thường trực, UBKT, chi ủy."""

    class Kind(models.TextChoices):
        EXECUTIVE = "bch", "Ban Chấp hành"
        STANDING = "btv", "Ban Thường vụ"
        PERMANENT = "tt", "Thường trực"
        INSPECTION = "ubkt", "Ủy ban Kiểm tra"
        CELL_COMMITTEE = "chi_uy", "Chi ủy"
        CELL_MEETING = "chi_bo", "Chi bộ (hội nghị đảng viên)"

    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="bodies")
    term = models.ForeignKey(Term, on_delete=models.PROTECT, related_name="bodies")
    kind = models.CharField("loại", max_length=10, choices=Kind.choices)
    seats = models.PositiveSmallIntegerField(
        "số lượng thành viên", null=True, blank=True,
        help_text="Số lượng do đại hội (hoặc cấp có thẩm quyền) quyết định; dùng để thấy số còn khuyết.")

    class Meta:
        ordering = ["organization", "term", "kind"]
        verbose_name = "cơ quan lãnh đạo"
        verbose_name_plural = "cơ quan lãnh đạo"
        constraints = [
            models.UniqueConstraint(
                fields=["term", "kind"],
                name="body_unique_kind_per_term",
                violation_error_message="Nhiệm kỳ này đã có cơ quan lãnh đạo loại này.",
            )
        ]

    def __str__(self):
        return self.full_name

    @property
    def full_name(self) -> str:
        """ "Ban Chấp hành Đảng bộ quận Tây Hồ khóa VI" """
        return f"{self.get_kind_display()} {self.organization.name} khóa {self.term.roman}"

    def get_absolute_url(self):
        return reverse("organizations:body", args=[self.pk])

    def clean(self):
        if self.term_id and self.organization_id and self.term.organization_id != self.organization_id:
            raise ValidationError({"term": "Nhiệm kỳ không thuộc tổ chức này."})

    def memberships_on(self, day: datetime.date):
        return self.memberships.active_on(day).select_related("person")

    def members_on(self, day: datetime.date):
        """Who sat on this body on ``day``."""
        return Person.objects.filter(
            pk__in=self.memberships.active_on(day).values("person_id")
        ).order_by("sort_key")

    def vacancies_on(self, day: datetime.date) -> int | None:
        """Seats not filled on ``day`` (None when the body's number of seats is not recorded)."""
        if self.seats is None:
            return None
        return max(0, self.seats - self.memberships.active_on(day).values("person_id").distinct().count())

    def ended_memberships(self):
        """Memberships that ended before the term by an event (death, expulsion, removal…): the vacancies' history."""
        return self.memberships.exclude(end_reason="").select_related("person").order_by("end_date")


class MembershipQuerySet(models.QuerySet):
    def active_on(self, day: datetime.date):
        """Memberships held on ``day``; an open-ended membership ends with its term at the latest."""
        open_ended = Q(end_date__isnull=True) & (Q(body__term__end_date__isnull=True) | Q(body__term__end_date__gte=day))
        return self.filter(start_date__lte=day).filter(open_ended | Q(end_date__gte=day))


class BodyMembership(models.Model):
    class Role(models.TextChoices):
        SECRETARY = "bi_thu", "Bí thư"
        STANDING_DEPUTY = "pho_bi_thu_tt", "Phó Bí thư Thường trực"
        DEPUTY = "pho_bi_thu", "Phó Bí thư"
        STANDING_MEMBER = "uv_btv", "Ủy viên Ban Thường vụ"
        CHAIR = "chu_nhiem", "Chủ nhiệm"
        VICE_CHAIR = "pho_chu_nhiem", "Phó Chủ nhiệm"
        MEMBER = "uy_vien", "Ủy viên"

    class EndReason(models.TextChoices):
        """Why a membership ended before its term (Party Charter art. 9: no longer incumbent)."""

        DECEASED = "deceased", "Từ trần"
        EXPELLED = "expelled", "Bị khai trừ khỏi Đảng"
        LEFT_PARTY = "left_party", "Ra khỏi Đảng"
        REMOVED = "removed", "Bị cách chức, bãi nhiệm khỏi cấp ủy"
        RESIGNED = "resigned", "Xin thôi tham gia cấp ủy"
        RETIRED = "retired", "Nghỉ hưu, thôi tham gia cấp ủy"
        REORGANIZED = "reorganized", "Tổ chức hợp nhất, chia tách"
        TRANSFERRED = "transferred", "Điều động, chuyển công tác"

    ROLE_ORDER = {r: i for i, r in enumerate(Role.values)}

    @classmethod
    def roles_for(cls, body_kind: str) -> list[str]:
        """The positions a member of a body of ``body_kind`` may hold (Điều lệ Đảng, Điều 10, 17, 30, 32): a
        committee and its standing bodies have a secretary and deputies; an inspection commission (UBKT) a
        chairman (Chủ nhiệm) and deputy chairmen, never a Phó Bí thư Thường trực; a cell committee a
        secretary and a deputy (a chi bộ meeting records them too)."""
        R, K = cls.Role, Body.Kind
        return {
            K.EXECUTIVE: [R.SECRETARY, R.STANDING_DEPUTY, R.DEPUTY, R.STANDING_MEMBER, R.MEMBER],
            K.STANDING: [R.SECRETARY, R.STANDING_DEPUTY, R.DEPUTY, R.STANDING_MEMBER, R.MEMBER],
            K.PERMANENT: [R.SECRETARY, R.STANDING_DEPUTY, R.DEPUTY, R.MEMBER],
            K.INSPECTION: [R.CHAIR, R.VICE_CHAIR, R.MEMBER],
            K.CELL_COMMITTEE: [R.SECRETARY, R.DEPUTY, R.MEMBER],
            K.CELL_MEETING: [R.SECRETARY, R.DEPUTY, R.MEMBER],
        }.get(body_kind, list(R.values))

    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="memberships")
    person = models.ForeignKey("Person", on_delete=models.PROTECT, related_name="body_memberships")
    role = models.CharField("chức vụ", max_length=20, choices=Role.choices, default=Role.MEMBER)
    start_date = models.DateField("từ ngày")
    end_date = models.DateField("đến ngày", null=True, blank=True)
    end_reason = models.CharField("lý do thôi", max_length=12, choices=EndReason.choices, blank=True)
    end_decision = models.CharField("số quyết định, văn bản", max_length=100, blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["body", "start_date"]
        verbose_name = "thành viên cơ quan lãnh đạo"
        verbose_name_plural = "thành viên cơ quan lãnh đạo"

    def __str__(self):
        return f"{self.person} – {self.get_role_display()} ({self.body})"

    @property
    def ended_by_event(self) -> bool:
        return bool(self.end_reason)

    @property
    def event_date(self) -> datetime.date | None:
        """The day of the event that ended the membership (the day after its last day)."""
        return self.end_date + datetime.timedelta(days=1) if self.end_reason and self.end_date else None

    @transaction.atomic
    def end(self, day: datetime.date, reason: str, decision: str = "") -> "BodyMembership":
        """End the membership because of an event on ``day`` (death, expulsion, removal, resignation, retirement).

        Party Charter art. 9; Quy định 232-QĐ/TW §9.3 (the incumbent members): from that date
        the person is no longer an incumbent member, so they are neither summoned nor counted. The membership's
        last day is the day before the event; a later end already recorded is brought forward, an earlier one
        is kept (the person had already left the body).
        """
        if reason not in self.EndReason.values:
            raise ValidationError({"end_reason": "Vui lòng chọn lý do thôi tham gia cơ quan lãnh đạo."})
        if day is None:
            raise ValidationError({"end_date": "Vui lòng nhập ngày."})
        if day < self.start_date:
            raise ValidationError({"end_date": "Ngày thôi tham gia không được trước ngày bắt đầu tham gia "
                                               f"({vietnamese.numeric_date(self.start_date)})."})
        last_day = day - datetime.timedelta(days=1)
        if self.end_date is not None and self.end_date < last_day:
            return self
        self.end_date, self.end_reason, self.end_decision = last_day, reason, (decision or "").strip()[:100]
        self.save(update_fields=["end_date", "end_reason", "end_decision"])
        return self

    def clean(self):
        if self.body_id and self.role and self.role not in self.roles_for(self.body.kind):
            allowed = ", ".join(str(self.Role(r).label) for r in self.roles_for(self.body.kind))
            raise ValidationError({"role": f"Chức vụ “{self.get_role_display()}” không có trong "
                                           f"{self.body.get_kind_display()}; chọn một trong: {allowed}."})
        if not (self.body_id and self.start_date):
            return
        term = self.body.term
        # A membership ended by an event on its first day has its last day just before it (never held).
        if self.end_date and self.end_date < self.start_date - datetime.timedelta(days=1 if self.end_reason else 0):
            raise ValidationError({"end_date": "Ngày kết thúc phải sau ngày bắt đầu."})
        if not term.covers(self.start_date) or (
            self.end_date and term.end_date and self.end_date > term.end_date
        ):
            raise ValidationError(f"Thời gian tham gia nằm ngoài nhiệm kỳ {term} ({vietnamese.numeric_date(term.start_date)}"
                                  f"{' – ' + vietnamese.numeric_date(term.end_date) if term.end_date else ''}).")
        if self.person_id:
            same = BodyMembership.objects.filter(body_id=self.body_id, person_id=self.person_id).exclude(pk=self.pk)
            same = same.filter(Q(end_date__isnull=True) | Q(end_date__gte=self.start_date))
            if self.end_date:
                same = same.filter(start_date__lte=self.end_date)
            if same.exists():
                raise ValidationError("Người này đã là thành viên của cơ quan này trong khoảng thời gian đó.")


class PersonQuerySet(models.QuerySet):
    def search(self, text: str):
        """People whose name has every word of ``text`` at the start of one of its words, without
        diacritics ("uyen" finds "Uyên", not every "Nguyễn")."""
        return self.filter(vietnamese.word_prefix_filter("search_text", text))


class Person(models.Model):
    """A person: a party member, a committee member, an office clerk or an outside guest.

    ``organization`` is the organization that keeps the record (a member's home cell, the office
    that registered a guest); visibility follows it.
    """

    class Gender(models.TextChoices):
        MALE = "nam", "Nam"
        FEMALE = "nu", "Nữ"

    full_name = models.CharField("họ và tên", max_length=120)
    gender = models.CharField("giới tính", max_length=3, choices=Gender.choices, blank=True)
    birth_date = models.DateField("ngày sinh", null=True, blank=True)
    email = models.EmailField("thư điện tử", blank=True)
    phone = models.CharField("điện thoại", max_length=30, blank=True)
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="people", null=True, blank=True,
        verbose_name="tổ chức quản lý hồ sơ",
    )
    sort_key = models.CharField(max_length=400, editable=False, db_index=True, default="")
    search_text = models.CharField(max_length=400, editable=False, db_index=True, default="")

    objects = PersonQuerySet.as_manager()

    class Meta:
        ordering = ["sort_key"]
        verbose_name = "nhân sự"
        verbose_name_plural = "nhân sự"

    def __str__(self):
        return self.full_name

    def get_absolute_url(self):
        return reverse("organizations:person", args=[self.pk])

    def clean(self):
        if self._state.adding and self.organization_id:
            self.organization.refuse_if_closed("hồ sơ nhân sự mới")

    def save(self, *args, **kwargs):
        self.full_name = vietnamese.normalize_name(self.full_name)
        self.sort_key = vietnamese.name_sort_key(self.full_name)
        self.search_text = vietnamese.search_key(self.full_name)
        super().save(*args, **kwargs)

    @property
    def given_name(self) -> str:
        return vietnamese.split_name(self.full_name)[2]

    @staticmethod
    def normalize_title_names(names) -> list[str]:
        """Titles as written, in order: spaces collapsed, blanks dropped, each at most 200 characters."""
        names = [" ".join(str(name).split()) for name in names]
        names = [name for name in names if name]
        if any(len(name) > Title._meta.get_field("name").max_length for name in names):
            raise ValidationError({"titles": "Mỗi chức danh không quá 200 ký tự."})
        return names

    @transaction.atomic
    def set_current_titles(self, names) -> None:
        """Replace the current (open-ended) titles by ``names`` in order; dated history stays."""
        names = self.normalize_title_names(names)
        self.titles.filter(end_date__isnull=True).delete()
        Title.objects.bulk_create(Title(person=self, name=name, order=i) for i, name in enumerate(names, 1))

    @transaction.atomic
    def leave_bodies(self, day: datetime.date, reason: str, decision: str = "", end_titles: bool = False) -> int:
        """End every body membership held on ``day`` (``BodyMembership.end``); returns how many ended.

        Death and expulsion (recorded on the party member's status) also close the person's open titles:
        ``end_titles``. Memberships that start after ``day`` are left alone.
        """
        ended = 0
        for membership in self.body_memberships.filter(start_date__lte=day).filter(
                Q(end_date__isnull=True) | Q(end_date__gte=day)):
            membership.end(day, reason, decision)
            ended += 1
        if end_titles:
            last_day = day - datetime.timedelta(days=1)
            self.titles.filter(end_date__isnull=True).filter(
                Q(start_date__isnull=True) | Q(start_date__lte=last_day)).update(end_date=last_day)
        return ended

    def titles_on(self, day: datetime.date | None = None):
        day = day or timezone.localdate()
        return [t for t in self.titles.all() if t.is_current(day)]

    def titles_text(self, day: datetime.date | None = None) -> str:
        """Titles in their order, the Vietnamese way: "Phó Bí thư Quận ủy, Chủ tịch UBND quận"."""
        return ", ".join(t.name for t in self.titles_on(day))

    def with_titles(self, day: datetime.date | None = None) -> str:
        """ "đồng chí Lê Văn Sơn, Phó Bí thư Quận ủy, Chủ tịch UBND quận" without "đồng chí". """
        titles = self.titles_text(day)
        return f"{self.full_name}, {titles}" if titles else self.full_name


class Title(models.Model):
    """One title a person holds, party or state; several are written in ``order``."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="titles")
    name = models.CharField("chức danh", max_length=200, help_text="Ví dụ: Phó Bí thư Quận ủy")
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, null=True, blank=True, related_name="titles",
        verbose_name="tại tổ chức",
    )
    order = models.PositiveSmallIntegerField("thứ tự", default=0)
    start_date = models.DateField("từ ngày", null=True, blank=True)
    end_date = models.DateField("đến ngày", null=True, blank=True)

    class Meta:
        ordering = ["person", "order", "pk"]
        verbose_name = "chức danh"
        verbose_name_plural = "chức danh"

    def __str__(self):
        return self.name

    def is_current(self, day: datetime.date) -> bool:
        return (self.start_date is None or self.start_date <= day) and (self.end_date is None or day <= self.end_date)

    def clean(self):
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": "Ngày kết thúc phải sau ngày bắt đầu."})
