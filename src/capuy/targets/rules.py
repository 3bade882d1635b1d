"""Who may do what with targets and results, built on ``capuy.accounts.permissions``.

- A unit enters only its own results: office role granted on that very organization (or an administrator).
- Its superiors read and approve them: office staff of a strictly higher organization approve; anyone
  with a read role on the unit (office, committee, of it or a superior) reads.
- Other units read nothing, except results a superior has published.
- Targets are set by the office of the organization or of a superior (``can_manage``).
- A reporting round is opened and run by the office of the organization that opens it; the office that
  opened a round may also import its table for the units in it (it collects the spreadsheets).
"""

from django.db.models import Q

from capuy.accounts import permissions
from capuy.accounts.models import Role


def can_enter_results(user, organization) -> bool:
    if permissions.is_admin(user):
        return True
    if not user.is_authenticated:
        return False
    return permissions.holds_role_at(user, organization, Role.OFFICE)


def can_approve_results(user, organization) -> bool:
    if permissions.is_admin(user):
        return True
    return organization.parent_id is not None and permissions.can_manage(user, organization.parent)


def can_read_results(user, organization) -> bool:
    return permissions.can_read(user, organization)


def can_set_targets(user, organization) -> bool:
    return permissions.can_manage(user, organization)


def can_run_round(user, reporting_round) -> bool:
    return permissions.can_manage(user, reporting_round.organization)


def can_import_for(user, organization, reporting_round=None) -> bool:
    if can_enter_results(user, organization):
        return True
    return bool(reporting_round and can_run_round(user, reporting_round)
                and reporting_round.organizations.filter(pk=organization.pk).exists())


def readable_results(user, queryset):
    """Results of organizations the user may read, plus published ones (for any signed-in user)."""
    if not user.is_authenticated:
        return queryset.none()
    query = permissions.organization_filter(user, field="organization__")
    if query is None:
        return queryset
    return queryset.filter(query | Q(published=True))
