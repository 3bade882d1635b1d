"""Pages of the conferences app for the invited member (beside ``views``)."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.urls import reverse

from capuy.conferences.calendar import invitation_ics as build_ics
from capuy.conferences.views import conference_or_404


@login_required
def invitation_ics(request, pk):
    """The conference as a calendar event, for whoever is invited to it or may read it."""
    conference, _ = conference_or_404(request, pk)
    url = request.build_absolute_uri(reverse("conferences:invitation", args=[conference.pk]))
    response = HttpResponse(build_ics(conference, url, request.get_host().split(":")[0]),
                            content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="hoi-nghi-{conference.pk}.ics"'
    return response
