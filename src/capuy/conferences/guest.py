"""The guest link: an invitee without a login opens their invitation, answers and checks in (issue 17).

The link carries the invitation's random ``token`` signed with the site's secret key, so a link cannot be
made up from a guessed or copied check-in token. It reaches this one invitation only (its conference's
programme and attached documents, its answer, its check-in) and never logs anyone in. It stops working when
the invitation is withdrawn (deleted from the list) or the conference is closed.
"""

from django.core import signing
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse

from capuy.conferences.models import Invitation

SALT = "capuy.conferences.guest-link"
NOT_FOUND = "Đường dẫn giấy mời không đúng hoặc giấy mời đã được thu hồi."
CLOSED = "Hội nghị đã bế mạc; đường dẫn giấy mời không còn dùng được."


def signed_token(invitation: Invitation) -> str:
    return signing.Signer(salt=SALT).sign(invitation.token)


def url(invitation: Invitation) -> str:
    return reverse("conferences:guest_invitation", args=[signed_token(invitation)])


def invitation_for(signed: str) -> Invitation:
    """The invitation behind a guest link: 404 for a forged or withdrawn one, 403 once the conference is closed."""
    try:
        token = signing.Signer(salt=SALT).unsign(signed or "")
    except signing.BadSignature:
        raise Http404(NOT_FOUND) from None
    invitation = (Invitation.objects.select_related("conference", "conference__organization", "person")
                  .filter(token=token, person__isnull=False).first())
    if invitation is None:
        raise Http404(NOT_FOUND)
    if invitation.conference.is_closed:
        raise PermissionDenied(CLOSED)
    return invitation
