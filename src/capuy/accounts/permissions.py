"""Who may read and who may change what.

Rules (one place for all of capuy):
- A role granted on an organization covers its subtree.
- System administrators (superusers, or the ``admin`` role) read and change everything.
- Office staff (``office``) read and change the records of their subtree.
- Committee members (``committee``) read the internal records of their subtree.
- Party members (``member``) read their own record and what they are invited or assigned to.
- Anyone else, the public included, sees only the portal.
Views return 404 for records a user may not read, and 403 for records they may read but not change.
"""

from django.db.models import Q

from capuy.accounts.models import GRANTS_CACHE, Role, RoleGrant

READ_ROLES = (Role.ADMIN, Role.OFFICE, Role.COMMITTEE)
MANAGE_ROLES = (Role.ADMIN, Role.OFFICE)


def grants(user) -> tuple[tuple[str, str], ...]:
    """The (role, organization path) of every grant ``user`` holds, read in one query and kept on the user object,
    which lives for one request: a page asks several permission questions, and each asked the database again."""
    if not user.is_authenticated:
        return ()
    cached = user.__dict__.get(GRANTS_CACHE)
    if cached is None:
        cached = user.__dict__[GRANTS_CACHE] = tuple(
            RoleGrant.objects.filter(user=user).values_list("role", "organization__path"))
    return cached


def granted_paths(user, roles) -> set[str]:
    """The paths of the organizations on which ``user`` holds one of ``roles`` (each covers its subtree)."""
    return {path for role, path in grants(user) if role in roles}


def holds_role_at(user, organization, role) -> bool:
    """Does ``user`` hold ``role`` on ``organization`` itself, not through a superior?"""
    return organization is not None and organization.path in granted_paths(user, (role,))


def is_admin(user) -> bool:
    if not user.is_authenticated:
        return False
    return user.is_superuser or any(role == Role.ADMIN for role, _path in grants(user))


def _has_role_on(user, organization, roles) -> bool:
    if not user.is_authenticated or organization is None:
        return False
    if is_admin(user):
        return True
    ancestors = set(organization.ancestor_paths())
    return any(role in roles and path in ancestors for role, path in grants(user))


def can_read(user, organization) -> bool:
    """May ``user`` read the internal records of ``organization``?"""
    return _has_role_on(user, organization, READ_ROLES)


def can_manage(user, organization) -> bool:
    """May ``user`` change the records of ``organization`` (office staff of it or a superior)?"""
    return _has_role_on(user, organization, MANAGE_ROLES)


def has_role(user, organization, role) -> bool:
    return _has_role_on(user, organization, (role,))


def organization_filter(user, roles=READ_ROLES, field: str = "") -> Q | None:
    """A Q over ``{field}path`` that keeps the organizations ``user`` holds one of ``roles`` over.

    Returns None for "everything" (administrators) and ``Q(pk__in=[])`` for nothing.
    """
    if not user.is_authenticated:
        return Q(pk__in=[])
    if is_admin(user):
        return None
    paths = sorted(granted_paths(user, roles))
    query = Q(pk__in=[])
    for path in paths:
        query |= Q(**{f"{field}path__startswith": path})
    return query


def readable_organizations(user, roles=READ_ROLES):
    from capuy.organizations.models import Organization

    query = organization_filter(user, roles)
    return Organization.objects.all() if query is None else Organization.objects.filter(query)


def top_organizations(user, roles=READ_ROLES) -> list:
    """The organizations at the top of what ``user`` holds one of ``roles`` over: their grants' organizations
    without those under another one (for an administrator, the organizations without a superior), in tree order.
    Read from the grants alone, not from the whole subtree."""
    from capuy.organizations.models import Organization

    if is_admin(user):
        return list(Organization.objects.filter(parent__isnull=True).order_by("path"))
    if not user.is_authenticated:
        return []
    granted = sorted(Organization.objects.filter(grants__user=user, grants__role__in=roles).distinct(),
                     key=lambda o: o.path)
    return [o for o in granted if not any(o is not other and o.is_within(other) for other in granted)]


def filter_by_organization(queryset, user, lookup: str = "organization", roles=READ_ROLES):
    """Keep the rows of ``queryset`` whose ``lookup`` organization the user may read."""
    query = organization_filter(user, roles, field=f"{lookup}__")
    return queryset if query is None else queryset.filter(query)


def can_read_person(user, person) -> bool:
    if not user.is_authenticated:
        return False
    if user.person_id == person.pk:
        return True
    return visible_people(user).filter(pk=person.pk).exists()


def can_manage_person(user, person) -> bool:
    if person.organization_id is None:
        return is_admin(user)
    return can_manage(user, person.organization)


def visible_people(user):
    """People whose record is kept in, or who sit on a body or hold a title in, a readable organization."""
    from capuy.organizations.models import Person

    query = organization_filter(user)
    if query is None:
        return Person.objects.all()
    own = Q(pk=user.person_id) if user.is_authenticated and user.person_id else Q(pk__in=[])
    if query == Q(pk__in=[]):
        return Person.objects.filter(own)
    from capuy.organizations.models import BodyMembership, Title

    # Subqueries rather than joins: joining every membership and title row and then DISTINCT made each
    # search of a province read all its people (bench/scale.py); a semi-join keeps the name index usable.
    orgs = readable_organizations(user).values("pk")
    return Person.objects.filter(
        own
        | Q(organization__in=orgs)
        | Q(pk__in=BodyMembership.objects.filter(body__organization__in=orgs).values("person_id"))
        | Q(pk__in=Title.objects.filter(organization__in=orgs).values("person_id"))
    )
