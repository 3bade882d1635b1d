"""An organization's dashboard for a period: indicators against targets, trends, child units and ranks.

Everything is gathered with a fixed number of queries (about fifteen) whatever the size of the subtree:
own results and roll-ups come from ``capuy.targets.computations``.
"""

import dataclasses
from decimal import Decimal
from typing import NamedTuple

from django.db.models import Count, F, Q

from capuy.organizations import reorganization
from capuy.organizations.models import Organization
from capuy.targets import computations as calc
from capuy.targets.models import Indicator, Result, Target
from capuy.targets.periods import Period, PeriodKind


@dataclasses.dataclass
class Row:
    indicator: Indicator
    value: Decimal | None = None
    source: str = ""
    last_year: Decimal | None = None
    change: Decimal | None = None
    target: Decimal | None = None
    achievement: Decimal | None = None
    status: str = calc.Status.NO_TARGET
    rank: calc.Rank | None = None
    term_target: Decimal | None = None
    term_share: Decimal | None = None
    last_source: str = ""
    reporting: tuple[int, int] | None = None  # a roll-up's (units with a figure, units that should report)

    @property
    def shown(self) -> str:
        return self.indicator.display(self.value, own=self.source == "own")

    @property
    def last_shown(self) -> str:
        return self.indicator.display(self.last_year, own=self.last_source == "own")

    @property
    def unit(self) -> str:
        """The unit of ``value``: a share roll-up is a percentage whatever the units report."""
        if self.source == "rollup" and self.indicator.rollup == Indicator.Rollup.SHARE:
            return "%"
        return self.indicator.unit

    @property
    def missing(self) -> int:
        """Units below that should report this indicator and have no counted figure for the period."""
        return self.reporting[1] - self.reporting[0] if self.reporting else 0

    @property
    def status_label(self) -> str:
        return calc.Status.LABELS[self.status]


class Point(NamedTuple):
    """One line of the trend (``at`` a period) or of the children's table (``at`` a child unit)."""

    at: object
    value: Decimal | None
    shown: str


@dataclasses.dataclass
class Dashboard:
    organization: Organization
    period: Period
    rows: list[Row]
    selected: Indicator | None
    trend: list[Point]
    children: list[Point]
    term: object = None

    @property
    def groups(self):
        out = {}
        for row in self.rows:
            out.setdefault(row.indicator.get_group_display(), []).append(row)
        return list(out.items())

    @property
    def counts(self) -> list[tuple[str, str, int]]:
        """(status, label, how many indicators) for each status."""
        out = dict.fromkeys(calc.Status.LABELS, 0)
        for row in self.rows:
            out[row.status] += 1
        return [(key, calc.Status.LABELS[key], n) for key, n in out.items()]


def trend_periods(period: Period) -> list[Period]:
    """The periods a trend chart shows: the last 8 quarters, the last 12 months, or the same period of 5 years."""
    if period.kind == PeriodKind.QUARTER:
        index = period.year * 4 + period.number - 1
        return [Period(i // 4, PeriodKind.QUARTER, i % 4 + 1) for i in range(index - 7, index + 1)]
    if period.kind == PeriodKind.MONTH:
        index = period.year * 12 + period.number - 1
        return [Period(i // 12, PeriodKind.MONTH, i % 12 + 1) for i in range(index - 11, index + 1)]
    return [Period(y, period.kind, period.number) for y in range(period.year - 4, period.year + 1)]


def indicators_for(organization: Organization):
    """Indicators the organization or anyone in its subtree reports."""
    ids = Indicator.reporters.through.objects.filter(
        organization__path__startswith=organization.path).values("indicator_id")
    # Cells merged away since still reported for the years they were here.
    past = Result.objects.filter(reorganization.former_subtree(organization)).values("indicator_id")
    return Indicator.objects.filter(Q(pk__in=ids) | Q(pk__in=past)).select_related("weight")


def reporting(organization: Organization, indicators, period: Period) -> dict[int, tuple[int, int]]:
    """For each indicator: (units below ``organization`` with a counted figure for ``period``, units below it that
    should report the indicator and existed in the period). Two grouped queries, whatever the subtree's size;
    a roll-up that misses units says so rather than passing a partial sum for the whole."""
    below = Q(organization__path__startswith=organization.path) & ~Q(organization=organization)
    existing = Q(organization__valid_to__isnull=True) | Q(organization__valid_to__gte=period.start)
    expected = dict(Indicator.reporters.through.objects.filter(below & existing, indicator__in=indicators)
                    .values("indicator_id").annotate(n=Count("organization_id")).values_list("indicator_id", "n"))
    reported = dict(Result.objects.counted().for_period(period).filter(
        below & existing, indicator__in=indicators, organization__reported_indicators=F("indicator_id"))
        .values("indicator_id").annotate(n=Count("organization_id", distinct=True)).values_list("indicator_id", "n"))
    return {i: (reported.get(i, 0), n) for i, n in expected.items()}


def build(organization: Organization, period: Period, indicator_code: str | None = None) -> Dashboard:
    indicators = list(indicators_for(organization))
    last = period.same_period_last_year()
    term = organization.terms.filter(start_year__lte=period.year, end_year__gte=period.year).first()
    targets: dict[int, dict] = {}
    if term is not None:
        for t in Target.objects.filter(organization=organization, term=term, indicator__in=indicators):
            targets.setdefault(t.indicator_id, {})[(t.year, t.period_kind, t.period_number)] = t.value

    years_before = []
    if term is not None and period.kind not in (PeriodKind.MID_TERM, PeriodKind.TERM):
        years_before = [Period(y, PeriodKind.YEAR) for y in range(term.start_year, period.year)]
    periods = trend_periods(period)
    # One read for the table, the years of the term and the trend: each figure is independent of the others.
    values = calc.values_with_rollup(organization, indicators, list(dict.fromkeys([period, last, *years_before,
                                                                                   *periods])))

    ranks, published = {}, {}
    if organization.parent_id:
        parent = organization.parent
        siblings = calc.rollup_by_child(parent, indicators, [period])
        peers: dict[int, list] = {}
        for (_, indicator_id, _), value in siblings.items():
            peers.setdefault(indicator_id, []).append(value)
        ranks = {i.pk: calc.rank_among(values.get((i.pk, period), (None,))[0], peers.get(i.pk, []), i.direction)
                 for i in indicators}
    for result in Result.objects.counted().for_period(period).filter(
            organization=organization, published_rank__isnull=False):
        published[result.indicator_id] = calc.Rank(result.published_rank, result.published_peers, published=True)

    coverage = reporting(organization, indicators, period)
    rows = []
    for indicator in indicators:
        value, source = values.get((indicator.pk, period), (None, ""))
        last_value, last_source = values.get((indicator.pk, last), (None, ""))
        own_targets = targets.get(indicator.pk, {})
        target = calc.target_for_period(indicator, period, own_targets)
        achieved = calc.achievement(value, target, indicator.direction)
        rank = ranks.get(indicator.pk)
        if published.get(indicator.pk) and (rank is None or rank.total < 2):
            rank = published[indicator.pk]
        term_target = own_targets.get((None, "", 0))
        by_year = {p.year: values.get((indicator.pk, p), (None,))[0] for p in years_before}
        by_year[period.year] = value
        reached = calc.reached_in_term(by_year, indicator.cumulative)
        rows.append(Row(indicator, value, source, last_value, calc.change_over_same_period(value, last_value),
                        target, achieved, calc.progress_status(achieved), rank, term_target,
                        calc.share_of_term_target(reached, term_target), last_source,
                        coverage.get(indicator.pk) if source == "rollup" else None))

    selected = next((i for i in indicators if i.code == indicator_code), None)
    if selected is None:
        selected = next((r.indicator for r in rows if r.value is not None), indicators[0] if indicators else None)
    trend, children = [], []
    if selected is not None:
        for p in periods:
            value, source = values.get((selected.pk, p), (None, ""))
            trend.append(Point(p, value, selected.display(value, own=source == "own")))
        kids = list(organization.children.filter(
            Q(valid_to__isnull=True) | Q(valid_to__gte=period.start)).order_by("path"))
        by_child = calc.rollup_by_child(organization, [selected], [period])
        reported = calc.own_values(kids, [selected], [period])  # a child's own answer, not its subtree's share
        for child in kids:
            value = by_child.get((child.path, selected.pk, period))
            if value is not None:
                own = (child.pk, selected.pk, period) in reported
                children.append(Point(child, value, selected.display(value, own=own)))
    return Dashboard(organization, period, rows, selected, trend, children, term)


def latest_period(organization: Organization) -> Period | None:
    """The most recent period with a counted result in the organization's subtree (one query)."""
    result = Result.objects.counted().filter(organization__path__startswith=organization.path).exclude(
        period_kind__in=[PeriodKind.MID_TERM, PeriodKind.TERM]).order_by("-year", "-period_kind", "-period_number")
    row = result.values("year").first()
    if row is None:
        return None
    year = row["year"]
    kinds = set(Result.objects.counted().filter(organization__path__startswith=organization.path, year=year)
                .values_list("period_kind", flat=True).distinct())
    for kind in (PeriodKind.YEAR, PeriodKind.NINE_MONTHS, PeriodKind.SIX_MONTHS):
        if kind in kinds:
            return Period(year, kind)
    if PeriodKind.QUARTER in kinds:
        number = Result.objects.counted().filter(organization__path__startswith=organization.path, year=year,
                                                 period_kind=PeriodKind.QUARTER).order_by("-period_number").values_list(
            "period_number", flat=True).first()
        return Period(year, PeriodKind.QUARTER, number)
    number = Result.objects.counted().filter(organization__path__startswith=organization.path, year=year,
                                             period_kind=PeriodKind.MONTH).order_by("-period_number").values_list(
        "period_number", flat=True).first()
    return Period(year, PeriodKind.MONTH, number or 1) if number else None
