"""Paragraph-ready figures for a review report (báo cáo sơ kết, tổng kết): the public interface other apps call.

    from capuy.targets.reports import review_figures
    figures = review_figures(organization, 2019, "9m")
    figures.paragraph   # "Giá trị sản xuất CN-TTCN tăng 9%, tổng mức bán lẻ … tăng 20,3%."
    figures.sentences   # one clause per indicator, in indicator order
    figures.headers, figures.table  # the same figures as a table of strings

See the top of ``src/capuy/targets/README.md``.
"""

import dataclasses
from decimal import Decimal

from capuy.core import vietnamese
from capuy.organizations.models import Organization
from capuy.targets import dashboard
from capuy.targets.models import Indicator
from capuy.targets.periods import Period

PEERS = {
    Organization.Kind.PROVINCE: "tỉnh, thành phố",
    Organization.Kind.DISTRICT: "quận, huyện",
    Organization.Kind.GRASSROOTS: "xã, phường, thị trấn",
}


@dataclasses.dataclass
class Figure:
    indicator: Indicator
    sentence: str
    value: Decimal | None
    last_year: Decimal | None
    change: Decimal | None
    target: Decimal | None
    achievement: Decimal | None
    rank: str
    unit: str


@dataclasses.dataclass
class ReviewFigures:
    organization: Organization
    period: Period
    figures: list[Figure]

    @property
    def sentences(self) -> list[str]:
        return [f.sentence for f in self.figures if f.sentence]

    @property
    def paragraph(self) -> str:
        """Clauses of one field (economy, society, …) joined by commas, fields as sentences."""
        groups: dict[str, list[str]] = {}
        for f in self.figures:
            if f.sentence:
                groups.setdefault(f.indicator.group, []).append(f.sentence)
        sentences = [", ".join(clauses) for clauses in groups.values()]
        return " ".join(s[:1].upper() + s[1:] + "." for s in sentences)

    @property
    def headers(self) -> list[str]:
        last = self.period.same_period_last_year()
        return ["Chỉ tiêu", "Đơn vị tính", f"Thực hiện {self.period.label}", f"Cùng kỳ {last.label}",
                "So với cùng kỳ (%)", "Chỉ tiêu giao", "Đạt so với chỉ tiêu (%)", "Xếp hạng"]

    @property
    def table(self) -> list[list[str]]:
        n = vietnamese.number
        return [[f.indicator.name, f.unit, n(f.value), n(f.last_year), _signed(f.change), n(f.target),
                 n(f.achievement), f.rank] for f in self.figures]


def _signed(change) -> str:
    if change is None:
        return ""
    return ("+" if change > 0 else "") + vietnamese.number(change)


def _amount(value, unit: str) -> str:
    text = vietnamese.number(value)
    return f"{text}%" if unit.strip() == "%" else f"{text} {unit}"


def sentence(indicator: Indicator, row: dashboard.Row, organization: Organization) -> str:
    """One clause in the words of a report.

    - change: "… tăng 14%", "… giảm 2,5%", "… bằng cùng kỳ" (value alone when last year is missing);
    - achievement: "… đạt 1.250 tỷ đồng, bằng 112,5% chỉ tiêu, hoàn thành vượt chỉ tiêu";
    - value: "… đạt 100%";
    - rank: "… đứng thứ 4/30 quận, huyện".
    """
    phrase, value = indicator.phrase, row.value
    if value is None:
        return ""
    kind = indicator.report_as
    R = Indicator.ReportAs
    if kind == R.RANK:
        if row.rank is None:
            return ""
        peers = PEERS.get(organization.kind, "đơn vị cùng cấp")
        return f"{phrase} đứng thứ {row.rank} {peers}"
    if kind == R.CHANGE and row.change is not None:
        if row.change > 0:
            return f"{phrase} tăng {vietnamese.percent(row.change)}"
        if row.change < 0:
            return f"{phrase} giảm {vietnamese.percent(-row.change)}"
        return f"{phrase} bằng cùng kỳ"
    text = f"{phrase} đạt {_amount(value, row.unit)}"
    if kind == R.ACHIEVEMENT and row.achievement is not None:
        text += f", bằng {vietnamese.percent(row.achievement)} chỉ tiêu"
        if row.achievement > 100:
            text += ", hoàn thành vượt chỉ tiêu"
        elif row.achievement == 100:
            text += ", hoàn thành chỉ tiêu"
    return text


def review_figures(organization: Organization, year: int, period, number: int = 0) -> ReviewFigures:
    """Figures of ``organization`` for a review of a period, ready to paste into the report draft.

    ``period`` is a :class:`~capuy.targets.periods.Period` or a kind: "month", "quarter" (with ``number``),
    "6m", "9m", "year", "midterm", "term". Values are the organization's own counted results, or the
    roll-up of its subtree; changes are against the same period of ``year − 1``; ranks are among sibling
    organizations (or the rank the superior published). Indicators without a figure are left out.
    """
    if not isinstance(period, Period):
        period = Period.of(period, year, number)
    board = dashboard.build(organization, period)
    rows = sorted(board.rows, key=lambda r: (r.indicator.group != Indicator.Group.ECONOMY,
                                             list(Indicator.Group.values).index(r.indicator.group),
                                             r.indicator.order, r.indicator.code))
    figures = [Figure(r.indicator, sentence(r.indicator, r, organization), r.value, r.last_year, r.change, r.target,
                      r.achievement, str(r.rank) if r.rank else "", r.unit) for r in rows if r.value is not None]
    return ReviewFigures(organization, period, figures)
