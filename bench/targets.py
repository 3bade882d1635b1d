"""Bench: dashboards of a province and of a ward over five years of quarterly results, on PostgreSQL.

Creates its own database (``bench_targets`` on ``BENCH_PG``, default postgres://postgres@127.0.0.1:5432),
migrates it, generates a province with 30 districts and 600 wards, 100 indicators reported by every
ward, and 20 quarters (2020–2024) of results (1.2 million rows, loaded with COPY), then times
``capuy.targets.dashboard.build`` for the province (roll-up over the whole subtree) and for a ward
(with its rank among the 20 wards of its district), counts their queries, drops the database and prints
a JSON object on its last line.

    .venv/bin/python bench/targets.py [--runs 15]
"""

import argparse
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
DB_NAME = "bench_targets"
EXPLAIN = False
DISTRICTS, WARDS_PER_DISTRICT, INDICATORS = 30, 20, 100
YEARS = range(2020, 2025)


def admin_sql(sql):
    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as conn:
        conn.execute(sql)


def generate():
    from django.db import connection

    from capuy.organizations.models import PATH_STEP, Organization, Term
    from capuy.targets.models import Indicator, Target

    K = Organization.Kind
    rng = random.Random(2024)
    orgs, next_id = [], 1

    def make(parent, kind, name):
        nonlocal next_id
        pk, next_id = next_id, next_id + 1
        path = (parent.path if parent else "") + f"{pk:0{PATH_STEP}d}/"
        org = Organization(pk=pk, parent=parent, kind=kind, name=name, path=path, depth=path.count("/") - 1,
                           search_text=name.lower())
        orgs.append(org)
        return org

    province = make(None, K.PROVINCE, "Đảng bộ tỉnh Thử Nghiệm")
    wards = []
    for d in range(DISTRICTS):
        district = make(province, K.DISTRICT, f"Đảng bộ huyện {d + 1}")
        wards += [make(district, K.GRASSROOTS, f"Đảng bộ xã {d + 1}.{w + 1}") for w in range(WARDS_PER_DISTRICT)]
    Organization.objects.bulk_create(orgs, batch_size=1000)
    with connection.cursor() as cursor:
        cursor.execute("SELECT setval(pg_get_serial_sequence('organizations_organization', 'id'), %s)", [next_id])
    term = Term.objects.create(organization=province, congress_number=1, start_year=2020, end_year=2025,
                               start_date="2020-10-01", end_date="2025-09-30")

    R = Indicator.Rollup
    plan = [R.SUM] * 50 + [R.AVERAGE] * 25 + [R.WEIGHTED] * 10 + [R.SHARE] * 10 + [R.NONE] * 5
    members = Indicator.objects.create(code="I000", name="Số đảng viên", unit="người",
                                       value_type=Indicator.ValueType.INTEGER, group=Indicator.Group.PARTY)
    indicators = [members]
    for i, method in enumerate(plan[1:], 1):
        kwargs = {"code": f"I{i:03d}", "name": f"Chỉ tiêu thử nghiệm số {i}", "rollup": method, "order": i,
                  "group": Indicator.Group.values[i % 4]}
        if method == R.SUM:
            kwargs.update(unit="tỷ đồng", cumulative=True)
        elif method in (R.AVERAGE, R.WEIGHTED):
            kwargs.update(unit="%", value_type=Indicator.ValueType.PERCENT, weight=members if method == R.WEIGHTED else None)
        elif method == R.SHARE:
            kwargs.update(unit="có/không", value_type=Indicator.ValueType.YES_NO)
        else:
            kwargs.update(unit="điểm")
        indicators.append(Indicator(**kwargs))
    indicators = [members] + Indicator.objects.bulk_create(indicators[1:])
    Through = Indicator.reporters.through
    Through.objects.bulk_create([Through(indicator_id=i.pk, organization_id=w.pk) for i in indicators for w in wards],
                                batch_size=5000)
    Target.objects.bulk_create([Target(organization=province, indicator=i, term=term, year=year,
                                       value=1000 if i.unit != "%" else 90) for i in indicators for year in YEARS])

    started = time.perf_counter()
    raw = psycopg.connect(f"{SERVER}/{DB_NAME}")
    # Generated rows are consistent by construction: skip the per-row foreign-key triggers while loading.
    raw.execute("ALTER TABLE targets_result DISABLE TRIGGER ALL")
    with raw.cursor() as cursor, cursor.copy(
            "COPY targets_result (organization_id, indicator_id, period_kind, year, period_number, value, note, "
            "status, published, entered_at) FROM STDIN") as copy:
        for ward in wards:
            for indicator in indicators:
                base = rng.uniform(50, 500)
                for year in YEARS:
                    for quarter in range(1, 5):
                        if indicator.unit == "%":
                            value = round(rng.uniform(60, 100), 2)
                        elif indicator.unit == "có/không":
                            value = 1 if rng.random() < 0.8 else 0
                        elif indicator.unit == "người":
                            value = rng.randint(100, 3000)
                        else:
                            value = round(base * (1 + 0.02 * (year - 2020)) * rng.uniform(0.9, 1.1), 2)
                        copy.write_row((ward.pk, indicator.pk, "quarter", year, quarter, value, "", "approved", False,
                                        "2025-01-01T00:00:00Z"))
    raw.execute("ALTER TABLE targets_result ENABLE TRIGGER ALL")
    raw.commit()
    with raw.cursor() as cursor:
        cursor.execute("ANALYZE")
    raw.commit()
    raw.close()
    return province, wards, len(orgs), time.perf_counter() - started


def measure(organization, period, runs):
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    from capuy.targets import dashboard

    dashboard.build(organization, period)  # warm up
    times = []
    for _ in range(runs):
        reset_queries()
        started = time.perf_counter()
        with CaptureQueriesContext(connection) as ctx:
            dashboard.build(organization, period)
        times.append((time.perf_counter() - started) * 1000)
        queries = len(ctx.captured_queries)
    if EXPLAIN:
        for q in ctx.captured_queries:
            print(q["time"], q["sql"][:3000], file=sys.stderr)
    times.sort()
    p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
    return round(statistics.median(times), 1), round(p95, 1), queries


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--keep", action="store_true", help="keep the database (reuse it on the next run)")
    parser.add_argument("--explain", action="store_true", help="print each query's time to stderr")
    args = parser.parse_args()

    global EXPLAIN
    EXPLAIN = args.explain
    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DB_NAME]).fetchone()
    reuse = args.keep and exists
    if not reuse:
        admin_sql(f"DROP DATABASE IF EXISTS {DB_NAME}")
        admin_sql(f"CREATE DATABASE {DB_NAME}")
    os.environ["DATABASE_URL"] = f"{SERVER}/{DB_NAME}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "capuy.settings")
    try:
        import django
        from django.core.management import call_command

        django.setup()
        from django.db import connections

        from capuy.targets.models import Result
        from capuy.targets.periods import Period, PeriodKind

        started = time.perf_counter()
        call_command("migrate", "targets", verbosity=0)
        if reuse:
            from capuy.organizations.models import Organization

            province = Organization.objects.get(depth=0)
            wards = list(Organization.objects.filter(depth=2).order_by("path"))
            units, copy_s = Organization.objects.count(), 0
        else:
            province, wards, units, copy_s = generate()
        generate_s = time.perf_counter() - started
        period = Period(2024, PeriodKind.QUARTER, 4)
        province_p50, province_p95, province_queries = measure(province, period, args.runs)
        ward = wards[len(wards) // 2]
        ward_p50, ward_p95, ward_queries = measure(ward, period, args.runs)
        figures = {
            "units": units, "indicators": INDICATORS, "results": Result.objects.count(),
            "generate_s": round(generate_s, 1), "copy_s": round(copy_s, 1),
            "province_p50_ms": province_p50, "province_p95_ms": province_p95, "province_queries": province_queries,
            "ward_p50_ms": ward_p50, "ward_p95_ms": ward_p95, "ward_queries": ward_queries,
        }
        connections.close_all()
    finally:
        if not args.keep:
            admin_sql(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
