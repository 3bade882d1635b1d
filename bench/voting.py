"""Benchmark: a congress of 1,600 delegates casting a secret ballot at once over HTTP.

    .venv/bin/python bench/voting.py          (also run by `make bench`)

Creates its own PostgreSQL database (``bench_voting`` on ``BENCH_PG``, default postgres://postgres@127.0.0.1:5432,
dropped afterwards), migrates it, prepares the congress (delegates checked in, API tokens, an open secret vote),
starts uvicorn with several workers on a free loopback port, then (the client keeps at most
``BENCH_CONNECTIONS`` = 48 requests in flight, like a reverse proxy's upstream pool: Django under ASGI holds one
database connection per request in flight):

1. baseline: every delegate posts once to a bare endpoint (``CAPUY_BENCH=1`` only) that authenticates the same
   way and inserts one row: ``baseline_p99_ms``;
2. the vote: every delegate posts a ballot at the same moment, and one delegate in eight posts a second ballot
   at the same moment from a "second tab" (which must be refused);
3. closes the vote, then a majority of the counting board enters its teller codes (the ballots are encrypted;
   the totals are decrypted from their shares): ``result_ms`` is close → decrypted result, ``close_ms`` the close
   alone (summing the encrypted ballots);
4. checks in the database: ``recorded`` ballots, ``lost`` (acknowledged but not counted), ``duplicates``
   (a voter counted twice, or more ballots in the box than voters in the register).

Prints one JSON object on its last line. Targets: 0 lost, 0 duplicates, p99 ≤ 3 × baseline, close ≤ 200 ms
(``close_ms``; ``result_ms`` adds the tellers' requests, which people make by hand after the close).
"""

import asyncio
import json
import os
import random
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

VOTERS = int(os.environ.get("BENCH_VOTERS", "1600"))
WORKERS = int(os.environ.get("BENCH_WORKERS", "4"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "48"))
PG = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432").rstrip("/")
DB_NAME = os.environ.get("BENCH_DB", "bench_voting")  # a name of its own when several run at once


def admin(sql: str):
    import psycopg

    with psycopg.connect(f"{PG}/postgres", autocommit=True) as conn:
        conn.execute(sql)


def log(message: str):
    print(message, file=sys.stderr, flush=True)


def main() -> dict:
    url = f"{PG}/{DB_NAME}"
    env = {"DATABASE_URL": url, "CAPUY_BENCH": "1", "DJANGO_SETTINGS_MODULE": "capuy.settings"}
    admin(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")
    admin(f"CREATE DATABASE {DB_NAME}")
    server = None
    try:
        log("migrate…")
        subprocess.run([str(Path(sys.executable).parent / "capuy"), "migrate", "--noinput", "-v", "0"],
                       env={**os.environ, **env}, check=True, cwd=ROOT)
        os.environ.update(env)
        import django

        django.setup()
        from django.db import connections

        from capuy.voting import ballots
        from capuy.voting.loadtest import Server, fire, percentile, prepare_congress, request
        from capuy.voting.models import BenchRow, SealedBallot, Vote, VoterRegister

        log(f"prepare a congress of {VOTERS}…")
        data = prepare_congress(VOTERS)
        connections.close_all()
        vote_id, tokens = data["vote"], data["tokens"]

        server = Server(env, workers=WORKERS).start()
        port = server.port
        log(f"uvicorn on {port} with {WORKERS} workers")

        timings = {}

        async def run():
            # Warm-up: every worker opens its database connection.
            await fire(port, [("POST", "/api/voting/bench/baseline/", tokens[i], {}) for i in range(40)])
            start = time.perf_counter()
            baseline = await fire(port, [("POST", "/api/voting/bench/baseline/", t, {}) for t in tokens], CONNECTIONS)
            timings["baseline_total_ms"] = (time.perf_counter() - start) * 1000
            rng = random.Random(1)
            calls = [("POST", f"/api/voting/votes/{vote_id}/ballot/", t,
                      {"choice": rng.choices(["for", "against", "abstain"], [90, 6, 4])[0]}) for t in tokens]
            second_tab = [(i, c) for i, c in enumerate(calls) if i % 8 == 0]
            allcalls = calls + [c for _, c in second_tab]
            owners = list(range(len(calls))) + [i for i, _ in second_tab]
            order = list(range(len(allcalls)))
            rng.shuffle(order)
            start = time.perf_counter()
            results = await fire(port, [allcalls[i] for i in order], CONNECTIONS)
            timings["vote_total_ms"] = (time.perf_counter() - start) * 1000
            cast = [(owners[i], r) for i, r in zip(order, results, strict=True)]
            start = time.perf_counter()
            status, body, _ = await request(port, "POST", f"/api/voting/votes/{vote_id}/close/", data["staff_token"])
            timings["close_ms"] = (time.perf_counter() - start) * 1000
            for token, (_, code) in zip(data["teller_tokens"], data["teller_codes"], strict=True):
                if status != 200 or not body.get("awaiting_tellers"):
                    break
                status, body, _ = await request(port, "POST", f"/api/voting/votes/{vote_id}/key-share/", token,
                                                {"code": code})
            result_ms = (time.perf_counter() - start) * 1000
            return baseline, cast, (status, body, result_ms)

        baseline, cast, (close_status, close_body, result_ms) = asyncio.run(run())
        server.stop()
        server = None

        acked = {}
        refused_twice = 0
        errors = {}
        latencies = []
        for owner, (status, body, ms) in cast:
            latencies.append(ms)
            if status == 201:
                acked[owner] = acked.get(owner, 0) + 1
            elif status == 400 and "đã bỏ phiếu" in body.get("detail", ""):
                refused_twice += 1
            else:
                errors[status] = errors.get(status, 0) + 1
        vote = Vote.objects.get(pk=vote_id)
        registered = set(VoterRegister.objects.filter(vote=vote).values_list("person_id", flat=True))
        register_rows = VoterRegister.objects.filter(vote=vote).count()
        box = SealedBallot.objects.filter(vote=vote).count()
        people = data["people"]
        lost = sum(1 for owner in acked if people[owner] not in registered)
        duplicates = sum(n - 1 for n in acked.values() if n > 1) + max(0, register_rows - len(registered)) + abs(
            box - register_rows)
        baseline_ok = [ms for status, _, ms in baseline if status == 201]
        report = {
            "voters": VOTERS,
            "recorded": register_rows,
            "lost": lost,
            "duplicates": duplicates,
            "p50_ms": round(percentile(latencies, 50), 1),
            "p95_ms": round(percentile(latencies, 95), 1),
            "p99_ms": round(percentile(latencies, 99), 1),
            "result_ms": round(result_ms, 1),
            "close_ms": round(timings.get("close_ms", 0), 1),
            "baseline_p99_ms": round(percentile([ms for _, _, ms in baseline], 99), 1),
            "baseline_p50_ms": round(percentile([ms for _, _, ms in baseline], 50), 1),
            "baseline_ok": len(baseline_ok),
            "acknowledged": len(acked),
            "second_tab_refused": refused_twice,
            "errors": errors,
            "close_status": close_status,
            "result_ballots": close_body.get("result", {}).get("ballots"),
            "passed": close_body.get("result", {}).get("passed"),
            "workers": WORKERS,
            "connections": CONNECTIONS,
            "baseline_total_ms": round(timings.get("baseline_total_ms", 0)),
            "vote_total_ms": round(timings.get("vote_total_ms", 0)),
            "baseline_rows": BenchRow.objects.count(),
            "result_matches_box": close_body.get("result", {}).get("ballots") == box,
        }
        report["ratio_p99"] = round(report["p99_ms"] / report["baseline_p99_ms"], 2) if report["baseline_p99_ms"] else None
        assert ballots  # imported for its side effects on the app registry in this process
        connections.close_all()
        return report
    finally:
        if server is not None:
            server.kill()
        try:
            from django.db import connections

            connections.close_all()
        except Exception:  # noqa: BLE001 - best effort before dropping the database
            pass
        admin(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")


if __name__ == "__main__":
    print(json.dumps(main(), ensure_ascii=False))
