"""Reporting periods: a month, a quarter, the first 6 or 9 months, a year, the middle or the whole of a term.

A period is (kind, year, number): ``number`` is the month (1–12) or the quarter (1–4) and 0 for the other
kinds. Mid-term and term periods are named by the year they end in (the term's middle or last year).
"""

import dataclasses
import datetime
import re

from django.db import models

from capuy.core import vietnamese


class PeriodKind(models.TextChoices):
    MONTH = "month", "Tháng"
    QUARTER = "quarter", "Quý"
    SIX_MONTHS = "6m", "6 tháng"
    NINE_MONTHS = "9m", "9 tháng"
    YEAR = "year", "Năm"
    MID_TERM = "midterm", "Giữa nhiệm kỳ"
    TERM = "term", "Nhiệm kỳ"


KINDS = frozenset(PeriodKind.values)  # PeriodKind.values is rebuilt on every access
NUMBERED = {PeriodKind.MONTH: 12, PeriodKind.QUARTER: 4}
TERM_KINDS = {PeriodKind.MID_TERM, PeriodKind.TERM}


@dataclasses.dataclass(frozen=True, order=True)
class Period:
    year: int
    kind: str
    number: int = 0

    def __post_init__(self):
        if self.kind not in KINDS:
            raise ValueError(f"Loại kỳ báo cáo “{self.kind}” không hợp lệ.")

    @classmethod
    def of(cls, kind, year, number=0) -> "Period":
        return cls(int(year), str(kind), int(number or 0))

    def check(self) -> str | None:
        """A Vietnamese message when the period is malformed, None when it is fine."""
        highest = NUMBERED.get(self.kind)
        if highest and not 1 <= self.number <= highest:
            unit = "tháng" if self.kind == PeriodKind.MONTH else "quý"
            return f"Số {unit} phải từ 1 đến {highest}."
        if not highest and self.number:
            return "Kỳ báo cáo này không có số thứ tự."
        if not 1900 <= self.year <= 2200:
            return f"Năm {self.year} không hợp lệ."
        return None

    @property
    def months(self) -> int:
        """How many months of the year the period covers (a term counts 12 per year elsewhere)."""
        return {PeriodKind.MONTH: 1, PeriodKind.QUARTER: 3, PeriodKind.SIX_MONTHS: 6,
                PeriodKind.NINE_MONTHS: 9}.get(self.kind, 12)

    @property
    def start(self) -> datetime.date:
        if self.kind == PeriodKind.MONTH:
            return datetime.date(self.year, self.number, 1)
        if self.kind == PeriodKind.QUARTER:
            return datetime.date(self.year, 3 * self.number - 2, 1)
        return datetime.date(self.year, 1, 1)

    @property
    def end(self) -> datetime.date:
        if self.kind == PeriodKind.MONTH:
            last = self.number
        elif self.kind == PeriodKind.QUARTER:
            last = 3 * self.number
        else:
            last = self.months
        if last == 12:
            return datetime.date(self.year, 12, 31)
        return datetime.date(self.year, last + 1, 1) - datetime.timedelta(days=1)

    def same_period_last_year(self) -> "Period":
        return Period(self.year - 1, self.kind, self.number)

    @property
    def key(self) -> str:
        """A compact key for URLs and spreadsheets: "2023-9m", "2023-quarter-3"."""
        return f"{self.year}-{self.kind}" + (f"-{self.number}" if self.number else "")

    @classmethod
    def from_key(cls, key: str) -> "Period":
        parts = key.split("-")
        if len(parts) not in (2, 3) or not parts[0].isdigit():
            raise ValueError(f"Kỳ báo cáo “{key}” không hợp lệ.")
        number = parts[2] if len(parts) == 3 else 0
        if not str(number).isdigit():
            raise ValueError(f"Kỳ báo cáo “{key}” không hợp lệ.")
        return cls(int(parts[0]), parts[1], int(number))

    @property
    def label(self) -> str:
        """ "quý III/2023", "9 tháng năm 2023", "6 tháng đầu năm 2023", "tháng 3/2023", "năm 2023"."""
        if self.kind == PeriodKind.MONTH:
            return f"tháng {self.number}/{self.year}"
        if self.kind == PeriodKind.QUARTER:
            return f"quý {vietnamese.roman(self.number)}/{self.year}"
        if self.kind == PeriodKind.SIX_MONTHS:
            return f"6 tháng đầu năm {self.year}"
        if self.kind == PeriodKind.NINE_MONTHS:
            return f"9 tháng năm {self.year}"
        if self.kind == PeriodKind.YEAR:
            return f"năm {self.year}"
        if self.kind == PeriodKind.MID_TERM:
            return f"giữa nhiệm kỳ (đến năm {self.year})"
        return f"nhiệm kỳ (đến năm {self.year})"

    @property
    def title(self) -> str:
        return self.label[:1].upper() + self.label[1:]

    def __str__(self):
        return self.label


_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4}


def parse_label(text: str) -> Period | None:
    """Read a spreadsheet column heading back into a period ("Quý III/2023", "9 tháng năm 2023", "Năm 2023")."""
    key = vietnamese.search_key(str(text or ""))
    if m := re.fullmatch(r"quy (i|ii|iii|iv|[1-4])\s*/\s*(\d{4})", key):
        q = m.group(1)
        return Period(int(m.group(2)), PeriodKind.QUARTER, int(q) if q.isdigit() else _ROMAN[q.upper()])
    if m := re.fullmatch(r"thang (\d{1,2})\s*/\s*(\d{4})", key):
        return Period(int(m.group(2)), PeriodKind.MONTH, int(m.group(1)))
    if m := re.fullmatch(r"6 thang (?:dau )?(?:nam )?(\d{4})", key):
        return Period(int(m.group(1)), PeriodKind.SIX_MONTHS)
    if m := re.fullmatch(r"9 thang (?:nam )?(\d{4})", key):
        return Period(int(m.group(1)), PeriodKind.NINE_MONTHS)
    if m := re.fullmatch(r"nam (\d{4})", key):
        return Period(int(m.group(1)), PeriodKind.YEAR)
    return None


def problem_with(kind, year, number=0) -> str | None:
    """A Vietnamese message when (kind, year, number) is not a valid period, None when it is."""
    if kind not in KINDS:
        return f"Loại kỳ báo cáo “{kind}” không hợp lệ."
    try:
        return Period.of(kind, year, number).check()
    except (TypeError, ValueError):
        return "Năm hoặc số tháng, quý không hợp lệ."
