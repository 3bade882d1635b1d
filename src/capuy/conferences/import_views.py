"""Pages "Nhập từ bản tin" (issue 13, part 2): paste or upload reports, check what capuy read beside the text,
correct, confirm; undo. The views only translate: the rules are in ``actions`` and ``imports``."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from capuy.accounts import permissions
from capuy.conferences import actions, imports
from capuy.conferences.imported import ImportedReport
from capuy.conferences.models import Conference
from capuy.organizations.choosers import choose_organizations, search_box
from capuy.targets.models import to_decimal

KIND_CHOICES = [("committee_plenary", "Hội nghị Ban Chấp hành (có số thứ tự)"),
                ("periodic_review", "Sơ kết 6 tháng, 9 tháng, quý"), ("year_end_review", "Tổng kết năm"),
                ("mid_term_review", "Sơ kết giữa nhiệm kỳ"), ("other", "Hội nghị khác, chuyên đề"),
                ("congress", "Đại hội (không nhập được)"), ("council_session", "Kỳ họp HĐND (không nhập được)")]


PENDING_SHOWN = 100  # the page says how many more wait
RECENT_SHOWN = 30  # "the latest imports": a preview, each import opens from its conference


def _messages_of(exc: ValidationError) -> list[str]:
    return list(exc.messages)


def _organization_picker(request, name: str) -> str:
    """A search box for one of the organizations the clerk manages (a province manages thousands: no <select>)."""
    return search_box(choose_organizations, permissions.readable_organizations(request.user, permissions.MANAGE_ROLES),
                      name, _id(request.POST.get(name)), f"f-{name}", quan_ly=1)


def _start_page(request, errors=(), text="", source_url="", status=200):
    mine = ImportedReport.objects.visible_to(request.user).select_related("conference", "created_by")
    pending = mine.filter(status=ImportedReport.Status.PENDING, created_by=request.user)
    return render(request, "conferences/import_start.html", {
        "errors": list(errors), "text": text, "source_url": source_url,
        "pending": pending[:PENDING_SHOWN], "pending_count": pending.count(),
        "recent": mine.exclude(status=ImportedReport.Status.PENDING)[:RECENT_SHOWN],
        "max_reports": imports.MAX_REPORTS_AT_ONCE}, status=status)


BLANK_ROWS = 2


def _review_page(request, read: dict, source_text: str, pending=None, errors=(), choices=None, status=200):
    record = read["record"]
    found = {mark.field for mark in read["marks"]}
    people = []
    choices = choices or {}
    for i, match in enumerate(read["people"]):
        people.append({"i": i, "match": match, "found": f"person-{i}-name" in found,
                       "choice": (choices.get("people") or [])[i] if i < len(choices.get("people") or []) else ""})
    figures = []
    for i, figure in enumerate(record.get("indicators") or []):
        chosen = (choices.get("figures") or [])[i] if i < len(choices.get("figures") or []) else ""
        figures.append({"i": i, "figure": figure, "candidates": read["figures"][i] if i < len(read["figures"]) else [],
                        "found": f"figure-{i}-value" in found, "choice": chosen})
    # Blank rows for what the reader missed: the clerk adds a person, a figure, a task or an award the report
    # names (rows left blank are not recorded).
    people += [{"i": i, "match": {"name": "", "titles": [], "candidates": []}, "found": False, "choice": "new",
                "first_added": i == len(people)} for i in range(len(people), len(people) + BLANK_ROWS)]
    figures += [{"i": i, "figure": {"name": "", "value": "", "unit": ""}, "candidates": [], "found": False,
                 "choice": "new", "first_added": i == len(figures)} for i in range(len(figures), len(figures) + BLANK_ROWS)]
    tasks = list(record.get("tasks") or [])
    awards = _awards(read, source_text)
    return render(request, "conferences/import_review.html", {
        "record": record, "segments": imports.segments(read["text"], read["marks"]), "found": found,
        "source_text": source_text, "source_url": read["source_url"], "pending": pending, "errors": list(errors),
        "organization": read["organization"], "outside": read["outside"],
        "organization_picker": _organization_picker(request, "organization_id"),
        "parent_picker": _organization_picker(request, "parent_id"),
        "people": people, "figures": figures, "kinds": KIND_CHOICES, "blank_from": len(tasks),
        "tasks": list(enumerate(tasks + [""] * BLANK_ROWS)),
        "awards": list(enumerate(awards + [{"form": "", "recipient": "", "issuer": ""}])), "awards_found": len(awards),
        "choices": choices, "sessions": [("", "Không ghi")] + list(Conference.Session.choices),
        "session": choices.get("session", imports.session_of(source_text, record.get("event_date")))}, status=status)


def _awards(read, source: str) -> list[dict]:
    """The report's awards with their issuer as the report states it (``imports.award_issuer``), else blank."""
    committee = read["organization"].display_committee if read["organization"] else ""
    return [{**award, "issuer": imports.award_issuer(award, source, committee)}
            for award in read["record"].get("awards") or [] if isinstance(award, dict)]


@login_required
def import_start(request):
    """Paste a report or upload files: one report goes to the review page, several to a background job."""
    actions._require_office(request.user)
    if request.method != "POST":
        return _start_page(request)
    text = request.POST.get("text", "")
    source_url = request.POST.get("source_url", "").strip()
    files = request.FILES.getlist("files")
    reports, errors = [], []
    if text.strip():
        reports.append(("", text, source_url))
    for uploaded in files:
        try:
            file_text, file_url = imports.read_upload(uploaded)
        except ValidationError as exc:
            errors += _messages_of(exc)
        else:
            reports.append((uploaded.name[:255], file_text, file_url))
    if errors:
        return _start_page(request, errors + ["Không có gì được tạo."], text, source_url, status=400)
    if not reports:
        return _start_page(request, [imports.EMPTY_MESSAGE], text, source_url, status=400)
    try:
        if len(reports) > 1:
            job = actions.queue_reports(request.user, reports)
            return redirect("core:job", job.pk)
        name, report_text, url = reports[0]
        read = actions.read_report(request.user, report_text, url)
    except ValidationError as exc:
        return _start_page(request, _messages_of(exc), text, source_url, status=400)
    return _review_page(request, read, report_text, choices={"file_name": name})


@login_required
def import_review(request, pk):
    """A report read in a batch, waiting for the clerk's check."""
    imported = get_object_or_404(ImportedReport.objects.filter(created_by=request.user), pk=pk)
    if imported.status != ImportedReport.Status.PENDING:
        return redirect(imported)
    try:
        read = actions.read_report(request.user, imported.source_text, imported.source_url)
    except ValidationError as exc:
        return _start_page(request, _messages_of(exc), status=400)
    return _review_page(request, read, imported.source_text, pending=imported, choices={"file_name": imported.file_name})


def _lines(value: str) -> list[str]:
    return [" ".join(line.split()) for line in (value or "").splitlines() if line.strip()]


def _number(raw: str, field: str):
    value = to_decimal(raw)
    if value is None:
        raise ValidationError({field: f"Giá trị “{raw}” không phải là số."})
    return int(value) if value == value.to_integral_value() else float(value)


def record_from_post(post) -> tuple[dict, dict]:
    """The record as the clerk corrected it (keys of LABELS.md) and their choices (people, figures, …)."""
    def count(name):
        try:
            return max(0, min(500, int(post.get(name) or 0)))
        except ValueError:
            return 0

    ordinal = (post.get("ordinal") or "").strip()
    if ordinal and not ordinal.isdigit():
        raise ValidationError({"ordinal": "Số thứ tự hội nghị phải là số."})
    record = {"organization": post.get("organization", "").strip(), "level": post.get("level", "") or None,
              "conference_kind": post.get("conference_kind") or "other", "ordinal": int(ordinal) if ordinal else None,
              "term": post.get("term", "").strip() or None, "term_years": post.get("term_years", "").strip() or None,
              "event_date": post.get("event_date", "").strip() or None,
              "period_reviewed": post.get("period_reviewed", "").strip() or None,
              "chair": [], "attendees": [], "indicators": [],
              "resolution_passed": {"yes": True, "no": False}.get(post.get("resolution_passed", "")),
              "vote_share": _number(share, "vote_share") if (share := post.get("vote_share", "").strip()) else None,
              "tasks": [], "awards": []}
    chairs, others = [], []
    for i in range(count("people_count")):
        name = post.get(f"person-{i}-name", "").strip()
        if not name:
            continue
        entry = ({"name": name, "titles": _lines(post.get(f"person-{i}-titles", ""))},
                 post.get(f"person-{i}-choice") or "auto")
        (chairs if post.get(f"person-{i}-chair") else others).append(entry)
    record["chair"] = [p for p, _ in chairs]
    record["attendees"] = [p for p, _ in others]
    choices = {"people": [c for _, c in chairs + others], "figures": []}
    for i in range(count("figures_count")):
        name = post.get(f"figure-{i}-name", "").strip()
        if not name:
            continue
        record["indicators"].append({"name": name, "value": _number(post.get(f"figure-{i}-value", ""), "indicators"),
                                     "unit": post.get(f"figure-{i}-unit", "").strip(),
                                     "comparison": post.get(f"figure-{i}-comparison", "").strip() or None})
        choices["figures"].append(post.get(f"figure-{i}-choice") or "auto")
    for i in range(count("tasks_count")):
        if post.get(f"task-{i}-keep") and post.get(f"task-{i}", "").strip():
            record["tasks"].append(" ".join(post[f"task-{i}"].split()))
    for i in range(count("awards_count")):
        if post.get(f"award-{i}-keep") and (post.get(f"award-{i}-recipient", "").strip() or
                                            post.get(f"award-{i}-form", "").strip()):
            record["awards"].append({"recipient": post.get(f"award-{i}-recipient", "").strip(),
                                     "form": post.get(f"award-{i}-form", "").strip() or None,
                                     "issuer": post.get(f"award-{i}-issuer", "").strip()})
    return record, choices


@login_required
@require_POST
def import_confirm(request):
    """Confirm a checked report: everything is created in one transaction, or nothing with the reasons."""
    actions._require_office(request.user)
    source_text = request.POST.get("source_text", "")
    source_url = request.POST.get("source_url", "")
    pending = None
    if request.POST.get("pending"):
        pending = get_object_or_404(ImportedReport.objects.filter(created_by=request.user),
                                    pk=int(request.POST["pending"]) if request.POST["pending"].isdigit() else 0)
    record, choices = {}, {}
    try:
        record, choices = record_from_post(request.POST)
        imported = actions.import_report(
            request.user, record, source_text, source_url, organization_id=_id(request.POST.get("organization_id")),
            parent_id=_id(request.POST.get("parent_id")), people=choices["people"], figures=choices["figures"],
            task_deadline=request.POST.get("task_deadline") or None, pending=pending,
            file_name=request.POST.get("file_name", ""), session=request.POST.get("session", ""))
    except ValidationError as exc:
        errors = _messages_of(exc)
        try:
            read = actions.read_report(request.user, source_text, source_url)
        except ValidationError:
            return _start_page(request, errors, source_text, source_url, status=400)
        if record:
            read["record"] = {**read["record"], **record}
            read["marks"] = imports.marks(read["text"], read["record"])
            read["people"] = imports.match_people(request.user, read["record"])
            read["figures"] = imports.figure_candidates(read["record"].get("indicators") or [])
        choices["file_name"] = request.POST.get("file_name", "")
        choices["session"] = request.POST.get("session", "")
        return _review_page(request, read, source_text, pending=pending, errors=errors, choices=choices, status=400)
    messages.success(request, f"Đã nhập {imported.conference_title} từ bản tin "
                              f"({len(imported.created_rows)} bản ghi mới). Có thể hoàn tác ở trang lần nhập.")
    return redirect(imported.conference)


def _id(raw):
    raw = (raw or "").strip()
    return int(raw) if raw.isdigit() else None


def _imported_or_404(request, pk) -> ImportedReport:
    return actions.imported_for(request.user, pk)


@login_required
def import_detail(request, pk):
    imported = _imported_or_404(request, pk)
    refusal = actions.undo_refusal(imported) if imported.status == ImportedReport.Status.CONFIRMED else None
    return render(request, "conferences/import_detail.html", {"imported": imported, "refusal": refusal})


@login_required
@require_POST
def import_undo(request, pk):
    imported = _imported_or_404(request, pk)
    try:
        actions.undo_import(request.user, imported)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, "Đã hoàn tác lần nhập: mọi bản ghi do lần nhập tạo ra đã được xóa.")
    return redirect("conferences:import_detail", imported.pk)


@login_required
@require_POST
def import_discard(request, pk):
    imported = get_object_or_404(ImportedReport.objects.filter(created_by=request.user), pk=pk)
    try:
        actions.discard_pending(request.user, imported)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, "Đã bỏ bản tin chờ xác nhận.")
    return redirect("conferences:import_start")
