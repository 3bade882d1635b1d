"""Paper invitations: what the office prints for invitees the e-mail did not reach (issue 17)."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from capuy.conferences import access as access_rules
from capuy.conferences import delivery


@login_required
def paper_invitations(request, pk):
    """One printable page per invitee without an e-mail address or whose e-mail failed; office only."""
    conference, access = access_rules.conference_or_404(request.user, pk, manage=True)
    invitations = list(conference.invitations.select_related("person", "person__user"))
    delivery.annotate(invitations)
    to_print = [i for i in invitations if i.delivery.status in (delivery.PAPER, delivery.FAILED)]
    return render(request, "conferences/paper_invitations.html", {
        "conference": conference, "access": access, "invitations": to_print,
        "items": conference.agenda_items.all(),
    })


@login_required
def guest_qr(request, pk, invitation):
    """The QR code of an invitee's guest link, printed on the paper invitation; office only."""
    import io

    import segno
    from django.http import HttpResponse
    from django.shortcuts import get_object_or_404

    from capuy.conferences.models import Invitation

    conference, _ = access_rules.conference_or_404(request.user, pk, manage=True)
    invitation = get_object_or_404(Invitation, pk=invitation, conference=conference, person__isnull=False)
    buffer = io.BytesIO()
    segno.make(request.build_absolute_uri(invitation.guest_url()), error="m").save(
        buffer, kind="svg", scale=4, border=2, title="Mã QR giấy mời")
    return HttpResponse(buffer.getvalue(), content_type="image/svg+xml")
