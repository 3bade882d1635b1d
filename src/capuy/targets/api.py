"""REST endpoints of the targets app, mounted under /api/targets/."""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from ninja import Router, Schema

from capuy.core import paging
from capuy.core.api import require_visible
from capuy.organizations.models import Organization, Term
from capuy.targets import actions, dashboard, rules
from capuy.targets.models import Indicator, Result, Target
from capuy.targets.periods import Period
from capuy.targets.reports import review_figures

router = Router(tags=["Chỉ tiêu và kết quả"])


class IndicatorIn(Schema):
    code: str
    name: str
    report_name: str = ""
    unit: str
    value_type: str = Indicator.ValueType.NUMBER
    direction: str = Indicator.Direction.HIGHER
    rollup: str = Indicator.Rollup.SUM
    weight_id: int | None = None
    numerator_id: int | None = None
    denominator_id: int | None = None
    share_threshold: Decimal = Decimal(1)
    cumulative: bool = False
    group: str = Indicator.Group.ECONOMY
    report_as: str = Indicator.ReportAs.CHANGE
    order: int = 0
    organization_id: int | None = None  # the organization whose indicator this is; none: the lowest above all reporters
    reporter_ids: list[int] = []


class IndicatorOut(Schema):
    id: int
    code: str
    name: str
    report_name: str
    unit: str
    value_type: str
    direction: str
    rollup: str
    weight_id: int | None
    numerator_id: int | None
    denominator_id: int | None
    share_threshold: Decimal
    cumulative: bool
    group: str
    report_as: str
    order: int


class TargetIn(Schema):
    organization_id: int
    indicator_id: int
    term_id: int
    year: int | None = None
    period_kind: str = ""
    period_number: int = 0
    value: Decimal
    source: str = ""


class TargetOut(TargetIn):
    id: int


class ResultIn(Schema):
    organization_id: int
    indicator_id: int
    period_kind: str
    year: int
    period_number: int = 0
    value: str | float | int
    unit: str | None = None
    note: str = ""
    term_id: int | None = None
    submit: bool = False


class ResultOut(Schema):
    id: int
    organization_id: int
    indicator_id: int
    period_kind: str
    year: int
    period_number: int
    value: Decimal
    note: str
    status: str
    published: bool
    submitted_at: datetime.datetime | None
    approved_at: datetime.datetime | None
    submitted_by_id: int | None
    approved_by_id: int | None


class ApproveIn(Schema):
    publish: bool | None = None


class RowOut(Schema):
    indicator_id: int
    code: str
    name: str
    unit: str
    value: Decimal | None
    source: str
    last_year: Decimal | None
    change_percent: Decimal | None
    target: Decimal | None
    achievement_percent: Decimal | None
    status: str
    rank: str | None
    term_target: Decimal | None
    term_share_percent: Decimal | None


class DashboardOut(Schema):
    organization_id: int
    period: str
    period_label: str
    rows: list[RowOut]


class ReviewOut(Schema):
    period_label: str
    paragraph: str
    sentences: list[str]
    headers: list[str]
    table: list[list[str]]


def _readable_org(request, pk) -> Organization:
    organization = get_object_or_404(Organization, pk=pk)
    require_visible(rules.can_read_results(request.user, organization), "Không tìm thấy tổ chức.")
    return organization


def _period(key: str) -> Period:
    try:
        period = Period.from_key(key)
    except ValueError as exc:
        raise ValidationError(str(exc)) from exc
    if problem := period.check():
        raise ValidationError(problem)
    return period


@router.get("/targets/indicators/", response=list[IndicatorOut])
def list_indicators(request, organization_id: int | None = None):
    indicators = Indicator.objects.all()
    if organization_id is not None:
        organization = _readable_org(request, organization_id)
        indicators = dashboard.indicators_for(organization)
    return list(indicators)


@router.post("/targets/indicators/", response={201: IndicatorOut})
def create_indicator(request, payload: IndicatorIn):
    data = payload.dict()
    reporter_ids, organization_id = data.pop("reporter_ids"), data.pop("organization_id")
    organization = _readable_org(request, organization_id) if organization_id is not None else None
    return 201, actions.add_indicator(request.user, organization, data, reporter_ids)


@router.get("/targets/targets/", response=list[TargetOut])
def list_targets(request, organization_id: int):
    organization = _readable_org(request, organization_id)
    return list(Target.objects.filter(organization=organization))


@router.post("/targets/targets/", response={201: TargetOut})
def create_target(request, payload: TargetIn):
    organization = _readable_org(request, payload.organization_id)
    return 201, actions.assign_target(request.user, organization, payload.indicator_id, payload.term_id, payload.year,
                                      payload.value, payload.source, period_kind=payload.period_kind,
                                      period_number=payload.period_number)


@router.get("/targets/results/", response=list[ResultOut], description=paging.API_PAGING_DOC)
def list_results(request, response: HttpResponse, organization_id: int | None = None, year: int | None = None,
                 period_kind: str | None = None, period_number: int | None = None,
                 limit: int = paging.api_limit(), offset: int = paging.api_offset(), cursor: str = paging.api_cursor()):
    results = rules.readable_results(request.user, Result.objects.all())
    if organization_id is not None:
        results = results.filter(organization_id=organization_id)
    if year is not None:
        results = results.filter(year=year)
    if period_kind:
        results = results.filter(period_kind=period_kind)
    if period_number is not None:
        results = results.filter(period_number=period_number)
    return paging.api_page(response, request.user, results, ("pk",), limit, offset, cursor)


@router.post("/targets/results/", response={201: ResultOut})
def create_result(request, payload: ResultIn):
    organization = _readable_org(request, payload.organization_id)
    indicator = get_object_or_404(Indicator, pk=payload.indicator_id)
    term = get_object_or_404(Term, pk=payload.term_id) if payload.term_id else None
    try:
        period = Period.of(payload.period_kind, payload.year, payload.period_number)
    except ValueError as exc:
        raise ValidationError({"period_kind": [str(exc)]}) from exc
    result = actions.enter_result(request.user, organization, indicator, period, payload.value, unit=payload.unit,
                          note=payload.note, term=term, submit=payload.submit)
    return 201, result


def _result(request, pk) -> Result:
    result = get_object_or_404(Result.objects.select_related("organization"), pk=pk)
    require_visible(rules.readable_results(request.user, Result.objects.filter(pk=pk)).exists(),
                    "Không tìm thấy kết quả.")
    return result


@router.get("/targets/results/{pk}/", response=ResultOut)
def get_result(request, pk: int):
    return _result(request, pk)


@router.post("/targets/results/{pk}/submit", response=ResultOut)
def submit_result(request, pk: int):
    return actions.submit_result(request.user, _result(request, pk))


@router.post("/targets/results/{pk}/approve", response=ResultOut)
def approve_result(request, pk: int, payload: ApproveIn):
    return actions.approve_result(request.user, _result(request, pk), payload.publish)


@router.get("/targets/organizations/{pk}/dashboard", response=DashboardOut)
def organization_dashboard(request, pk: int, period: str, indicator: str | None = None):
    """Computed values: achievement, change over the same period, term share, roll-up and rank per indicator."""
    organization = _readable_org(request, pk)
    board = dashboard.build(organization, _period(period), indicator)
    rows = [RowOut(indicator_id=r.indicator.pk, code=r.indicator.code, name=r.indicator.name, unit=r.indicator.unit,
                   value=r.value, source=r.source, last_year=r.last_year, change_percent=r.change, target=r.target,
                   achievement_percent=r.achievement, status=r.status, rank=str(r.rank) if r.rank else None,
                   term_target=r.term_target, term_share_percent=r.term_share) for r in board.rows]
    return {"organization_id": organization.pk, "period": board.period.key, "period_label": board.period.label,
            "rows": rows}


@router.get("/targets/organizations/{pk}/review", response=ReviewOut)
def organization_review(request, pk: int, period: str):
    """Paragraph-ready figures and a table for a review report."""
    organization = _readable_org(request, pk)
    p = _period(period)
    figures = review_figures(organization, p.year, p)
    return {"period_label": p.label, "paragraph": figures.paragraph, "sentences": figures.sentences,
            "headers": figures.headers, "table": figures.table}
