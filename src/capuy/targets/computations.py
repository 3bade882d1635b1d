"""Every computed figure of the targets app, one function each, with its formula.

Figures are computed from results, never typed in. Percentages are Decimals rounded to one decimal
(``ROUND``), the precision Vietnamese reports use ("tăng 20,3%"). A missing input gives None, never 0.

Roll-ups run in the database: one grouped aggregate query over ``organization__path__startswith`` for
all indicators and periods asked for (plus one more when weighted averages are involved), so the query
count does not depend on the number of units in the subtree.
"""

import dataclasses
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.db.models import Avg, Case, Count, DecimalField, F, IntegerField, OuterRef, Q, Subquery, Sum, Value, When
from django.db.models.functions import Substr

from capuy import config
from capuy.organizations import reorganization
from capuy.organizations.models import PATH_STEP, Organization
from capuy.targets.models import Indicator, Result
from capuy.targets.periods import TERM_KINDS, Period

HUNDRED = Decimal(100)
ROUND = Decimal("0.1")
D = Indicator.Direction


def _round(value: Decimal) -> Decimal:
    return value.quantize(ROUND, rounding=ROUND_HALF_UP)


def achievement(value, target, direction: str = D.HIGHER) -> Decimal | None:
    """Achievement against the target, in percent.

    - higher is better: ``value / target × 100`` ("thu ngân sách đạt 112,5% dự toán");
    - lower is better: ``target / value × 100`` (half the target is 200%; a value of 0 counts as 100%
      of a target of 0 and is otherwise capped by treating it as twice the target);
    - reach exactly: ``100 − |value − target| / |target| × 100``, never below 0.
    None when the value or the target is missing, or the target is 0 (except lower-is-better with value 0).
    """
    if value is None or target is None:
        return None
    value, target = Decimal(value), Decimal(target)
    if direction == D.LOWER:
        if value == 0:
            return HUNDRED if target == 0 else _round(2 * HUNDRED)
        return _round(target / value * HUNDRED)
    if target == 0:
        return None
    if direction == D.EXACT:
        return _round(max(Decimal(0), HUNDRED - abs(value - target) / abs(target) * HUNDRED))
    return _round(value / target * HUNDRED)


def change_over_same_period(value, last_year_value) -> Decimal | None:
    """Change over the same period last year, in percent: ``(value − last year) / |last year| × 100``.

    "tăng 14%" is a change of +14. None when either value is missing or last year's is 0.
    """
    if value is None or last_year_value is None or Decimal(last_year_value) == 0:
        return None
    value, last = Decimal(value), Decimal(last_year_value)
    return _round((value - last) / abs(last) * HUNDRED)


def share_of_term_target(reached, term_target) -> Decimal | None:
    """Share of the term target reached so far, in percent: ``reached / term target × 100``.

    ``reached`` comes from :func:`reached_in_term`. None when either is missing or the target is 0.
    """
    if reached is None or term_target is None or Decimal(term_target) == 0:
        return None
    return _round(Decimal(reached) / Decimal(term_target) * HUNDRED)


def reached_in_term(yearly_values: dict[int, Decimal], cumulative: bool) -> Decimal | None:
    """What a term has reached from its yearly figures ``{year: value}``.

    Cumulative indicators (revenue, investment) add the years up: ``Σ value(year)``; the others (rates,
    indexes, counts of a state) take the latest year's value. None without any figure.
    """
    values = {y: v for y, v in yearly_values.items() if v is not None}
    if not values:
        return None
    if cumulative:
        return sum(values.values(), Decimal(0))
    return values[max(values)]


def target_for_period(indicator: Indicator, period: Period, targets: dict) -> Decimal | None:
    """The target a period's result is measured against.

    ``targets`` maps ``(year, period_kind, period_number)`` to a value, ``(None, "", 0)`` being the term
    target. The period's own target wins; otherwise the year's target, pro rata for the part of the year
    for cumulative indicators (``year target × months / 12``: 9 months of a 1,200 billion plan is 900);
    term periods use the term target.
    """
    if period.kind in TERM_KINDS:
        return targets.get((None, "", 0))
    own = targets.get((period.year, period.kind, period.number))
    if own is not None:
        return own
    year_target = targets.get((period.year, "", 0))
    if year_target is None:
        return None
    if indicator.cumulative and period.months < 12:
        return _round(year_target * period.months / 12)
    return year_target


@dataclasses.dataclass(frozen=True)
class Rank:
    position: int
    total: int
    published: bool = False

    def __str__(self):
        return f"{self.position}/{self.total}"


def rank_among(value, peer_values, direction: str = D.HIGHER) -> Rank | None:
    """Rank of ``value`` among ``peer_values`` (which include it): ``1 + number of peers strictly better``.

    Better means higher, or lower for lower-is-better indicators; ties share a rank (competition
    ranking, "1, 2, 2, 4"). "Reach exactly" indicators are not ranked. None without a value.
    """
    if value is None or direction == D.EXACT:
        return None
    peers = [Decimal(v) for v in peer_values if v is not None]
    value = Decimal(value)
    better = sum(1 for v in peers if (v < value if direction == D.LOWER else v > value))
    return Rank(better + 1, max(len(peers), better + 1))


class Status:
    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    OFF_TRACK = "off_track"
    NO_TARGET = "no_target"
    LABELS = {ON_TRACK: "Đạt tiến độ", AT_RISK: "Có nguy cơ chậm", OFF_TRACK: "Chậm tiến độ",
              NO_TARGET: "Chưa có chỉ tiêu"}


def status_thresholds() -> tuple[Decimal, Decimal]:
    """Settings ``CAPUY_TARGETS_ON_TRACK`` (default 100) and ``CAPUY_TARGETS_AT_RISK`` (default 90), in percent."""
    return (Decimal(str(config.value("CAPUY_TARGETS_ON_TRACK"))),
            Decimal(str(config.value("CAPUY_TARGETS_AT_RISK"))))


def progress_status(achieved) -> str:
    """On track when achievement ≥ the on-track threshold, at risk when ≥ the at-risk threshold, else off track.

    No achievement (no target or no value) gives "no target".
    """
    if achieved is None:
        return Status.NO_TARGET
    on_track, at_risk = status_thresholds()
    if achieved >= on_track:
        return Status.ON_TRACK
    if achieved >= at_risk:
        return Status.AT_RISK
    return Status.OFF_TRACK


# Roll-ups ------------------------------------------------------------------------------------------

PERCENT_ROLLUPS = (Indicator.Rollup.RATE, Indicator.Rollup.WEIGHTED, Indicator.Rollup.NONE)


def check_rollup(indicator: Indicator) -> None:
    """How an indicator may roll up to the level above (refused with a Vietnamese message otherwise).

    Amounts and counts add up; a rate or share (an indicator in %) never does, nor does it average
    plainly: it is recomputed from its numerator and denominator indicators (``rate``), averaged with
    the weight of another indicator (``weighted``), or not rolled up (``none``). Three wards at 80, 90
    and 100% never make a district "đạt 270%". Values of a % indicator do not add up over time either
    (not ``cumulative``). Source: no Party text states it; it is the arithmetic of a share (the share of a
    whole is the total of the part over the total of the whole), the way statistical reports compute
    rates at each level.
    """
    R = Indicator.Rollup
    label = dict(R.choices)
    if indicator.is_percent:
        if indicator.rollup not in PERCENT_ROLLUPS:
            allowed = ", ".join(f"“{label[r]}”" for r in PERCENT_ROLLUPS)
            raise ValidationError({"rollup": (
                f"Chỉ tiêu tính bằng % không được tổng hợp theo cách “{label.get(indicator.rollup, indicator.rollup)}”"
                f" (tỷ lệ không cộng dồn, không lấy trung bình cộng): chọn {allowed}.")})
        if indicator.cumulative:
            raise ValidationError({"cumulative": "Chỉ tiêu tính bằng % không lũy kế theo thời gian."})
    if indicator.rollup == R.WEIGHTED:
        if not indicator.weight_id:
            raise ValidationError({"weight": "Tổng hợp theo trung bình có trọng số cần chọn chỉ tiêu làm trọng số."})
        if indicator.pk and indicator.weight_id == indicator.pk:
            raise ValidationError({"weight": "Chỉ tiêu không thể làm trọng số cho chính nó."})
        if indicator.weight.is_percent:
            raise ValidationError({"weight": "Chỉ tiêu làm trọng số phải là số lượng (không phải tỷ lệ %)."})
    if indicator.rollup == R.RATE:
        if not indicator.is_percent:
            raise ValidationError({"rollup": "Tổng hợp theo tỷ lệ tính lại chỉ dùng cho chỉ tiêu có đơn vị %."})
        if not (indicator.numerator_id and indicator.denominator_id):
            raise ValidationError({"numerator": "Tổng hợp theo tỷ lệ tính lại cần chọn chỉ tiêu tử số và chỉ tiêu mẫu số."})
        if indicator.numerator_id == indicator.denominator_id:
            raise ValidationError({"denominator": "Chỉ tiêu tử số và mẫu số phải khác nhau."})
        for field in ("numerator", "denominator"):
            part = getattr(indicator, field)
            if indicator.pk and part.pk == indicator.pk:
                raise ValidationError({field: "Chỉ tiêu không thể làm tử số hoặc mẫu số cho chính nó."})
            if part.rollup != R.SUM or part.is_percent:
                raise ValidationError({field: (
                    f"Chỉ tiêu {part.code} làm tử số hoặc mẫu số phải là số lượng được cộng tổng "
                    "(cách tổng hợp “Cộng tổng”).")})


def rate(numerator_total, denominator_total) -> Decimal | None:
    """A rate recomputed at the level above: ``Σ numerator / Σ denominator × 100`` over the same units.

    None when either total is missing or the denominator is 0.
    """
    if numerator_total is None or denominator_total is None or Decimal(denominator_total) == 0:
        return None
    return _round(Decimal(numerator_total) / Decimal(denominator_total) * HUNDRED)


def _period_filter(periods) -> Q:
    query = Q(pk__in=[])
    for p in periods:
        query |= Q(year=p.year, period_kind=p.kind, period_number=p.number)
    return query


def combine(indicator: Indicator, row: dict) -> Decimal | None:
    """Turn one aggregate row into the roll-up value of ``indicator``:

    sum ``Σ v``; average ``Σ v / n``; weighted average ``Σ (v × w) / Σ w`` with w the unit's value of the
    weight indicator in the same period; share ``units with v ≥ threshold / n × 100``; none: no roll-up.
    A rate (``rate``) is not combined from its own values but recomputed from the totals of its numerator
    and denominator (:func:`rate`, see :func:`rollup`). An indicator in % that would be summed or averaged
    plainly (a record saved before the rule) gives no roll-up rather than a wrong figure.
    """
    method = indicator.rollup
    R = Indicator.Rollup
    if not row or not row.get("n") or method in (R.NONE, R.RATE):
        return None
    if indicator.is_percent and method not in PERCENT_ROLLUPS:
        return None
    if method == R.SUM:
        return Decimal(row["total"])
    if method == R.AVERAGE:
        return _round(Decimal(row["mean"]))
    if method == R.SHARE:
        return _round(Decimal(row["reached"]) / Decimal(row["n"]) * HUNDRED)
    if method == R.WEIGHTED:
        if not row.get("weight_total"):
            return None
        return _round(Decimal(row["weighted"]) / Decimal(row["weight_total"]))
    return None


def _aggregate(queryset, indicators, group_fields):
    """Run the grouped aggregates; returns {group tuple + (indicator_id, Period): row dict}."""
    fields = [*group_fields, "indicator_id", "year", "period_kind", "period_number"]
    rows = queryset.values(*fields).annotate(
        total=Sum("value"), mean=Avg("value"), n=Count("id"),
        reached=Count("id", filter=Q(value__gte=F("indicator__share_threshold"))),
    ).order_by()
    out = {}
    for row in rows:
        key = (*[row[f] for f in group_fields], row["indicator_id"],
               Period.of(row["period_kind"], row["year"], row["period_number"]))
        out[key] = row
    weighted = [i for i in indicators if i.rollup == Indicator.Rollup.WEIGHTED and i.weight_id]
    if weighted:
        weight = Result.objects.counted().filter(
            organization_id=OuterRef("organization_id"), indicator_id=OuterRef("indicator__weight_id"),
            year=OuterRef("year"), period_kind=OuterRef("period_kind"), period_number=OuterRef("period_number"),
        ).order_by().values("value")[:1]
        dec = DecimalField(max_digits=38, decimal_places=8)
        # Sum() skips units without a weight: both sums leave them out.
        rows = queryset.filter(indicator__in=weighted).annotate(w=Subquery(weight, output_field=dec)).values(
            *fields).annotate(
            weighted=Sum(F("value") * F("w"), output_field=dec), weight_total=Sum("w", output_field=dec),
        ).order_by()
        for row in rows:
            key = (*[row[f] for f in group_fields], row["indicator_id"],
                   Period.of(row["period_kind"], row["year"], row["period_number"]))
            out.setdefault(key, {}).update(weighted=row["weighted"], weight_total=row["weight_total"])
    return out


def _with_rate_parts(indicators) -> list:
    """The indicators to aggregate: those asked for, plus the numerators and denominators of rates."""
    ids = {i.pk for i in indicators}
    extra = {i.numerator_id for i in indicators if i.rollup == Indicator.Rollup.RATE and i.numerator_id}
    extra |= {i.denominator_id for i in indicators if i.rollup == Indicator.Rollup.RATE and i.denominator_id}
    return [*ids, *(extra - ids)]


def _rate_from(rows: dict, indicator: Indicator, group: tuple, period) -> Decimal | None:
    numerator = rows.get((*group, indicator.numerator_id, period))
    denominator = rows.get((*group, indicator.denominator_id, period))
    if not numerator or not denominator or not numerator.get("n") or not denominator.get("n"):
        return None
    return rate(numerator["total"], denominator["total"])


def rollup(root: Organization, indicators, periods) -> dict:
    """Roll-up of each indicator over the subtree below ``root`` for each period.

    Aggregates the counted (submitted or approved) results of every organization strictly below ``root``
    (``path LIKE root.path || '%'``), with :func:`combine`'s formula for the indicator's method; a rate is
    recomputed from the totals of its numerator and denominator (:func:`rate`). Configure the reporting
    organizations at one level per branch, or a unit's figure and its children's would be counted twice.
    Returns ``{(indicator_id, period): value}``; at most two queries whatever the size.
    """
    indicators = list(indicators)
    by_id = {i.pk: i for i in indicators}
    # The subtree as it was in each year: cells merged away since still count for the years before the merge.
    queryset = Result.objects.counted().filter(
        reorganization.former_subtree(root), indicator__in=_with_rate_parts(indicators)).exclude(
        organization_id=root.pk)
    queryset = queryset.filter(_period_filter(periods))
    rows = _aggregate(queryset, indicators, [])
    out = {}
    for (indicator_id, period), row in rows.items():
        if indicator_id not in by_id:
            continue
        value = combine(by_id[indicator_id], row)
        if value is not None:
            out[(indicator_id, period)] = value
    for indicator in indicators:
        if indicator.rollup != Indicator.Rollup.RATE:
            continue
        for period in periods:
            value = _rate_from(rows, indicator, (), period)
            if value is not None:
                out[(indicator.pk, period)] = value
    return out


def rollup_by_child(root: Organization, indicators, periods) -> dict:
    """Each direct child's figure: its own counted result, or else the roll-up of its own subtree.

    One grouped query over ``root``'s subtree keyed by the child's path prefix (plus one for weights).
    A rate a child did not report itself is recomputed from its own numerator and denominator, else from
    those of its subtree. Returns ``{(child_path, indicator_id, period): value}``.
    """
    indicators = list(indicators)
    by_id = {i.pk: i for i in indicators}
    prefix = len(root.path) + PATH_STEP + 1
    queryset = Result.objects.counted().filter(
        organization__path__startswith=root.path, indicator__in=_with_rate_parts(indicators)).exclude(
        organization_id=root.pk)
    queryset = queryset.filter(_period_filter(periods)).annotate(
        child_path=Substr("organization__path", 1, prefix),
        is_child=Case(When(organization__depth=root.depth + 1, then=Value(1)), default=Value(0),
                      output_field=IntegerField()),
    )
    rows = _aggregate(queryset, indicators, ["child_path", "is_child"])
    own, below = {}, {}
    for (child_path, is_child, indicator_id, period), row in rows.items():
        if indicator_id not in by_id:
            continue
        target = own if is_child else below
        value = Decimal(row["total"]) if is_child else combine(by_id[indicator_id], row)
        if value is not None:
            target[(child_path, indicator_id, period)] = value
    rates = [i for i in indicators if i.rollup == Indicator.Rollup.RATE]
    groups = {(key[0], key[1]) for key in rows}
    for indicator in rates:
        for child_path, is_child in groups:
            for period in periods:
                value = _rate_from(rows, indicator, (child_path, is_child), period)
                key = (child_path, indicator.pk, period)
                if value is not None:
                    (own if is_child else below).setdefault(key, value)
    return {**below, **own}


def own_values(organizations, indicators, periods) -> dict:
    """Counted results of the given organizations: ``{(organization_id, indicator_id, period): Result}``."""
    results = Result.objects.counted().filter(
        organization__in=organizations, indicator__in=indicators).filter(_period_filter(periods))
    return {(r.organization_id, r.indicator_id, r.period): r for r in results}


def values_with_rollup(root: Organization, indicators, periods) -> dict:
    """``root``'s figure for each indicator and period: its own counted result, else the roll-up below it.

    Returns ``{(indicator_id, period): (value, source)}`` with source "own" or "rollup".
    """
    indicators = list(indicators)
    own = own_values([root], indicators, periods)
    rolled = rollup(root, indicators, periods)
    out = {key: (value, "rollup") for key, value in rolled.items()}
    for (_, indicator_id, period), result in own.items():
        out[(indicator_id, period)] = (result.value, "own")
    return out


def group_by_period(values: dict) -> dict:
    grouped = defaultdict(dict)
    for (indicator_id, period), value in values.items():
        grouped[indicator_id][period] = value
    return grouped
