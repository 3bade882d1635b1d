"""Test data for the conferences app on top of ``CapuyTestCase``.

Adds: a term and BCH of the Quảng An ward (3 members), and a draft conference of the Tây Hồ BCH (5 members)
on 5 October 2023 with three agenda items.
"""

import datetime

from capuy.conferences.models import AgendaItem, Conference
from capuy.core.testing import CapuyTestCase, make_person
from capuy.organizations.models import Body, BodyMembership, Term

D = datetime.date
DAY = D(2023, 10, 5)


class ConferenceTestCase(CapuyTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.ward_term = Term.objects.create(organization=cls.ward, congress_number=5, start_year=2020, end_year=2025,
                                            start_date=D(2020, 6, 20), end_date=D(2025, 6, 30))
        cls.ward_bch = Body.objects.create(organization=cls.ward, term=cls.ward_term, kind=Body.Kind.EXECUTIVE)
        for name in ["Trương Tú Uyên", "Lý Văn Hải", "Phan Thị Mai"]:
            BodyMembership.objects.create(body=cls.ward_bch, person=make_person(name, cls.ward, card=None),
                                          start_date=cls.ward_term.start_date)
        cls.members = list(cls.bch.members_on(D(2023, 10, 5)))
        cls.guest = make_person("Nguyễn Văn Khách", cls.city, ["Phó Bí thư Thành ủy"])

    def setUp(self):
        self.conference = self.make_conference()

    def make_conference(self, body=None, day=DAY, **fields):
        conference = Conference.objects.create(body=body or self.bch, date=day, subject="Kết quả 9 tháng", **fields)
        for order, (kind, title) in enumerate([(AgendaItem.Kind.OPENING, "Khai mạc"),
                                               (AgendaItem.Kind.REPORT, "Báo cáo kết quả 9 tháng năm 2023"),
                                               (AgendaItem.Kind.CONCLUSION, "Phát biểu kết luận")], 1):
            AgendaItem.objects.create(conference=conference, order=order, kind=kind, title=title)
        return conference

    def current_bch(self):
        """A BCH of the district in a term that covers today (khóa VII), with two members."""
        term = Term.objects.create(organization=self.district, congress_number=7, start_year=2025, end_year=2030,
                                   start_date=D(2025, 8, 15))
        body = Body.objects.create(organization=self.district, term=term, kind=Body.Kind.EXECUTIVE)
        for person in (self.secretary, self.committee_person):
            BodyMembership.objects.create(body=body, person=person, start_date=term.start_date)
        return body

    def invited(self, conference=None):
        """Invite the body's members and send the invitations (no mail in tests unless asked)."""
        conference = conference or self.conference
        conference.invite_body_members()
        conference.send_invitations()
        conference.refresh_from_db()
        return conference

    def running(self, conference=None):
        conference = self.invited(conference)
        conference.open()
        conference.refresh_from_db()
        return conference
