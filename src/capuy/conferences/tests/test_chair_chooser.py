"""The chairs of a conference are searched among its invitees (a congress invites hundreds) and the chosen
ones come back as chips; nobody outside the invitations is accepted."""

import datetime

from django.urls import reverse

from capuy.conferences.models import Conference, Invitation
from capuy.core.testing import CapuyTestCase


class ChairChooserTest(CapuyTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.conference = Conference.objects.create(body=cls.bch, organization=cls.district, term=cls.term,
                                                   date=datetime.date(2030, 3, 1))
        Invitation.objects.create(conference=cls.conference, person=cls.secretary)
        cls.conference.chairs.set([cls.secretary])

    def test_the_edit_page_shows_the_chosen_chair_and_no_list_of_invitees(self):
        self.login(self.district_staff)
        content = self.client.get(reverse("conferences:edit", args=[self.conference.pk])).content.decode()
        self.assertIn('data-chooser data-name="chairs" data-multiple', content)
        self.assertIn(f'name="chairs" value="{self.secretary.pk}"', content)
        self.assertIn(f"hoi-nghi={self.conference.pk}", content)
