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
