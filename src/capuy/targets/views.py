"""Pages of the targets app: dashboards, review figures, reporting rounds, unit forms, Excel import and export."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from capuy.accounts import permissions
from capuy.core import inputs, paging
from capuy.organizations.models import Organization
from capuy.targets import actions, charts, dashboard, excel, listings, rounds, rules
from capuy.targets.computations import Status
from capuy.targets.models import Indicator, Notice, ReportingRound, Result
from capuy.targets.periods import Period, PeriodKind
from capuy.targets.reports import review_figures

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _readable(user, pk) -> Organization:
    organization = get_object_or_404(Organization, pk=pk)
    if not rules.can_read_results(user, organization):
        raise Http404("Không tìm thấy tổ chức.")
    return organization


def _period(request, organization) -> Period | None:
    key = request.GET.get("ky", "")
    if key:
        try:
            period = Period.from_key(key)
        except ValueError:
            period = None
        if period is not None and not period.check():
            return period
        messages.error(request, f"Kỳ báo cáo “{key}” không hợp lệ; hiển thị kỳ gần nhất.")
    return dashboard.latest_period(organization) or Period(timezone.localdate().year, PeriodKind.YEAR)


def _round_for(user, pk) -> ReportingRound:
    reporting_round = get_object_or_404(ReportingRound.objects.select_related("organization"), pk=pk)
    if permissions.can_read(user, reporting_round.organization):
        return reporting_round
    if any(rules.can_enter_results(user, o) for o in reporting_round.organizations.all()):
        return reporting_round
    raise Http404("Không tìm thấy đợt báo cáo.")


@login_required
def index(request):
    listing = listings.OpenRoundList(request.user, request.GET)
    if request.GET.get("xuat"):
        return paging.export_response(request, listing)
    roots = permissions.top_organizations(request.user)  # each dashboard leads to the units below it
    notices = Notice.objects.filter(user=request.user)[:20]
    return render(request, "targets/index.html", {
        "roots": roots, "listing": listing, "page": listing.page(), "notices": notices,
        "can_open_round": permissions.readable_organizations(request.user, permissions.MANAGE_ROLES).exists(),
    })


@login_required
def organization_dashboard(request, pk):
    organization = _readable(request.user, pk)
    period = _period(request, organization)
    board = dashboard.build(organization, period, request.GET.get("chi-tieu"))
    trend_chart = children_chart = ""
    if board.selected is not None:
        row = next((r for r in board.rows if r.indicator.pk == board.selected.pk), None)
        yes_no = board.selected.is_yes_no
        unit = "" if yes_no else board.selected.unit
        trend_chart = charts.line_chart([(p.title.replace(" năm ", " "), v) for p, v, _ in board.trend],
                                        f"Diễn biến {board.selected.name}", unit, row.target if row else None)
        if board.children:
            children_chart = charts.bar_chart(
                [(c.short_name or c.name, v, False, shown if yes_no else None) for c, v, shown in board.children],
                f"So sánh {board.selected.name} giữa các đơn vị trực thuộc", unit)
    periods = [Period(period.year, k) for k in (PeriodKind.SIX_MONTHS, PeriodKind.NINE_MONTHS, PeriodKind.YEAR)]
    periods += [Period(period.year, PeriodKind.QUARTER, q) for q in range(1, 5)]
    return render(request, "targets/dashboard.html", {
        "organization": organization, "board": board, "period": period, "trend_chart": trend_chart,
        "children_chart": children_chart, "status_labels": Status.LABELS, "periods": periods,
        "previous_year": Period(period.year - 1, period.kind, period.number),
        # the crumbs lead only where the user may read figures; the others are named, not linked
        "ancestors": [(a, rules.can_read_results(request.user, a)) for a in organization.ancestors()],
        "can_set_targets": rules.can_set_targets(request.user, organization),
        "tasks": _tasks_for(request.user, organization, board.selected),
    })


def _tasks_for(user, organization, indicator):
    """The open tasks of ``organization``'s subtree that work toward ``indicator`` and ``user`` may read (the chain
    target → task); the tasks app decides who reads a task."""
    if indicator is None:
        return []
    from capuy.tasks.models import BY_DEADLINE, Task
    from capuy.tasks.rules import visible_tasks

    tasks = Task.objects.filter(indicators=indicator, closed=False, organization__path__startswith=organization.path)
    return list(visible_tasks(user, tasks).order_by(BY_DEADLINE, "pk"))


@login_required
def organization_review(request, pk):
    organization = _readable(request.user, pk)
    period = _period(request, organization)
    figures = review_figures(organization, period.year, period)
    return render(request, "targets/review.html", {"organization": organization, "figures": figures,
                                                   "period": period})


@login_required
def organization_export(request, pk):
    organization = _readable(request.user, pk)
    year = inputs.query_year(request.GET.get("nam", timezone.localdate().year))
    if year is None:
        raise Http404("Năm không hợp lệ.")
    periods = [Period(year, PeriodKind.QUARTER, q) for q in range(1, 5)]
    periods += [Period(year, PeriodKind.SIX_MONTHS), Period(year, PeriodKind.NINE_MONTHS), Period(year, PeriodKind.YEAR)]
    indicators = organization.reported_indicators.all()
    content = excel.export_periods(organization, indicators, periods)
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="chi-tieu-{organization.pk}-{year}.xlsx"'
    return response


@login_required
def organization_import(request, pk):
    organization = _readable(request.user, pk)
    if not rules.can_enter_results(request.user, organization):
        raise PermissionDenied(actions.ENTER_REFUSED)
    if request.method == "POST" and request.FILES.get("tep"):
        job = _import(request, organization=organization)
        if job is not None:
            return redirect(job)
    return render(request, "targets/import.html", {"organization": organization, "back": organization})


def _import(request, **where):
    """Queue the import (the job's page shows its progress); a file refused by its name queues nothing."""
    try:
        return actions.start_import(request.user, request.FILES["tep"], **where)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return None


@login_required
def round_create(request):
    managed = permissions.top_organizations(request.user, permissions.MANAGE_ROLES)
    if not managed:
        raise PermissionDenied(actions.ROUND_REFUSED)
    errors, data = [], request.POST
    if request.method == "POST":
        organization = next((o for o in managed if str(o.pk) == data.get("organization")), None)
        units = list(Organization.objects.filter(pk__in=data.getlist("units")))
        indicators = list(Indicator.objects.filter(pk__in=data.getlist("indicators")))
        try:
            deadline = datetime.datetime.fromisoformat(data.get("deadline", ""))
            deadline = timezone.make_aware(deadline) if timezone.is_naive(deadline) else deadline
        except ValueError:
            deadline = None
            errors.append("Hạn nộp không hợp lệ.")
        if not errors:
            fields = {"title": data.get("title", "").strip(), "period_kind": data.get("period_kind"),
                      "year": data.get("year") or None, "period_number": data.get("period_number") or 0,
                      "deadline": deadline}
            try:
                reporting_round = actions.open_round(request.user, organization, units, indicators, fields)
            except ValidationError as exc:
                errors.extend(exc.messages)
            else:
                messages.success(request, "Đã mở đợt báo cáo.")
                return redirect(reporting_round)
    candidates = listings.round_units(managed)
    return render(request, "targets/round_form.html", {
        "managed": managed, "candidates": candidates, "indicators": Indicator.objects.all(),
        "kinds": PeriodKind.choices, "errors": errors, "data": data})


@login_required
def round_detail(request, pk):
    reporting_round = _round_for(request.user, pk)
    can_run = rules.can_run_round(request.user, reporting_round)
    progress = rounds.progress(reporting_round)
    own = [p.organization for p in progress if rules.can_enter_results(request.user, p.organization)]
    rows = [(p, p.state(reporting_round), p.state_label(reporting_round)) for p in progress
            if can_run or p.organization in own]
    return render(request, "targets/round.html", {
        "round": reporting_round, "rows": rows, "can_run": can_run, "own": own,
        "late": rounds.late_units(reporting_round) if can_run else [],
    })


@login_required
@require_POST
def round_remind(request, pk):
    reporting_round = _round_for(request.user, pk)
    count = actions.send_reminders(request.user, reporting_round)
    messages.success(request, f"Đã nhắc {count} người phụ trách báo cáo.")
    return redirect(reporting_round)


@login_required
def round_export(request, pk):
    reporting_round = _round_for(request.user, pk)
    if not rules.can_run_round(request.user, reporting_round):
        raise PermissionDenied("Chỉ văn phòng mở đợt báo cáo mới tải được bảng tổng hợp.")
    response = HttpResponse(excel.export_round(reporting_round), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="dot-bao-cao-{reporting_round.pk}.xlsx"'
    return response


@login_required
def round_import(request, pk):
    reporting_round = _round_for(request.user, pk)
    if request.method == "POST" and request.FILES.get("tep"):
        job = _import(request, reporting_round=reporting_round)
        if job is not None:
            return redirect(job)
    return render(request, "targets/import.html", {"round": reporting_round})


@login_required
def unit_form(request, pk, organization_pk):
    """A unit's form in a round: one line per indicator it reports; save as draft or send."""
    reporting_round = _round_for(request.user, pk)
    organization = get_object_or_404(reporting_round.organizations, pk=organization_pk)
    can_enter = rules.can_enter_results(request.user, organization)
    if not (can_enter or rules.can_read_results(request.user, organization)):
        raise Http404("Không tìm thấy đơn vị.")
    period = reporting_round.period
    indicators = list(reporting_round.indicators.filter(reporters=organization))
    existing = {r.indicator_id: r for r in Result.objects.for_period(period).filter(
        organization=organization, indicator__in=indicators)}
    errors = {}
    if request.method == "POST":
        submit = "gui" in request.POST
        values = {i.pk: (request.POST.get(f"v-{i.pk}", "").strip(), request.POST.get(f"n-{i.pk}", "").strip())
                  for i in indicators}
        errors = actions.enter_unit_results(request.user, reporting_round, organization, values, submit)
        if not errors:
            messages.success(request, "Đã gửi báo cáo." if submit else "Đã lưu nháp.")
            return redirect("targets:unit_form", pk=reporting_round.pk, organization_pk=organization.pk)
        messages.error(request, "Chưa lưu: có số liệu chưa hợp lệ, xem từng dòng bên dưới.")
    lines = [(i, existing.get(i.pk), request.POST.get(f"v-{i.pk}") if errors else None, errors.get(i.pk))
             for i in indicators]
    return render(request, "targets/unit_form.html", {
        "round": reporting_round, "organization": organization, "lines": lines, "can_enter": can_enter,
        "can_approve": rules.can_approve_results(request.user, organization),
    })


@login_required
@require_POST
def unit_approve(request, pk, organization_pk):
    reporting_round = _round_for(request.user, pk)
    organization = get_object_or_404(reporting_round.organizations, pk=organization_pk)
    count = actions.approve_unit(request.user, reporting_round, organization, request.POST.get("cong-khai") == "1")
    messages.success(request, f"Đã duyệt {count} số liệu của {organization.name}.")
    return redirect("targets:unit_form", pk=reporting_round.pk, organization_pk=organization.pk)


@login_required
@require_POST
def notice_read(request, pk):
    notice = get_object_or_404(Notice, pk=pk, user=request.user)
    actions.mark_notice_read(request.user, notice)
    return redirect(notice.url or "targets:index")
