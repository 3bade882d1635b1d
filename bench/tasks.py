"""Bench: task lists of a province over 60,000 tasks, on PostgreSQL.

Creates its own database (``bench_tasks`` on ``BENCH_PG``, default postgres://postgres@127.0.0.1:5432),
migrates it, generates a province with 30 districts and 600 wards, 100 tasks set by each district and each
ward (a quarter of them with sub-tasks led by a ward), a third closed; then times, as full HTTP requests
through Django's test client (templates included), for the province's office user:

- ``overdue_p50_ms`` / ``overdue_p95_ms``: overdue tasks across the province's subtree (the standing
  committee's page; capped at 2,000 rows);
- ``district_p50_ms`` / ``district_p95_ms``: one district's tasks by unit and status, with its subordinates;
- ``export_ms``: the Excel export of that district list;
- ``remind_s``: one dry run of the reminder job over all tasks (``reminders``: notices it would create for
  the districts' office staff).

Drops the database at the end and prints a JSON object on its last line.

    .venv/bin/python bench/tasks.py [--runs 10]
"""

import argparse
import datetime
import json
import os
import random
import statistics
import sys
import time
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
SERVER = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
DB_NAME = "bench_tasks"
DISTRICTS, WARDS_PER_DISTRICT, TASKS_PER_ORG = 30, 20, 100
TODAY = datetime.date(2024, 6, 1)


def admin_sql(sql):
    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as conn:
        conn.execute(sql)


def generate():
    from capuy.accounts.models import Role, RoleGrant, User
    from capuy.organizations.models import Organization
    from capuy.tasks.models import Task, TaskStatus
    from capuy.tasks.statuses import ensure_default_statuses

    ensure_default_statuses()
    statuses = {s.code: s for s in TaskStatus.objects.all()}
    rng = random.Random(7)
    K = Organization.Kind
    province = Organization.objects.create(kind=K.PROVINCE, name="Đảng bộ tỉnh Thử Nghiệm")
    districts, wards = [], []
    for d in range(DISTRICTS):
        district = Organization.objects.create(parent=province, kind=K.DISTRICT, name=f"Đảng bộ huyện {d + 1}")
        districts.append(district)
        for w in range(WARDS_PER_DISTRICT):
            wards.append(Organization.objects.create(parent=district, kind=K.GRASSROOTS,
                                                     name=f"Đảng bộ xã {d + 1}.{w + 1}"))
    user = User.objects.create_user("bench.office", password="x")
    RoleGrant.objects.create(user=user, organization=province, role=Role.OFFICE)
    for district in districts:  # each district's office hears about the tasks it set or leads
        clerk = User.objects.create_user(f"bench.office.{district.pk}", password="x", email="vp@capuy.invalid")
        RoleGrant.objects.create(user=clerk, organization=district, role=Role.OFFICE)
    units = ["UBND", "Ban Tổ chức", "Ban Tuyên giáo", "Công an", "Ban Chỉ huy Quân sự", "Phòng Tài chính"]
    rows = []
    children = {d.pk: [w for w in wards if w.parent_id == d.pk] for d in districts}
    for org in districts + wards:
        for i in range(TASKS_PER_ORG):
            start = datetime.date(2023, 1, 1) + datetime.timedelta(days=rng.randint(0, 400))
            deadline = start + datetime.timedelta(days=rng.randint(20, 300))
            lead = rng.choice(children[org.pk]) if org.pk in children and i % 4 == 0 else org
            state = rng.random()
            status, closed, completed, percent = None, False, None, 0
            if state < 0.33:
                status, closed, percent = statuses["hoan-thanh"], True, 100
                completed = deadline + datetime.timedelta(days=rng.randint(-30, 15))
            elif state < 0.8:
                status, percent = statuses["dang-thuc-hien"], rng.randint(10, 90)
            rows.append(Task(organization=org, lead_organization=lead, lead_unit=rng.choice(units),
                             title=f"Nhiệm vụ số {i + 1} của {org.name}", start_date=start, deadline=deadline,
                             reported_status=status, closed=closed, completed_on=completed, percent=percent))
    Task.objects.bulk_create(rows, batch_size=5000)
    from django.db import connection

    with connection.cursor() as cursor:  # as autovacuum would after a bulk load
        cursor.execute("ANALYZE")
    return province, districts, user


def timed(fn, runs):
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return round(statistics.median(times), 1), round(times[min(len(times) - 1, round(0.95 * (len(times) - 1)))], 1)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    admin_sql(f"DROP DATABASE IF EXISTS {DB_NAME}")
    admin_sql(f"CREATE DATABASE {DB_NAME}")
    os.environ["DATABASE_URL"] = f"{SERVER}/{DB_NAME}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "capuy.settings")
    try:
        import django

        django.setup()
        from unittest import mock

        from django.core.management import call_command
        from django.db import connections
        from django.test import Client

        from capuy.tasks.models import Task
        from capuy.tasks.reminders import send_reminders

        call_command("migrate", verbosity=0)
        started = time.perf_counter()
        province, districts, user = generate()
        generate_s = round(time.perf_counter() - started, 1)
        print(f"generated in {generate_s} s", file=sys.stderr)
        client = Client(HTTP_HOST="localhost")
        client.force_login(user)
        district = districts[len(districts) // 2]

        def get(url):
            response = client.get(url)
            assert response.status_code == 200, response.status_code

        with mock.patch("django.utils.timezone.localdate", return_value=TODAY):
            overdue = timed(lambda: get(f"/nhiem-vu/to-chuc/{province.pk}/qua-han/"), args.runs)
            print(f"overdue {overdue}", file=sys.stderr)
            listing = timed(lambda: get(f"/nhiem-vu/to-chuc/{district.pk}/?cap-duoi=1"), args.runs)
            export = timed(lambda: get(f"/nhiem-vu/to-chuc/{district.pk}/xuat-excel/?cap-duoi=1"), 3)
        started = time.perf_counter()
        reminders = send_reminders(TODAY, dry_run=True).notifications
        remind_s = round(time.perf_counter() - started, 1)
        figures = {
            "tasks": Task.objects.count(), "overdue": Task.objects.overdue(TODAY).count(), "generate_s": generate_s,
            "overdue_p50_ms": overdue[0], "overdue_p95_ms": overdue[1],
            "district_p50_ms": listing[0], "district_p95_ms": listing[1], "export_ms": export[0],
            "remind_s": remind_s, "reminders": reminders,
        }
        connections.close_all()
    finally:
        admin_sql(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
