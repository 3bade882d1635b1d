"""Bench: import 100,000 party members from a generated CSV file into PostgreSQL.

Creates its own database (``bench_members`` on ``BENCH_PG``, default postgres://postgres@127.0.0.1:5432),
migrates it, builds a ward with 100 cells, generates the file, times ``import_members`` (validation
of every row + bulk creation in batches), drops the database, and prints a JSON object on its last
line: {"members": ..., "import_s": ..., ...}.

    .venv/bin/python bench/members.py [--members 100000]
"""

import argparse
import datetime
import json
import os
import random
import sys
import time
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
SERVER = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
DB_NAME = "bench_members"


def admin_sql(sql):
    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as conn:
        conn.execute(sql)


def generate(cells, count, seed=2023) -> bytes:
    import csv
    import io

    from capuy.members.exchange import HEADERS

    rng = random.Random(seed)
    family = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương"]
    middle = ["Văn", "Thị", "Đức", "Minh", "Thu", "Quang", "Ngọc", "Hữu"]
    given = ["An", "Bình", "Cường", "Dũng", "Hà", "Hạnh", "Hoa", "Hùng", "Lan", "Long", "Mai", "Nam", "Sơn", "Tâm"]
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADERS)
    for i in range(count):
        born = datetime.date(rng.randint(1940, 2000), rng.randint(1, 12), rng.randint(1, 28))
        admitted = datetime.date(min(born.year + rng.randint(19, 35), 2025), rng.randint(1, 12), rng.randint(1, 28))
        official = admitted + datetime.timedelta(days=365) if admitted.year < 2025 else None
        status = "Miễn công tác và sinh hoạt đảng" if i % 97 == 0 else ""
        writer.writerow([f"{80000000 + i}", " ".join([rng.choice(family), rng.choice(middle), rng.choice(given)]),
                         born.strftime("%d/%m/%Y"), rng.choice(["Nam", "Nữ"]), admitted.strftime("%d/%m/%Y"),
                         official.strftime("%d/%m/%Y") if official else "", rng.choice(cells).pk, "", status,
                         "01/06/2026" if status else "", "", ""])
    return out.getvalue().encode("utf-8")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--members", type=int, default=100_000)
    args = parser.parse_args()

    admin_sql(f"DROP DATABASE IF EXISTS {DB_NAME}")
    admin_sql(f"CREATE DATABASE {DB_NAME}")
    os.environ["DATABASE_URL"] = f"{SERVER}/{DB_NAME}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "capuy.settings")
    try:
        import django

        django.setup()
        from django.core.management import call_command
        from django.db import connection

        call_command("migrate", verbosity=0)
        from capuy.members.exchange import import_members
        from capuy.members.models import PartyMember
        from capuy.organizations.models import Organization

        K = Organization.Kind
        city = Organization.objects.create(kind=K.PROVINCE, name="Đảng bộ tỉnh thử nghiệm")
        ward = Organization.objects.create(parent=city, kind=K.GRASSROOTS, name="Đảng bộ xã thử nghiệm")
        cells = [Organization.objects.create(parent=ward, kind=K.CELL, name=f"Chi bộ thôn {i}") for i in range(1, 101)]
        data = generate(cells, args.members)

        started = time.perf_counter()
        result = import_members(data, "danh-sach.csv", city)
        import_s = time.perf_counter() - started
        count = PartyMember.objects.count()
        assert count == args.members == result.created, (count, result.created)

        started = time.perf_counter()
        again = import_members(data[: data.index(b"\n", len(data) // 10) + 1], "mot-phan.csv", city)
        update_s = time.perf_counter() - started
        connection.close()
    finally:
        admin_sql(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")
    print(json.dumps({"members": count, "import_s": round(import_s, 2), "file_mb": round(len(data) / 1e6, 1),
                      "update_rows": again.updated, "update_s": round(update_s, 2)}))


if __name__ == "__main__":
    main()
