"""Who may see and run a vote (rules from ``capuy.accounts.permissions``).

- Reading a vote (progress, result): readers of the conference's organization and its invitees; others get 404.
- Running it (create, open, close, enter counts and paper ballots): office staff of the organization; 403.
- Casting: any signed-in user with a person record; whether they may vote is ``base.may_cast`` (a seat of
  the base fixed at opening, and present at the conference when casting).
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from capuy.accounts import permissions
from capuy.conferences import access as conference_access

MANAGE_MESSAGE = "Chỉ văn phòng cấp ủy của tổ chức này mới được điều hành biểu quyết, bầu cử."


def can_read(user, conference) -> bool:
    """Who may read a conference is ruled once, in ``capuy.conferences.access``."""
    return conference_access.can_read(user, conference)


def can_manage(user, conference) -> bool:
    return permissions.can_manage(user, conference.organization)


def require_read(user, conference):
    if not can_read(user, conference):
        raise Http404("Không tìm thấy nội dung biểu quyết.")


def require_manage(user, conference):
    if can_manage(user, conference):
        return
    require_read(user, conference)
    if not can_manage(user, conference):
        raise PermissionDenied(MANAGE_MESSAGE)


def nameable_people(user, conference):
    """People a vote or an election of ``conference`` may name (candidates, confidence subjects): its invitees
    and the people whose record ``user`` may read; nobody else's name is shown back."""
    from django.db.models import Q

    from capuy.organizations.models import Person

    visible = permissions.visible_people(user).order_by().values("pk")
    return Person.objects.filter(Q(conference_invitations__conference=conference) | Q(pk__in=visible)).distinct()
