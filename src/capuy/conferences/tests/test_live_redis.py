"""Live events cross processes through Redis pub/sub (the shared Redis at 127.0.0.1:6379, a channel prefix of
this run's own), and survive a Redis restart (a private redis-server: the shared one is never restarted)."""

import json
import time
import uuid

import pytest
from django.core.cache import caches
from django.test import SimpleTestCase, override_settings

from capuy.conferences import live
from capuy.core.servers import RedisServer

SHARED = "redis://127.0.0.1:6379/0"


def shared_redis_is_up() -> bool:
    import redis

    try:
        return redis.Redis.from_url(SHARED, socket_connect_timeout=1).ping()
    except redis.RedisError:
        return False


def publish_from_another_process(url: str, prefix: str, conference: int, data: dict):
    """What another server process's ``publish`` sends: a PUBLISH on its own connection."""
    import redis

    client = redis.Redis.from_url(url, socket_connect_timeout=1)
    payload = {"origin": "another-process", "conference": conference, "event": "vote", "data": data}
    client.publish(f"{prefix}:conference:{conference}", json.dumps(payload))
    client.close()


def receive(stream, url, prefix, conference, data, timeout=15):
    """Publish until the subscriber gets it (the listener subscribes asynchronously)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            publish_from_another_process(url, prefix, conference, data)
        except Exception:  # noqa: BLE001 - Redis is (re)starting
            time.sleep(0.1)
            continue
        message = next(stream)
        while message is not None and message["event"] == "hello":
            message = next(stream)
        if message is not None:
            return message
    raise AssertionError("no event received")


@pytest.mark.skipif(not shared_redis_is_up(), reason="Redis at 127.0.0.1:6379 is not running")
class SharedRedisTests(SimpleTestCase):
    def setUp(self):
        self.prefix = f"capuytest-{uuid.uuid4().hex[:8]}"
        override = override_settings(REDIS_URL=SHARED, CAPUY_LIVE_BACKEND="redis", CAPUY_LIVE_PREFIX=self.prefix)
        override.enable()
        self.addCleanup(override.disable)

    def test_a_subscriber_receives_an_event_published_by_another_process(self):
        stream = live.subscribe_sync(31, timeout=0.2, first={"event": "hello", "data": {}})
        try:
            assert next(stream)["event"] == "hello"
            message = receive(stream, SHARED, self.prefix, 31, {"vote": 5, "voted": 12})
        finally:
            stream.close()
        assert message == {"event": "vote", "data": {"vote": 5, "voted": 12}}

    def test_an_event_published_here_goes_out_on_this_runs_channel(self):
        import redis

        client = redis.Redis.from_url(SHARED)
        pubsub = client.pubsub(ignore_subscribe_messages=True)
        pubsub.subscribe(f"{self.prefix}:conference:32")
        try:
            live._send(32, {"event": "vote", "data": {"vote": 1, "voted": 3}})
            deadline, message = time.monotonic() + 5, None
            while message is None and time.monotonic() < deadline:
                message = pubsub.get_message(timeout=0.2)
        finally:
            pubsub.close()
            client.close()
        payload = json.loads(message["data"])
        assert payload["origin"] == live.ORIGIN and payload["data"] == {"vote": 1, "voted": 3}

    def test_the_cache_works_on_redis(self):
        config = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": SHARED,
                              "KEY_PREFIX": self.prefix}}
        with override_settings(CACHES=config):
            cache = caches["default"]
            cache.set("k", {"số": 1}, 10)
            assert cache.get("k") == {"số": 1}
            cache.delete("k")


@pytest.mark.skipif(not RedisServer.available(), reason="redis-server is not installed")
class RedisRestartTests(SimpleTestCase):
    def test_subscribers_get_events_again_after_redis_restarts_and_are_told_to_resync(self):
        with RedisServer() as server, override_settings(REDIS_URL=server.url, CAPUY_LIVE_BACKEND="redis",
                                                         CAPUY_LIVE_PREFIX="capuyrestart"):
            stream = live.subscribe_sync(41, timeout=0.2, first={"event": "hello", "data": {}})
            try:
                next(stream)
                assert receive(stream, server.url, "capuyrestart", 41, {"n": 1})["data"] == {"n": 1}
                server.restart()
                # The listener notices, retries, and tells the pages to fetch the state they may have missed.
                deadline, resync = time.monotonic() + 20, None
                while resync is None and time.monotonic() < deadline:
                    message = next(stream)
                    if message and message["data"].get("resync"):
                        resync = message
                assert resync == {"event": "hello", "data": {"conference": 41, "resync": True}}
                assert receive(stream, server.url, "capuyrestart", 41, {"n": 2})["data"] == {"n": 2}
                assert live.health() is None
            finally:
                stream.close()
