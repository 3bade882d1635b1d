"""Task lists by status and unit, the Excel export and the figures of the printable report."""

import datetime
import io
from dataclasses import dataclass, field

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from capuy.core import spreadsheets
from capuy.core.vietnamese import numeric_date
from capuy.tasks import rules
from capuy.tasks.models import NO_DEADLINE, StatusKind

KIND_ORDER = [StatusKind.DONE, StatusKind.DONE_LATE, StatusKind.IN_PROGRESS, StatusKind.NOT_STARTED,
              StatusKind.OVERDUE, StatusKind.CANCELLED]


@dataclass
class Row:
    task: object
    status: object


@dataclass
class UnitGroup:
    unit: str
    rows: list = field(default_factory=list)

    @property
    def figures(self):
        return figures_of(self.rows)

    def counts(self) -> list[int]:
        stats = self.figures
        return [stats.count(kind) for kind in KIND_ORDER]


def rows_with_status(tasks, today: datetime.date) -> list[Row]:
    by_kind = rules.statuses_by_kind()
    return [Row(task, rules.task_status(task, today, by_kind)) for task in tasks]


def by_unit(rows: list[Row]) -> list[UnitGroup]:
    groups: dict[str, UnitGroup] = {}
    for row in rows:
        unit = row.task.unit_label
        groups.setdefault(unit, UnitGroup(unit)).rows.append(row)
    return sorted(groups.values(), key=lambda g: g.unit)


def kind_labels() -> list[str]:
    return [StatusKind(kind).label for kind in KIND_ORDER]


def workbook(organization, rows: list[Row], today: datetime.date) -> bytes:
    """An .xlsx of the tasks (one line each) and a sheet of counts by unit and status."""
    wb = Workbook()
    sheet = wb.active
    sheet.title = "Nhiệm vụ"
    stats = rules.figures_sentence(figures_of(rows))
    spreadsheets.append(sheet, [f"Danh sách nhiệm vụ – {organization.display_committee}"])
    sheet.append([f"Tính đến ngày {numeric_date(today)}: {stats}"])
    sheet.append([])
    header = ["STT", "Nhiệm vụ", "Căn cứ", "Đơn vị chủ trì", "Lãnh đạo phụ trách", "Đơn vị phối hợp",
              "Ngày bắt đầu", "Thời hạn", "Trạng thái", "Tỷ lệ (%)", "Ngày hoàn thành"]
    sheet.append(header)
    for cell in sheet[4]:
        cell.font = Font(bold=True)
    sheet["A1"].font = Font(bold=True, size=13)
    for i, row in enumerate(rows, 1):
        task = row.task
        spreadsheets.append(sheet, [i, task.title, task.source_label, task.unit_label,
                                    task.responsible.full_name if task.responsible_id else "",
                                    ", ".join(task.coordinating_list), task.start_date,
                                    task.deadline or NO_DEADLINE,
                                    row.status.name, task.percent, task.completed_on])
    for column, width in zip("ABCDEFGHIJK", (5, 60, 30, 25, 25, 25, 13, 13, 18, 9, 14), strict=True):
        sheet.column_dimensions[column].width = width
    for line in sheet.iter_rows(min_row=5):
        line[1].alignment = Alignment(wrap_text=True, vertical="top")
        for index in (6, 7, 10):
            line[index].number_format = "DD/MM/YYYY"

    units = wb.create_sheet("Theo đơn vị")
    units.append(["Đơn vị chủ trì", "Tổng số", *kind_labels()])
    for cell in units[1]:
        cell.font = Font(bold=True)
    for group in by_unit(rows):
        spreadsheets.append(units, [group.unit, len(group.rows), *group.counts()])
    units.column_dimensions["A"].width = 35
    for index in range(2, len(KIND_ORDER) + 3):
        units.column_dimensions[get_column_letter(index)].width = 16
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def figures_of(rows: list[Row]) -> rules.Figures:
    stats = rules.Figures()
    for row in rows:
        stats.total += 1
        stats.by_kind[row.status.kind] += 1
    return stats
