"""Live updates carry what they change: a ballot's progress event holds the count, so open pages update
themselves and a ballot costs the same queries however many pages are open."""

import queue

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from capuy.conferences import live
from capuy.voting import ballots
from capuy.voting.models import Vote

from .helpers import VotingTestCase


class ProgressEventTests(VotingTestCase):
    def setUp(self):
        super().setUp()
        with self.captureOnCommitCallbacks(execute=True):
            self.vote = ballots.open_vote(ballots.create_vote(self.item, "Nghị quyết", Vote.Method.SECRET))
        ballots._last_progress.clear()
        cache.clear()

    def follow(self, pages: int) -> list[queue.Queue]:
        """``pages`` open live pages of the conference in this process."""
        queues = [queue.Queue() for _ in range(pages)]
        for q in queues:
            live.hub.add(self.conference.pk, q)
            self.addCleanup(live.hub.remove, self.conference.pk, q)
        return queues

    def cast_through_the_page(self, person) -> int:
        """Queries of one ballot posted from the phone's ballot page, its live events delivered."""
        self.client.force_login(self.user_of(person))
        ballots._last_progress.clear()  # each ballot publishes (no throttling between the two measurements)
        cache.clear()
        with CaptureQueriesContext(connection) as queries, self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(reverse("voting:ballot", args=[self.vote.pk]), {"choice": "for"})
        assert response.status_code == 201
        return len(queries)

    def test_a_progress_event_carries_the_count_and_the_number_of_voters(self):
        [page] = self.follow(1)
        with self.captureOnCommitCallbacks(execute=True):
            ballots.cast(self.vote.pk, self.present[0].pk, "for")
        message = page.get_nowait()
        assert message == {"event": "vote", "data": {"vote": self.vote.pk, "status": "open", "voted": 1,
                                                     "eligible": 4}}

    def test_queries_per_ballot_do_not_depend_on_the_number_of_open_pages(self):
        alone = self.cast_through_the_page(self.present[0])
        pages = self.follow(300)
        crowded = self.cast_through_the_page(self.present[1])
        assert crowded == alone
        assert all(p.get_nowait()["data"]["voted"] == 2 for p in pages)  # every page got the count itself

    def test_throttled_progress_is_made_up_by_one_trailing_event_with_the_last_count(self):
        [page] = self.follow(1)
        with self.captureOnCommitCallbacks(execute=True) as callbacks:
            ballots.cast(self.vote.pk, self.present[0].pk, "for")
            ballots.cast(self.vote.pk, self.present[1].pk, "for")  # within the throttle: no event of its own
        assert page.get_nowait()["data"]["voted"] == 1
        assert page.empty() and len(callbacks) == 2  # the event, and the timer for the trailing one

    def test_pages_do_not_poll_and_update_the_count_from_the_event(self):
        self.client.force_login(self.user_of(self.present[0]))
        for name in ("voting:ballot", "voting:detail"):
            page = self.client.get(reverse(name, args=[self.vote.pk])).content.decode()
            assert "every " not in page  # no periodic refetch by each open page
            assert f'data-vote-live="{self.vote.pk}"' in page and f'data-vote-progress="{self.vote.pk}"' in page
        follow = self.client.get(reverse("conferences:follow", args=[self.conference.pk])).content.decode()
        assert f'data-vote-progress="{self.vote.pk}"' in follow and "capuy/live.js" in follow
