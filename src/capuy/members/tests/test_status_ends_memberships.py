"""Death, expulsion and leaving the party end every body membership on their date, whichever way they are
recorded (member page, API, file import); prosecution is a dated status (issue 12, items 2 and 4)."""

import csv
import io

from capuy.accounts.models import ApiToken
from capuy.members import exchange
from capuy.members.models import PartyMember, Status
from capuy.members.tests.base import D, MembersTestCase
from capuy.organizations.models import BodyMembership


class StatusEndsMembershipsTests(MembersTestCase):
    def setUp(self):
        self.an = PartyMember.objects.get(person__full_name="Nguyễn Văn An")
        self.seat = BodyMembership.objects.get(body=self.bch, person=self.an.person)

    def test_a_death_recorded_on_the_member_page_ends_the_bch_seat(self):
        self.login(self.district_staff)
        response = self.client.post(f"/dang-vien/{self.an.pk}/", {
            "st-status": Status.DECEASED, "st-date": "2023-09-01", "st-decision": "", "st-note": ""})
        assert response.status_code == 302, response.content.decode()[:500]
        self.seat.refresh_from_db()
        assert (self.seat.end_date, self.seat.end_reason) == (D(2023, 8, 31), "deceased")

    def test_an_expulsion_recorded_by_api_ends_the_bch_seat(self):
        _, key = ApiToken.issue(self.district_staff)
        response = self.client.post(f"/api/members/{self.an.pk}/statuses/",
                                    {"status": Status.EXPELLED, "date": "2023-09-01", "decision": "Số 3-QĐ/UBKT"},
                                    content_type="application/json", headers={"Authorization": f"Bearer {key}"})
        assert response.status_code == 201, response.content
        self.seat.refresh_from_db()
        assert (self.seat.end_reason, self.seat.end_decision) == ("expelled", "Số 3-QĐ/UBKT")

    def test_a_death_in_an_imported_file_ends_the_bch_seat(self):
        out = io.StringIO()
        csv.writer(out).writerows([exchange.HEADERS, [
            "01000010", "Nguyễn Văn An", "", "", "01/01/2000", "01/01/2001", self.cell.pk, "", "Từ trần", "01/09/2023",
            "", ""]])
        exchange.import_members(out.getvalue().encode("utf-8"), "ds.csv", self.district)
        self.seat.refresh_from_db()
        assert (self.seat.end_date, self.seat.end_reason) == (D(2023, 8, 31), "deceased")

    def test_prosecution_is_a_dated_status_that_turns_its_flag_on(self):
        self.an.record_status(Status.PROSECUTED, D(2023, 9, 1))
        self.an.refresh_from_db()
        assert self.an.prosecuted and self.an.status == Status.PROSECUTED
        assert self.an.standing_on(D(2023, 8, 31)).prosecuted is False
        assert self.an.standing_on(D(2023, 9, 1)).prosecuted is True
        self.seat.refresh_from_db()
        assert self.seat.end_date is None  # still a member of the BCH, only not summoned while it lasts
