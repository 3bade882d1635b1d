"""Benchmark of the public portal under the real ASGI server.

    .venv/bin/python bench/portal.py [--seconds 6] [--clients 8] [--postgres]

Prepares its own database (a throw-away SQLite file, or with ``--postgres`` a ``bench_portal`` database on
``BENCH_POSTGRES_URL``, default ``postgres://postgres@127.0.0.1:5432/postgres``, dropped afterwards), loads
articles, starts uvicorn on a free loopback port with ``CAPUY_BENCH=1`` (which mounts the minimal baseline
view ``/tin-tuc/_suc-khoe/``), then for a bounded time per page sends requests from concurrent client threads
(keep-alive connections; every article request comes from a new visitor, so each one is counted as a view).
It stops the server and prints on its last line a JSON object with ``home_rps``, ``article_rps``,
``baseline_rps`` and the 99th-percentile latencies ``home_p99_ms``, ``article_p99_ms``, ``baseline_p99_ms``.
Target: ``article_rps`` at least 70% of ``baseline_rps``.
"""

import argparse
import http.client
import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = 120


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def seed():
    """Run inside a Django process: categories, an organization and published articles."""
    import django

    django.setup()
    from capuy.organizations.models import Organization
    from capuy.portal.models import Article, Category, Tag

    org = Organization.objects.create(kind=Organization.Kind.DISTRICT, name="Đảng bộ quận Tây Hồ",
                                      committee_name="Quận ủy Tây Hồ")
    categories = [Category.objects.create(name=n, order=i) for i, n in
                  enumerate(["Tin tức sự kiện", "Xây dựng Đảng", "Kinh tế – Xã hội", "Văn bản chỉ đạo"])]
    tags = [Tag.objects.create(name=n) for n in ("Hội nghị", "Tây Hồ", "Sơ kết", "Chi bộ")]
    paragraph = ("<p>Trong 9 tháng năm 2023, Ban Chấp hành, Ban Thường vụ, Thường trực Quận ủy Tây Hồ đã thực hiện "
                 "nghiêm túc quy chế làm việc của cấp ủy; giá trị sản xuất công nghiệp ngoài quốc doanh tăng 14%.</p>")
    from django.utils import timezone

    now = timezone.now()
    for i in range(ARTICLES):
        article = Article.objects.create(
            organization=org, category=categories[i % 4], title=f"Hội nghị lần thứ {i + 1} Ban Chấp hành Đảng bộ quận",
            lead="Đó là chỉ đạo của đồng chí Bí thư Quận ủy tại hội nghị.", body="<h2>Kết quả</h2>" + paragraph * 12,
            byline="Trung Trực", status=Article.Status.PUBLISHED, published_at=now - timezone.timedelta(hours=i))
        article.set_tags(tags[i % 3: i % 3 + 2])
    print(Article.objects.get(title="Hội nghị lần thứ 1 Ban Chấp hành Đảng bộ quận").get_absolute_url())


def load(port: int, path: str, seconds: float, clients: int, new_visitor: bool) -> tuple[int, float, list[float]]:
    """(requests done, elapsed seconds, latencies) for ``path`` with ``clients`` threads for ``seconds``."""
    latencies: list[list[float]] = [[] for _ in range(clients)]
    errors = []
    start_gate = threading.Barrier(clients + 1)
    deadline = [0.0]

    def worker(n):
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        cookie = f"capuy_khach={secrets.token_hex(16)}"
        start_gate.wait()
        while time.perf_counter() < deadline[0]:
            if new_visitor:
                cookie = f"capuy_khach={secrets.token_hex(16)}"
            t0 = time.perf_counter()
            try:
                conn.request("GET", path, headers={"Cookie": cookie, "Host": "127.0.0.1"})
                response = conn.getresponse()
                response.read()
                if response.status != 200:
                    errors.append(response.status)
            except (OSError, http.client.HTTPException) as exc:
                errors.append(repr(exc))
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                continue
            latencies[n].append(time.perf_counter() - t0)
        conn.close()

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(clients)]
    for t in threads:
        t.start()
    deadline[0] = time.perf_counter() + seconds
    began = time.perf_counter()
    start_gate.wait()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - began
    if errors:
        raise SystemExit(f"{path}: {len(errors)} lỗi, ví dụ {errors[:3]}")
    samples = [x for chunk in latencies for x in chunk]
    return len(samples), elapsed, samples


def measure(port, paths: dict, seconds: float, clients: int, rounds: int, new_visitor: bool) -> dict:
    """Interleave the pages in ``rounds`` so that a change in the machine's load hits all of them alike."""
    totals = {name: [0, 0.0, []] for name in paths}
    for _ in range(rounds):
        for name, path in paths.items():
            done, elapsed, samples = load(port, path, seconds / rounds, clients, new_visitor)
            totals[name][0] += done
            totals[name][1] += elapsed
            totals[name][2] += samples
    result = {}
    for name, (done, elapsed, samples) in totals.items():
        samples.sort()
        p99 = samples[min(len(samples) - 1, int(len(samples) * 0.99))] * 1000 if samples else 0.0
        result[f"{name}_rps"] = round(done / elapsed, 1) if elapsed else 0.0
        result[f"{name}_p99_ms"] = round(p99, 1)
    return result


def wait_ready(port: int, server: subprocess.Popen, timeout: float = 60):
    until = time.time() + timeout
    while time.time() < until:
        if server.poll() is not None:
            raise SystemExit("Máy chủ uvicorn đã dừng khi khởi động.")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/tin-tuc/_suc-khoe/")
            if conn.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("Máy chủ không sẵn sàng sau 60 giây.")


def postgres_database(base_url: str, name: str, create: bool):
    import psycopg

    with psycopg.connect(base_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if create:
            conn.execute(f'CREATE DATABASE "{name}"')


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=12.0, help="thời gian tải cho mỗi trang (giây)")
    parser.add_argument("--rounds", type=int, default=6, help="số vòng luân phiên giữa các trang")
    parser.add_argument("--clients", type=int, default=8, help="số luồng máy khách đồng thời")
    parser.add_argument("--postgres", action="store_true", help="dùng PostgreSQL thay cho SQLite")
    parser.add_argument("--same-visitor", action="store_true",
                        help="mỗi luồng giữ một người đọc (tải lại), thay vì mỗi yêu cầu một người đọc mới")
    args = parser.parse_args()

    var_dir = Path(tempfile.mkdtemp(prefix="capuy-bench-portal-"))
    env = {**os.environ, "CAPUY_VAR_DIR": str(var_dir), "CAPUY_BENCH": "1", "DJANGO_SETTINGS_MODULE": "capuy.settings",
           "ALLOWED_HOSTS": "127.0.0.1", "PYTHONPATH": str(ROOT / "src"), "LOG_LEVEL": "ERROR"}
    env.pop("CAPUY_DEBUG", None)
    pg_base = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres")
    if args.postgres:
        postgres_database(pg_base, "bench_portal", create=True)
        env["DATABASE_URL"] = pg_base.rsplit("/", 1)[0] + "/bench_portal"
        env["CONN_MAX_AGE"] = "60"
    else:
        env.pop("DATABASE_URL", None)
    server = None
    try:
        subprocess.run([sys.executable, "-m", "capuy", "migrate", "--noinput", "-v0"], env=env, check=True, cwd=ROOT)
        article = subprocess.run([sys.executable, __file__, "--seed-only"], env=env, check=True, cwd=ROOT,
                                 capture_output=True, text=True).stdout.strip().splitlines()[-1]
        port = free_port()
        server = subprocess.Popen(
            [sys.executable, "-m", "uvicorn", "capuy.asgi:application", "--host", "127.0.0.1", "--port", str(port),
             "--no-access-log", "--log-level", "warning"], env=env, cwd=ROOT)
        wait_ready(port, server)
        paths = {"baseline": "/tin-tuc/_suc-khoe/", "home": "/tin-tuc/", "article": article}
        for path in paths.values():  # warm up the page cache and the connections
            load(port, path, 1.0, 2, new_visitor=False)
        figures = measure(port, paths, args.seconds, args.clients, args.rounds, new_visitor=not args.same_visitor)
    finally:
        if server is not None:
            server.terminate()
            try:
                server.wait(timeout=15)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
        if args.postgres:
            postgres_database(pg_base, "bench_portal", create=False)
        shutil.rmtree(var_dir, ignore_errors=True)
    keys = ["home_rps", "article_rps", "baseline_rps", "home_p99_ms", "article_p99_ms", "baseline_p99_ms"]
    result = {key: figures[key] for key in keys}
    result.update(
        article_vs_baseline=round(figures["article_rps"] / figures["baseline_rps"], 3) if figures["baseline_rps"] else None,
        database="postgresql" if args.postgres else "sqlite", clients=args.clients, seconds_per_page=args.seconds,
        new_visitor_per_request=not args.same_visitor,
    )
    print(json.dumps(result))


if __name__ == "__main__":
    if "--seed-only" in sys.argv:
        seed()
    else:
        main()
