"""Faults during a vote, through the production stack (nginx, uvicorn workers, PostgreSQL, a private Redis):
a worker killed, Redis restarted, PostgreSQL refusing connections, nginx restarted. Every acknowledged ballot is
counted, nobody votes twice, live streams (held by nginx) outlive the workers and come back after nginx restarts
(the pages' EventSource reconnects), /healthz says what is wrong."""

import asyncio
import os
import signal
import threading
from pathlib import Path

import httpx
import psycopg
import pytest
from django.conf import settings
from django.db import connection

from capuy.accounts.models import User
from capuy.conferences.tests.streams import SSE_HEADERS, stream_ready
from capuy.core.servers import RedisServer, database_url, session_cookie, wait_for
from capuy.core.stack import NGINX, Stack
from capuy.voting.loadtest import prepare_congress, request, run
from capuy.voting.models import SealedBallot, VoterRegister

pytestmark = [
    pytest.mark.stack,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="the production stack runs on PostgreSQL"),
]

VOTERS = 30


@pytest.fixture(scope="module")
def running_stack(tmp_path_factory, django_db_setup, django_db_blocker):
    """One stack for the whole module (starting one costs seconds): every test leaves it healthy again."""
    if not os.path.exists(NGINX):
        pytest.fail("The fault tests need Debian's nginx (scripts/system-deps installs it).")
    with django_db_blocker.unblock(), RedisServer() as redis:
        # No task worker: these faults concern the web workers; test_stack runs the documented stack whole.
        stack = Stack(tmp_path_factory.mktemp("faults") / "stack", database_url(), redis.url, workers=2,
                      worker=False,
                      env={"SECRET_KEY": settings.SECRET_KEY, "CAPUY_DB_POOL": "4", "CAPUY_DB_POOL_TIMEOUT": "3"})
        stack.prepare(migrate=False)
        connection.close()
        with stack:
            yield stack, redis


@pytest.fixture
def congress(running_stack):
    stack, redis = running_stack
    data = prepare_congress(VOTERS, prefix="su-co")
    data["cookie"] = session_cookie(User.objects.get(username="su-co0000"))
    data["db"] = connection.settings_dict["NAME"]
    data["stack"], data["redis"] = stack, redis
    connection.close()
    yield data
    # The next test starts from a healthy stack (a fault test that failed half-way may have left it broken).
    if not redis.ping():
        redis.start()
    wait_until_healthy(stack)


def wait_until_healthy(stack, seconds: float = 60):
    """Until /healthz answers 200; a worker's connection pool waits longer between attempts the longer the database
    refused it (psycopg_pool: 1, 2, 4 … s), so its recovery may come tens of seconds after the database's. On a
    timeout the message names what the last answer said was failing."""
    last = []

    def healthy():
        last[:] = [health(stack)]
        return last[0][0] == 200

    try:
        wait_for(healthy, seconds, 0.5)
    except TimeoutError as exc:
        raise AssertionError(f"/healthz still answers {last}") from exc


def cast(data, voters, retries=0):
    """Each voter posts a ballot through nginx; returns {voter: status} (0: no answer)."""
    path = f"/api/voting/votes/{data['vote']}/ballot/"

    async def all_():
        return await asyncio.gather(*(request(data["stack"].port, "POST", path, data["tokens"][i], {"choice": "for"},
                                              timeout=30) for i in voters))
    return {i: status for i, (status, _, _) in zip(voters, run(all_()), strict=True)}


def cast_until_answered(data, voters, attempts=10):
    """What a phone does on "503, try again" or no answer: try again a little later (bounded)."""
    import time

    statuses = cast(data, voters)
    for _ in range(attempts):
        pending = [i for i, s in statuses.items() if s not in (201, 400)]
        if not pending:
            break
        time.sleep(1)
        statuses.update(cast(data, pending))
    return statuses


def health(stack):
    """(status, body) of /healthz; (0, the error) when no answer came: workers still starting after a kill."""
    try:
        response = httpx.get(f"{stack.base_url}/healthz", timeout=15)
    except httpx.HTTPError as exc:
        return 0, {"error": repr(exc)}
    return response.status_code, response.json()


def follow(data, seen: list, ready: threading.Event):
    """A phone's live stream through nginx; ``seen`` gets each line, "END" when the stream ends."""
    def go():
        try:
            with httpx.Client(base_url=data["stack"].base_url, cookies={"sessionid": data["cookie"]}, timeout=60) as c, \
                    c.stream("GET", f"/hoi-nghi/{data['conference']}/su-kien/", headers=SSE_HEADERS) as r:
                for line in r.iter_lines():
                    seen.append(line)
                    if stream_ready(line):
                        ready.set()
        except httpx.HTTPError as exc:
            seen.append(f"error {exc}")
        seen.append("END")
    thread = threading.Thread(target=go, daemon=True)
    thread.start()
    return thread


def web_workers(stack) -> list[int]:
    """The uvicorn worker processes (the supervisor's children but its multiprocessing helper)."""
    pid = stack.processes["web"].pid
    children = [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    return [c for c in children if "resource_tracker" not in Path(f"/proc/{c}/cmdline").read_text()]


def assert_counted_once(data, acked: set[int]):
    """Every acknowledged ballot is in the register, nobody twice, one sealed ballot in the box for each."""
    people = data["people"]
    registered = list(VoterRegister.objects.filter(vote_id=data["vote"]).values_list("person_id", flat=True))
    assert len(registered) == len(set(registered))
    assert {people[i] for i in acked} <= set(registered)
    box = SealedBallot.objects.filter(vote_id=data["vote"]).count()
    assert box == len(registered)
    return len(registered)


def test_killing_a_worker_mid_vote_loses_no_ballot_and_streams_come_back(congress):
    data, stack = congress, congress["stack"]
    seen, ready = [], threading.Event()
    follow(data, seen, ready)
    assert ready.wait(20)
    first = cast(data, range(0, VOTERS // 2))
    os.kill(web_workers(stack)[0], signal.SIGKILL)  # one worker dies, and its requests in flight with it
    second = cast(data, range(VOTERS // 2, VOTERS))
    # uvicorn replaces the dead worker; nginx sends to the living one meanwhile. The open stream is nginx's: it
    # never ended.
    wait_until_healthy(stack)
    assert "END" not in seen
    again, ready_again = [], threading.Event()
    follow(data, again, ready_again)
    assert ready_again.wait(20), again
    retry = cast_until_answered(data, range(VOTERS))  # everyone tries again: those already counted are refused
    acked = {i for i, s in {**first, **second}.items() if s == 201}
    assert all(retry[i] == 400 for i in acked), (retry, acked)
    assert_counted_once(data, acked | {i for i, s in retry.items() if s == 201})
    assert VoterRegister.objects.filter(vote_id=data["vote"]).count() == VOTERS


@pytest.mark.browser
def test_a_follow_page_outlives_the_workers_and_reconnects_by_itself_after_nginx_restarts(congress, page):
    """The phone's page, not a test client: its stream is nginx's, so killing every worker leaves it open and the
    next ballot's count arrives from the new workers; when nginx itself restarts, the stream dies, the page
    comes back alone, fetches what it missed, and shows the next ballot's count from the event."""
    data, stack = congress, congress["stack"]
    page.context.add_cookies([{"name": "sessionid", "value": data["cookie"], "url": stack.base_url}])
    page.goto(f"{stack.base_url}/hoi-nghi/{data['conference']}/theo-doi/")
    page.wait_for_selector('#truc-tiep[data-live="open"]')
    assert page.evaluate("() => document.getElementById('truc-tiep').dataset.updated") is None
    for worker in web_workers(stack):
        os.kill(worker, signal.SIGKILL)
    wait_until_healthy(stack, 120)  # new workers import Django first: slow on a loaded machine
    assert cast(data, [1]) == {1: 201}
    voted = f"() => document.querySelector('[data-vote-progress=\"{data['vote']}\"] [data-voted]').textContent"
    page.wait_for_function(f"{voted} === '1'", timeout=20_000)
    assert page.evaluate("() => document.getElementById('truc-tiep').dataset.live") == "open"
    stack.restart("nginx")
    page.wait_for_selector('#truc-tiep[data-live="reconnecting"]', state="attached")
    page.wait_for_selector('#truc-tiep[data-live="open"]', state="attached", timeout=60_000)
    # Back: the page fetched the panel again (what it missed while away) ...
    page.wait_for_function("() => document.getElementById('truc-tiep').dataset.updated !== undefined")
    assert cast(data, [2]) == {2: 201}
    # ... and the next ballot's count arrives with the event.
    page.wait_for_function(f"{voted} === '2'", timeout=20_000)


def test_restarting_redis_mid_vote_loses_no_ballot_and_healthz_names_it(congress):
    data, stack, redis = congress, congress["stack"], congress["redis"]
    seen, ready = [], threading.Event()
    follow(data, seen, ready)
    assert ready.wait(20)
    first = cast(data, range(0, VOTERS // 2))
    redis.stop()
    status, body = health(stack)
    assert status == 503 and {"cache", "live"} <= set(body["failing"]), body
    during = cast(data, range(VOTERS // 2, VOTERS))  # ballots still count
    assert all(s == 201 for s in during.values()), during
    # Events go from the workers to nginx's channels without Redis: the open stream sees the last count.
    wait_for(lambda: any(f'"voted": {VOTERS},' in line for line in seen), 20, 0.2)
    redis.start()
    wait_until_healthy(stack)
    acked = {i for i, s in {**first, **during}.items() if s == 201}
    assert len(acked) == VOTERS
    assert assert_counted_once(data, acked) == VOTERS
    assert all(s == 400 for s in cast(data, range(VOTERS)).values())


def test_postgresql_refusing_connections_mid_vote_answers_503_and_loses_nothing(congress):
    data, stack = congress, congress["stack"]
    log = stack.root / "logs" / "web.log"
    logged_before = log.stat().st_size  # the stack is the module's: earlier tests' faults are logged too
    admin = psycopg.connect(database_url().rsplit("/", 1)[0] + "/postgres", autocommit=True)
    try:
        first = cast(data, range(0, VOTERS // 3))
        admin.execute(f'ALTER DATABASE "{data["db"]}" ALLOW_CONNECTIONS false')
        admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s", [data["db"]])
        status, body = health(stack)
        assert status == 503 and "database" in body["failing"], body
        during = cast(data, range(VOTERS // 3, 2 * VOTERS // 3))
        assert set(during.values()) <= {201, 503}, during  # refused clearly (503, nothing written), never a 500
        with httpx.Client(base_url=stack.base_url, timeout=30) as c:
            refused = c.post(f"/api/voting/votes/{data['vote']}/ballot/", json={"choice": "for"},
                             headers={"Authorization": f"Bearer {data['tokens'][-1]}"})
        assert refused.status_code == 503 and "thử lại" in refused.json()["detail"]
    finally:
        admin.execute(f'ALTER DATABASE "{data["db"]}" ALLOW_CONNECTIONS true')
        admin.close()
        connection.close()  # this process's own connections were terminated too: start a fresh pool
        if getattr(connection, "pool", None) is not None:
            connection.close_pool()
    wait_until_healthy(stack)
    retry = cast_until_answered(data, range(VOTERS))
    acked = {i for i, s in {**first, **during}.items() if s == 201}
    assert all(retry[i] == 400 for i in acked), (retry, acked)
    assert all(retry[i] in (201, 400) for i in range(VOTERS))
    assert assert_counted_once(data, acked | {i for i, s in retry.items() if s == 201}) == VOTERS
    with log.open("rb") as f:
        f.seek(logged_before)
        assert b"Traceback" not in f.read()
