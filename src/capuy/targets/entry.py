"""Entering results: the one path every form, API call and import goes through.

A value is checked against its indicator (type, unit), its period (well-formed, inside the term and the
unit's lifetime) and the unit (it must report the indicator) before anything is saved; an approved result
is not overwritten.
"""

from django.core.exceptions import ValidationError
from django.utils import timezone

from capuy.targets.models import Indicator, ReportingRound, Result
from capuy.targets.periods import Period


def prepare_result(organization, indicator: Indicator, period: Period, raw_value, *, unit=None, user=None,
                   note: str = "", term=None, reporting_round: ReportingRound | None = None,
                   existing: Result | None = None) -> Result:
    """Build (not save) the result for ``raw_value``; raises ValidationError with Vietnamese messages."""
    if problem := period.check():
        raise ValidationError(problem)
    value = indicator.parse_value(raw_value, unit)
    if existing is None:
        existing = Result.objects.filter(
            organization=organization, indicator=indicator, year=period.year, period_kind=period.kind,
            period_number=period.number).first()
    if existing is not None and existing.status == Result.Status.APPROVED:
        raise ValidationError(f"Kết quả {indicator.code} {period.label} đã được duyệt, không sửa được.")
    result = existing or Result(organization=organization, indicator=indicator, year=period.year,
                                period_kind=period.kind, period_number=period.number)
    result.value, result.entered_by, result.entered_at = value, user, timezone.now()
    if note:
        result.note = note
    if term is not None:
        result.term = term
    if reporting_round is not None:
        result.round = reporting_round
    result.full_clean(validate_unique=existing is None)
    return result


def enter_result(user, organization, indicator: Indicator, period: Period, raw_value, **kwargs) -> Result:
    """Save one result entered by ``user``: the action ``capuy.targets.actions.enter_result``."""
    from capuy.targets import actions

    return actions.enter_result(user, organization, indicator, period, raw_value, **kwargs)
