"""Benchmark of the conferences app at the scale of a national congress (1,587 delegates).

    .venv/bin/python bench/conferences.py [--members 1587] [--subscribers 2000] [--runs 50]

Uses a fresh embedded SQLite database in a temporary folder (or ``BENCH_DATABASE_URL`` if set, which must
point to a database the bench may migrate and fill), so it never touches the working database.

- ``quorum_ms``: median time of ``quorum(conference)`` for a body of ``--members`` with all but 80 present;
- ``check_in_ms``: median time of one ``Conference.check_in`` (validation, the attendance row, the quorum sent
  with the live event);
- ``fanout_ms``: time for one published event to reach ``--subscribers`` live followers in this process
  (the in-process hub feeding asyncio queues, as the SSE streams of the presiding screen and phones do).

Prints on its last line a JSON object with these keys.
"""

import argparse
import asyncio
import datetime
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def setup(members: int):
    from capuy.conferences.models import Conference
    from capuy.organizations.models import Body, BodyMembership, Organization, Person, Term

    org = Organization.objects.create(kind=Organization.Kind.CENTRAL, name="Đảng Cộng sản Việt Nam (bench)")
    term = Term.objects.create(organization=org, congress_number=13, start_year=2021, end_year=2026,
                               start_date=datetime.date(2021, 2, 1))
    body = Body.objects.create(organization=org, term=term, kind=Body.Kind.EXECUTIVE)
    people = Person.objects.bulk_create(Person(full_name=f"Đại biểu {i:04d}", sort_key=f"{i:06d}", organization=org)
                                        for i in range(members))
    BodyMembership.objects.bulk_create(BodyMembership(body=body, person=p, start_date=term.start_date) for p in people)
    conference = Conference.objects.create(body=body, date=datetime.date(2023, 10, 5))
    conference.invite_body_members()
    conference.status = Conference.Status.INVITED
    conference.save(update_fields=["status"])
    return conference, people


def fanout(subscribers: int) -> float:
    from capuy.conferences import live

    async def scenario():
        streams = [live.subscribe(1, first={"event": "hello", "data": {}}) for _ in range(subscribers)]
        for s in streams:
            await anext(s)
        start = time.perf_counter()
        live._send(1, {"event": "agenda", "data": {"item": 2}})
        await asyncio.gather(*(anext(s) for s in streams))
        elapsed = time.perf_counter() - start
        for s in streams:
            await s.aclose()
        return elapsed

    return asyncio.run(scenario()) * 1000


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--members", type=int, default=1587)
    parser.add_argument("--subscribers", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=50)
    args = parser.parse_args()

    tmp = tempfile.TemporaryDirectory(prefix="bench_conferences_")
    os.environ["CAPUY_VAR_DIR"] = tmp.name
    if os.environ.get("BENCH_DATABASE_URL"):
        os.environ["DATABASE_URL"] = os.environ["BENCH_DATABASE_URL"]
    else:
        os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "capuy.settings")
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.CAPUY_LIVE_BACKEND = "local"
    call_command("migrate", verbosity=0)
    from capuy.conferences.models import Attendance
    from capuy.conferences.roll import quorum

    conference, people = setup(args.members)
    present = people[: args.members - 80]
    invitations = dict(conference.invitations.values_list("person_id", "pk"))
    # Most arrive first (bulk), then the last arrivals are timed one by one.
    Attendance.objects.bulk_create(Attendance(conference=conference, invitation_id=invitations[p.pk],
                                              arrived_at=conference.created_at) for p in present[: -args.runs])
    check_ins = []
    for person in present[-args.runs:]:
        t = time.perf_counter()
        conference.check_in(person)
        check_ins.append(time.perf_counter() - t)
    timings = []
    for _ in range(args.runs):
        t = time.perf_counter()
        q = quorum(conference)
        timings.append(time.perf_counter() - t)
    assert q.present == len(present) and q.reached
    result = {
        "members": args.members,
        "quorum_ms": round(statistics.median(timings) * 1000, 2),
        "check_in_ms": round(statistics.median(check_ins) * 1000, 2),
        "subscribers": args.subscribers,
        "fanout_ms": round(fanout(args.subscribers), 2),
        "database": settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1],
    }
    tmp.cleanup()
    print(json.dumps(result))


if __name__ == "__main__":
    main()
