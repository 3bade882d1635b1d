"""Official party documents (Hướng dẫn 36-HD/VPTW), their numbers, versions, attachments, and study.

Hướng dẫn 36-HD/VPTW: a document has a type (NQ, QĐ, …), an issuing organization and body, a number
"Số 12-NQ/QU", a place-and-date line "Tây Hồ, ngày 05 tháng 10 năm 2023", a summary (trích yếu), a body,
a signature block, recipients (nơi nhận) and a secrecy level. Numbers are given only when a document is
issued, by :func:`capuy.documents.numbering.issue_number`, and are never reused.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone

from capuy.core import vietnamese

# Issuer symbol of congress documents (Hướng dẫn 36: documents of a congress are numbered "…/ĐH").
CONGRESS_SYMBOL = "ĐH"
REFLECTION_MAX_CHARS = 20000
SEARCH_TEXT_MAX_CHARS = 400_000


class DocumentType(models.Model):
    """A kind of document and its symbol in the number: NQ nghị quyết, QĐ quyết định, … (an extendable table).

    Two types may share a symbol (quyết định and quy định are both QĐ); they then share a number sequence.

    The symbols of TB, TTr, BB, CTr and ĐA follow state usage (Nghị định 30/2020/NĐ-CP, not confirmed in
    Hướng dẫn 36-HD/VPTW), so they
    live in this table, seeded by a data migration, and offices may add or rename types.
    """

    symbol = models.CharField("ký hiệu", max_length=10, help_text="Ví dụ: NQ, QĐ, TB")
    name = models.CharField("tên loại", max_length=100, help_text="Ví dụ: Nghị quyết")
    order = models.PositiveSmallIntegerField("thứ tự", default=0)

    class Meta:
        ordering = ["order", "symbol", "name"]
        verbose_name = "loại văn bản"
        verbose_name_plural = "loại văn bản"
        constraints = [
            models.UniqueConstraint(fields=["symbol", "name"], name="document_type_unique",
                                    violation_error_message="Loại văn bản này đã có.")
        ]

    def __str__(self):
        return f"{self.name} ({self.symbol})"

    @property
    def heading(self) -> str:
        """The type line of the document: "NGHỊ QUYẾT"."""
        return self.name.upper()


class Secrecy(models.TextChoices):
    NORMAL = "thuong", "Thường"
    SECRET = "mat", "Mật"
    TOP_SECRET = "toi_mat", "Tối mật"
    ABSOLUTE = "tuyet_mat", "Tuyệt mật"


class Authority(models.TextChoices):
    """Who signs on behalf of whom (thể thức đề ký): the collective line of the signature block."""

    EXECUTIVE = "tm_bch", "T/M BAN CHẤP HÀNH"
    STANDING = "tm_btv", "T/M BAN THƯỜNG VỤ"
    PARTY_COMMITTEE = "tm_du", "T/M ĐẢNG ỦY"
    CELL = "tm_chi_bo", "T/M CHI BỘ"
    CELL_COMMITTEE = "tm_chi_uy", "T/M CHI ỦY"
    PRESIDIUM = "tm_dhd", "T/M ĐOÀN CHỦ TỊCH"
    NONE = "", "(không ghi)"


class DocumentQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The documents ``user`` may see; the rule of the library, built on ``capuy.accounts.permissions``.

        - Readers (office, committee, administrators) of an organization see every document issued in its
          subtree, drafts and secret ones included.
        - Issued (or superseded) documents that are not secret also reach every organization under the
          issuer: anyone holding a role there (a party member of a cell included) sees the resolutions of
          their ward, district and city.
        - A document given to an organization to study (``StudyAssignment``) reaches those holding a role there,
          wherever its issuer now stands (a cell moved under another ward still studies the district's resolution).
        - Secret documents (Mật, Tối mật, Tuyệt mật) are seen only by readers of the issuing organization.
        """
        from capuy.accounts import permissions

        readable = permissions.organization_filter(user, field="organization__")
        if readable is None:
            return self
        if not user.is_authenticated:
            return self.none()
        granted_paths = sorted({path for _role, path in permissions.grants(user)})
        above = set()
        for path in granted_paths:
            above.update(path[:end] for end in range(9, len(path) + 1, 9))
        studied = StudyAssignment.objects.filter(organizations__path__in=granted_paths).values("document_id")
        downward = (Q(organization__path__in=above) | Q(pk__in=studied)) & Q(
            status__in=[Document.Status.ISSUED, Document.Status.SUPERSEDED], secrecy=Secrecy.NORMAL)
        return self.filter(readable | downward)

    def issued(self):
        return self.filter(status=Document.Status.ISSUED)


def pdf_path(instance, filename):
    return f"van-ban/pdf/{timezone.now():%Y/%m}/{filename}"


class Document(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Dự thảo"
        ISSUED = "issued", "Đã ban hành"
        SUPERSEDED = "superseded", "Đã được thay thế"

    doc_type = models.ForeignKey(DocumentType, on_delete=models.PROTECT, related_name="documents",
                                 verbose_name="loại văn bản")
    organization = models.ForeignKey("organizations.Organization", on_delete=models.PROTECT, related_name="documents",
                                     verbose_name="cơ quan ban hành")
    body = models.ForeignKey("organizations.Body", on_delete=models.PROTECT, null=True, blank=True,
                             related_name="documents", verbose_name="cơ quan lãnh đạo ban hành")
    term = models.ForeignKey("organizations.Term", on_delete=models.PROTECT, null=True, blank=True,
                             related_name="documents", verbose_name="nhiệm kỳ")
    congress = models.BooleanField(
        "văn bản của đại hội", default=False,
        help_text="Văn bản của đại hội đánh chung một dãy số cho mọi loại, ký hiệu cơ quan ban hành là ĐH.")
    issuer_name = models.CharField("tên cơ quan ban hành trên văn bản", max_length=200, blank=True,
                                   help_text="Để trống để dùng tên cấp ủy, ví dụ QUẬN ỦY TÂY HỒ")
    number = models.PositiveIntegerField("số", null=True, blank=True, editable=False)
    sequence_key = models.CharField(max_length=12, blank=True, editable=False)
    issued_on = models.DateField("ngày ban hành", null=True, blank=True)
    title = models.CharField("trích yếu", max_length=500,
                             help_text="Ví dụ: Hội nghị lần thứ 17 Ban Chấp hành Đảng bộ quận khóa VI",
                             error_messages={"blank": "Cần nhập trích yếu của văn bản.",
                                             "required": "Cần nhập trích yếu của văn bản."})
    content = models.TextField("nội dung", blank=True, help_text="Mỗi đoạn một dòng")
    authority = models.CharField("thẩm quyền ký", max_length=12, choices=Authority.choices, blank=True,
                                 default=Authority.STANDING)
    deputy_signs = models.BooleanField("phó bí thư ký thay (K/T BÍ THƯ)", default=False)
    signer = models.ForeignKey("organizations.Person", on_delete=models.PROTECT, null=True, blank=True,
                               related_name="signed_documents", verbose_name="người ký")
    signer_position = models.CharField("chức vụ người ký", max_length=100, blank=True,
                                       help_text="Để trống: BÍ THƯ, hoặc PHÓ BÍ THƯ khi ký thay")
    secretary_name = models.CharField("thư ký hội nghị", max_length=100, blank=True,
                                      help_text="Biên bản: người ghi biên bản ký bên cạnh chủ trì hội nghị")
    recipients = models.TextField("nơi nhận", blank=True, help_text="Mỗi nơi nhận một dòng")
    secrecy = models.CharField("độ mật", max_length=10, choices=Secrecy.choices, default=Secrecy.NORMAL)
    status = models.CharField("trạng thái", max_length=12, choices=Status.choices, default=Status.DRAFT)
    replaces = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True,
                                 related_name="replaced_by", verbose_name="thay thế văn bản")
    source_conference_id = models.PositiveBigIntegerField(null=True, blank=True, editable=False)
    search_text = models.TextField(editable=False, default="")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = DocumentQuerySet.as_manager()

    # The PDF is made in the background (capuy.documents.pdf), never inside a request; an issued document
    # keeps the PDF made when it was issued.
    pdf_file = models.FileField("bản PDF", upload_to=pdf_path, max_length=300, blank=True, editable=False)
    pdf_fingerprint = models.CharField("PDF lập từ", max_length=64, blank=True, editable=False)
    pdf_job = models.ForeignKey("core.BackgroundJob", verbose_name="việc xuất PDF", null=True, blank=True,
                                editable=False, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-issued_on", "-number", "-pk"]
        verbose_name = "văn bản"
        verbose_name_plural = "văn bản"
        indexes = [
            models.Index(fields=["organization", "issued_on"]),
            models.Index(fields=["status", "secrecy"]),
            # The library lists newest first: the database can walk this index and stop after one page.
            models.Index(F("issued_on").desc(), F("id").desc(), name="document_newest_idx"),  # DESC = NULLS FIRST on PostgreSQL
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "term", "sequence_key", "number"], condition=Q(number__isnull=False),
                name="document_number_unique",
                violation_error_message="Số văn bản này đã được cấp cho một văn bản khác.",
            )
        ]

    def __str__(self):
        label = self.number_label or "Dự thảo"
        return f"{label}: {self.doc_type.name} {self.title}"

    def get_absolute_url(self):
        return reverse("documents:detail", args=[self.pk])

    # --- what the document shows -----------------------------------------------------------------

    @property
    def issuer_symbol(self) -> str:
        return CONGRESS_SYMBOL if self.congress else self.organization.issuer_symbol

    @property
    def number_label(self) -> str:
        """ "Số 12-NQ/QU": no colon after "Số", two digits at least (Hướng dẫn 36)."""
        if self.number is None:
            return ""
        return f"Số {self.number:02d}-{self.doc_type.symbol}/{self.issuer_symbol}"

    @property
    def number_placeholder(self) -> str:
        """What a draft shows where the number goes: "Số    -NQ/QU"."""
        return self.number_label or f"Số     -{self.doc_type.symbol}/{self.issuer_symbol}"

    @property
    def place_date_line(self) -> str:
        """ "Tây Hồ, ngày 05 tháng 10 năm 2023" from the organization's place name (a draft leaves blanks)."""
        place = self.organization.place_name
        if self.issued_on is None:
            text = "ngày     tháng     năm     "
            return f"{place}, {text}" if place else text
        return vietnamese.long_date(self.issued_on, place)

    @property
    def heading_issuer(self) -> str:
        """The issuing body as printed in bold: "QUẬN ỦY TÂY HỒ"."""
        return (self.issuer_name or self.organization.display_committee).upper()

    @property
    def heading_superior(self) -> str:
        """The body above, printed over the issuer: "ĐẢNG BỘ THÀNH PHỐ HÀ NỘI"."""
        if self.organization.superior_heading:
            return self.organization.superior_heading.upper()
        parent = self.organization.parent
        return parent.name.upper() if parent else ""

    @property
    def is_secret(self) -> bool:
        return self.secrecy != Secrecy.NORMAL

    def paragraphs(self) -> list[str]:
        return [line.strip() for line in self.content.splitlines() if line.strip()]

    def blocks(self):
        """The content's lines with their kind (heading, section, item, bullet, paragraph) for the layout."""
        from capuy.documents.structure import blocks

        return blocks(self.paragraphs())

    def tasks_set(self):
        """The tasks this document sets: those attached to it and, for a document drafted from a conference, the
        tasks created from that conference's conclusion (the chain conference → resolution → task)."""
        from django.apps import apps as registry

        if not registry.is_installed("capuy.tasks"):
            return None
        Task = registry.get_model("tasks", "Task")
        source = Q(document=self)
        if self.source_conference_id:
            source |= Q(conference_id=self.source_conference_id)
        return Task.objects.filter(source, parent__isnull=True)

    @property
    def is_minutes(self) -> bool:
        return self.doc_type.symbol == "BB"

    def signatures(self) -> list[tuple[list[str], str]]:
        """The signature blocks, left to right: (lines above the signature, name under it).

        Minutes (biên bản) are signed by the secretary who kept them and by the chair (Quy định về chế độ
        ghi biên bản hội nghị của cấp ủy; Hướng dẫn 36-HD/VPTW on the form of minutes): the secretary on the
        left, the chair on the right, the secretary's name left blank to be written by hand when not known.
        Other documents have one signature, on the right."""
        main = (self.signature_lines(), self.signer_name)
        if self.is_minutes:
            return [(["THƯ KÝ HỘI NGHỊ"], self.secretary_name), main]
        return [main]

    def recipient_lines(self) -> list[str]:
        return [line.strip() for line in self.recipients.splitlines() if line.strip()]

    def signature_lines(self) -> list[str]:
        """ "T/M BAN THƯỜNG VỤ" / ("K/T BÍ THƯ") / "BÍ THƯ" or "PHÓ BÍ THƯ", above the signature."""
        lines = []
        if self.authority:
            lines.append(self.get_authority_display())
        if self.deputy_signs:
            lines.append("K/T BÍ THƯ")
        lines.append((self.signer_position or ("PHÓ BÍ THƯ" if self.deputy_signs else "BÍ THƯ")).upper())
        return lines

    @property
    def signer_name(self) -> str:
        return self.signer.full_name if self.signer_id else ""

    # --- rules -----------------------------------------------------------------------------------

    def clean(self):
        errors = {}
        if self.title and not self.title.strip():  # an empty one is the field's own error (said once)
            errors["title"] = "Cần nhập trích yếu của văn bản."
        if self.body_id and self.organization_id and self.body.organization_id != self.organization_id:
            errors["body"] = "Cơ quan lãnh đạo không thuộc tổ chức ban hành."
        if self.term_id and self.organization_id and self.term.organization_id != self.organization_id:
            errors["term"] = "Nhiệm kỳ không thuộc tổ chức ban hành."
        if self.replaces_id and self.replaces_id == self.pk:
            errors["replaces"] = "Văn bản không thể thay thế chính nó."
        if self.replaces_id and self.replaces.status == Document.Status.DRAFT:
            errors["replaces"] = "Chỉ thay thế được văn bản đã ban hành."
        if self.organization_id and not self.congress and not self.organization.issuer_symbol:
            errors["organization"] = "Tổ chức này chưa có ký hiệu cơ quan ban hành (ví dụ QU, ĐU) để đánh số văn bản."
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        self.search_text = self.build_search_text()
        super().save(*args, **kwargs)

    def build_search_text(self) -> str:
        """The unaccented text that full-text search reads (``capuy.documents.search``)."""
        parts = [self.doc_type.name, self.doc_type.symbol, self.number_label, self.title,
                 self.organization.display_committee, self.content]
        # PostgreSQL's tsvector holds at most 1 MB; the first 400,000 characters are plenty to find a document.
        return vietnamese.search_key(" ".join(p for p in parts if p))[:SEARCH_TEXT_MAX_CHARS]

    @property
    def dated_in_the_past(self) -> bool:
        """A draft dated before today: a document recorded after the fact, which keeps the number it was given."""
        return self.issued_on is not None and self.issued_on < timezone.localdate()

    def editable(self) -> bool:
        return self.status == Document.Status.DRAFT

    def snapshot(self, user=None, note: str = "") -> "DocumentVersion":
        """Keep the current text as a new version."""
        last = self.versions.order_by("-number").values_list("number", flat=True).first() or 0
        version = DocumentVersion.objects.create(
            document=self, number=last + 1, title=self.title, content=self.content, recipients=self.recipients,
            created_by=user if user is not None and user.is_authenticated else None, note=note,
        )
        if self.status == Document.Status.DRAFT and self.pdf_job_id:
            # A draft whose PDF was asked for gets a new one after each change (in the background).
            from capuy.documents.pdf import request_pdf

            request_pdf(self, user, renew=True)
        return version

    def issue(self, user=None, on: datetime.date | None = None, number: int | None = None) -> "Document":
        """Give the draft its number and date and make it official; it cannot be edited afterwards.

        The number comes from :func:`capuy.documents.numbering.issue_number` in the same transaction,
        after the document row is locked, so the same draft issued twice at once gets one number only; a
        document of a past date may instead keep the ``number`` it was given on paper
        (:func:`capuy.documents.numbering.record_number`). A document that replaces another marks that one
        superseded.
        """
        from capuy.documents.numbering import issue_number, record_number

        with transaction.atomic():
            locked = Document.objects.select_for_update().get(pk=self.pk)
            if locked.status != Document.Status.DRAFT:
                raise ValidationError("Văn bản này đã được ban hành, không ban hành lại.")
            errors = []
            if not self.signer_id:
                errors.append("Cần chọn người ký trước khi ban hành.")
            if errors:
                raise ValidationError(errors)
            self.issued_on = on or self.issued_on or timezone.localdate()
            if self.term_id is None or not self.term.covers(self.issued_on):
                self.term = self.organization.current_term(self.issued_on)
            self.full_clean()
            self.number, self.sequence_key = issue_number(self) if number is None else record_number(
                self, number, timezone.localdate())
            self.status = Document.Status.ISSUED
            self.save()
            if self.replaces_id:
                Document.objects.filter(pk=self.replaces_id).update(status=Document.Status.SUPERSEDED)
            self.snapshot(user, note=f"Ban hành {self.number_label}")
            # Converted once, in the background, after the issue commits; downloads serve the stored file.
            from capuy.documents.pdf import request_pdf

            request_pdf(self, user, renew=True)
        return self


class NumberCounter(models.Model):
    """The last number given in one sequence: issuer × committee term × type (or congress).

    One row per sequence; :func:`capuy.documents.numbering.issue_number` locks it while giving a number.
    """

    organization = models.ForeignKey("organizations.Organization", on_delete=models.PROTECT, related_name="+")
    term = models.ForeignKey("organizations.Term", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    sequence_key = models.CharField(max_length=12)
    scope = models.CharField(max_length=80, unique=True, editable=False)
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "sổ đăng ký số văn bản"
        verbose_name_plural = "sổ đăng ký số văn bản"

    def __str__(self):
        return f"{self.organization} {self.term or ''} {self.sequence_key}: {self.last_number}"


class DocumentVersion(models.Model):
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField("phiên bản")
    title = models.CharField(max_length=500)
    content = models.TextField(blank=True)
    recipients = models.TextField(blank=True)
    note = models.CharField("ghi chú", max_length=200, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["document", "-number"]
        verbose_name = "phiên bản văn bản"
        verbose_name_plural = "phiên bản văn bản"
        constraints = [models.UniqueConstraint(fields=["document", "number"], name="document_version_unique")]

    def __str__(self):
        return f"{self.document} – phiên bản {self.number}"


def attachment_path(instance, filename):
    return f"van-ban/{timezone.now():%Y/%m}/{filename}"


class Attachment(models.Model):
    """A file kept with a document (the signed scan, an annex); checked by ``capuy.documents.uploads``."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to=attachment_path, max_length=300)
    original_name = models.CharField("tên tệp", max_length=255)
    kind = models.CharField("loại tệp", max_length=10)
    size = models.PositiveIntegerField("dung lượng")
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["document", "uploaded_at"]
        verbose_name = "tệp đính kèm"
        verbose_name_plural = "tệp đính kèm"

    def __str__(self):
        return self.original_name


class Bookmark(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="document_bookmarks")
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="bookmarks")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "văn bản đánh dấu"
        verbose_name_plural = "văn bản đánh dấu"
        constraints = [models.UniqueConstraint(fields=["user", "document"], name="bookmark_unique")]

    def __str__(self):
        return f"{self.user} – {self.document}"


class StudyAssignment(models.Model):
    """A document given to the members of chosen cells to study (học tập, quán triệt) by a deadline."""

    class Kind(models.TextChoices):
        STUDY = "hoc_tap", "Học tập"
        DISSEMINATE = "quan_triet", "Quán triệt"

    document = models.ForeignKey(Document, on_delete=models.PROTECT, related_name="study_assignments",
                                 verbose_name="văn bản")
    kind = models.CharField("hình thức", max_length=12, choices=Kind.choices, default=Kind.STUDY)
    organizations = models.ManyToManyField("organizations.Organization", related_name="study_assignments",
                                           verbose_name="chi bộ, đảng bộ")
    deadline = models.DateField("hạn hoàn thành")
    note = models.TextField("yêu cầu", blank=True)
    reflection_required = models.BooleanField("yêu cầu nộp bài thu hoạch", default=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "đợt học tập, quán triệt"
        verbose_name_plural = "đợt học tập, quán triệt"

    def __str__(self):
        return f"{self.get_kind_display()} {self.document}"

    def get_absolute_url(self):
        return reverse("documents:study_report", args=[self.pk])

    @classmethod
    def assign(cls, document: Document, organizations, deadline: datetime.date, kind: str = Kind.STUDY,
               user=None, note: str = "", reflection_required: bool = False) -> "StudyAssignment":
        """Give ``document`` to every party member whose home cell lies under one of ``organizations``.

        Only issued, non-secret documents are assigned (a secret one would reach members without the
        right to read it); the deadline may not be in the past. One record per member is made at once,
        so the office can follow who has and has not read it.
        """
        from capuy.members.models import PartyMember
        from capuy.organizations.models import Organization

        organizations = list(organizations)
        errors = {}
        if document.status != Document.Status.ISSUED:
            errors["document"] = "Chỉ giao học tập, quán triệt văn bản đã ban hành và còn hiệu lực."
        elif document.is_secret:
            errors["document"] = "Văn bản mật không được giao học tập qua phần mềm."
        if not organizations:
            errors["organizations"] = "Cần chọn ít nhất một chi bộ hoặc đảng bộ."
        if deadline is None or deadline < timezone.localdate():
            errors["deadline"] = "Hạn hoàn thành không được trước ngày hôm nay."
        if kind not in cls.Kind.values:
            errors["kind"] = "Hình thức không hợp lệ."
        if errors:
            raise ValidationError(errors)
        member_people = PartyMember.objects.filter(
            person__organization__in=Organization.objects.under_any(organizations)).values_list("person_id", flat=True)
        with transaction.atomic():
            assignment = cls.objects.create(document=document, kind=kind, deadline=deadline, note=note,
                                            reflection_required=reflection_required,
                                            created_by=user if user is not None and user.is_authenticated else None)
            assignment.organizations.set(organizations)
            StudyRecord.objects.bulk_create(StudyRecord(assignment=assignment, person_id=pk) for pk in member_people)
        return assignment

    @property
    def is_overdue(self) -> bool:
        return timezone.localdate() > self.deadline

    def report(self) -> list[dict]:
        """Per cell: who has read, who has submitted a reflection, who has not (for the office)."""
        rows = {}
        records = self.records.select_related("person", "person__organization").order_by(
            "person__organization__path", "person__sort_key")
        for record in records:
            cell = record.person.organization
            row = rows.setdefault(cell.pk, {"organization": cell, "total": 0, "read": 0, "reflections": 0,
                                            "done": [], "pending": []})
            row["total"] += 1
            if record.read_at:
                row["read"] += 1
                row["done"].append(record)
            else:
                row["pending"].append(record)
            if record.reflection_submitted_at:
                row["reflections"] += 1
        return list(rows.values())


class StudyRecord(models.Model):
    """One member's progress in a study assignment: read, and the reflection (bài thu hoạch) if any."""

    assignment = models.ForeignKey(StudyAssignment, on_delete=models.CASCADE, related_name="records")
    person = models.ForeignKey("organizations.Person", on_delete=models.CASCADE, related_name="study_records")
    read_at = models.DateTimeField("đã đọc lúc", null=True, blank=True)
    reflection = models.TextField("bài thu hoạch", blank=True)
    reflection_submitted_at = models.DateTimeField("nộp bài thu hoạch lúc", null=True, blank=True)

    class Meta:
        ordering = ["assignment", "person__sort_key"]
        verbose_name = "kết quả học tập của đảng viên"
        verbose_name_plural = "kết quả học tập của đảng viên"
        constraints = [models.UniqueConstraint(fields=["assignment", "person"], name="study_record_unique")]

    def __str__(self):
        return f"{self.person} – {self.assignment}"

    @property
    def is_done(self) -> bool:
        return self.read_at is not None and (
            not self.assignment.reflection_required or self.reflection_submitted_at is not None)

    def mark_read(self):
        if self.read_at is None:
            self.read_at = timezone.now()
            self.save(update_fields=["read_at"])
        return self

    def submit_reflection(self, text: str):
        """Keep the member's reflection (bài thu hoạch); submitting it also marks the document read."""
        text = (text or "").strip()
        if not text:
            raise ValidationError({"reflection": "Bài thu hoạch không được để trống."})
        if len(text) > REFLECTION_MAX_CHARS:
            raise ValidationError({"reflection": f"Bài thu hoạch dài quá {REFLECTION_MAX_CHARS:,} ký tự.".replace(",", ".")})
        now = timezone.now()
        self.reflection = text
        self.reflection_submitted_at = now
        self.read_at = self.read_at or now
        self.save(update_fields=["reflection", "reflection_submitted_at", "read_at"])
        return self
