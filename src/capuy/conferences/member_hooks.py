"""What the conferences app adds to the member's own page (``capuy.members.hooks``): their invitations."""

import datetime

from django.urls import reverse
from django.utils import timezone

RECENT_DAYS = 30  # closed conferences stay listed this long (for the minutes and the record)


def member_page_section(person, user) -> dict | None:
    from capuy.conferences.forms import AnswerForm
    from capuy.conferences.models import Conference, Invitation

    since = timezone.localdate() - datetime.timedelta(days=RECENT_DAYS)
    # Only invitations that were sent: a draft list is the office's work, not yet the member's.
    invitations = list(
        Invitation.objects.filter(person=person, sent_at__isnull=False)
        .exclude(conference__status=Conference.Status.CLOSED, conference__date__lt=since)
        .select_related("conference__body__organization", "conference__term")
        .order_by("-conference__date", "-conference__pk")[:20])
    if not invitations:
        return None
    rows = [{"invitation": i, "conference": i.conference,
             "open": i.conference.status != Conference.Status.CLOSED,
             "page": reverse("conferences:invitation", args=[i.conference_id]),
             "answer_url": reverse("conferences:answer", args=[i.conference_id]),
             "ics": reverse("conferences:invitation_ics", args=[i.conference_id])} for i in invitations]
    return {"title": "Hội nghị và giấy mời của tôi", "template": "conferences/_member_section.html",
            "context": {"rows": rows, "answers": AnswerForm.base_fields["answer"].choices,
                        "back": reverse("members:me")}, "order": 10}
