"""A conference cannot be prepared for an organization that is merged or dissolved by its date: the form says why
(the model's rule names a field the form does not show) and creates nothing."""

import datetime

from django.urls import reverse
from django.utils import timezone

from capuy.conferences.models import Conference
from capuy.conferences.tests.base import ConferenceTestCase


class ClosedOrganizationTests(ConferenceTestCase):
    def post(self, day):
        self.login(self.district_staff)
        return self.client.post(reverse("conferences:create"), {
            "body": self.bch.pk, "kind": "regular", "date": day.isoformat(), "session": "morning"})

    def test_a_meeting_after_the_dissolution_date_is_refused_with_the_reason(self):
        today = timezone.localdate()
        self.district.valid_to = today + datetime.timedelta(days=10)
        self.district.save()
        before = Conference.objects.count()
        response = self.post(today + datetime.timedelta(days=30))
        assert response.status_code == 400
        self.assertContains(response, "đã giải thể", status_code=400)
        assert Conference.objects.count() == before

    def test_a_dissolved_organizations_bodies_are_not_offered(self):
        self.district.valid_to = timezone.localdate() - datetime.timedelta(days=1)
        self.district.save()
        self.login(self.district_staff)
        page = self.client.get(reverse("conferences:create"))
        assert self.bch not in page.context["form"].fields["body"].queryset
        before = Conference.objects.count()
        response = self.post(timezone.localdate() + datetime.timedelta(days=5))
        assert response.status_code == 400 and "body" in response.context["form"].errors
        assert Conference.objects.count() == before
