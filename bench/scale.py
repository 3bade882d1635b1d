"""Bench: the pages clerks open most, on a country of 1,000 members and on one of 5.6 million, on PostgreSQL.

For each size it creates its own database (``bench_scale`` on ``BENCH_PG``, default
postgres://postgres@127.0.0.1:5432), migrates it, fills it with ``capuy generate-nation --members N`` (timed),
gives office staff roles to a clerk of a province, of a commune and of a cell, and times through the whole
Django stack (middleware, session, templates) the pages they open most: the organization tree, the member
list and a member search, a member's record, the rating campaign, the targets dashboard, the conference
list, the document library search and the portal home; and a minimal view (login required, a few bytes) on
the same server, the yardstick. ``ratio`` = page p95 / minimal view p95 in the same run; ``queries`` = SQL
queries of one request. The database is dropped afterwards (``--keep`` keeps the last one).

Prints one JSON object on its last line:
{"members_small": 1000, "members_large": 5600000, "generate_s": {...},
 "pages": {"<page>@<clerk>": {"small": {"p95_ms", "ratio", "queries"}, "large": {...}}}, "slow": [...]}

    .venv/bin/python bench/scale.py [--members 500000] [--small 1000] [--runs 15] [--keep] [--reuse]

``--reuse`` measures an existing ``bench_scale_<N>`` database (kept by ``--keep``) without rebuilding it.
"""

import argparse
import json
import os
import statistics
import sys
import time
import types
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
SERVER = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
TARGET_RATIO = 3


def admin_sql(sql):
    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as conn:
        conn.execute(sql)


def database_exists(name) -> bool:
    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as conn:
        return conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone() is not None


def install_minimal_view():
    """The yardstick: the project's URLs plus one view that only checks the login and answers a few bytes."""
    from django.conf import settings
    from django.contrib.auth.decorators import login_required
    from django.http import HttpResponse
    from django.urls import include, path

    @login_required
    def minimal(request):
        return HttpResponse("<!doctype html><title>ok</title>ok")

    module = types.ModuleType("bench_scale_urls")
    module.urlpatterns = [path("bench-minimal/", minimal), path("", include(settings.ROOT_URLCONF))]
    sys.modules["bench_scale_urls"] = module
    settings.ROOT_URLCONF = "bench_scale_urls"


def clerks():
    """Office staff of the largest province, of one of its communes and of one of that commune's cells, and
    what each opens: a member of their subtree, a rating campaign, a search word."""
    from django.db.models import Count

    from capuy.accounts.models import Role, RoleGrant, User
    from capuy.members.models import PartyMember, RatingCampaign
    from capuy.organizations.models import Organization

    K = Organization.Kind
    province = Organization.objects.filter(kind=K.PROVINCE).order_by("pk").first()
    commune = Organization.objects.filter(parent=province, kind=K.DISTRICT).order_by("pk").first()
    cell = (Organization.objects.subtree(commune).filter(kind=K.CELL).annotate(n=Count("people"))
            .order_by("-n", "pk").first())
    out = {}
    for label, org in (("province", province), ("commune", commune), ("cell", cell)):
        user = User.objects.filter(username=f"bench.{label}").first()
        if user is None:
            user = User.objects.create_user(f"bench.{label}", password="x")
            RoleGrant.objects.create(user=user, organization=org, role=Role.OFFICE)
        member = PartyMember.objects.in_subtree(org).order_by("pk").first()
        grassroots = org if org.kind != K.CELL else org.parent
        campaign = (RatingCampaign.objects.filter(organization__path__startswith=grassroots.path).order_by("pk").first()
                    if org.kind != K.PROVINCE else RatingCampaign.objects.filter(
                        organization__path__startswith=commune.path).order_by("pk").first())
        out[label] = {"user": user, "org": org, "member": member, "campaign": campaign}
    return out


def pages_for(clerk):
    from urllib.parse import urlencode

    from django.urls import reverse

    org = clerk["org"]
    return {
        "minimal": "/bench-minimal/",
        "organization_tree": reverse("organizations:list"),
        "organization": reverse("organizations:detail", args=[org.pk]),
        "member_list": f"{reverse('members:index')}?to-chuc={org.pk}",
        "member_search": f"{reverse('members:index')}?to-chuc={org.pk}&q=uyen",
        "member_search_common": f"{reverse('members:index')}?to-chuc={org.pk}&q=nguyen+van",
        # a person the clerk knows: the name of a member of the subtree, found at every size (a name that no one
        # bears in the small country gave that page one query fewer there: no titles to fetch)
        "people_search": f"{reverse('organizations:search')}?{urlencode({'q': clerk['member'].person.full_name})}",
        "member_record": reverse("members:detail", args=[clerk["member"].pk]),
        "rating_campaigns": reverse("members:campaigns"),
        "rating_campaign": reverse("members:campaign", args=[clerk["campaign"].pk]),
        "targets_dashboard": reverse("targets:dashboard", args=[org.pk]),
        "conference_list": reverse("conferences:index"),
        "document_search": f"{reverse('documents:index')}?q=nghi+quyet+quy",
        "portal_home": reverse("portal:home"),
    }


def measure(client, url, runs):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    response = client.get(url)  # warm up (templates, caches)
    status = response.status_code
    if status != 200:
        print(f"{url}: {status} {response.get('Location', '')}", file=sys.stderr)
    times, queries = [], 0
    for _ in range(runs):
        with CaptureQueriesContext(connection) as ctx:
            started = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - started) * 1000)
        queries = len(ctx)
    times.sort()
    p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
    return {"p95_ms": round(p95, 1), "p50_ms": round(statistics.median(times), 1), "queries": queries,
            "status": status}


def run_size(members, runs, keep, reuse):
    name = f"bench_scale_{members}"
    os.environ["DATABASE_URL"] = f"{SERVER}/{name}"
    from django.conf import settings
    from django.db import connections

    connections.close_all()
    settings.DATABASES["default"]["NAME"] = name
    generate_s = None
    if not (reuse and database_exists(name)):
        admin_sql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        admin_sql(f"CREATE DATABASE {name}")
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        from capuy.organizations import nation

        started = time.perf_counter()
        nation.generate(members)
        generate_s = round(time.perf_counter() - started, 1)
    try:
        from django.test import Client

        results = {}
        for label, clerk in clerks().items():
            client = Client()
            client.force_login(clerk["user"])
            for page, url in pages_for(clerk).items():
                results[f"{page}@{label}"] = measure(client, url, runs)
            base = results[f"minimal@{label}"]["p95_ms"] or 0.1
            for key, figures in results.items():
                if key.endswith(f"@{label}"):
                    figures["ratio"] = round(figures["p95_ms"] / base, 2)
        connections.close_all()
    finally:
        if not keep:
            connections.close_all()
            admin_sql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    return generate_s, results


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--members", type=int, default=5_600_000, help="the large country")
    parser.add_argument("--small", type=int, default=1000, help="the small country")
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--keep", action="store_true", help="keep the large database afterwards")
    parser.add_argument("--reuse", action="store_true", help="measure kept databases without rebuilding them")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "capuy.settings")
    os.environ["DATABASE_URL"] = f"{SERVER}/postgres"
    os.environ["CAPUY_DB_POOL"] = "0"  # one database after another: no pool holding connections to the last
    import django

    django.setup()
    install_minimal_view()
    from django.conf import settings

    settings.ALLOWED_HOSTS = ["*"]
    # The clerks log in without the second factor here (no device to confirm); the page and the yardstick
    # pass the same middleware either way.
    settings.CAPUY_2FA_REQUIRED_ROLES = []
    small_s, small = run_size(args.small, args.runs, keep=args.keep, reuse=args.reuse)
    large_s, large = run_size(args.members, args.runs, keep=args.keep, reuse=args.reuse)
    pages = {key: {"small": {k: small[key][k] for k in ("p95_ms", "ratio", "queries", "status")},
                   "large": {k: large[key][k] for k in ("p95_ms", "ratio", "queries", "status")}}
             for key in small if not key.startswith("minimal@")}
    slow = sorted(key for key, value in pages.items() if value["large"]["ratio"] > TARGET_RATIO)
    unequal = sorted(key for key, value in pages.items() if value["large"]["queries"] != value["small"]["queries"])
    for key, value in pages.items():
        print(f"{key:38} small {value['small']['p95_ms']:>8} ms ×{value['small']['ratio']:<6} q{value['small']['queries']:<4}"
              f" large {value['large']['p95_ms']:>8} ms ×{value['large']['ratio']:<7} q{value['large']['queries']}",
              file=sys.stderr)
    print(json.dumps({"members_small": args.small, "members_large": args.members,
                      "generate_s": {"small": small_s, "large": large_s},
                      "minimal_p95_ms": {"small": {k.split("@")[1]: v["p95_ms"] for k, v in small.items()
                                                   if k.startswith("minimal@")},
                                         "large": {k.split("@")[1]: v["p95_ms"] for k, v in large.items()
                                                   if k.startswith("minimal@")}},
                      "pages": pages, "slow": slow, "queries_differ": unequal}, ensure_ascii=False))


if __name__ == "__main__":
    main()
