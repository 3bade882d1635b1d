"""Test data for the members app on top of ``CapuyTestCase``: a cell secretary and a second cell."""

import datetime

from capuy.core.testing import CapuyTestCase, make_person, make_user
from capuy.organizations.models import Body, BodyMembership, Organization, Term

D = datetime.date


class MembersTestCase(CapuyTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.cell_term = Term.objects.create(organization=cls.cell, congress_number=1, start_year=2022, end_year=2025,
                                            start_date=D(2022, 5, 1))
        cls.chi_uy = Body.objects.create(organization=cls.cell, term=cls.cell_term, kind=Body.Kind.CELL_COMMITTEE)
        cls.secretary_person = make_person("Đinh Văn Khánh", cls.cell, card="01000200")
        BodyMembership.objects.create(body=cls.chi_uy, person=cls.secretary_person,
                                      role=BodyMembership.Role.SECRETARY, start_date=D(2022, 5, 1))
        cls.cell_secretary = make_user("bithu.khanh", cls.secretary_person)
        cls.second_cell = Organization.objects.create(parent=cls.ward, kind=Organization.Kind.CELL,
                                                      name="Chi bộ tổ dân phố số 2")
        cls.neighbour = make_person("Lý Thị Mai", cls.second_cell, card="01000300")
        cls.far_member = make_person("Phan Văn Tú", cls.other_cell, card="01000400")
        cls.member = cls.member_person.party_member
