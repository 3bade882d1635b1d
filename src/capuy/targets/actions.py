"""What a user can do with targets and results: one function per action, shared by pages and the API.

Each checks the caller's right (``targets.rules``, the read-access helper of this app), validates, and
writes in one transaction (``capuy.core.actions.action``); views and API handlers only translate.
Indicators and targets are added by one action each (``add_indicator``, ``assign_target``), for the pages and
the API alike; both check every id against the organization's subtree.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import timezone

from capuy.accounts import permissions
from capuy.core import references
from capuy.core.actions import action
from capuy.organizations.models import Organization
from capuy.targets import excel, rounds, rules
from capuy.targets.entry import prepare_result
from capuy.targets.models import Indicator, Notice, ReportingRound, Result, Target
from capuy.targets.periods import Period

ENTER_REFUSED = "Chỉ văn phòng của chính đơn vị mới được nhập kết quả của đơn vị."
SUBMIT_REFUSED = "Chỉ đơn vị báo cáo mới gửi được kết quả."
APPROVE_REFUSED = "Chỉ văn phòng cấp ủy cấp trên mới duyệt được kết quả."
SETUP_REFUSED = "Chỉ văn phòng cấp ủy của tổ chức hoặc cấp trên mới được thêm chỉ tiêu, giao chỉ tiêu."
ROUND_REFUSED = "Chỉ văn phòng cấp ủy mới được mở đợt báo cáo."
REMIND_REFUSED = "Chỉ văn phòng mở đợt báo cáo mới gửi được lời nhắc."
NOT_XLSX = "Chỉ nhận tệp Excel (.xlsx); chưa nhập số liệu nào."


@action("Nhập kết quả thực hiện chỉ tiêu", api="api:create_result")
def enter_result(user, organization, indicator: Indicator, period: Period, raw_value, *, unit=None, note="",
                 term=None, reporting_round=None, submit: bool = False) -> Result:
    """Save one result entered by ``user`` for their own unit (draft, or submitted with ``submit``)."""
    if not rules.can_enter_results(user, organization):
        raise PermissionDenied(ENTER_REFUSED)
    result = prepare_result(organization, indicator, period, raw_value, unit=unit, user=user, note=note, term=term,
                            reporting_round=reporting_round)
    result.save()
    if submit:
        result.submit(user)
    return result


@action("Nhập số liệu của đơn vị trong đợt báo cáo", page="targets:unit_form")
def enter_unit_results(user, reporting_round: ReportingRound, organization, values: dict, submit: bool) -> dict:
    """Save (or send, with ``submit``) a unit's line per indicator: ``values`` maps an indicator's id to
    ``(raw value, note)``. Returns the errors per indicator id; when there is any, nothing is saved."""
    if not rules.can_enter_results(user, organization):
        raise PermissionDenied(ENTER_REFUSED)
    period = reporting_round.period
    indicators = list(reporting_round.indicators.filter(reporters=organization))
    existing = {r.indicator_id: r for r in Result.objects.for_period(period).filter(
        organization=organization, indicator__in=indicators)}
    errors, prepared, cleared = {}, [], []
    for indicator in indicators:
        raw, note = values.get(indicator.pk, ("", ""))
        current = existing.get(indicator.pk)
        if not raw:
            # the form shows each saved figure: an empty box is one the clerk cleared
            draft = current is not None and current.status == Result.Status.DRAFT
            if submit and (current is None or draft):
                errors[indicator.pk] = "Chưa nhập số liệu."
            elif draft:
                cleared.append(current)
            continue
        if current is not None and current.status == Result.Status.APPROVED:
            continue
        try:
            prepared.append(prepare_result(organization, indicator, period, raw, user=user, note=note,
                                           reporting_round=reporting_round, existing=current))
        except ValidationError as exc:
            errors[indicator.pk] = " ".join(exc.messages)
    if errors:
        return errors
    for result in cleared:
        result.delete()
    for result in prepared:
        result.save()
        if submit and result.status != Result.Status.APPROVED:
            result.submit(user)
    if submit:
        for result in existing.values():
            if result.status == Result.Status.DRAFT and result not in prepared:
                result.submit(user)
    return {}


@action("Gửi kết quả lên cấp trên", api="api:submit_result")
def submit_result(user, result: Result) -> Result:
    if not rules.can_enter_results(user, result.organization):
        raise PermissionDenied(SUBMIT_REFUSED)
    result.submit(user)
    return result


@action("Duyệt kết quả", api="api:approve_result")
def approve_result(user, result: Result, publish: bool = False) -> Result:
    if not rules.can_approve_results(user, result.organization):
        raise PermissionDenied(APPROVE_REFUSED)
    result.approve(user, publish)
    return result


@action("Duyệt số liệu của đơn vị trong đợt báo cáo", page="targets:unit_approve")
def approve_unit(user, reporting_round: ReportingRound, organization, publish: bool = False) -> int:
    """Approve every submitted result of ``organization`` in the round; returns how many."""
    if not rules.can_read_results(user, organization):
        raise Http404("Không tìm thấy đơn vị.")
    if not rules.can_approve_results(user, organization):
        raise PermissionDenied(APPROVE_REFUSED)
    results = Result.objects.for_period(reporting_round.period).filter(
        organization=organization, indicator__in=reporting_round.indicators.all(), status=Result.Status.SUBMITTED)
    count = 0
    for result in results:
        result.approve(user, publish)
        count += 1
    return count


@action("Mở đợt báo cáo", page="targets:round_create")
def open_round(user, organization, units, indicators, fields: dict) -> ReportingRound:
    """Open a reporting round of ``organization`` (managed by ``user``) for ``units`` under it."""
    managed = permissions.readable_organizations(user, permissions.MANAGE_ROLES)
    if not managed.exists():
        raise PermissionDenied(ROUND_REFUSED)
    errors = []
    if organization is None or not managed.filter(pk=organization.pk).exists():
        errors.append("Chọn cơ quan mở đợt báo cáo.")
    elif not units or any(not u.is_within(organization) for u in units):
        errors.append("Chọn các đơn vị báo cáo thuộc tổ chức mở đợt.")
    if not indicators:
        errors.append("Chọn ít nhất một chỉ tiêu.")
    if errors:
        raise ValidationError(errors)
    reporting_round = ReportingRound(organization=organization, opened_by=user, **fields)
    reporting_round.full_clean()
    reporting_round.save()
    reporting_round.organizations.set(units)
    reporting_round.indicators.set(indicators)
    return reporting_round


@action("Nhắc đơn vị chậm báo cáo", page="targets:round_remind")
def send_reminders(user, reporting_round: ReportingRound) -> int:
    if not rules.can_run_round(user, reporting_round):
        raise PermissionDenied(REMIND_REFUSED)
    return rounds.send_reminders(reporting_round, user)


@action("Nhập số liệu từ tệp Excel", page=("targets:import", "targets:round_import"))
def start_import(user, upload, *, organization=None, reporting_round=None):
    """Queue the import of a workbook (checked and saved in the background; the job's page shows each
    figure's outcome). A unit's own table needs the right to enter its results."""
    if organization is not None and not rules.can_enter_results(user, organization):
        raise PermissionDenied(ENTER_REFUSED)
    if not upload.name.lower().endswith(".xlsx"):
        raise ValidationError(NOT_XLSX)
    return excel.start_import(upload, user, organization=organization, reporting_round=reporting_round)


@action("Đánh dấu đã đọc thông báo", page="targets:notice_read")
def mark_notice_read(user, notice: Notice) -> Notice:
    if notice.user_id != user.pk:
        raise Http404("Không tìm thấy thông báo.")
    notice.read_at = timezone.now()
    notice.save(update_fields=["read_at"])
    return notice


INDICATOR_FIELDS = ("code", "name", "report_name", "unit", "value_type", "direction", "rollup", "weight_id",
                    "numerator_id", "denominator_id", "share_threshold", "cumulative", "group", "report_as", "order")


def _managed(user, organization):
    if not rules.can_read_results(user, organization):
        raise Http404("Không tìm thấy tổ chức.")
    if not rules.can_set_targets(user, organization):
        raise PermissionDenied(SETUP_REFUSED)
    return organization


def reporting_units(organization):
    """The organizations that may report an indicator of ``organization``: itself and its subtree, active."""
    return Organization.objects.filter(path__startswith=organization.path, valid_to__isnull=True)


def _lowest_above_all(user, reporter_ids) -> Organization:
    """The lowest organization that is, or is above, every reporter (an indicator sent without its organization)."""
    reporters = references.readable_many(user, Organization, list(reporter_ids or []), "reporter_ids")
    if not reporters:
        raise ValidationError({"reporter_ids": ["Chọn tổ chức của chỉ tiêu hoặc ít nhất một đơn vị báo cáo."]})
    shared = set.intersection(*(set(r.ancestor_paths()) for r in reporters))
    if not shared:
        raise ValidationError({"reporter_ids": ["Các đơn vị báo cáo không cùng thuộc một tổ chức."]})
    return Organization.objects.get(path=max(shared, key=len))


@action("Thêm chỉ tiêu", page="targets:indicator_create", api="api:create_indicator")
def add_indicator(user, organization, data: dict, reporter_ids) -> Indicator:
    """A new indicator of ``organization`` reported by ``reporter_ids`` (units of its subtree; none: the
    organization itself). Without ``organization``: the lowest one above every reporter."""
    if organization is None:
        organization = _lowest_above_all(user, reporter_ids)
    _managed(user, organization)
    reporters = references.readable_many(user, Organization, list(reporter_ids or []), "reporter_ids",
                                         within=reporting_units(organization)) or [organization]
    for field in ("weight_id", "numerator_id", "denominator_id"):
        if data.get(field) is not None and not Indicator.objects.filter(pk=data[field]).exists():
            raise ValidationError({field: [f"Không có chỉ tiêu mã số {data[field]}."]})
    indicator = Indicator(**{f: data[f] for f in INDICATOR_FIELDS if data.get(f) is not None})
    indicator.code = (indicator.code or "").strip().upper()
    indicator.full_clean()
    indicator.save()
    indicator.reporters.set(reporters)
    return indicator


@action("Giao chỉ tiêu nhiệm kỳ hoặc hằng năm", page="targets:target_create", api="api:create_target")
def assign_target(user, organization, indicator_id, term_id, year, value, source="", *, period_kind="",
                  period_number=0) -> Target:
    """A target of ``organization``: for the whole term (``year`` None), for one year of the term, or for a
    period of that year (``period_kind``, ``period_number``)."""
    _managed(user, organization)
    errors = {}
    indicator = Indicator.objects.filter(pk=indicator_id).first() if indicator_id else None
    if indicator is None:
        errors["indicator"] = ["Vui lòng chọn chỉ tiêu."]
    term = organization.terms.filter(pk=term_id).first() if term_id else None
    if term is None:
        errors["term"] = ["Vui lòng chọn nhiệm kỳ của tổ chức."]
    parsed = None
    if indicator is not None:
        try:
            parsed = indicator.parse_value(value)
        except ValidationError as exc:
            errors["value"] = exc.messages
    if errors:
        raise ValidationError(errors)
    target = Target(organization=organization, indicator=indicator, term=term, year=year, value=parsed,
                    source=(source or "").strip(), period_kind=period_kind or "", period_number=period_number or 0)
    target.full_clean()
    target.save()
    return target
