"""Pages: ballot (phone and desktop), presiding screen, results (CSV, print), minutes snippet, permissions."""

from django.core.cache import cache
from django.urls import reverse

from capuy.voting import ballots, crypto, results
from capuy.voting.models import Teller, Vote, VoterRegister

from .helpers import VotingTestCase


class VotingPageTests(VotingTestCase):
    def open_vote(self, method=Vote.Method.SECRET):
        return ballots.open_vote(ballots.create_vote(self.item, "Thông qua Nghị quyết Hội nghị lần thứ 17", method))

    def test_a_voter_casts_once_and_sees_the_receipt(self):
        vote = self.open_vote()
        self.login(self.user_of(self.present[0]))
        url = reverse("voting:ballot", args=[vote.pk])
        page = self.client.get(url)
        self.assertContains(page, "Tán thành")
        response = self.client.post(url, {"choice": "for"})
        self.assertEqual(response.status_code, 201)
        self.assertContains(response, "Đã nhận phiếu", status_code=201)
        response = self.client.post(url, {"choice": "against"})
        self.assertContains(response, "đã bỏ phiếu")
        self.assertEqual(VoterRegister.objects.filter(vote=vote).count(), 1)
        self.assertEqual(self.peek(vote)["against"], 0)

    def test_an_absent_member_sees_that_they_must_check_in_first(self):
        vote = self.open_vote()
        self.login(self.user_of(self.absent))
        page = self.client.get(reverse("voting:ballot", args=[vote.pk]))
        self.assertContains(page, "chưa điểm danh có mặt tại hội nghị")
        self.assertNotContains(page, "không có tên trong danh sách")
        self.client.post(reverse("voting:ballot", args=[vote.pk]), {"choice": "for"})
        self.assertEqual(VoterRegister.objects.filter(vote=vote).count(), 0)

    def test_the_presiding_screen_shows_progress_then_the_result_with_the_rule(self):
        vote = self.open_vote()
        ballots.cast(vote.pk, self.present[0].pk, "for")
        self.login(self.district_staff)
        page = self.client.get(reverse("voting:detail", args=[vote.pk]))
        self.assertContains(page, "Đã bỏ phiếu: <span data-voted>1</span>/<span data-eligible>4</span>")
        self.client.post(reverse("voting:action", args=[vote.pk]), {"action": "close", "xac-nhan": "1"})
        page = self.client.get(reverse("voting:panel", args=[vote.pk]))
        self.assertContains(page, "còn thiếu 2")  # encrypted until two of the three tellers enter their codes
        self.assertNotContains(page, "THÔNG QUA")
        for teller in self.tellers[:2]:
            self.login(self.user_of(teller))
            self.assertContains(self.client.get(reverse("voting:detail", args=[vote.pk])), "Nhập mã khóa")
            self.client.post(reverse("voting:teller_share", args=[vote.pk]), {"code": self.teller_codes[teller.pk]})
        page = self.client.get(reverse("voting:panel", args=[vote.pk]))
        self.assertContains(page, "KHÔNG THÔNG QUA")
        self.assertContains(page, "Cơ sở tính")
        self.assertContains(page, "20%")  # 1 of 5
        self.assertContains(page, "Điều 9")

    def test_staff_of_another_ward_get_404_and_committee_members_cannot_run_the_vote(self):
        vote = self.open_vote()
        self.login(self.other_ward_staff)
        self.assertEqual(self.client.get(reverse("voting:detail", args=[vote.pk])).status_code, 404)
        self.assertEqual(self.client.get(reverse("voting:conference", args=[self.conference.pk])).status_code, 404)
        self.login(self.committee_member)
        response = self.client.post(reverse("voting:action", args=[vote.pk]), {"action": "close"})
        self.assertEqual(response.status_code, 403)
        vote.refresh_from_db()
        self.assertTrue(vote.is_open)

    def test_counts_above_the_base_get_a_message_and_change_nothing(self):
        vote = self.open_vote(Vote.Method.HANDS)
        self.login(self.district_staff)
        response = self.client.post(reverse("voting:action", args=[vote.pk]),
                                    {"action": "counts", "for": "6", "against": "0", "abstain": "0"}, follow=True)
        self.assertContains(response, "vượt quá cơ sở tính")
        vote.refresh_from_db()
        self.assertEqual(vote.result, {})

    def test_results_export_as_csv_and_print_and_flow_into_the_minutes(self):
        vote = self.open_vote()
        for person in self.present:
            ballots.cast(vote.pk, person.pk, "for")
        self.close(vote)
        self.login(self.district_staff)
        csv_text = self.client.get(reverse("voting:csv", args=[vote.pk])).content.decode("utf-8-sig")
        self.assertIn("Tán thành,4,80%", csv_text)
        self.assertIn("Thông qua", csv_text)
        self.assertContains(self.client.get(reverse("voting:print", args=[vote.pk])), "THÔNG QUA")
        minutes = self.client.get(reverse("conferences:minutes", args=[self.conference.pk]))
        self.assertContains(minutes, "4 đồng chí tán thành (đạt 80%)")
        self.assertContains(minutes, "Kết quả: thông qua")

    def test_the_office_creates_a_vote_from_the_conference_page(self):
        self.login(self.district_staff)
        response = self.client.post(reverse("voting:conference", args=[self.conference.pk]),
                                    {"what": "vote", "agenda_item": self.item.pk, "subject": "Thông qua Chương trình",
                                     "method": "hands"})
        vote = Vote.objects.get(subject="Thông qua Chương trình")
        self.assertRedirects(response, reverse("voting:detail", args=[vote.pk]))

    def test_a_committee_member_cannot_create_a_vote(self):
        self.login(self.committee_member)
        response = self.client.post(reverse("voting:conference", args=[self.conference.pk]),
                                    {"what": "vote", "agenda_item": self.item.pk, "subject": "X", "method": "hands"})
        self.assertEqual(response.status_code, 403)
        self.assertFalse(Vote.objects.exists())

    def test_my_open_votes_lists_what_i_may_vote_on(self):
        vote = self.open_vote()
        self.login(self.user_of(self.present[0]))
        self.assertContains(self.client.get(reverse("voting:mine")), vote.subject)
        self.login(self.user_of(self.absent))
        self.assertNotContains(self.client.get(reverse("voting:mine")), vote.subject)


class LiveProgressTests(VotingTestCase):
    def test_opening_casting_and_closing_publish_vote_events_on_the_conference_channel(self):
        import queue

        from capuy.conferences import live
        from capuy.voting import ballots as ops

        received: queue.Queue = queue.Queue()
        live.hub.add(self.conference.pk, received)
        try:
            with self.captureOnCommitCallbacks(execute=True):
                vote = ops.open_vote(ops.create_vote(self.item, "Nghị quyết", Vote.Method.SECRET))
            ops._last_progress.clear()
            cache.clear()
            with self.captureOnCommitCallbacks(execute=True):
                ops.cast(vote.pk, self.present[0].pk, "for")
            with self.captureOnCommitCallbacks(execute=True):
                self.close(vote)
        finally:
            live.hub.remove(self.conference.pk, received)
        events = []
        while not received.empty():
            events.append(received.get_nowait())
        votes = [e["data"] for e in events if e["event"] == "vote"]
        # open, the ballot, the close, then each teller's code (two of three) as the decryption progresses
        self.assertEqual([d.get("status") for d in votes], ["open", "open", "closed", "closed", "closed"])
        self.assertTrue(all(set(d) <= {"vote", "status", "voted", "eligible"} for d in votes))  # nothing about choices
        self.assertEqual(votes[0]["eligible"], 4)


class ElectionPageTests(VotingTestCase):
    def test_the_office_builds_the_list_and_starts_a_round_and_the_voter_crosses_out_names(self):
        from capuy.core.testing import make_person
        from capuy.voting.models import Election

        self.login(self.district_staff)
        url = reverse("voting:conference", args=[self.conference.pk])
        self.client.post(url, {"what": "election", "agenda_item": self.item.pk, "subject": "Bầu Bí thư", "seats": "1"})
        election = Election.objects.get()
        nominees = [make_person(f"Ứng viên {i}", self.district) for i in range(2)]
        action = reverse("voting:election_action", args=[election.pk])
        for person in nominees:
            self.client.post(action, {"action": "candidate", "person": person.pk, "source": "prepared"})
        response = self.client.post(action, {"action": "candidate", "person": self.member_person.pk,
                                             "source": "floor", "agreeing": "1"}, follow=True)
        self.assertContains(response, "không được bổ sung")
        self.assertEqual(election.candidates.count(), 2)
        response = self.client.post(action, {"action": "round", "method": "secret"})
        vote = election.rounds.get()
        self.assertRedirects(response, reverse("voting:detail", args=[vote.pk]))
        self.client.post(reverse("voting:action", args=[vote.pk]), {"action": "open"})
        self.login(self.user_of(self.present[0]))
        ballot_url = reverse("voting:ballot", args=[vote.pk])
        both = [f"c:{c.pk}" for c in election.candidates.all()]
        response = self.client.post(ballot_url, {"keep": both})
        self.assertContains(response, "nhiều hơn số lượng cần bầu")
        response = self.client.post(ballot_url, {"keep": both[:1]})
        self.assertEqual(response.status_code, 201)


class CountingBoardPageTests(VotingTestCase):
    def test_office_staff_appoint_a_teller_and_others_are_refused(self):
        url = reverse("voting:conference", args=[self.conference.pk])
        self.login(self.committee_member)
        self.assertEqual(self.client.post(url, {"what": "teller", "person": self.present[3].pk}).status_code, 403)
        self.login(self.other_ward_staff)
        self.assertEqual(self.client.post(url, {"what": "teller", "person": self.present[3].pk}).status_code, 404)
        self.assertFalse(Teller.objects.filter(conference=self.conference, person=self.present[3]).exists())
        self.login(self.district_staff)
        self.client.post(url, {"what": "teller", "person": self.present[3].pk})
        self.assertTrue(Teller.objects.filter(conference=self.conference, person=self.present[3]).exists())
        self.assertContains(self.client.get(url), "chưa tạo mã khóa")

    def test_a_teller_sees_their_code_once_and_only_its_public_key_is_kept(self):
        self.login(self.user_of(self.tellers[0]))
        response = self.client.post(reverse("voting:teller_code", args=[self.conference.pk]))
        self.assertContains(response, "Mã chỉ hiện một lần")
        self.assertIn("no-store", response["Cache-Control"])
        code = response.context["code"]
        teller = Teller.objects.get(conference=self.conference, person=self.tellers[0])
        self.assertEqual(bytes(teller.public_key), crypto.teller_public_key(code))
        self.assertNotContains(self.client.get(reverse("voting:conference", args=[self.conference.pk])), code)

    def test_a_member_outside_the_board_gets_no_code(self):
        self.login(self.user_of(self.present[3]))
        response = self.client.post(reverse("voting:teller_code", args=[self.conference.pk]), follow=True)
        self.assertContains(response, "không có tên trong Ban kiểm phiếu")

    def test_a_wrong_code_on_the_vote_page_is_refused_with_a_message(self):
        vote = ballots.open_vote(ballots.create_vote(self.item, "Nghị quyết", Vote.Method.SECRET))
        ballots.cast(vote.pk, self.present[0].pk, "for")
        ballots.close_vote(vote)
        self.login(self.user_of(self.tellers[0]))
        response = self.client.post(reverse("voting:teller_share", args=[vote.pk]), {"code": "AAAA-AAAA-AAAA-AAAA-AAAA"},
                                    follow=True)
        self.assertContains(response, "Mã khóa kiểm phiếu không đúng")
        self.assertContains(response, "còn thiếu 2")
        self.login(self.other_ward_staff)
        response = self.client.post(reverse("voting:teller_share", args=[vote.pk]),
                                    {"code": self.teller_codes[self.tellers[0].pk]})
        self.assertEqual(response.status_code, 404)
        vote.refresh_from_db()
        self.assertTrue(vote.awaiting_tellers)
        self.assertEqual(results.minutes_text(vote), "Nghị quyết (bỏ phiếu kín điện tử): đã kết thúc, số phiếu thu "
                                                     "vào 1; Ban kiểm phiếu chưa giải mã kết quả.")
        self.login(self.district_staff)
        self.assertEqual(self.client.get(reverse("voting:csv", args=[vote.pk])).status_code, 404)  # no result yet
