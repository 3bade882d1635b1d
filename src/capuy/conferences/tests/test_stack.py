"""The production stack, started as documented (capuy.core.stack, behind scripts/prod-stack) and checked
through nginx: a page, a live stream fed by another worker through Redis, a protected file handed over by
X-Accel-Redirect and refused without rights, /healthz, and a restart within seconds with streams open."""

import json
import threading
import time

import httpx
import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test import override_settings

from capuy.accounts.models import User
from capuy.conferences.models import AgendaAttachment, AgendaItem
from capuy.core.servers import RedisServer, database_url, session_cookie
from capuy.core.stack import NGINX, Stack
from capuy.core.testing import make_user
from capuy.voting.loadtest import prepare_congress

pytestmark = [
    pytest.mark.stack,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="the production stack runs on PostgreSQL"),
]


@pytest.fixture(scope="module")
def running_stack(tmp_path_factory, django_db_setup, django_db_blocker):
    """One stack for the module (starting one costs seconds); the restart test, last, stops it."""
    import os

    if not os.path.exists(NGINX):
        pytest.fail("The stack test needs Debian's nginx (scripts/system-deps installs it).")
    from django.conf import settings

    with django_db_blocker.unblock(), RedisServer() as redis:
        stack = Stack(tmp_path_factory.mktemp("stack") / "stack", database_url(), redis.url, workers=2,
                      env={"SECRET_KEY": settings.SECRET_KEY})
        stack.prepare(migrate=False)
        connection.close()
        with stack:
            yield stack


@pytest.fixture
def stack(running_stack):
    stack = running_stack
    data = prepare_congress(4, prefix="stack")
    with override_settings(MEDIA_ROOT=stack.var / "media"):
        attachment = AgendaAttachment(item=AgendaItem.objects.get(conference_id=data["conference"]),
                                      title="Dự thảo Nghị quyết")
        attachment.file.save("du-thao-nghi-quyet.pdf", ContentFile(b"%PDF-1.4 noi dung mat\n"), save=False)
        attachment.save()
    data["attachment"] = attachment
    data["member"] = session_cookie(User.objects.get(username="stack0000"))
    data["outsider"] = session_cookie(make_user("nguoi-ngoai"))
    connection.close()
    return stack, data


def client(stack, cookie=None):
    return httpx.Client(base_url=stack.base_url, cookies={"sessionid": cookie} if cookie else None, timeout=30)


def test_through_nginx_pages_streams_files_and_health_work(stack):
    stack, data = stack
    conference, vote = data["conference"], data["vote"]
    with client(stack, data["member"]) as member:
        page = member.get(f"/hoi-nghi/{conference}/theo-doi/")
        assert page.status_code == 200 and f"/hoi-nghi/{conference}/su-kien/" in page.text
        assert len(page.headers["X-Request-ID"]) >= 8  # nginx's $request_id, passed through capuy
        assert member.get("/static/capuy/live.js").status_code == 200  # nginx serves collected static files

        # A live stream through nginx; a ballot cast through the other worker reaches it with the count.
        lines, ready = [], threading.Event()

        def follow():
            with client(stack, data["member"]) as c, c.stream("GET", f"/hoi-nghi/{conference}/su-kien/") as r:
                for line in r.iter_lines():
                    lines.append(line)
                    if line.startswith("event: hello"):
                        ready.set()
                    if line.startswith("data:") and '"voted": 2' in line:
                        return
        thread = threading.Thread(target=follow, daemon=True)
        thread.start()
        assert ready.wait(20), lines
        deadline = time.monotonic() + 20
        for token in data["tokens"][:2]:
            cast = httpx.post(f"{stack.base_url}/api/voting/votes/{vote}/ballot/", json={"choice": "for"},
                              headers={"Authorization": f"Bearer {token}"}, timeout=30)
            assert cast.status_code == 201, cast.text
        thread.join(max(0.1, deadline - time.monotonic()))
        events = [json.loads(line[5:]) for line in lines if line.startswith("data:")]
        assert {"vote": vote, "status": "open", "voted": 2, "eligible": 4} in events, lines

        # The file: after capuy's check, nginx sends it from its internal location.
        url = f"/hoi-nghi/{conference}/tai-lieu/{data['attachment'].pk}/"
        download = member.get(url)
        assert download.status_code == 200 and download.content == b"%PDF-1.4 noi dung mat\n"
        assert "X-Accel-Redirect" not in download.headers
    with client(stack, data["outsider"]) as outsider:
        assert outsider.get(url).status_code == 404
        assert outsider.get(f"/_protected/{data['attachment'].file.name}").status_code == 404
        assert outsider.get(f"/media/{data['attachment'].file.name}").status_code == 404
        health = outsider.get("/healthz")
    assert health.status_code == 200, health.text
    assert health.json()["failing"] == [] and set(health.json()["checks"]) >= {"database", "cache", "live", "disk"}


# Last in the module: it stops the shared stack's web service.
def test_the_web_service_restarts_within_seconds_with_live_pages_open(stack):
    stack, data = stack
    streams = []
    for _ in range(6):
        ready = threading.Event()

        def follow(ready=ready):
            try:
                with client(stack, data["member"]) as c, \
                        c.stream("GET", f"/hoi-nghi/{data['conference']}/su-kien/") as r:
                    for line in r.iter_lines():
                        if line.startswith("event: hello"):
                            ready.set()
            except httpx.HTTPError:
                pass
        thread = threading.Thread(target=follow, daemon=True)
        thread.start()
        assert ready.wait(20)
        streams.append(thread)
    web = stack.processes["web"]
    start = time.monotonic()
    stack.signal("web")
    web.wait(15)
    assert time.monotonic() - start < 5
    for thread in streams:
        thread.join(5)
        assert not thread.is_alive()  # every page saw its stream end (and EventSource will reconnect)
    assert "Traceback" not in (stack.root / "logs" / "web.log").read_text()
