"""The production stack, started as documented (capuy.core.stack, behind scripts/prod-stack) and checked
through nginx: a page, a live stream held by nginx and fed by whichever worker took the ballot, a protected file
handed over by X-Accel-Redirect and refused without rights, /healthz, and a restart within seconds with streams
open."""

import json
import threading
import time

import httpx
import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test import override_settings
from django.utils import timezone

from capuy.accounts.models import User
from capuy.conferences.models import AgendaAttachment, AgendaItem, Conference
from capuy.conferences.tests.streams import SSE_HEADERS, stream_ready
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

        # A live stream held by nginx; ballots cast through either worker reach it with the count.
        lines, ready = [], threading.Event()

        def follow():
            with client(stack, data["member"]) as c, \
                    c.stream("GET", f"/hoi-nghi/{conference}/su-kien/", headers=SSE_HEADERS) as r:
                for line in r.iter_lines():
                    lines.append(line)
                    if stream_ready(line):
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
        # The vote page's own stream; an outsider's is refused by capuy's answer to nginx.
        with client(stack, data["member"]) as c, \
                c.stream("GET", f"/bieu-quyet/{vote}/su-kien/", headers=SSE_HEADERS) as r:
            assert r.status_code == 200 and stream_ready(next(r.iter_lines()))
        with client(stack, data["outsider"]) as c:
            assert c.get(f"/hoi-nghi/{conference}/su-kien/", headers=SSE_HEADERS).status_code == 404  # capuy's answer

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
def test_the_web_service_restarts_within_seconds_and_live_pages_keep_their_streams(stack):
    """Streams of a conference are nginx's and stay open while capuy restarts; the home page's stream is capuy's
    own and ends at once (its EventSource reconnects), so the service stops within seconds."""
    stack, data = stack
    # the home page follows the conferences still ahead that the member is invited to
    Conference.objects.filter(pk=data["conference"]).update(date=timezone.localdate())
    connection.close()
    streams = {}
    for path in [f"/hoi-nghi/{data['conference']}/su-kien/"] * 3 + ["/hoi-nghi/su-kien-cua-toi/"] * 3:
        ready = threading.Event()

        def follow(path=path, ready=ready):
            try:
                with client(stack, data["member"]) as c, c.stream("GET", path, headers=SSE_HEADERS) as r:
                    for line in r.iter_lines():
                        if stream_ready(line):
                            ready.set()
            except httpx.HTTPError:
                pass
        thread = threading.Thread(target=follow, daemon=True)
        thread.start()
        assert ready.wait(20), path
        streams.setdefault(path, []).append(thread)
    web = stack.processes["web"]
    start = time.monotonic()
    stack.signal("web")
    web.wait(15)
    assert time.monotonic() - start < 5
    for thread in streams["/hoi-nghi/su-kien-cua-toi/"]:
        thread.join(5)
        assert not thread.is_alive()  # capuy's own streams ended (and EventSource will reconnect)
    assert all(thread.is_alive() for thread in streams[f"/hoi-nghi/{data['conference']}/su-kien/"])  # nginx's
    assert "Traceback" not in (stack.root / "logs" / "web.log").read_text()
