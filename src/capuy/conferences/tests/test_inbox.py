"""The conferences app's part of the home page: what a conference being prepared lacks, the quorum rule it
uses, the "being prepared" filter of the list, and the live stream of a person's conferences."""

from django.urls import reverse

from capuy.conferences.inbox import followed_ids
from capuy.conferences.models import quorum_required
from capuy.core.inbox import Viewer
from capuy.core.tests.home_base import HomeTestCase, days


class QuorumRequiredTest(HomeTestCase):
    def test_the_least_number_present_for_two_thirds(self):
        for base, required in [(0, 0), (1, 1), (2, 2), (3, 2), (5, 4), (9, 6), (10, 7), (53, 36)]:
            with self.subTest(base=base):
                self.assertEqual(quorum_required(base), required)

    def test_the_fraction_is_a_setting(self):
        with self.settings(CAPUY_QUORUM_FRACTION="1/2"):
            self.assertEqual([quorum_required(b) for b in (4, 5)], [2, 3])


class PreparingFilterTest(HomeTestCase):
    def test_the_list_keeps_conferences_ahead_and_not_yet_held(self):
        self.login(self.district_staff)
        response = self.client.get(reverse("conferences:index") + "?chuan-bi=1")
        self.assertContains(response, self.upcoming.get_absolute_url())
        self.assertContains(response, self.unsent.get_absolute_url())
        self.assertNotContains(response, self.meeting.get_absolute_url())  # in progress

    def test_staff_of_another_ward_do_not_see_the_district_conferences(self):
        self.login(self.other_ward_staff)
        response = self.client.get(reverse("conferences:index") + "?chuan-bi=1")
        self.assertNotContains(response, self.upcoming.get_absolute_url())


class MyEventsTest(HomeTestCase):
    def test_it_follows_the_conferences_prepared_or_invited_to(self):
        self.assertEqual(followed_ids(Viewer.of(self.district_staff)),
                         sorted([self.upcoming.pk, self.unsent.pk, self.meeting.pk]))
        self.assertEqual(followed_ids(Viewer.of(self.party_member)), [self.upcoming.pk])
        self.assertEqual(followed_ids(Viewer.of(self.other_ward_staff)), [])

    def test_nothing_to_follow_answers_204_so_the_browser_stops(self):
        self.login(self.roleless)
        self.assertEqual(self.client.get(reverse("conferences:my_events")).status_code, 204)

    def test_anonymous_visitors_get_no_stream(self):
        self.assertEqual(self.client.get(reverse("conferences:my_events")).status_code, 302)

    def test_an_answered_invitation_reaches_the_office_stream(self):
        self.login(self.district_staff)
        response = self.client.get(reverse("conferences:my_events"))
        self.assertEqual(response["Content-Type"], "text/event-stream")
        chunks = iter(response.streaming_content)
        self.assertIn(b"retry", next(chunks))
        self.assertIn(b"event: hello", next(chunks))
        with self.captureOnCommitCallbacks(execute=True):
            self.upcoming.invitations.get(person=self.member_person).answer_with("attending")
        frame = next(chunks).decode()
        self.assertIn("event: invitation", frame)
        self.assertIn(f'"conference": {self.upcoming.pk}', frame)
        response.close()

    def test_events_of_other_conferences_do_not_reach_a_member(self):
        from capuy.conferences import live

        self.login(self.party_member)
        response = self.client.get(reverse("conferences:my_events"))
        chunks = iter(response.streaming_content)
        next(chunks), next(chunks)
        with self.captureOnCommitCallbacks(execute=True):
            live.publish(self.meeting.pk, "status", {"status": "in_progress"})
            live.publish(self.upcoming.pk, "status", {"status": "invited"})
        self.assertIn(f'"conference": {self.upcoming.pk}', next(chunks).decode())
        response.close()


class MissingTest(HomeTestCase):
    def test_a_conference_without_members_invited_says_so(self):
        conference = self.conference(days(20), "Chuyên đề")
        conference.invitations.all().delete()
        self.login(self.district_staff)
        response = self.client.get("/")
        self.assertContains(response, "Chưa mời thành viên")
