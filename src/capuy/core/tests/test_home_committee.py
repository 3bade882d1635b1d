"""The home of a committee member: meetings and their answer, drafts to comment on, open ballots, their tasks."""

from django.urls import reverse

from capuy.core.tests.home_base import HomeTestCase
from capuy.voting import ballots


class CommitteeHomeTest(HomeTestCase):
    def test_it_lists_the_meetings_invited_to_with_the_answer(self):
        block = self.block(self.home(self.committee_member), "giay-moi")
        self.assertIn(reverse("conferences:invitation", args=[self.upcoming.pk]), block)
        self.assertIn("Chưa trả lời giấy mời", block)
        self.upcoming.invitations.get(person=self.committee_person).answer_with("attending")
        block = self.block(self.home(self.committee_member), "giay-moi")
        self.assertIn("Đã trả lời: tham dự", block)

    def test_answered_meetings_stay_listed_without_counting(self):
        for conference in (self.upcoming, self.meeting):
            conference.invitations.filter(person=self.committee_person).update(answer="attending")
        block = self.block(self.home(self.committee_member), "giay-moi")
        self.assertIn(reverse("conferences:invitation", args=[self.upcoming.pk]), block)
        self.assertNotIn('class="badge count"', block)

    def test_unsent_invitations_are_not_shown_to_the_invitee(self):
        block = self.block(self.home(self.committee_member), "giay-moi")
        self.assertNotIn(reverse("conferences:invitation", args=[self.unsent.pk]), block)

    def test_it_lists_drafts_open_for_comment(self):
        block = self.block(self.home(self.committee_member), "du-thao-gop-y")
        self.assertIn(self.draft.get_absolute_url(), block)
        self.assertIn("Hạn góp ý", block)

    def test_it_lists_an_open_ballot_until_it_is_cast(self):
        block = self.block(self.home(self.committee_member), "bieu-quyet")
        self.assertIn(reverse("voting:ballot", args=[self.vote.pk]), block)
        ballots.cast(self.vote.pk, self.committee_person.pk, "for")
        self.assertEqual(self.block(self.home(self.committee_member), "bieu-quyet"), "")

    def test_a_member_who_left_the_meeting_is_not_asked_to_vote(self):
        self.meeting.mark_left(self.committee_person)
        self.assertEqual(self.block(self.home(self.committee_member), "bieu-quyet"), "")

    def test_it_lists_the_tasks_and_registrations_they_are_responsible_for(self):
        response = self.home(self.committee_member)
        tasks = self.block(response, "nhiem-vu-cua-toi")
        self.assertIn(self.task_overdue.title, tasks)
        self.assertIn(self.task_later.title, tasks)
        self.assertNotIn(self.task_soon.title, tasks)  # someone else's
        self.assertIn(self.registration.get_absolute_url(), self.block(response, "dang-ky-nhiem-vu-kho"))

    def test_the_ballot_comes_first(self):
        html = self.home(self.committee_member).content.decode()
        self.assertLess(html.index('id="khoi-bieu-quyet"'), html.index('id="khoi-giay-moi"'))

    def test_a_committee_member_sees_no_office_block(self):
        response = self.home(self.committee_member)
        for key in ("hoi-nghi-chuan-bi", "nhiem-vu-den-han", "van-ban-cho-ban-hanh", "bai-viet-cho-duyet"):
            self.assertEqual(self.block(response, key), "", key)
