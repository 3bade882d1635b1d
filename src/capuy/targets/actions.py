"""What a user can do with targets and results: one function per action, shared by pages and the API.

Each checks the caller's right (``targets.rules``, the read-access helper of this app), validates, and
writes in one transaction (``capuy.core.actions.action``); views and API handlers only translate.
The indicator and target pages (``add_indicator``, ``assign_target``) check every id against the
organization's subtree; the API's ``create_indicator`` and ``create_target`` are still their own paths.
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
TARGET_REFUSED = "Chỉ văn phòng cấp ủy của tổ chức hoặc cấp trên mới được giao chỉ tiêu."
INDICATOR_REFUSED = "Chỉ văn phòng cấp ủy quản lý các đơn vị báo cáo mới được thêm chỉ tiêu."
ROUND_REFUSED = "Chỉ văn phòng cấp ủy mới được mở đợt báo cáo."
REMIND_REFUSED = "Chỉ văn phòng mở đợt báo cáo mới gửi được lời nhắc."
NOT_XLSX = "Chỉ nhận tệp Excel (.xlsx); chưa nhập số liệu nào."


def _readable(user, organization: Organization) -> Organization:
    if not rules.can_read_results(user, organization):
        raise Http404("Không tìm thấy tổ chức.")
    return organization


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
    errors, prepared = {}, []
    for indicator in indicators:
        raw, note = values.get(indicator.pk, ("", ""))
        current = existing.get(indicator.pk)
        if not raw:
            if submit and current is None:
                errors[indicator.pk] = "Chưa nhập số liệu."
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


@action("Giao chỉ tiêu", api="api:create_target")
def create_target(user, organization, fields: dict) -> Target:
    _readable(user, organization)
    if not rules.can_set_targets(user, organization):
        raise PermissionDenied(TARGET_REFUSED)
    target = Target(organization=organization, **fields)
    target.full_clean()
    target.save()
    return target


@action("Thêm chỉ tiêu", api="api:create_indicator")
def create_indicator(user, fields: dict, reporter_ids: list[int]) -> Indicator:
    reporters = list(Organization.objects.filter(pk__in=reporter_ids))
    if not (permissions.is_admin(user) or (reporters and all(permissions.can_manage(user, o) for o in reporters))):
        raise PermissionDenied(INDICATOR_REFUSED)
    if len(reporters) != len(set(reporter_ids)):
        raise ValidationError({"reporter_ids": ["Có đơn vị báo cáo không tồn tại."]})
    for field in ("weight_id", "numerator_id", "denominator_id"):
        if fields.get(field) is not None and not Indicator.objects.filter(pk=fields[field]).exists():
            raise ValidationError({field: [f"Không có chỉ tiêu mã số {fields[field]}."]})
    indicator = Indicator(**fields)
    indicator.full_clean()
    indicator.save()
    indicator.reporters.set(reporters)
    return indicator


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


INDICATOR_FIELDS = ("code", "name", "unit", "value_type", "direction", "rollup", "group")


def _managed(user, organization):
    if not rules.can_read_results(user, organization):
        raise Http404("Không tìm thấy tổ chức.")
    if not rules.can_set_targets(user, organization):
        raise PermissionDenied("Chỉ văn phòng cấp ủy của tổ chức hoặc cấp trên mới được thêm chỉ tiêu, giao chỉ tiêu.")
    return organization


def reporting_units(organization):
    """The organizations that may report an indicator of ``organization``: itself and its subtree, active."""
    return Organization.objects.filter(path__startswith=organization.path, valid_to__isnull=True)


@action("Thêm chỉ tiêu cho tổ chức", page="targets:indicator_create")
def add_indicator(user, organization, data: dict, reporter_ids) -> Indicator:
    """A new indicator reported by ``reporter_ids`` (units of ``organization``'s subtree; none: the organization)."""
    _managed(user, organization)
    reporters = references.readable_many(user, Organization, list(reporter_ids or []), "reporters",
                                         within=reporting_units(organization)) or [organization]
    indicator = Indicator(**{f: data.get(f) for f in INDICATOR_FIELDS})
    indicator.code = (indicator.code or "").strip().upper()
    indicator.full_clean()
    indicator.save()
    indicator.reporters.set(reporters)
    return indicator


@action("Giao chỉ tiêu nhiệm kỳ hoặc hằng năm", page="targets:target_create")
def assign_target(user, organization, indicator_id, term_id, year, value, source="") -> Target:
    """A target of ``organization``: for the whole term (``year`` None) or for one year of the term."""
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
                    source=(source or "").strip())
    target.full_clean()
    target.save()
    return target
