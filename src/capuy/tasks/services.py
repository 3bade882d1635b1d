"""Actions that change task records. Each validates everything first and saves atomically, so that bad
input gets a Vietnamese ``ValidationError`` and changes nothing."""

import datetime
import re
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from capuy import config
from capuy.core import uploads, vietnamese
from capuy.tasks import rules
from capuy.tasks.models import (
    CLOSED_KINDS,
    DERIVED_KINDS,
    LEVEL_RANK,
    EvaluationLevel,
    Evidence,
    Milestone,
    ProgressReport,
    Registration,
    RegistrationYear,
    StatusKind,
    Task,
    TaskStatus,
)

CLOSED_TASK_MESSAGE = "Nhiệm vụ đã kết thúc (hoàn thành hoặc dừng thực hiện), không thể báo cáo tiến độ thêm."

# ---------------------------------------------------------------------------------------------------------
# Evidence files
# ---------------------------------------------------------------------------------------------------------

APPROVE_REFUSED = "Chỉ văn phòng cấp ủy ghi nhận việc Ban Thường vụ phê duyệt danh sách."


def evidence_extensions() -> tuple[str, ...]:
    return tuple(config.value("CAPUY_TASKS_EVIDENCE_EXTENSIONS"))


def evidence_accepts() -> uploads.Accepts:
    """Evidence files: the kinds of the setting's extensions, up to ``CAPUY_TASKS_EVIDENCE_MAX_MB`` (10 MB)."""
    kinds = tuple(k.name for k in uploads.KINDS.values()
                  if any(e.lstrip(".") in evidence_extensions() for e in k.extensions))
    return uploads.Accepts(kinds, float(config.value("CAPUY_TASKS_EVIDENCE_MAX_MB")))


def check_evidence(uploaded) -> str:
    """Check an evidence file's type (by its content, the extension agreeing) and size; return its extension."""
    uploads.check(uploaded, evidence_accepts())
    name = uploaded.name or ""
    return name.rsplit(".", 1)[-1].lower()


# ---------------------------------------------------------------------------------------------------------
# Tasks and progress
# ---------------------------------------------------------------------------------------------------------


def save_task(task: Task, user=None, indicators=None) -> Task:
    """Validate and save a task (new or changed) with the indicators (chỉ tiêu) it serves, when given."""
    if task.pk is None and user is not None and user.is_authenticated:
        task.created_by = user
    task.full_clean()
    with transaction.atomic():
        task.save()
        if indicators is not None:
            task.indicators.set(indicators)
    return task


def record_progress(task: Task, user, status: TaskStatus, percent: int | None = None, note: str = "",
                    reason: str = "", files=(), reported_on: datetime.date | None = None) -> ProgressReport:
    """Add a progress report and mirror it on the task.

    Refused (nothing saved): a closed task (done or stopped); a derived status (overdue, done late);
    stopping without a reason; a percentage outside 0–100; a report dated before the task starts or
    in the future; an evidence file of the wrong type or too large. "Hoàn thành" sets 100% and the
    completion date to the report date.
    """
    if not rules.can_report_progress(user, task):
        raise PermissionDenied("Chỉ văn phòng của tổ chức chủ trì và lãnh đạo phụ trách được báo cáo tiến độ.")
    with transaction.atomic():
        locked = Task.objects.select_for_update().get(pk=task.pk)
        report = _record_progress(locked, user, status, percent, note, reason, files, reported_on)
    for name in ("reported_status", "percent", "closed", "completed_on"):
        setattr(task, name, getattr(locked, name))
    return report


def _record_progress(task, user, status, percent, note, reason, files, reported_on):
    today = timezone.localdate()
    reported_on = reported_on or today
    errors = {}
    if task.closed:
        raise ValidationError(CLOSED_TASK_MESSAGE)
    if status is None:
        errors["status"] = "Hãy chọn trạng thái."
    elif status.kind in DERIVED_KINDS:
        errors["status"] = (f"Trạng thái “{status.name}” do hệ thống tự xác định theo thời hạn, "
                            "không chọn khi báo cáo tiến độ.")
    elif status.requires_reason and not reason.strip():
        errors["reason"] = f"Phải nêu lý do khi chọn trạng thái “{status.name}”."
    if status is not None and status.kind == StatusKind.DONE:
        percent = 100
    if percent is None:
        percent = status.progress if status is not None and status.progress is not None else task.percent
    if not 0 <= percent <= 100:
        errors["percent"] = "Tỷ lệ hoàn thành phải từ 0 đến 100%."
    if reported_on > today:
        errors["reported_on"] = "Ngày báo cáo không được sau ngày hôm nay."
    elif reported_on < task.start_date:
        errors["reported_on"] = "Ngày báo cáo không được trước ngày bắt đầu nhiệm vụ."
    checked = []
    for uploaded in files or ():
        try:
            checked.append((uploaded, check_evidence(uploaded)))
        except ValidationError as exc:
            errors.setdefault("files", []).extend(exc.messages)
    if errors:
        raise ValidationError(errors)
    report = ProgressReport.objects.create(
        task=task, status=status, percent=percent, note=note.strip(), reason=reason.strip(),
        reported_on=reported_on, reporter=getattr(user, "person", None),
        created_by=user if user.is_authenticated else None,
    )
    for uploaded, extension in checked:
        Evidence.objects.create(report=report, file=uploaded, original_name=uploaded.name[:255],
                                extension=extension, size=uploaded.size)
    task.reported_status = status
    task.percent = percent
    task.closed = status.kind in CLOSED_KINDS
    task.completed_on = reported_on if status.kind == StatusKind.DONE else None
    Task.objects.filter(pk=task.pk).update(reported_status=status, percent=percent, closed=task.closed,
                                           completed_on=task.completed_on, updated_at=timezone.now())
    return report


# ---------------------------------------------------------------------------------------------------------
# From a conclusion to tasks
# ---------------------------------------------------------------------------------------------------------

_SPLIT = re.compile(r"(?:\n+|;\s*|(?<=[.!?])\s+(?=[A-ZĐÂĂÊÔƠƯÁÀẢÃẠ]))")
_LEAD_IN = re.compile(r"^\s*(?:[-–•*+]|\d+[.)]|[a-zđ][.)])\s*")


def conclusion_items(text: str) -> list[str]:
    """Split a conclusion into candidate tasks: one per line, per ";"-separated clause, per sentence.

    Bullets and numbering are dropped, the first letter is capitalised and a trailing period removed;
    fragments shorter than four words are left out (they are rarely tasks on their own).
    """
    items = []
    for piece in _SPLIT.split(text or ""):
        piece = _LEAD_IN.sub("", piece).strip().rstrip(".;:…").strip()
        if len(piece.split()) < 4:
            continue
        piece = piece[0].upper() + piece[1:]
        if piece not in items:
            items.append(piece)
    return items


# ---------------------------------------------------------------------------------------------------------
# Registrations of difficult tasks
# ---------------------------------------------------------------------------------------------------------


def _ensure_year(organization, year) -> RegistrationYear:
    return RegistrationYear.objects.get_or_create(organization=organization, year=year)[0]


def register(registration: Registration, user, milestones=(), today: datetime.date | None = None) -> Registration:
    """Save a new registration with its milestones ((title, due_date) pairs).

    Refused after the year's registration deadline (``rules.registration_deadline``) and once the
    standing committee has approved the year's list.
    """
    today = today or timezone.localdate()
    if not rules.can_register(user, registration):
        raise PermissionDenied("Bạn không được đăng ký thay cán bộ này.")
    deadline = rules.registration_deadline(registration.organization, registration.year)
    if today > deadline:
        raise ValidationError(f"Đã hết hạn đăng ký nhiệm vụ khó khăn, phức tạp năm {registration.year} "
                              f"(hạn cuối {vietnamese.numeric_date(deadline)}).")
    year = RegistrationYear.objects.filter(organization=registration.organization, year=registration.year).first()
    if year and year.approved_on:
        raise ValidationError(f"Ban Thường vụ đã phê duyệt danh sách đăng ký năm {registration.year}; "
                              "không thể đăng ký thêm.")
    registration.submitted_on = today
    registration.state = Registration.State.SUBMITTED
    if user.is_authenticated:
        registration.created_by = user
    registration.full_clean()
    rows = []
    for title, due in milestones:
        row = Milestone(title=title.strip(), due_date=due)
        if not row.title or due is None:
            raise ValidationError("Mỗi mốc tiến độ cần nội dung và thời hạn.")
        if registration.deadline and due > registration.deadline:
            raise ValidationError(f"Mốc “{row.title}” sau thời hạn hoàn thành của nhiệm vụ.")
        rows.append(row)
    with transaction.atomic():
        _ensure_year(registration.organization, registration.year)
        registration.save()
        for row in rows:
            row.registration = registration
            row.save()
    return registration


def approve_list(organization, year: int, user, approved_on: datetime.date, note: str = "") -> int:
    """Record the standing committee's approval of the year's list; every submitted registration is approved."""
    if not rules.can_manage_registrations(user, organization):
        raise PermissionDenied(APPROVE_REFUSED)
    submitted = Registration.objects.filter(organization=organization, year=year, state=Registration.State.SUBMITTED)
    if not submitted.exists():
        raise ValidationError(f"Không có đăng ký nào của năm {year} đang chờ phê duyệt.")
    if approved_on is None:
        raise ValidationError("Hãy nhập ngày Ban Thường vụ phê duyệt.")
    with transaction.atomic():
        year_row = _ensure_year(organization, year)
        year_row.approved_on, year_row.approval_note, year_row.approved_by = approved_on, note.strip(), user
        year_row.save()
        return submitted.update(state=Registration.State.APPROVED)


def _require_state(registration, allowed, message):
    if registration.state not in allowed:
        raise ValidationError(message)


def mid_year_check(registration: Registration, user, note: str, percent: int | None,
                   today: datetime.date | None = None) -> Registration:
    """The mid-year check of an approved registration (by the official or the office)."""
    if not rules.can_register(user, registration):
        raise PermissionDenied("Bạn không được cập nhật đăng ký này.")
    S = Registration.State
    _require_state(registration, (S.APPROVED, S.MID_YEAR), "Chỉ kiểm tra giữa năm sau khi danh sách đã được phê duyệt.")
    if not note.strip():
        raise ValidationError({"mid_year_note": "Hãy ghi kết quả kiểm tra giữa năm."})
    if percent is not None and not 0 <= percent <= 100:
        raise ValidationError({"mid_year_percent": "Tiến độ phải từ 0 đến 100%."})
    registration.mid_year_note, registration.mid_year_percent = note.strip(), percent
    registration.mid_year_on = today or timezone.localdate()
    registration.state = S.MID_YEAR
    registration.save()
    return registration


def self_assess(registration: Registration, user, text: str, level: str,
                today: datetime.date | None = None) -> Registration:
    """The official's year-end self-assessment with the level they propose."""
    if not rules.can_register(user, registration):
        raise PermissionDenied("Bạn không được tự đánh giá thay cán bộ này.")
    S = Registration.State
    _require_state(registration, (S.APPROVED, S.MID_YEAR, S.SELF_ASSESSED),
                   "Chỉ tự đánh giá nhiệm vụ đã được phê duyệt và chưa được đánh giá.")
    errors = {}
    if not text.strip():
        errors["self_assessment"] = "Hãy ghi nội dung tự đánh giá."
    if level not in EvaluationLevel.values:
        errors["self_level"] = "Hãy chọn mức tự đánh giá."
    if errors:
        raise ValidationError(errors)
    registration.self_assessment, registration.self_level = text.strip(), level
    registration.self_assessed_on = today or timezone.localdate()
    registration.state = S.SELF_ASSESSED
    registration.save()
    return registration


def evaluate(registration: Registration, user, level: str, note: str = "",
             today: datetime.date | None = None) -> Registration:
    """The standing committee's evaluation (recorded by its office), after the self-assessment."""
    if not rules.can_manage_registrations(user, registration.organization):
        raise PermissionDenied("Chỉ văn phòng cấp ủy ghi nhận đánh giá của Ban Thường vụ.")
    if user.is_authenticated and user.person_id == registration.person_id:
        raise PermissionDenied("Cán bộ không tự đánh giá mức cuối cùng cho đăng ký của mình.")
    S = Registration.State
    _require_state(registration, (S.SELF_ASSESSED, S.EVALUATED), "Cán bộ cần tự đánh giá trước khi Ban Thường vụ đánh giá.")
    if level not in EvaluationLevel.values:
        raise ValidationError({"level": "Hãy chọn mức đánh giá."})
    registration.level, registration.evaluation_note = level, note.strip()
    registration.evaluated_on, registration.evaluated_by = today or timezone.localdate(), user
    registration.state = S.EVALUATED
    registration.save()
    return registration


@dataclass
class YearEvaluation:
    """What ``evaluation_for`` returns: the person's registrations of a year and their evaluation."""

    person_id: int
    year: int
    registered: int
    evaluated: int
    level: str | None
    level_label: str
    text: str
    registrations: list


def evaluation_for(person, year: int) -> YearEvaluation | None:
    """The year-end evaluation of the difficult tasks ``person`` registered for ``year``, for the yearly rating.

    None when the person registered nothing that year. ``level`` is the lowest level among the evaluated
    registrations (one task not done is not hidden by another done well), None while none is evaluated;
    ``text`` is a sentence for the rating page: "Đăng ký 2 nhiệm vụ khó khăn, phức tạp năm 2023; đã đánh
    giá 2: Hoàn thành tốt (1), Hoàn thành (1)".
    """
    registrations = list(Registration.objects.filter(person=person, year=year).select_related("organization"))
    if not registrations:
        return None
    evaluated = [r for r in registrations if r.state == Registration.State.EVALUATED and r.level]
    level = max((r.level for r in evaluated), key=LEVEL_RANK.__getitem__) if evaluated else None
    text = f"Đăng ký {len(registrations)} nhiệm vụ khó khăn, phức tạp năm {year}"
    if evaluated:
        counts = {}
        for r in evaluated:
            counts[r.level] = counts.get(r.level, 0) + 1
        detail = ", ".join(f"{EvaluationLevel(lv).label} ({n})" for lv, n in
                           sorted(counts.items(), key=lambda kv: LEVEL_RANK[kv[0]]))
        text += f"; đã đánh giá {len(evaluated)}: {detail}"
    else:
        text += "; chưa được đánh giá"
    return YearEvaluation(person_id=person.pk, year=year, registered=len(registrations), evaluated=len(evaluated),
                          level=level, level_label=EvaluationLevel(level).label if level else "", text=text,
                          registrations=registrations)
