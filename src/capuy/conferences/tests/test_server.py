"""The live stream under the real ASGI server (uvicorn as a subprocess): a restart takes seconds even with
streams open, and a browser leaving a live page leaves no traceback in the log."""

import threading
import time

import httpx
import pytest

from capuy.accounts.models import User
from capuy.core.servers import Uvicorn, server_env, session_cookie, wait_for
from capuy.voting.loadtest import prepare_congress

pytestmark = [pytest.mark.stack, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def congress(tmp_path):
    data = prepare_congress(3, prefix="song")
    data["cookie"] = session_cookie(User.objects.get(username="song0000"))
    data["env"] = server_env(tmp_path, CAPUY_LIVE_BACKEND="local")
    return data


def open_stream(server, data, received: list, ready: threading.Event):
    """Follow the conference's stream in a thread, as a phone would; records every line."""
    def follow():
        try:
            with httpx.Client(base_url=server.base_url, cookies={"sessionid": data["cookie"]}, timeout=60) as client, \
                    client.stream("GET", f"/hoi-nghi/{data['conference']}/su-kien/") as response:
                received.append(f"status {response.status_code}")
                for line in response.iter_lines():
                    received.append(line)
                    if line.startswith("event: hello"):
                        ready.set()
        except httpx.HTTPError as exc:
            received.append(f"error {exc}")
        finally:
            received.append("closed")
    thread = threading.Thread(target=follow, daemon=True)
    thread.start()
    return thread


def test_the_server_stops_within_seconds_on_sigterm_with_live_streams_open(congress, tmp_path):
    server = Uvicorn(congress["env"], workers=2, log_dir=tmp_path).start()
    try:
        streams = []
        for _ in range(4):
            received, ready = [], threading.Event()
            streams.append((open_stream(server, congress, received, ready), received))
            assert ready.wait(20), received
        start = time.monotonic()
        server.terminate()
        server.process.wait(15)
        elapsed = time.monotonic() - start
    finally:
        server.kill()
    assert elapsed < 5, f"stopped after {elapsed:.1f} s: {server.log()[-3000:]}"
    for thread, received in streams:
        thread.join(5)
        assert received[-1] == "closed"
    assert "Traceback" not in server.log(), server.log()[-3000:]


def test_a_browser_leaving_a_live_page_leaves_no_traceback_in_the_log(congress, tmp_path):
    with Uvicorn(congress["env"], workers=1, log_dir=tmp_path) as server:
        pages = [f"/hoi-nghi/{congress['conference']}/su-kien/", f"/bieu-quyet/{congress['vote']}/su-kien/"]
        for path in pages * 3:
            with httpx.Client(base_url=server.base_url, cookies={"sessionid": congress["cookie"]}, timeout=20) as client, \
                    client.stream("GET", path) as response:
                assert response.status_code == 200
                for line in response.iter_lines():
                    if line.startswith(("event: hello", ": ping")):
                        break  # the browser leaves: the connection closes mid-stream
        # The server has noticed every departure (its stream count is back to none) without a traceback.
        with httpx.Client(base_url=server.base_url, timeout=20) as client:
            wait_for(lambda: client.get("/healthz").status_code == 200, 20)
        time.sleep(0.5)  # let the server log a late error, if it were to
    log = server.log()
    assert "Traceback" not in log and "Exception in ASGI" not in log, log[-3000:]
