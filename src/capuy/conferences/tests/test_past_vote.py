"""The vote of a past meeting as its source reports it (``Conference.resolution_passed``, ``vote_share``): recorded
by hand, through the API and from a report; shown on the record and in the drafts; never assumed."""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError

from capuy.accounts.models import ApiToken
from capuy.conferences.actions import correct_past_conference, record_past_conference
from capuy.conferences.models import Conference
from capuy.conferences.tests.base import ConferenceTestCase
from capuy.conferences.tests.import_reports import REPORT
from capuy.conferences.tests.test_import_page import CONFIRM, START, form_values
from capuy.core.testing import CapuyTestCase
from capuy.documents.drafting import draft_from_conference

D = datetime.date
VOTED = REPORT.replace("Dịp này,", "Hội nghị đã biểu quyết thông qua Nghị quyết với 100% đại biểu tán thành.\nDịp này,", 1)


class PastVoteTests(ConferenceTestCase):
    def setUp(self):
        pass  # no live conference needed

    def record(self, **vote):
        return record_past_conference(self.ward_staff, self.ward, date=D(2021, 7, 2), kind="six_month",
                                      body_kind="bch", reviewed_period="6 tháng đầu năm 2021", **vote)

    def test_a_reported_vote_is_kept_shown_and_drafted_as_a_resolution(self):
        conference = self.record(resolution_passed=True, vote_share="98,5")
        self.assertEqual((conference.resolution_passed, conference.vote_share), (True, Decimal("98.50")))
        text = "Hội nghị biểu quyết thông qua nghị quyết, tỷ lệ tán thành 98,5% (theo tư liệu)."
        self.login(self.ward_staff)
        self.assertContains(self.client.get(conference.get_absolute_url()), text)
        minutes, resolution, _ = draft_from_conference(conference, self.ward_staff)
        self.assertIn(text, minutes.content)
        self.assertIn("QUYẾT NGHỊ:", resolution.content)

    def test_a_vote_that_failed_drafts_no_resolution(self):
        conference = self.record(resolution_passed=False)
        self.assertEqual(conference.recorded_vote_text, "Nghị quyết không được hội nghị thông qua (theo tư liệu).")
        self.assertEqual([d.doc_type.symbol for d in draft_from_conference(conference, self.ward_staff)], ["BB", "TB"])

    def test_a_record_that_reports_no_vote_states_none(self):
        conference = self.record()
        self.assertEqual((conference.resolution_passed, conference.vote_share, conference.recorded_vote_text),
                         (None, None, ""))

    def test_a_bad_vote_is_refused_and_nothing_is_recorded(self):
        for vote in ({"vote_share": "abc"}, {"vote_share": 101}, {"vote_share": -1}, {"resolution_passed": "có"}):
            with self.subTest(vote=vote), self.assertRaises(ValidationError):
                self.record(**vote)
        self.assertFalse(Conference.objects.filter(organization=self.ward).exists())

    def test_a_correction_sets_and_clears_the_vote(self):
        conference = self.record()
        correct_past_conference(self.ward_staff, conference, resolution_passed=True, vote_share=100)
        conference.refresh_from_db()
        self.assertEqual((conference.resolution_passed, conference.vote_share), (True, Decimal("100.00")))
        correct_past_conference(self.ward_staff, conference, resolution_passed=None, vote_share="")
        conference.refresh_from_db()
        self.assertEqual((conference.resolution_passed, conference.vote_share), (None, None))

    def api(self, user, method, path, data):
        _, key = ApiToken.issue(user)
        return getattr(self.client, method)(f"/api{path}", data, headers={"Authorization": f"Bearer {key}"},
                                            content_type="application/json")

    def test_the_api_records_the_vote_and_refuses_a_share_over_100(self):
        facts = {"organization_id": self.ward.pk, "date": "2021-07-02", "kind": "six_month", "body_kind": "bch",
                 "resolution_passed": True, "vote_share": 100}
        body = self.api(self.ward_staff, "post", "/conferences/past/", facts).json()
        self.assertEqual((body["resolution_passed"], body["vote_share"]), (True, 100.0))
        response = self.api(self.ward_staff, "patch", f"/conferences/{body['id']}/past/", {"vote_share": 150})
        self.assertEqual(response.status_code, 400)
        self.assertIn("từ 0 đến 100", response.json()["detail"])

    def test_the_api_refuses_staff_of_another_ward_a_correction(self):
        conference = self.record(resolution_passed=True)
        response = self.api(self.other_ward_staff, "patch", f"/conferences/{conference.pk}/past/",
                            {"resolution_passed": False})
        self.assertIn(response.status_code, (403, 404))
        conference.refresh_from_db()
        self.assertTrue(conference.resolution_passed)



class ImportedVoteTests(CapuyTestCase):
    def test_a_report_of_a_vote_is_offered_for_checking_and_recorded_on_confirming(self):
        self.login(self.district_staff)
        values = form_values(self.client.post(START, {"text": VOTED}).content.decode(), CONFIRM)
        self.assertEqual((values["resolution_passed"], values["vote_share"]), ("yes", "100"))
        response = self.client.post(CONFIRM, values)
        conference = Conference.objects.get(recorded_after=True)
        self.assertRedirects(response, conference.get_absolute_url())
        self.assertEqual((conference.resolution_passed, conference.vote_share), (True, Decimal("100.00")))

    def test_the_clerk_may_say_the_report_states_no_vote(self):
        self.login(self.district_staff)
        values = form_values(self.client.post(START, {"text": VOTED}).content.decode(), CONFIRM)
        self.client.post(CONFIRM, {**values, "resolution_passed": "", "vote_share": ""})
        conference = Conference.objects.get(recorded_after=True)
        self.assertEqual((conference.resolution_passed, conference.vote_share), (None, None))
