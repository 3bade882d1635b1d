"""Live events cross process boundaries through PostgreSQL LISTEN/NOTIFY (several server processes)."""

import json
import time
import unittest

from django.conf import settings
from django.db import connection
from django.test import SimpleTestCase, override_settings

from capuy.conferences import live


@unittest.skipUnless(connection.vendor == "postgresql", "LISTEN/NOTIFY needs PostgreSQL")
@override_settings(CAPUY_LIVE_BACKEND="postgres")
class PostgresChannelTests(SimpleTestCase):
    def notify_from_another_process(self, payload: dict):
        """What another server process's ``publish`` sends: a NOTIFY on its own connection."""
        import psycopg

        db = settings.DATABASES["default"]
        with psycopg.connect(dbname=db["NAME"], user=db.get("USER") or None, password=db.get("PASSWORD") or None,
                             host=db.get("HOST") or None, port=db.get("PORT") or None, autocommit=True) as conn:
            conn.execute("SELECT pg_notify(%s, %s)", [live.CHANNEL, json.dumps(payload)])

    def test_a_subscriber_receives_an_event_published_by_another_process(self):
        stream = live.subscribe_sync(21, timeout=0.2, first={"event": "hello", "data": {}})
        assert next(stream)["event"] == "hello"
        received = None
        deadline = time.monotonic() + 10
        try:
            # The listener thread starts with the first subscriber; send until its LISTEN is in place.
            while received is None and time.monotonic() < deadline:
                self.notify_from_another_process(
                    {"origin": "another-process", "conference": 21, "event": "agenda", "data": {"item": 3}})
                received = next(stream)
        finally:
            stream.close()
        assert received == {"event": "agenda", "data": {"item": 3}}
