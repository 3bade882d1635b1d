"""Live streams held by nginx (``CAPUY_LIVE_NGINX``): capuy answers nginx's authorize request without streaming,
and posts each event once to nginx's channels of the conference and of the vote."""

import http.server
import json
import threading

from django.test import SimpleTestCase, override_settings
from django.urls import reverse

from capuy.conferences import live
from capuy.conferences.tests.base import ConferenceTestCase
from capuy.core.servers import free_port
from capuy.voting import ballots
from capuy.voting.models import Vote
from capuy.voting.tests.helpers import VotingTestCase

AUTHORIZE = {live.AUTHORIZE_HEADER: "1"}


class FakePublisher:
    """nginx's publisher as capuy sees it: records each request, answers 202 (a message queued)."""

    def __init__(self):
        self.requests = []
        received = self.requests

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                received.append((self.path, self.headers["X-EventSource-Event"], json.loads(body)))
                self.send_response(202)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def do_GET(self):
                self.send_response(404)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@override_settings(CAPUY_LIVE_BACKEND="local")
class PushTests(SimpleTestCase):
    def setUp(self):
        self.publisher = FakePublisher()
        self.addCleanup(self.publisher.close)

    def test_an_event_goes_to_the_conference_channel_with_its_name(self):
        with override_settings(CAPUY_LIVE_NGINX=self.publisher.url):
            live._send(5, {"event": "agenda", "data": {"item": 2}})
            live._pusher.flush()
        assert self.publisher.requests == [("/kenh/conference-5", "agenda", {"item": 2})]

    def test_the_request_does_not_wait_for_nginx_and_events_keep_their_order(self):
        with override_settings(CAPUY_LIVE_NGINX=self.publisher.url):
            for item in range(5):
                live._send(5, {"event": "agenda", "data": {"item": item}})
            live._pusher.flush()
        assert [data["item"] for _, _, data in self.publisher.requests] == [0, 1, 2, 3, 4]

    def test_a_votes_event_also_goes_to_the_votes_own_channel(self):
        with override_settings(CAPUY_LIVE_NGINX=self.publisher.url):
            live._send(5, {"event": "vote", "data": {"vote": 7, "status": "open", "voted": 3, "eligible": 9}})
            live._pusher.flush()
        assert [(path, event) for path, event, _ in self.publisher.requests] == [
            ("/kenh/conference-5", "vote"), ("/kenh/vote-7", "vote")]
        assert self.publisher.requests[1][2]["voted"] == 3

    def test_without_nginx_nothing_is_posted(self):
        live._send(5, {"event": "agenda", "data": {"item": 2}})
        live._pusher.flush()
        assert self.publisher.requests == []

    def test_a_publisher_that_is_down_loses_the_event_and_healthz_names_it(self):
        down = f"http://127.0.0.1:{free_port()}"
        with override_settings(CAPUY_LIVE_NGINX=down), self.assertLogs("capuy.conferences.live", "ERROR"):
            live._send(5, {"event": "agenda", "data": {"item": 2}})  # the change that caused it goes on
            live._pusher.flush()
        with override_settings(CAPUY_LIVE_NGINX=down):
            assert "nginx" in live.health()
        with override_settings(CAPUY_LIVE_NGINX=self.publisher.url):
            assert live.health() is None


class NginxPublisherMixin:
    """Pages served as behind nginx: its publisher is a FakePublisher of the test's own."""

    def setUp(self):
        super().setUp()
        publisher = FakePublisher()
        self.addCleanup(publisher.close)
        self.enterContext(override_settings(CAPUY_LIVE_NGINX=publisher.url))
        self.addCleanup(live._pusher.flush)


@override_settings(CAPUY_LIVE_BACKEND="local")
class ConferenceAuthorizeTests(NginxPublisherMixin, ConferenceTestCase):
    def url(self):
        return reverse("conferences:events", args=[self.conference.pk])

    def test_nginx_is_told_that_a_committee_member_may_follow_without_a_stream(self):
        self.invited()
        self.client.force_login(self.committee_member)
        response = self.client.get(self.url(), headers=AUTHORIZE)
        assert response.status_code == 200 and not response.streaming

    def test_it_refuses_staff_of_another_ward_and_anonymous_visitors(self):
        self.client.force_login(self.other_ward_staff)
        assert self.client.get(self.url(), headers=AUTHORIZE).status_code == 404
        self.client.logout()
        assert self.client.get(self.url(), headers=AUTHORIZE).status_code == 302

    def test_without_nginx_the_header_changes_nothing(self):
        self.invited()
        self.client.force_login(self.committee_member)
        with override_settings(CAPUY_LIVE_NGINX=""):
            response = self.client.get(self.url(), headers=AUTHORIZE)
        assert response.streaming and response["Content-Type"] == "text/event-stream"
        response.close()


@override_settings(CAPUY_LIVE_BACKEND="local")
class VoteAuthorizeTests(NginxPublisherMixin, VotingTestCase):
    def test_nginx_is_told_that_a_voter_may_follow_the_vote_and_an_outsider_may_not(self):
        with self.captureOnCommitCallbacks(execute=True):
            vote = ballots.open_vote(ballots.create_vote(self.item, "Nghị quyết", Vote.Method.SECRET))
        url = reverse("voting:events", args=[vote.pk])
        self.client.force_login(self.user_of(self.present[0]))
        response = self.client.get(url, headers=AUTHORIZE)
        assert response.status_code == 200 and not response.streaming
        self.client.force_login(self.other_ward_staff)
        assert self.client.get(url, headers=AUTHORIZE).status_code == 404
