"""An organization's page (organizations:detail) costs the same queries with one leading body or several
(each body's organization and term come with it; bench/scale.py counted one query per body)."""

import datetime

from django.urls import reverse

from capuy.core import listtesting
from capuy.core.testing import CapuyTestCase
from capuy.organizations.models import Body, Term


class OrganizationPageQueriesTest(CapuyTestCase):
    def test_more_bodies_cost_no_more_queries(self):
        today = datetime.date.today()
        term = Term.objects.create(organization=self.ward, congress_number=1, start_year=today.year - 1,
                                   end_year=today.year + 4, start_date=today - datetime.timedelta(days=300),
                                   end_date=today + datetime.timedelta(days=1500))
        Body.objects.create(organization=self.ward, term=term, kind=Body.Kind.EXECUTIVE)
        self.login(self.ward_staff)

        def more_bodies():
            for kind in (Body.Kind.STANDING, Body.Kind.INSPECTION, Body.Kind.PERMANENT):
                Body.objects.create(organization=self.ward, term=term, kind=kind)
        url = reverse("organizations:detail", args=[self.ward.pk])
        before, after = listtesting.queries_at_two_sizes(self.client, url, more_bodies)
        self.assertEqual(before, after)
        self.assertIn("Ủy ban Kiểm tra", self.client.get(url).content.decode())

    def test_staff_of_another_ward_cannot_open_it(self):
        self.login(self.other_ward_staff)
        self.assertEqual(self.client.get(reverse("organizations:detail", args=[self.ward.pk])).status_code, 404)
