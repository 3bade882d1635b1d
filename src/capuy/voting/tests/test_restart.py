"""The server is killed in the middle of a vote and restarted: every acknowledged ballot is counted and nobody
votes twice. Runs the real ASGI server (uvicorn, two workers) as a subprocess against the test database: on
PostgreSQL the test database itself, on SQLite a file copy of it."""

import asyncio
import sqlite3

import pytest
from django.db import connection

from capuy.voting.loadtest import Server, prepare_congress, request, run

VOTERS = 40


def _server_database(tmp_path) -> str:
    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        path = tmp_path / "vote.sqlite3"
        target = sqlite3.connect(path)
        connection.connection.backup(target)
        target.close()
        return f"sqlite:///{path}"
    user = settings["USER"] or "postgres"
    password = f":{settings['PASSWORD']}" if settings.get("PASSWORD") else ""
    host = settings["HOST"] or "127.0.0.1"
    return f"postgres://{user}{password}@{host}:{settings['PORT'] or 5432}/{settings['NAME']}"


@pytest.mark.stack
@pytest.mark.django_db(transaction=True)
def test_killing_the_server_mid_vote_loses_no_acknowledged_ballot_and_allows_no_second_one(tmp_path):
    data = prepare_congress(VOTERS, prefix="crash")
    env = {"DATABASE_URL": _server_database(tmp_path), "DJANGO_SETTINGS_MODULE": "capuy.settings"}
    if connection.vendor == "postgresql":
        connection.close()  # the server processes use the same database
    server = Server(env, workers=2)
    vote = data["vote"]
    path = f"/api/voting/votes/{vote}/ballot/"
    acked: set[int] = set()

    async def first_wave():
        async def cast(i):
            status, body, _ = await request(server.port, "POST", path, data["tokens"][i], {"choice": "for"}, timeout=20)
            if status == 201:
                acked.add(i)
            return status

        async def killer():
            while len(acked) < VOTERS // 4:
                await asyncio.sleep(0.01)
            server.kill()  # SIGKILL to the whole process group: a crash, with ballots in flight

        # Every voter, and a second tab for one voter in four, at once.
        tasks = [cast(i) for i in range(VOTERS)] + [cast(i) for i in range(0, VOTERS, 4)]
        await asyncio.gather(killer(), *tasks)

    async def second_wave():
        return await asyncio.gather(*(request(server.port, "POST", path, data["tokens"][i], {"choice": "for"},
                                              timeout=20) for i in range(VOTERS)))

    try:
        server.start()
        run(asyncio.wait_for(first_wave(), 60))
        assert server.process.poll() is not None, "the server should have been killed mid-vote"
        assert VOTERS // 4 <= len(acked) < VOTERS + VOTERS // 4
        server.start()
        retries = run(second_wave())
        for i, (status, body, _) in enumerate(retries):
            if i in acked:
                # An acknowledged ballot survived the crash: the voter cannot vote again.
                assert status == 400 and "đã bỏ phiếu" in body["detail"], (i, status, body)
            else:
                # Not acknowledged: either it was never stored (accepted now) or stored just before the crash.
                assert status == 201 or (status == 400 and "đã bỏ phiếu" in body["detail"]), (i, status, body)
        status, progress, _ = run(request(server.port, "GET", f"/api/voting/votes/{vote}/progress/",
                                                  data["staff_token"]))
        assert status == 200 and progress["voted"] == VOTERS
        status, closed, _ = run(request(server.port, "POST", f"/api/voting/votes/{vote}/close/",
                                                data["staff_token"]))
        assert status == 200, closed
        assert closed["awaiting_tellers"]
        for token, (_, code) in zip(data["teller_tokens"], data["teller_codes"], strict=True):
            if closed["awaiting_tellers"]:  # a majority of the counting board enters its codes
                status, closed, _ = run(request(server.port, "POST", f"/api/voting/votes/{vote}/key-share/", token,
                                                {"code": code}))
                assert status == 200, closed
        # Every voter counted exactly once: the ballot box holds as many ballots as the register has voters.
        assert closed["result"]["ballots"] == VOTERS
        assert closed["result"]["for"] == VOTERS
    finally:
        server.stop()
