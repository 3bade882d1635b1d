"""Excel tables in the layout offices use: rows of indicators, columns of units (a round) or of periods (a unit).

Layout (both directions): row 1 the title, row 2 the period or unit, row 4 the headings "STT", "Mã chỉ tiêu",
"Tên chỉ tiêu", "Đơn vị tính", then one column per unit (by name) or per period ("Quý III/2023",
"9 tháng năm 2023", "Năm 2023"); one row per indicator from row 5. Empty cells mean "no figure".

An import checks every cell first. If any cell is wrong it reports each one (row, column, reason in
Vietnamese) and changes nothing; otherwise it applies every cell in one transaction.
"""

import dataclasses
import io

from django.core.exceptions import ValidationError
from django.db import transaction
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from capuy.core import spreadsheets, uploads, vietnamese
from capuy.targets import rules
from capuy.targets.entry import prepare_result
from capuy.targets.models import Indicator, Result
from capuy.targets.periods import parse_label

HEADER_ROW = 4
FIRST_VALUE_COLUMN = 5
HEADINGS = ["STT", "Mã chỉ tiêu", "Tên chỉ tiêu", "Đơn vị tính"]
GREY = PatternFill("solid", fgColor="DDDDDD")


@dataclasses.dataclass
class CellError:
    row: int
    column: str
    reason: str

    def __str__(self):
        if not self.row:  # the file as a whole, not one cell
            return self.reason
        return f"Dòng {self.row}, cột {self.column}: {self.reason}"


@dataclasses.dataclass
class ImportReport:
    errors: list[CellError]
    applied: int = 0
    unchanged: int = 0
    outcomes: list = dataclasses.field(default_factory=list)  # (row, "Ghi mới" | "Sửa", what), file order

    @property
    def ok(self) -> bool:
        return not self.errors


def _sheet(title: str, subtitle: str, headings: list[str]):
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Số liệu"
    spreadsheets.write(sheet, 1, 1, title).font = Font(bold=True, size=13)
    spreadsheets.write(sheet, 2, 1, subtitle)
    for col, text in enumerate(HEADINGS + headings, 1):
        cell = spreadsheets.write(sheet, HEADER_ROW, col, text)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
    sheet.column_dimensions["C"].width = 50
    sheet.column_dimensions["D"].width = 12
    for col in range(FIRST_VALUE_COLUMN, FIRST_VALUE_COLUMN + len(headings)):
        sheet.column_dimensions[get_column_letter(col)].width = 16
    sheet.freeze_panes = sheet.cell(HEADER_ROW + 1, FIRST_VALUE_COLUMN)
    return workbook, sheet


def _value(value):
    return int(value) if value == value.to_integral_value() else float(value)


def _save(workbook) -> bytes:
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def export_round(reporting_round) -> bytes:
    """The round's table: indicators × units, with every result entered so far (drafts included)."""
    indicators = list(reporting_round.indicators.prefetch_related("reporters").order_by("group", "order", "code"))
    units = list(reporting_round.organizations.order_by("path"))
    period = reporting_round.period
    results = {(r.organization_id, r.indicator_id): r.value for r in
               Result.objects.for_period(period).filter(indicator__in=indicators, organization__in=units)}
    workbook, sheet = _sheet(reporting_round.title, f"Kỳ báo cáo: {period.label}", [u.name for u in units])
    for i, indicator in enumerate(indicators, 1):
        row = HEADER_ROW + i
        reporters = {o.pk for o in indicator.reporters.all()}
        for col, text in enumerate([i, indicator.code, indicator.name, indicator.unit], 1):
            spreadsheets.write(sheet, row, col, text)
        for j, unit in enumerate(units):
            cell = sheet.cell(row, FIRST_VALUE_COLUMN + j)
            if unit.pk not in reporters:
                cell.fill = GREY
            elif (value := results.get((unit.pk, indicator.pk))) is not None:
                cell.value = _value(value)
    return _save(workbook)


def export_periods(organization, indicators, periods) -> bytes:
    """One unit's table: indicators × periods with its own results."""
    indicators = list(indicators)
    results = {}
    for r in Result.objects.filter(organization=organization, indicator__in=indicators):
        results[(r.indicator_id, r.period)] = r.value
    workbook, sheet = _sheet(f"Kết quả thực hiện chỉ tiêu – {organization.name}", organization.name,
                             [p.title for p in periods])
    for i, indicator in enumerate(indicators, 1):
        row = HEADER_ROW + i
        for col, text in enumerate([i, indicator.code, indicator.name, indicator.unit], 1):
            spreadsheets.write(sheet, row, col, text)
        for j, period in enumerate(periods):
            if (value := results.get((indicator.pk, period))) is not None:
                sheet.cell(row, FIRST_VALUE_COLUMN + j, _value(value))
    return _save(workbook)


def _empty(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


IMPORT_FILES = uploads.Accepts(("xlsx",), max_mb=10)


def _no_progress(done, total=None, message=None, force=False):
    pass


def import_table(content: bytes, user, *, reporting_round=None, organization=None, submit: bool = True,
                 progress=_no_progress) -> ImportReport:
    """Check every cell of an uploaded table and apply all of it, or nothing.

    ``progress(done, total, message)`` hears how far the check has gone (a background job's progress bar).

    Columns are units of ``reporting_round`` (matched by name) or periods of ``organization`` (headings
    such as "Quý III/2023"). Each figure goes through :func:`capuy.targets.entry.prepare_result`, so an
    import obeys the same rules as a form. Unchanged figures are skipped, so a table exported and
    imported again changes nothing (approved figures included).
    """
    errors: list[CellError] = []
    try:
        uploads.check_bytes(content, "bang-so-lieu.xlsx", IMPORT_FILES)
    except ValidationError as exc:
        return ImportReport([CellError(0, "", uploads.message(exc))])
    try:
        workbook = load_workbook(io.BytesIO(content), data_only=True, read_only=True)
    except Exception:  # openpyxl raises many kinds of errors for a file that is not a workbook
        return ImportReport([CellError(0, "", "Tệp không phải là bảng tính Excel (.xlsx) hợp lệ.")])
    sheet = workbook.worksheets[0]
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    workbook.close()
    if len(rows) < HEADER_ROW:
        return ImportReport([CellError(HEADER_ROW, "A", "Không thấy dòng tiêu đề cột (dòng 4).")])
    header = rows[HEADER_ROW - 1]

    # Columns: a unit of the round or a period of the organization.
    columns = {}  # column index -> (organization, period)
    if reporting_round is not None:
        units = list(reporting_round.organizations.all())
        by_name = {}
        for u in units:
            for name in (u.name, u.short_name, u.committee_name):
                if name:
                    by_name[vietnamese.search_key(name)] = u
        for index in range(FIRST_VALUE_COLUMN - 1, len(header)):
            text = header[index]
            if _empty(text):
                continue
            unit = by_name.get(vietnamese.search_key(str(text)))
            letter = get_column_letter(index + 1)
            if unit is None:
                errors.append(CellError(HEADER_ROW, letter, f"Không có đơn vị “{text}” trong đợt báo cáo này."))
            elif not rules.can_import_for(user, unit, reporting_round):
                errors.append(CellError(HEADER_ROW, letter, f"Bạn không có quyền nhập số liệu của {unit.name}."))
            else:
                columns[index] = (unit, reporting_round.period)
        round_indicators = set(reporting_round.indicators.values_list("pk", flat=True))
    else:
        if organization is None:
            raise ValueError("import_table needs a reporting round or an organization")
        round_indicators = None
        allowed = rules.can_import_for(user, organization)
        for index in range(FIRST_VALUE_COLUMN - 1, len(header)):
            text = header[index]
            if _empty(text):
                continue
            period = parse_label(text)
            letter = get_column_letter(index + 1)
            if period is None:
                errors.append(CellError(HEADER_ROW, letter,
                                        f"Không đọc được kỳ báo cáo “{text}” (ví dụ đúng: Quý III/2023, Năm 2023)."))
            elif not allowed:
                errors.append(CellError(HEADER_ROW, letter, f"Bạn không có quyền nhập số liệu của {organization.name}."))
            else:
                columns[index] = (organization, period)

    codes = {vietnamese.search_key(str(r[1])): r for r in rows[HEADER_ROW:] if len(r) > 1 and not _empty(r[1])}
    indicators = {vietnamese.search_key(i.code): i for i in Indicator.objects.prefetch_related("reporters")}
    indicators = {k: i for k, i in indicators.items() if k in codes}
    reporters = {i.pk: {o.pk for o in i.reporters.all()} for i in indicators.values()}
    existing = {}
    org_ids = {org.pk for org, _ in columns.values()}
    for r in Result.objects.filter(organization_id__in=org_ids, indicator__in=list(indicators.values())):
        existing[(r.organization_id, r.indicator_id, r.period)] = r

    prepared, seen, unchanged, outcomes = [], {}, 0, []
    total = len(rows) - HEADER_ROW
    for offset, row in enumerate(rows[HEADER_ROW:]):
        line = HEADER_ROW + 1 + offset
        progress(offset, total, f"Đang kiểm tra dòng {line}")
        cells = {i: row[i] for i in columns if i < len(row) and not _empty(row[i])}
        code = row[1] if len(row) > 1 else None
        if _empty(code):
            if cells:
                errors.append(CellError(line, "B", "Thiếu mã chỉ tiêu ở dòng có số liệu."))
            continue
        key = vietnamese.search_key(str(code))
        indicator = indicators.get(key)
        if indicator is None:
            errors.append(CellError(line, "B", f"Mã chỉ tiêu “{code}” không có trong danh mục."))
            continue
        if key in seen:
            errors.append(CellError(line, "B", f"Mã chỉ tiêu {indicator.code} lặp lại (đã có ở dòng {seen[key]})."))
            continue
        seen[key] = line
        if round_indicators is not None and indicator.pk not in round_indicators and cells:
            errors.append(CellError(line, "B", f"Chỉ tiêu {indicator.code} không thuộc đợt báo cáo này."))
            continue
        unit_text = row[3] if len(row) > 3 else None
        if not _empty(unit_text) and vietnamese.search_key(str(unit_text)) != vietnamese.search_key(indicator.unit):
            errors.append(CellError(line, "D", f"Đơn vị tính “{unit_text}” khác với đơn vị của chỉ tiêu "
                                               f"{indicator.code} “{indicator.unit}”."))
            continue
        for index, raw in cells.items():
            organization_, period = columns[index]
            letter = get_column_letter(index + 1)
            if organization_.pk not in reporters[indicator.pk]:
                errors.append(CellError(line, letter,
                                        f"{organization_.name} không báo cáo chỉ tiêu {indicator.code}."))
                continue
            current = existing.get((organization_.pk, indicator.pk, period))
            try:
                value = indicator.parse_value(raw)
                if current is not None and current.value == value:
                    unchanged += 1
                    continue
                prepared.append(prepare_result(organization_, indicator, period, raw, user=user,
                                               reporting_round=reporting_round, existing=current))
                outcomes.append((line, "Ghi mới" if current is None else "Sửa",
                                 f"{indicator.code} – {organization_.name} – {period.title}: {raw}"))
            except ValidationError as exc:
                reason = " ".join(m for m in exc.messages)
                errors.append(CellError(line, letter, reason))
    if errors:
        return ImportReport(errors)
    progress(total, total, f"Đã kiểm tra {total} dòng; đang lưu {len(prepared)} số liệu (tất cả hoặc không)…",
             force=True)
    with transaction.atomic():
        for result in prepared:
            result.save()
            if submit:
                result.submit(user)
    return ImportReport([], applied=len(prepared), unchanged=unchanged, outcomes=outcomes)


# --- in the background -------------------------------------------------------------------------------------


def start_import(upload, user, *, reporting_round=None, organization=None):
    """Queue the import of ``upload`` (a round's table or a unit's table); returns the job to follow."""
    from django.urls import reverse

    from capuy.core import jobs

    if reporting_round is not None:
        title, url = reporting_round.title, reporting_round.get_absolute_url()
    else:
        title, url = organization.name, reverse("targets:dashboard", args=[organization.pk])
    return jobs.start("targets.import", f"Nhập số liệu chỉ tiêu từ Excel: {title} (tệp “{upload.name}”)",
                      "capuy.targets.excel.run_import", getattr(reporting_round, "pk", None),
                      getattr(organization, "pk", None), owner=user, input_file=upload, result_url=url)


def run_import(job, round_id: int | None, organization_id: int | None) -> dict:
    """The worker's side of :func:`start_import`: the same checks (the owner's rights included), all or nothing."""
    from capuy.core.jobs import JobFailed
    from capuy.organizations.models import Organization
    from capuy.targets.models import ReportingRound

    user = job.owner
    reporting_round = ReportingRound.objects.filter(pk=round_id).first() if round_id else None
    organization = Organization.objects.filter(pk=organization_id).first() if organization_id else None
    if user is None or (reporting_round is None and (organization is None or
                                                     not rules.can_enter_results(user, organization))):
        raise JobFailed("Không còn quyền nhập số liệu này; chưa lưu số liệu nào.")
    with job.input_file.open("rb") as handle:
        content = handle.read()
    report = import_table(content, user, reporting_round=reporting_round, organization=organization,
                          progress=job.progress)
    if not report.ok:
        raise JobFailed(f"Chưa nhập: {len(report.errors)} ô chưa hợp lệ, chưa lưu số liệu nào.",
                        result={"errors": [str(e) for e in report.errors]})
    return {"applied": report.applied, "unchanged": report.unchanged, "rows": report.outcomes,
            "message": f"Đã nhập {report.applied} số liệu ({report.unchanged} số liệu không đổi)."}
