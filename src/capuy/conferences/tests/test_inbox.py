"""The conferences app's part of the home page: what a conference being prepared lacks, the quorum rule it
uses, the "being prepared" filter of the list, and the live stream of a person's conferences."""

import asyncio

from asgiref.sync import sync_to_async
from django.test import override_settings
from django.urls import reverse

from capuy.conferences import live
from capuy.conferences.inbox import followed_ids
from capuy.core.inbox import Viewer
from capuy.core.tests.home_base import HomeTestCase, days


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


@override_settings(CAPUY_LIVE_BACKEND="local")
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

    async def stream(self, user):
        await self.async_client.aforce_login(user)
        response = await self.async_client.get(reverse("conferences:my_events"))
        self.assertEqual(response["Content-Type"], "text/event-stream")
        frames = aiter(response.streaming_content)
        self.assertTrue((await anext(frames)).startswith(b"retry:"))
        self.assertIn(b"event: hello", await asyncio.wait_for(anext(frames), 5))
        return frames

    def answer(self, person):
        with self.captureOnCommitCallbacks(execute=True):
            self.upcoming.invitations.get(person=person).answer_with("attending")

    def publish(self, *conferences):
        with self.captureOnCommitCallbacks(execute=True):
            for conference in conferences:
                live.publish(conference.pk, "status", {"status": conference.status})

    async def test_an_answered_invitation_reaches_the_office_stream(self):
        frames = await self.stream(self.district_staff)
        await sync_to_async(self.answer)(self.member_person)
        frame = (await asyncio.wait_for(anext(frames), 5)).decode()
        self.assertIn("event: invitation", frame)
        self.assertIn(f'"conference": {self.upcoming.pk}', frame)
        await frames.aclose()

    async def test_events_of_other_conferences_do_not_reach_a_member(self):
        frames = await self.stream(self.party_member)
        await sync_to_async(self.publish)(self.meeting, self.upcoming)  # invited to the second only
        self.assertIn(f'"conference": {self.upcoming.pk}', (await asyncio.wait_for(anext(frames), 5)).decode())
        await frames.aclose()


class MissingTest(HomeTestCase):
    def test_a_conference_without_members_invited_says_so(self):
        conference = self.conference(days(20), "Chuyên đề")
        conference.invitations.all().delete()
        self.login(self.district_staff)
        response = self.client.get("/")
        self.assertContains(response, "Chưa mời thành viên")
