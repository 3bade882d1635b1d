"""Live updates: the broadcaster, and a client following the Server-Sent Events stream of a conference."""

import asyncio
import json
import threading
from concurrent.futures import ThreadPoolExecutor
from unittest import mock

from asgiref.sync import sync_to_async
from django.test import SimpleTestCase, override_settings
from django.urls import reverse

from capuy.conferences import live
from capuy.conferences.tests.base import ConferenceTestCase


def parse(frame: bytes | str) -> dict:
    text = frame.decode() if isinstance(frame, bytes) else frame
    fields = dict(line.split(": ", 1) for line in text.strip().splitlines() if ": " in line and not line.startswith(":"))
    return {"event": fields.get("event"), "data": json.loads(fields["data"]) if "data" in fields else None}


@override_settings(CAPUY_LIVE_BACKEND="local")
class BroadcasterTests(SimpleTestCase):
    def test_a_subscriber_receives_what_is_published_for_its_conference_only(self):
        async def scenario():
            stream = live.subscribe(7, first={"event": "hello", "data": {}})
            assert (await anext(stream))["event"] == "hello"
            live._send(8, {"event": "agenda", "data": {"item": 1}})  # another conference
            live._send(7, {"event": "agenda", "data": {"item": 2}})
            message = await asyncio.wait_for(anext(stream), 5)
            await stream.aclose()
            return message

        # A fresh thread: the browser tests' driver may keep an event loop in this one.
        with ThreadPoolExecutor(1) as pool:
            assert pool.submit(asyncio.run, scenario()).result() == {"event": "agenda", "data": {"item": 2}}
        assert live.hub.count(7) == 0

    def test_a_thread_subscriber_receives_events_and_heartbeats(self):
        stream = live.subscribe_sync(3, timeout=0.05, first={"event": "hello", "data": {}})
        assert next(stream)["event"] == "hello"
        live._send(3, {"event": "speech", "data": {"speech": 5}})
        assert next(stream) == {"event": "speech", "data": {"speech": 5}}
        assert next(stream) is None  # nothing within the timeout: a heartbeat
        stream.close()
        assert live.hub.count(3) == 0

    def test_shutting_down_ends_the_home_pages_streams_of_several_conferences_too(self):
        async def scenario():
            stream = live.subscribe_many([4, 6], first={"event": "hello", "data": {}})
            assert (await anext(stream))["event"] == "hello"
            live.hub.stop_all()
            return [m async for m in stream]

        threaded = live.subscribe_many_sync([4, 6], timeout=5, first={"event": "hello", "data": {}})
        assert next(threaded)["event"] == "hello"
        with ThreadPoolExecutor(1) as pool:
            assert pool.submit(asyncio.run, scenario()).result() == []  # ended, nothing more sent
        assert list(threaded) == []  # the thread's stream ended at the same STOP
        assert live.hub.count(4) == live.hub.count(6) == 0

    def test_events_are_encoded_as_server_sent_events(self):
        assert live.sse({"event": "attendance", "data": {"present": 4}}) == 'event: attendance\ndata: {"present": 4}\n\n'
        assert live.sse(None) == ": ping\n\n"

    def test_an_event_reaches_hundreds_of_streams_of_one_loop_with_one_wake_up_and_one_encoding(self):
        async def scenario():
            loop = asyncio.get_running_loop()
            wakeups = []
            original = loop.call_soon_threadsafe
            loop.call_soon_threadsafe = lambda *a, **k: (wakeups.append(a[0]), original(*a, **k))[1]
            streams = [live.subscribe(9, first={"event": "hello", "data": {}}) for _ in range(3 * live.SLICE + 7)]
            for stream in streams:
                await anext(stream)
            # Delivered from another thread, as the cross-process listener and a ballot's commit do.
            sender = threading.Thread(target=live._send, args=(9, {"event": "vote", "data": {"voted": 3}}))
            sender.start()
            sender.join()
            messages = [await asyncio.wait_for(anext(stream), 5) for stream in streams]
            for stream in streams:
                await stream.aclose()
            return wakeups, messages

        with ThreadPoolExecutor(1) as pool:
            wakeups, messages = pool.submit(asyncio.run, scenario()).result()
        assert wakeups == [live._put_all]  # one wake-up of the loop, not one per stream
        assert all(m == {"event": "vote", "data": {"voted": 3}} for m in messages)
        assert len({id(m) for m in messages}) == 1  # one object for all: its frame is encoded once
        assert live.sse(messages[0]) is live.sse(messages[-1])
        assert live.hub.count(9) == 0

    def test_a_large_fan_out_is_paced_in_steps_and_keeps_the_order_of_events(self):
        async def scenario():
            loop = asyncio.get_running_loop()
            steps = []
            original = loop.call_later
            loop.call_later = lambda delay, callback, *a: (
                steps.append(delay) if getattr(callback, "__func__", None) is live._Pacer._step else None,
                original(delay, callback, *a))[1]
            streams = [live.subscribe(12, first={"event": "hello", "data": {}}) for _ in range(3 * live.SLICE)]
            # home pages follow several conferences at once: paced in the same order
            streams += [live.subscribe_many([12, 13], first={"event": "hello", "data": {}})
                        for _ in range(live.SLICE)]
            for stream in streams:
                await anext(stream)
            for count in (1, 2, 3):  # one after another, faster than a step
                live._send(12, {"event": "vote", "data": {"voted": count}})
            received = [[(await asyncio.wait_for(anext(stream), 5))["data"]["voted"] for _ in range(3)]
                        for stream in streams]
            for stream in streams:
                await stream.aclose()
            return steps, received

        with ThreadPoolExecutor(1) as pool:
            steps, received = pool.submit(asyncio.run, scenario()).result()
        assert all(r == [1, 2, 3] for r in received)  # every stream sees the events in the order they came
        # 300 deliveries in 12 slices of 25, spread over SPREAD_SECONDS rather than written in one burst
        assert steps == [live.SPREAD_SECONDS / 12] * 11
        assert live._pacers == {}

    def test_a_process_ignores_its_own_events_coming_back_from_the_cross_process_channel(self):
        received = []
        q = type("Q", (), {"put_nowait": lambda self, m: received.append(m)})()
        live.hub.add(11, q)
        try:
            live._listener._handle(json.dumps({"origin": live.ORIGIN, "conference": 11, "event": "x", "data": {}}))
            live._listener._handle(json.dumps({"origin": "other", "conference": 11, "event": "y", "data": {"a": 1}}))
        finally:
            live.hub.remove(11, q)
        assert received == [{"event": "y", "data": {"a": 1}}]


    def test_a_listener_that_stops_for_want_of_followers_leaves_no_stale_failure(self):
        listener = live._Listener()

        def channel_down():
            raise ConnectionError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

        listener._run_redis = listener._run_postgres = channel_down
        with override_settings(CAPUY_LIVE_BACKEND="redis", REDIS_URL="redis://127.0.0.1:6379/0"), \
                mock.patch.object(live, "hub", live.Hub()):
            listener._run()  # the channel fails while nobody follows a conference: the thread leaves
        assert listener.failing == ""


@override_settings(CAPUY_LIVE_BACKEND="local")
class EventStreamTests(ConferenceTestCase):
    def check_in_first_member(self):
        with self.captureOnCommitCallbacks(execute=True):
            self.conference.check_in(self.members[0])

    async def test_a_client_following_the_conference_receives_a_check_in(self):
        await sync_to_async(self.invited)()
        await self.async_client.aforce_login(self.committee_member)
        response = await self.async_client.get(reverse("conferences:events", args=[self.conference.pk]))
        assert response.status_code == 200 and response["Content-Type"] == "text/event-stream"
        frames = aiter(response.streaming_content)
        assert (await anext(frames)).startswith(b"retry:")
        assert parse(await asyncio.wait_for(anext(frames), 5))["event"] == "hello"
        await sync_to_async(self.check_in_first_member)()
        event = parse(await asyncio.wait_for(anext(frames), 5))
        assert event["event"] == "attendance"
        assert event["data"]["person"] == self.members[0].pk
        assert (event["data"]["present"], event["data"]["base"], event["data"]["reached"]) == (1, 5, False)
        await frames.aclose()

    async def test_the_stream_is_refused_to_those_who_may_not_read_the_conference(self):
        await self.async_client.aforce_login(self.other_ward_staff)
        response = await self.async_client.get(reverse("conferences:events", args=[self.conference.pk]))
        assert response.status_code == 404
        await self.async_client.alogout()
        response = await self.async_client.get(reverse("conferences:events", args=[self.conference.pk]))
        assert response.status_code == 302

    def test_moving_on_the_agenda_publishes_an_event_after_the_commit(self):
        conference = self.invited()
        received = []
        q = type("Q", (), {"put_nowait": lambda self, m: received.append(m)})()
        live.hub.add(conference.pk, q)
        try:
            with self.captureOnCommitCallbacks(execute=True):
                conference.open()
                assert received == []  # nothing leaves before the commit
        finally:
            live.hub.remove(conference.pk, q)
        assert [m["event"] for m in received] == ["agenda", "status"]
