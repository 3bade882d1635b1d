"""Actions of the targets pages added by issue 17: add an indicator, set a term or annual target.

Each checks the caller's right on the organization, every id against what lies in its subtree, validates with the
models' own rules (Vietnamese messages naming the field) and writes in the decorator's transaction.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from capuy.core import references
from capuy.core.actions import action
from capuy.organizations.models import Organization
from capuy.targets import rules
from capuy.targets.models import Indicator, Target

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


@action("Thêm chỉ tiêu", page="targets:indicator_create")
def create_indicator(user, organization, data: dict, reporter_ids) -> Indicator:
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
def set_target(user, organization, indicator_id, term_id, year, value, source="") -> Target:
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
