"""Who may read and run a conference: the one rule that pages, the API, the actions and the voting app share.

- Reading: those who may read the conference's organization, and the people invited to it; for anyone else
  the conference does not exist (404).
- Running it (preparing, presiding, recording): the office of the conference's organization (403).
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404

from capuy.accounts import permissions
from capuy.conferences.models import Conference
from capuy.organizations.models import Person

NOT_FOUND = "Không tìm thấy hội nghị."
MANAGE_REFUSED = "Chỉ văn phòng cấp ủy của tổ chức này mới được chuẩn bị và điều hành hội nghị."
NOT_INVITED = "Đồng chí không có giấy mời dự hội nghị này."


def readable(user):
    """The conferences ``user`` may read (``ConferenceQuerySet.visible_to`` writes the same rule as a query)."""
    return Conference.objects.visible_to(user)


def can_read(user, conference: Conference) -> bool:
    if not user.is_authenticated:
        return False
    if permissions.can_read(user, conference.organization):
        return True
    return bool(user.person_id) and conference.invitations.filter(person_id=user.person_id).exists()


def can_manage(user, conference: Conference) -> bool:
    return permissions.can_manage(user, conference.organization)


class Access:
    """What the user may do with one conference."""

    def __init__(self, user, conference):
        self.user = user
        self.conference = conference
        self.manage = can_manage(user, conference)
        self.read = self.manage or permissions.can_read(user, conference.organization)
        self.invitation = conference.invitation_for(user.person) if user.person_id else None
        self.invited = self.invitation is not None

    def require_manage(self) -> Conference:
        if not self.manage:
            raise PermissionDenied(MANAGE_REFUSED)
        return self.conference

    def require_invited(self):
        if self.invitation is None:
            raise PermissionDenied(NOT_INVITED)
        return self.invitation


def conference_or_404(user, pk, manage: bool = False) -> tuple[Conference, Access]:
    """The conference and the user's access to it: 404 when they may not read it, 403 when ``manage`` is
    asked and they may only read it."""
    conference = Conference.objects.select_related("organization", "body", "term").filter(pk=pk).first()
    if conference is None or not user.is_authenticated:
        raise Http404(NOT_FOUND)
    access = Access(user, conference)
    if not (access.read or access.invited):
        raise Http404(NOT_FOUND)
    if manage:
        access.require_manage()
    return conference, access


def check_read(user, conference: Conference) -> Conference:
    if not can_read(user, conference):
        raise Http404(NOT_FOUND)
    return conference


def check_manage(user, conference: Conference) -> Conference:
    """``conference`` if ``user`` may run it: 404 when they may not even read it, else 403."""
    check_read(user, conference)
    if not can_manage(user, conference):
        raise PermissionDenied(MANAGE_REFUSED)
    return conference


def attendable_people(user, organization):
    """The people a conference of ``organization`` may list as chairs, attendees and guests: those the user may
    see, and the people of the organizations above it (leaders who come down as guests)."""
    visible = permissions.visible_people(user).order_by().values("pk")
    superior = Q(organization__in=organization.ancestors().order_by().values("pk"))
    return Person.objects.filter(Q(pk__in=visible) | superior)
