"""Who may see and change member records, built on ``capuy.accounts.permissions``.

- A party member sees their own record only.
- A cell secretary (Bí thư chi bộ: role ``bi_thu`` on the cell's current chi ủy body) sees the
  members of their cell and appraises their ratings; a committee or office grant on the cell (or
  above) gives the same reading right.
- Office staff (``office`` grant) read and change the records of their subtree and decide ratings.
Views answer 404 for a record the user may not read and 403 for one they may read but not change.
"""

from django.db.models import Q
from django.utils import timezone

from capuy.accounts import permissions
from capuy.members.models import PartyMember
from capuy.organizations.models import Body, BodyMembership, Organization


def secretary_cells(user, day=None):
    """Organizations whose chi ủy (or chi bộ body) has ``user`` as Bí thư on ``day``."""
    if not user.is_authenticated or not user.person_id:
        return Organization.objects.none()
    day = day or timezone.localdate()
    bodies = BodyMembership.objects.active_on(day).filter(
        person_id=user.person_id, role=BodyMembership.Role.SECRETARY,
        body__kind__in=[Body.Kind.CELL_COMMITTEE, Body.Kind.CELL_MEETING],
    ).values("body__organization_id")
    return Organization.objects.filter(pk__in=bodies)


def is_cell_secretary(user, organization) -> bool:
    return organization is not None and secretary_cells(user).filter(pk=organization.pk).exists()


def can_read_organization_members(user, organization) -> bool:
    """Office and committee of the organization or above, and the secretary of that cell."""
    return permissions.can_read(user, organization) or is_cell_secretary(user, organization)


def readable_members(user):
    """Members whose record ``user`` may read."""
    if not user.is_authenticated:
        return PartyMember.objects.none()
    members = PartyMember.objects.all()
    query = permissions.organization_filter(user, field="person__organization__")
    if query is None:
        return members
    own = Q(person_id=user.person_id) if user.person_id else Q(pk__in=[])
    cells = list(secretary_cells(user).values_list("pk", flat=True))
    return members.filter(query | own | Q(person__organization_id__in=cells))


def can_read_member(user, member) -> bool:
    if not user.is_authenticated:
        return False
    if user.person_id and user.person_id == member.person_id:
        return True
    return can_read_organization_members(user, member.person.organization)


def can_manage_member(user, member) -> bool:
    """Change a record (status, transfer, commendation): office staff of the home cell or above."""
    return permissions.can_manage(user, member.person.organization)


class _Rights:
    """The two questions the rating steps ask, answered by the database each time (one rating)."""

    def __init__(self, user):
        self.user = user

    def manages(self, organization) -> bool:
        return permissions.can_manage(self.user, organization)

    def is_secretary(self, organization) -> bool:
        return is_cell_secretary(self.user, organization)


class RatingRights(_Rights):
    """The same answers read once for a whole page of ratings (two queries whatever the page's size):
    the paths the user manages and the cells whose secretary they are."""

    def __init__(self, user):
        super().__init__(user)
        self.admin = permissions.is_admin(user)
        self.paths = set() if self.admin else permissions.granted_paths(user, permissions.MANAGE_ROLES)
        self.cells = set(secretary_cells(user).values_list("pk", flat=True))

    def manages(self, organization) -> bool:
        # A grant covers its subtree: the same rule as permissions.can_manage, on the paths read once.
        if organization is None or not self.user.is_authenticated:
            return False
        return self.admin or any(organization.path.startswith(path) for path in self.paths)

    def is_secretary(self, organization) -> bool:
        return organization is not None and organization.pk in self.cells


def can_self_rate(user, rating, rights=None) -> bool:
    """Step 1: the member themself, the secretary of the rated cell, or the office on their behalf."""
    rights = rights or _Rights(user)
    if rating.member_id and user.is_authenticated and user.person_id == rating.member.person_id:
        return True
    org = rating.subject_organization
    return rights.is_secretary(org) or rights.manages(org)


def can_appraise(user, rating, rights=None) -> bool:
    """Step 2: the secretary of the member's cell (for a member) or the office of the organization
    or above."""
    rights = rights or _Rights(user)
    org = rating.subject_organization
    if rating.member_id and rights.is_secretary(org):
        return True
    target = org.parent if (rating.organization_id and org.parent_id) else org
    return rights.manages(target)


def can_decide(user, rating, rights=None) -> bool:
    """Step 3: the competent level, the office of the grassroots organization or above (for a
    grassroots organization rated itself, the level above)."""
    rights = rights or _Rights(user)
    unit = rating.unit or rating.subject_organization
    if rating.organization_id and rating.organization_id == unit.pk and unit.parent_id:
        unit = unit.parent
    return rights.manages(unit)
