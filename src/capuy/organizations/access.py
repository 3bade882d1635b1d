"""Who may read and change organizations, their bodies and people: one place for pages, the API and actions.

The rules themselves are ``capuy.accounts.permissions`` (an organization's subtree for its office); this
module turns them into the 404 / 403 answers every entry point gives, with the same words.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from capuy.accounts import permissions
from capuy.organizations.models import Organization, Person

NOT_FOUND = "Không tìm thấy tổ chức."
PERSON_NOT_FOUND = "Không tìm thấy nhân sự."
MANAGE_REFUSED = "Chỉ văn phòng cấp ủy của tổ chức này mới được thay đổi hồ sơ."
PERSON_REFUSED = "Chỉ văn phòng cấp ủy quản lý hồ sơ mới được sửa."


def readable(user):
    return permissions.readable_organizations(user)


def check_read(user, organization: Organization) -> Organization:
    if organization is None or not permissions.can_read(user, organization):
        raise Http404(NOT_FOUND)
    return organization


def check_manage(user, organization: Organization) -> Organization:
    check_read(user, organization)
    if not permissions.can_manage(user, organization):
        raise PermissionDenied(MANAGE_REFUSED)
    return organization


def organization_or_404(user, pk) -> Organization:
    return check_read(user, Organization.objects.filter(pk=pk).first())


def managed_or_404(user, pk) -> Organization:
    return check_manage(user, Organization.objects.filter(pk=pk).first())


def check_read_person(user, person: Person) -> Person:
    if person is None or not permissions.can_read_person(user, person):
        raise Http404(PERSON_NOT_FOUND)
    return person


def person_or_404(user, pk) -> Person:
    return check_read_person(user, Person.objects.select_related("organization").filter(pk=pk).first())


def check_manage_person(user, person: Person, message: str = PERSON_REFUSED) -> Person:
    check_read_person(user, person)
    if not permissions.can_manage_person(user, person):
        raise PermissionDenied(message)
    return person
