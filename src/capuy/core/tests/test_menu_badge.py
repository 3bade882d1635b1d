"""The count on the menu ("Việc cần làm") of what awaits the person, and its live stream."""

from django.core.cache import cache
from django.urls import reverse

from capuy.core.tests.home_base import HomeTestCase


class MenuBadgeTest(HomeTestCase):
    def setUp(self):
        cache.clear()  # the count is kept per user between pages

    def badge(self, user, fresh=False) -> str:
        self.login(user)
        response = self.client.get(reverse("core:badge") + ("?moi=1" if fresh else ""))
        self.assertEqual(response.status_code, 200)
        return response.content.decode().split("<")[0].strip()

    def test_it_counts_what_awaits_a_party_member(self):
        # the unanswered invitation, the draft open for comment, the rating to self-rate, the document to study
        self.assertEqual(self.badge(self.party_member), "4")

    def test_it_goes_down_when_the_work_is_done_and_it_is_recounted(self):
        self.assertEqual(self.badge(self.party_member), "4")
        self.upcoming.invitations.get(person=self.member_person).answer_with("attending")
        self.assertEqual(self.badge(self.party_member), "4")  # kept between pages
        self.assertEqual(self.badge(self.party_member, fresh=True), "3")  # a live event or the five-minute recount
        self.assertEqual(self.badge(self.party_member), "3")

    def test_the_home_page_recounts_and_shows_the_count_itself(self):
        self.assertEqual(self.badge(self.party_member), "4")
        self.upcoming.invitations.get(person=self.member_person).answer_with("attending")
        html = self.home(self.party_member).content.decode()
        self.assertIn('id="dem-viec"', html)
        self.assertIn('>3<span class="sr-only"> việc đang chờ</span></span>', html)
        self.assertNotIn(f'hx-get="{reverse("core:badge")}"', html)
        self.assertEqual(self.badge(self.party_member), "3")

    def test_it_is_empty_when_nothing_awaits(self):
        self.assertEqual(self.badge(self.roleless), "")

    def test_anonymous_visitors_are_sent_to_log_in(self):
        response = self.client.get(reverse("core:badge"))
        self.assertEqual(response.status_code, 302)
        self.assertIn(reverse("accounts:login"), response["Location"])

    def test_the_menu_loads_the_badge_and_follows_live_events(self):
        self.login(self.party_member)
        html = self.client.get(reverse("tasks:index")).content.decode()
        self.assertIn(f'hx-get="{reverse("core:badge")}" hx-trigger="load"', html)
        self.assertIn(f'data-events="{reverse("conferences:my_events")}"', html)
        self.assertIn("capuy/inbox-live.js", html)

    def test_the_home_blocks_reload_on_live_events(self):
        self.login(self.party_member)
        response = self.client.get("/")
        self.assertContains(response, 'hx-trigger="capuy:live from:body"')
        fragment = self.client.get("/", headers={"HX-Request": "true"})
        self.assertContains(fragment, 'id="khoi-giay-moi"')
        self.assertNotContains(fragment, "<html")

    def test_it_counts_what_awaits_office_staff_and_a_committee_member(self):
        # office: 2 conferences, 2 tasks, 1 round, 1 draft document, 1 article, 1 campaign, 1 opinion
        self.assertEqual(self.badge(self.district_staff), "9")
        # committee member: 1 ballot, 2 unanswered invitations, 1 draft, 2 tasks, 1 rating, 1 document to study
        self.assertEqual(self.badge(self.committee_member), "8")
        # administrator: 1 account awaiting activation, 1 without a role (health: no incident)
        self.assertEqual(self.badge(self.admin), "2")
