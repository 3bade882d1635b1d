"""Tools for load and crash tests of voting (used by ``bench/voting.py`` and the restart test).

- ``prepare_congress(n)``: a representative congress in progress with ``n`` delegates present, each with an
  API token, and an open secret vote; returns the ids and tokens.
- ``Server``: starts the real ASGI server (uvicorn, several workers) on a free loopback port, and stops it.
- ``request`` / ``fire``: a minimal asyncio HTTP/1.1 client (one connection per request) measuring latency.
"""

import asyncio
import datetime
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request

D = datetime.date


def prepare_congress(n: int, method: str = "secret", prefix: str = "bench", tellers: int = 3,
                     open_vote: bool = True) -> dict:
    """Create a congress of ``n`` delegates, all checked in, and open a vote on it (bulk inserts).

    The first ``tellers`` delegates form the counting board, each with a teller code (returned in
    ``teller_codes``, a list of [person id, code], as each teller would have written it down)."""
    from django.db import transaction

    from capuy.accounts.models import ApiToken, Role, RoleGrant, User
    from capuy.accounts.models import _digest as digest
    from capuy.conferences.models import AgendaItem, Attendance, Conference, Invitation
    from capuy.core import vietnamese
    from capuy.organizations.models import Body, Organization, Person, Term
    from capuy.voting import ballots
    from capuy.voting.rules import BaseKind

    with transaction.atomic():
        org = Organization.objects.create(kind=Organization.Kind.PROVINCE, name=f"Đảng bộ thử tải {prefix}")
        term = Term.objects.create(organization=org, congress_number=14, start_year=2026, end_year=2031,
                                   start_date=D(2026, 1, 1))
        body = Body.objects.create(organization=org, term=term, kind=Body.Kind.EXECUTIVE)
        conference = Conference.objects.create(body=body, date=D(2026, 1, 20), subject="Đại hội đại biểu")
        item = AgendaItem.objects.create(conference=conference, order=1, kind=AgendaItem.Kind.VOTE,
                                         title="Biểu quyết thông qua Nghị quyết Đại hội")
        names = [f"Đại biểu {prefix} số {i:04d}" for i in range(n)]
        people = Person.objects.bulk_create([
            Person(full_name=name, organization=org, sort_key=vietnamese.name_sort_key(name),
                   search_text=vietnamese.search_key(name)) for name in names])
        users = User.objects.bulk_create([User(username=f"{prefix}{i:04d}", person=p, password="!")
                                          for i, p in enumerate(people)])
        keys = [f"{prefix}-{i:04d}-{os.urandom(12).hex()}" for i in range(n)]
        ApiToken.objects.bulk_create([ApiToken(user=u, name="bench", digest=digest(k)) for u, k in zip(users, keys, strict=True)])
        invitations = Invitation.objects.bulk_create([
            Invitation(conference=conference, person=p, role=Invitation.Role.MEMBER, order=i)
            for i, p in enumerate(people)])
        Attendance.objects.bulk_create([Attendance(invitation=inv, conference=conference,
                                                   status=Attendance.Status.PRESENT) for inv in invitations])
        staff = User.objects.create(username=f"{prefix}-office", password="!")
        RoleGrant.objects.create(user=staff, organization=org, role=Role.OFFICE)
        staff_key = f"{prefix}-office-{os.urandom(12).hex()}"
        ApiToken.objects.create(user=staff, name="bench", digest=digest(staff_key))
        Conference.objects.filter(pk=conference.pk).update(status=Conference.Status.IN_PROGRESS)
        conference.refresh_from_db()
        teller_codes = []
        for person in people[:tellers]:
            ballots.appoint_teller(conference, person)
            teller_codes.append([person.pk, ballots.create_teller_code(conference, person.pk)])
        vote = ballots.create_vote(item, "Thông qua Nghị quyết Đại hội", method, base_kind=BaseKind.CONGRESS)
        if open_vote:
            vote = ballots.open_vote(vote)
    return {"conference": conference.pk, "vote": vote.pk, "tokens": keys, "staff_token": staff_key,
            "people": [p.pk for p in people], "base": vote.base, "teller_codes": teller_codes,
            "teller_tokens": keys[:tellers]}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """uvicorn serving capuy on a free loopback port, in its own process group (so it can be killed whole)."""

    def __init__(self, env: dict, workers: int = 2, port: int | None = None):
        self.port = port or free_port()
        from capuy.core.servers import SRC  # the capuy under test, not another installed copy

        self.env = {**os.environ, **env, "PYTHONPATH": os.pathsep.join(filter(None, [SRC, os.environ.get("PYTHONPATH")]))}
        self.workers = workers
        self.process: subprocess.Popen | None = None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 60.0):
        uvicorn = os.path.join(os.path.dirname(sys.executable), "uvicorn")
        self.process = subprocess.Popen(
            [uvicorn, "capuy.asgi:application", "--host", "127.0.0.1", "--port", str(self.port), "--workers",
             str(self.workers), "--log-level", "warning", "--no-access-log", "--backlog", "4096"],
            env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
        deadline = time.monotonic() + timeout
        ready = 0
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"uvicorn stopped: {self.process.stderr.read().decode()[-2000:]}")
            try:
                # Each worker must answer: ask several times in a row.
                with urllib.request.urlopen(f"{self.base_url}/api/openapi.json", timeout=5) as r:
                    ready = ready + 1 if r.status == 200 else 0
                if ready >= self.workers * 2:
                    return self
            except OSError:
                ready = 0
            time.sleep(0.1)
        self.kill()
        raise RuntimeError("uvicorn did not start in time")

    def kill(self):
        """SIGKILL the server and its workers (a crash, not a shutdown)."""
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(10)

    def stop(self):
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.kill()
        if self.process and self.process.stderr:
            self.process.stderr.close()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()


BENCH_HEADERS = {b"x-capuy-queries": "_queries", b"x-capuy-wait-ms": "_wait_ms", b"x-capuy-app-ms": "_app_ms"}


async def request(port: int, method: str, path: str, token: str, body: dict | None = None,
                  timeout: float = 120.0) -> tuple[int, dict, float]:
    """One HTTP/1.1 request on a fresh connection: (status, JSON body, milliseconds). Status 0 on a
    connection error (no acknowledgment). With CAPUY_BENCH=1 the server counts the request's SQL queries in
    ``X-Capuy-Queries`` and its time in ``X-Capuy-Wait-Ms``/``X-Capuy-App-Ms``; the body then carries them as
    ``"_queries"``, ``"_wait_ms"``, ``"_app_ms"``."""
    payload = json.dumps(body).encode() if body is not None else b""
    head = (f"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nAuthorization: Bearer {token}\r\n"
            f"Content-Type: application/json\r\nContent-Length: {len(payload)}\r\nConnection: close\r\n\r\n")
    start = time.perf_counter()
    writer = None
    try:
        reader, writer = await asyncio.wait_for(asyncio.open_connection("127.0.0.1", port), timeout)
        writer.write(head.encode() + payload)
        await writer.drain()
        raw = await asyncio.wait_for(reader.read(), timeout)
    except (TimeoutError, OSError, asyncio.IncompleteReadError):
        return 0, {}, (time.perf_counter() - start) * 1000
    finally:
        if writer is not None:
            writer.close()
    elapsed = (time.perf_counter() - start) * 1000
    header, _, content = raw.partition(b"\r\n\r\n")
    try:
        status = int(header.split(b" ", 2)[1])
    except (IndexError, ValueError):
        return 0, {}, elapsed
    if b"transfer-encoding: chunked" in header.lower():
        content = _dechunk(content)
    try:
        data = json.loads(content or b"{}")
    except ValueError:
        data = {}
    if not isinstance(data, dict):
        data = {"_body": data}
    for line in header.split(b"\r\n"):
        name, _, value = line.partition(b":")
        if name.lower() in BENCH_HEADERS:
            data[BENCH_HEADERS[name.lower()]] = float(value)
    return status, data, elapsed


def _dechunk(data: bytes) -> bytes:
    out = b""
    while data:
        size_line, _, rest = data.partition(b"\r\n")
        size = int(size_line.split(b";")[0] or b"0", 16)
        if size == 0:
            break
        out += rest[:size]
        data = rest[size + 2:]
    return out


async def fire(port: int, calls: list[tuple[str, str, str, dict | None]], connections: int = 48,
               timeout: float = 120.0) -> list[tuple[int, dict, float]]:
    """Send all ``calls`` (method, path, token, body) at once through at most ``connections`` open
    connections, as a reverse proxy's upstream pool would (Django under ASGI holds one database connection per
    request in flight, so unbounded concurrency would exhaust PostgreSQL's ``max_connections``). Latency is
    measured per request, from sending it to its answer."""
    gate = asyncio.Semaphore(connections)

    async def one(m, p, t, b):
        async with gate:
            return await request(port, m, p, t, b, timeout)

    return await asyncio.gather(*(one(m, p, t, b) for m, p, t, b in calls))


def run(coroutine):
    """``asyncio.run`` in a thread of its own: works even when the caller's thread already runs an event loop
    (pytest with Playwright's sync API does)."""
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def percentile(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q / 100 * len(ordered) + 0.5) - 1))
    return ordered[index]
