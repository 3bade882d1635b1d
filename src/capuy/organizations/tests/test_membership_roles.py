"""A body's members hold only the positions that body has: a UBKT member is never "Phó Bí thư Thường trực"."""

import datetime

from django.core.exceptions import ValidationError
from django.urls import reverse

from capuy.core.testing import CapuyTestCase, make_person
from capuy.organizations.models import Body, BodyMembership


class MembershipRoleTests(CapuyTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.ubkt = Body.objects.create(organization=cls.district, term=cls.term, kind=Body.Kind.INSPECTION)
        cls.inspector = make_person("Đinh Thị Thanh", cls.district)

    def test_the_model_refuses_a_deputy_secretary_on_the_inspection_commission(self):
        membership = BodyMembership(body=self.ubkt, person=self.inspector, role=BodyMembership.Role.STANDING_DEPUTY,
                                    start_date=datetime.date(2021, 1, 1))
        with self.assertRaisesMessage(ValidationError, "Chức vụ “Phó Bí thư Thường trực” không có trong Ủy ban Kiểm tra"):
            membership.full_clean()

    def test_the_page_offers_only_the_commission_positions_and_refuses_others(self):
        self.login(self.district_staff)
        url = reverse("organizations:membership_create", args=[self.ubkt.pk])
        page = self.client.get(url)
        self.assertContains(page, "Chủ nhiệm")
        self.assertNotContains(page, "Phó Bí thư Thường trực")
        response = self.client.post(url, {"person": self.inspector.pk, "role": "pho_bi_thu_tt",
                                          "start_date": "2021-01-01"})
        self.assertNotEqual(response.status_code, 302)
        self.assertFalse(BodyMembership.objects.filter(body=self.ubkt).exists())
        self.client.post(url, {"person": self.inspector.pk, "role": "pho_chu_nhiem", "start_date": "2021-01-01"})
        self.assertEqual(BodyMembership.objects.get(body=self.ubkt).role, BodyMembership.Role.VICE_CHAIR)

    def test_it_refuses_staff_of_another_ward(self):
        self.login(self.other_ward_staff)
        url = reverse("organizations:membership_create", args=[self.ubkt.pk])
        response = self.client.post(url, {"person": self.inspector.pk, "role": "uy_vien", "start_date": "2021-01-01"})
        self.assertIn(response.status_code, (403, 404))
        self.assertFalse(BodyMembership.objects.filter(body=self.ubkt).exists())
