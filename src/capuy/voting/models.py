"""Votes, elections and ballots. See README.md in this folder for the secret-ballot design.

The counting rules are plain functions in ``capuy.voting.rules``; this module turns records (memberships,
party member flags, attendance) into their inputs, keeps the ballots, and stores the results.
"""

import random
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from capuy.conferences.models import AgendaItem, Conference
from capuy.organizations.models import Person
from capuy.voting import rules

TALLY_SHARDS = 8  # tally rows per choice, so that concurrent ballots rarely wait on the same row


class Vote(models.Model):
    """A vote on an agenda item: a question (resolution, list, proposal), an election round or a confidence vote."""

    class Kind(models.TextChoices):
        QUESTION = "question", "Biểu quyết"
        ELECTION = "election", "Bầu cử"
        CONFIDENCE = "confidence", "Lấy phiếu tín nhiệm"

    class Method(models.TextChoices):
        HANDS = "hands", "Giơ tay"
        CARD = "card", "Giơ thẻ đảng viên"
        OPEN = "open", "Biểu quyết điện tử công khai"
        SECRET = "secret", "Bỏ phiếu kín điện tử"
        PAPER = "paper", "Bỏ phiếu kín bằng phiếu giấy"

    class Status(models.TextChoices):
        DRAFT = "draft", "Chưa mở"
        OPEN = "open", "Đang biểu quyết"
        CLOSED = "closed", "Đã kết thúc"

    ELECTRONIC = (Method.OPEN, Method.SECRET)
    COUNTED_BY_BOARD = (Method.HANDS, Method.CARD)
    SECRET_METHODS = (Method.SECRET, Method.PAPER)

    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="votes", editable=False)
    agenda_item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="votes",
                                    verbose_name="nội dung chương trình")
    subject = models.CharField("nội dung biểu quyết", max_length=500,
                               help_text="Ví dụ: Thông qua Nghị quyết Hội nghị lần thứ 17")
    kind = models.CharField("loại", max_length=12, choices=Kind.choices, default=Kind.QUESTION)
    method = models.CharField("hình thức", max_length=8, choices=Method.choices, default=Method.OPEN)
    base_kind = models.CharField("cơ sở tính", max_length=20, choices=rules.BaseKind.choices, blank=True)
    status = models.CharField("trạng thái", max_length=8, choices=Status.choices, default=Status.DRAFT)
    election = models.ForeignKey("Election", null=True, blank=True, on_delete=models.CASCADE, related_name="rounds")
    round = models.PositiveSmallIntegerField("vòng", default=1)
    seats = models.PositiveSmallIntegerField("số lượng cần bầu (vòng này)", default=0)
    candidates = models.ManyToManyField("Candidate", blank=True, related_name="rounds")
    # Snapshot taken when the vote opens.
    base = models.PositiveIntegerField("cơ sở tính", default=0)
    base_rule = models.TextField(blank=True)
    excluded = models.JSONField("không tính vào cơ sở", default=list, blank=True)
    eligible_count = models.PositiveIntegerField("số người được bỏ phiếu", default=0)
    choices_snapshot = models.JSONField(default=list, blank=True)  # the ballot keys accepted
    opened_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    result = models.JSONField("kết quả", default=dict, blank=True)
    # Secret electronic votes (README.md "Secret ballots"): the vote's public key, how many tellers' shares
    # decrypt the totals, and the encrypted totals summed at close. Empty for votes opened before the upgrade.
    public_key = models.BinaryField(blank=True, default=b"", editable=False)
    threshold = models.PositiveSmallIntegerField("số phần khóa cần để giải mã", default=0)
    sealed_totals = models.BinaryField(blank=True, default=b"", editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")

    class Meta:
        ordering = ["conference", "agenda_item__order", "pk"]
        verbose_name = "biểu quyết"
        verbose_name_plural = "biểu quyết"

    def __str__(self):
        return self.subject

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("voting:detail", args=[self.pk])

    def save(self, *args, **kwargs):
        if self.agenda_item_id and not self.conference_id:
            self.conference_id = self.agenda_item.conference_id
        super().save(*args, **kwargs)

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    @property
    def is_closed(self) -> bool:
        return self.status == self.Status.CLOSED

    @property
    def is_electronic(self) -> bool:
        return self.method in self.ELECTRONIC

    @property
    def is_secret(self) -> bool:
        return self.method in self.SECRET_METHODS

    @property
    def is_sealed(self) -> bool:
        """Ballots encrypted to the vote's key (secret electronic votes opened since the upgrade)."""
        return self.method == self.Method.SECRET and bool(self.public_key)

    @property
    def awaiting_tellers(self) -> bool:
        """Closed, the encrypted totals waiting for the counting board's shares."""
        return self.status == self.Status.CLOSED and bool(self.result.get("awaiting_tellers"))

    @property
    def is_counted(self) -> bool:
        return self.status == self.Status.CLOSED and bool(self.result) and not self.result.get("awaiting_tellers")

    def clean(self):
        if self.kind in (self.Kind.ELECTION, self.Kind.CONFIDENCE) and self.method not in self.SECRET_METHODS:
            what = "Bầu cử" if self.kind == self.Kind.ELECTION else "Lấy phiếu tín nhiệm"
            raise ValidationError({"method": f"{what} phải bỏ phiếu kín (điện tử hoặc phiếu giấy)."})
        if self.kind == self.Kind.ELECTION and self.election_id is None:
            raise ValidationError("Vòng bầu cử phải thuộc một cuộc bầu cử.")


class EligibleVoter(models.Model):
    """The seats of the base of an electronic vote, one person each, snapshot when the vote opens.

    Holding a seat is necessary, not sufficient: the holder must also be present when casting
    (``capuy.voting.base.may_cast``)."""

    vote = models.ForeignKey(Vote, on_delete=models.CASCADE, related_name="eligible")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["vote", "person"], name="voting_eligible_unique")]

    def __str__(self):
        return f"{self.person_id} @ {self.vote_id}"


def _uuid():
    return uuid.uuid4()


class VoterRegister(models.Model):
    """Who has voted (electronic votes). One row per voter per vote, enforced by the database.

    Random UUID key, no timestamp, nothing about the choice: see README.md ("Secret ballots").
    """

    id = models.UUIDField(primary_key=True, default=_uuid, editable=False)
    vote = models.ForeignKey(Vote, on_delete=models.CASCADE, related_name="register")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["vote", "person"], name="voting_register_one_ballot")]

    def __str__(self):
        return f"Đã bỏ phiếu: {self.person_id} @ {self.vote_id}"


class OpenBallot(models.Model):
    """A named ballot of an open electronic vote: the voter and the choice (public by design)."""

    vote = models.ForeignKey(Vote, on_delete=models.CASCADE, related_name="open_ballots")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    choice = models.CharField(max_length=20)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["vote", "person"], name="voting_open_ballot_unique")]

    def __str__(self):
        return f"{self.person_id}: {self.choice}"


class TallyCell(models.Model):
    """The ballot box of a secret vote: what was voted, as counters only.

    A ballot adds one to the counter of each key it carries ("for", "c:12" for a candidate kept,
    "s:3:low" for a confidence level, "ballots" and "valid"), in one of ``TALLY_SHARDS`` rows chosen at
    random. No voter, no time, no order: nothing joins it to ``VoterRegister`` (README.md).
    Show-of-hands counts entered by the counting board are kept here too (shard 0).
    """

    id = models.UUIDField(primary_key=True, default=_uuid, editable=False)
    vote = models.ForeignKey(Vote, on_delete=models.CASCADE, related_name="tally")
    key = models.CharField(max_length=40)
    shard = models.PositiveSmallIntegerField(default=0)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["vote", "key", "shard"], name="voting_tally_cell_unique")]

    @staticmethod
    def random_shard() -> int:
        return random.SystemRandom().randrange(TALLY_SHARDS)

    def __str__(self):
        return f"{self.key}#{self.shard} = {self.count}"


class SealedBallot(models.Model):
    """The ballot box of a secret electronic vote: one encrypted ballot (``crypto.encrypt``), nothing else.

    One ciphertext pair per ballot key of the vote (``Vote.choices_snapshot`` order), each encrypting 1 or 0
    to the vote's public key. Random UUID key, no voter, no time; without ``threshold`` tellers' codes
    nothing here tells what was voted (README.md, "Secret ballots").
    """

    id = models.UUIDField(primary_key=True, default=_uuid, editable=False)
    vote = models.ForeignKey(Vote, on_delete=models.CASCADE, related_name="sealed_ballots")
    data = models.BinaryField()

    def __str__(self):
        return f"Phiếu kín mã hóa @ {self.vote_id}"


class Teller(models.Model):
    """A member of the counting board (Ban kiểm phiếu) of a conference, holding a teller code.

    Only the code's public key is stored; the code is shown once to the teller and never kept."""

    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="tellers")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+", verbose_name="thành viên")
    public_key = models.BinaryField(blank=True, default=b"", editable=False)

    class Meta:
        ordering = ["conference", "pk"]
        verbose_name = "thành viên Ban kiểm phiếu"
        verbose_name_plural = "Ban kiểm phiếu"
        constraints = [models.UniqueConstraint(fields=["conference", "person"], name="voting_teller_unique")]

    def __str__(self):
        return str(self.person)

    @property
    def has_key(self) -> bool:
        return bool(self.public_key)


class KeyShare(models.Model):
    """One teller's share of a vote's private key: sealed to the teller's code, with its verification key.

    ``partial`` is what the share contributes to decrypting the totals (``x_i·C1`` per key), written when the
    teller enters their code after the close. Once the totals are decrypted the sealed share is erased."""

    id = models.UUIDField(primary_key=True, default=_uuid, editable=False)
    vote = models.ForeignKey(Vote, on_delete=models.CASCADE, related_name="key_shares")
    teller = models.ForeignKey(Teller, on_delete=models.PROTECT, related_name="shares")
    index = models.PositiveSmallIntegerField()
    verification = models.BinaryField()
    sealed = models.BinaryField(blank=True, default=b"")
    partial = models.BinaryField(blank=True, default=b"")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["vote", "teller"], name="voting_key_share_unique"),
                       models.UniqueConstraint(fields=["vote", "index"], name="voting_key_share_index")]

    def __str__(self):
        return f"Phần khóa {self.index} @ {self.vote_id}"


class Election(models.Model):
    """An election on an agenda item: seats, the candidate list and its rounds (``Vote`` with kind election)."""

    class Position(models.TextChoices):
        COMMITTEE = "bch", "Ban Chấp hành (cấp ủy)"
        STANDING = "btv", "Ban Thường vụ"
        SECRETARY = "bi_thu", "Bí thư"
        DEPUTY = "pho_bi_thu", "Phó Bí thư"
        INSPECTION = "ubkt", "Ủy ban Kiểm tra"
        INSPECTION_CHAIR = "chu_nhiem_ubkt", "Chủ nhiệm Ủy ban Kiểm tra"
        DELEGATES = "dai_bieu", "Đại biểu dự đại hội cấp trên"
        OTHER = "khac", "Khác"

    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="elections", editable=False)
    agenda_item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="elections",
                                    verbose_name="nội dung chương trình")
    title = models.CharField("tên cuộc bầu cử", max_length=300,
                             help_text="Ví dụ: Bầu Ban Chấp hành Đảng bộ quận khóa VII")
    position = models.CharField("bầu vào", max_length=16, choices=Position.choices, default=Position.COMMITTEE)
    seats = models.PositiveSmallIntegerField("số lượng cần bầu")
    base_kind = models.CharField("cơ sở tính", max_length=20, choices=rules.BaseKind.choices, blank=True)
    # A cancelled election stays in the record with its reason (``voting.actions.cancel_election``).
    cancelled_at = models.DateTimeField("hủy lúc", null=True, blank=True)
    cancel_reason = models.TextField("lý do hủy", blank=True)

    class Meta:
        ordering = ["conference", "pk"]
        verbose_name = "bầu cử"
        verbose_name_plural = "bầu cử"

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if self.agenda_item_id and not self.conference_id:
            self.conference_id = self.agenda_item.conference_id
        super().save(*args, **kwargs)

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled_at is not None

    def ensure_active(self):
        """A cancelled election takes no candidate and no round."""
        if self.is_cancelled:
            raise ValidationError("Cuộc bầu cử này đã bị hủy.")

    def list_check(self) -> "rules.ListCheck":
        """The candidate list against the seats (``rules.check_candidate_list``): refusal or notice to show."""
        return rules.check_candidate_list(self.seats, self.candidates.filter(withdrawn=False).count())

    def elected(self) -> list:
        """Candidates elected in the closed rounds, in order of rounds then votes."""
        ids = []
        for vote in self.rounds.filter(status=Vote.Status.CLOSED).order_by("round"):
            ids += vote.result.get("elected", [])
        by_id = Candidate.objects.in_bulk(ids)
        return [by_id[i] for i in ids if i in by_id]


class Candidate(models.Model):
    class Source(models.TextChoices):
        PREPARED = "prepared", "Do cấp ủy giới thiệu"
        FLOOR = "floor", "Đại biểu đề cử tại đại hội"
        SELF = "self", "Tự ứng cử"

    election = models.ForeignKey(Election, on_delete=models.CASCADE, related_name="candidates")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+", verbose_name="ứng cử viên")
    source = models.CharField("nguồn", max_length=10, choices=Source.choices, default=Source.PREPARED)
    floor_support = models.PositiveIntegerField("số đại biểu đồng ý đưa vào danh sách", null=True, blank=True)
    order = models.PositiveSmallIntegerField("thứ tự trên phiếu", default=0)
    withdrawn = models.BooleanField("xin rút, được chấp thuận", default=False)
    # Why the name left the list (withdrawal approved, list corrected): kept, never deleted.
    withdrawn_reason = models.CharField("lý do rút khỏi danh sách", max_length=500, blank=True)
    withdrawn_at = models.DateTimeField("rút khỏi danh sách lúc", null=True, blank=True)

    class Meta:
        ordering = ["election", "order", "person__sort_key"]
        verbose_name = "ứng cử viên"
        verbose_name_plural = "ứng cử viên"
        constraints = [models.UniqueConstraint(fields=["election", "person"], name="voting_candidate_unique",
                                               violation_error_message="Người này đã có trong danh sách bầu cử.")]

    def __str__(self):
        return self.person.full_name


class ConfidenceSubject(models.Model):
    """A person assessed in a confidence vote (Quy định 96-QĐ/TW)."""

    vote = models.ForeignKey(Vote, on_delete=models.CASCADE, related_name="subjects")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    position = models.CharField("chức vụ được lấy phiếu", max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["vote", "order", "pk"]
        constraints = [models.UniqueConstraint(fields=["vote", "person"], name="voting_confidence_subject_unique")]

    def __str__(self):
        return str(self.person)


class PaperEntry(models.Model):
    """One operator's entry of one paper ballot (the counting board enters each ballot two or three times)."""

    vote = models.ForeignKey(Vote, on_delete=models.CASCADE, related_name="paper_entries")
    operator = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    number = models.PositiveIntegerField("số thứ tự phiếu")
    marks = models.JSONField("nội dung phiếu", default=list)

    class Meta:
        ordering = ["vote", "number", "operator"]
        constraints = [models.UniqueConstraint(fields=["vote", "operator", "number"], name="voting_paper_entry_unique")]

    def __str__(self):
        return f"Phiếu số {self.number}"


class EntryLog(models.Model):
    """The append-only log of the counting board's entries (paper ballots and counts by show of hands)."""

    vote = models.ForeignKey(Vote, on_delete=models.CASCADE, related_name="entry_log")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    action = models.CharField(max_length=20)
    number = models.PositiveIntegerField(null=True, blank=True)
    data = models.JSONField(default=dict)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["vote", "at", "pk"]

    def __str__(self):
        return f"{self.action} {self.number or ''}"


class BenchRow(models.Model):
    """One row per request of the benchmark's baseline endpoint (only served with ``CAPUY_BENCH=1``)."""

    id = models.UUIDField(primary_key=True, default=_uuid, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    def __str__(self):
        return str(self.pk)
