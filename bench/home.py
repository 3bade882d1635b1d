"""Bench: the home page ("Việc cần làm") at national scale, on PostgreSQL.

Creates its own database (``bench_home`` on ``BENCH_PG``, default postgres://postgres@127.0.0.1:5432), migrates
it and generates a country of 63 provinces × 10 districts × 10 wards (6,994 organizations) with, per ward, tasks,
draft documents, articles in review, members' opinions and a rating campaign, and per district conferences
being prepared with invitations (about 100,000 rows of waiting work in all, bulk inserted); then times the home
page's blocks (``core.inbox.collect``) for office staff of the whole country, of a province and of a ward,
for a committee member and for a party member, counts their queries, drops the database and prints a JSON
object on its last line.

    .venv/bin/python bench/home.py [--runs 15] [--keep]
"""

import argparse
import datetime
import json
import os
import statistics
import sys
import time
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
SERVER = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
DB_NAME = "bench_home"
PROVINCES, DISTRICTS, WARDS = 63, 10, 10


def admin_sql(sql):
    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as conn:
        conn.execute(sql)


def generate():
    from django.db import connection
    from django.utils import timezone

    from capuy.accounts.models import Role, RoleGrant, User
    from capuy.conferences.models import Conference, Invitation
    from capuy.documents.models import Document, DocumentType
    from capuy.members.models import Opinion, PartyMember, Rating, RatingCampaign
    from capuy.organizations.models import PATH_STEP, Body, BodyMembership, Organization, Person, Term
    from capuy.portal.models import Article, Category
    from capuy.tasks.models import Task

    K = Organization.Kind
    today = timezone.localdate()
    orgs, next_id = [], 1

    def make(parent, kind, name):
        nonlocal next_id
        pk, next_id = next_id, next_id + 1
        path = (parent.path if parent else "") + f"{pk:0{PATH_STEP}d}/"
        org = Organization(pk=pk, parent=parent, kind=kind, name=name, path=path, depth=path.count("/") - 1,
                           search_text=name.lower(), issuer_symbol="ĐU")
        orgs.append(org)
        return org

    country = make(None, K.PROVINCE, "Toàn quốc (thử nghiệm)")
    provinces, districts, wards = [], [], []
    for p in range(PROVINCES):
        province = make(country, K.PROVINCE, f"Đảng bộ tỉnh {p + 1}")
        provinces.append(province)
        for d in range(DISTRICTS):
            district = make(province, K.DISTRICT, f"Đảng bộ huyện {p + 1}.{d + 1}")
            districts.append(district)
            wards += [make(district, K.GRASSROOTS, f"Đảng bộ xã {p + 1}.{d + 1}.{w + 1}") for w in range(WARDS)]
    Organization.objects.bulk_create(orgs, batch_size=2000)
    with connection.cursor() as cursor:
        cursor.execute("SELECT setval(pg_get_serial_sequence('organizations_organization', 'id'), %s)", [next_id])

    people = Person.objects.bulk_create([Person(full_name=f"Đảng viên {w.pk}", organization=w) for w in wards],
                                        batch_size=2000)
    members = PartyMember.objects.bulk_create(
        [PartyMember(person=p, card_number=f"{p.pk:08d}", admission_date="2000-01-01", official_date="2001-01-01")
         for p in people], batch_size=2000)
    start = datetime.date(today.year - 1, 1, 1)
    terms = Term.objects.bulk_create([Term(organization=d, congress_number=1, start_year=today.year - 1,
                                           end_year=today.year + 4, start_date=start) for d in districts])
    bodies = Body.objects.bulk_create([Body(organization=d, term=t, kind=Body.Kind.EXECUTIVE)
                                       for d, t in zip(districts, terms, strict=True)])
    ward_people = {p.organization_id: p for p in people}
    memberships, conferences = [], []
    for i, (district, term, body) in enumerate(zip(districts, terms, bodies, strict=True)):
        for w in range(3):
            memberships.append(BodyMembership(body=body, person=ward_people[wards[i * WARDS + w].pk], start_date=start))
        for n in range(2):
            conferences.append(Conference(organization=district, body=body, term=term, number=n + 1,
                                          date=today + datetime.timedelta(days=3 + n * 7), subject="Thử nghiệm"))
    BodyMembership.objects.bulk_create(memberships, batch_size=2000)
    conferences = Conference.objects.bulk_create(conferences, batch_size=2000)
    invitations = []
    for i, conference in enumerate(conferences):
        for m in memberships[(i // 2) * 3:(i // 2) * 3 + 3]:
            invitations.append(Invitation(conference=conference, person_id=m.person_id,
                                          sent_at=timezone.now() if i % 2 == 0 else None))
    Invitation.objects.bulk_create(invitations, batch_size=5000)

    tasks, documents, articles, opinions = [], [], [], []
    doc_type = DocumentType.objects.get_or_create(symbol="NQ", defaults={"name": "Nghị quyết"})[0]
    category = Category.objects.create(name="Tin tức sự kiện")
    for i, ward in enumerate(wards):
        for n in range(10):
            tasks.append(Task(organization=ward, lead_organization=ward, title=f"Nhiệm vụ {n} của {ward.name}",
                              start_date=start, deadline=today + datetime.timedelta(days=(i + n) % 60 - 10)))
        documents.append(Document(doc_type=doc_type, organization=ward, title=f"Dự thảo của {ward.name}"))
        if i % 3 == 0:
            articles.append(Article(organization=ward, category=category, title=f"Tin {ward.name}", slug=f"tin-{ward.pk}",
                                    status=Article.Status.REVIEW, body="<p>x</p>"))
        opinions.append(Opinion(author=ward_people[ward.pk], organization=ward, subject="Ý kiến", text="x"))
    Task.objects.bulk_create(tasks, batch_size=5000)
    Document.objects.bulk_create(documents, batch_size=5000)
    Article.objects.bulk_create(articles, batch_size=5000)
    Opinion.objects.bulk_create(opinions, batch_size=5000)
    campaigns = RatingCampaign.objects.bulk_create([RatingCampaign(organization=w, year=today.year) for w in wards],
                                                   batch_size=5000)
    by_org = {c.organization_id: c for c in campaigns}
    Rating.objects.bulk_create([Rating(campaign=by_org[m.person.organization_id], member=m, unit_id=m.person.organization_id)
                                for m in members], batch_size=5000)

    def user(name, person=None, grants=(), superuser=False):
        u = User.objects.create_user(name, password="x", person=person, is_superuser=superuser)
        RoleGrant.objects.bulk_create([RoleGrant(user=u, organization=o, role=r) for o, r in grants])
        return u

    committee_person = memberships[0].person
    users = {
        "office_country": user("vp.toanquoc", grants=[(country, Role.OFFICE)]),
        "office_province": user("vp.tinh", grants=[(provinces[0], Role.OFFICE)]),
        "office_ward": user("vp.xa", grants=[(wards[0], Role.OFFICE)]),
        "committee": user("capuy", Person.objects.get(pk=committee_person.pk), [(districts[0], Role.COMMITTEE)]),
        "member": user("dangvien", people[5], [(wards[5], Role.MEMBER)]),
        "admin": user("quantri", superuser=True),
    }
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return users, len(orgs), len(tasks)


def measure(user, runs):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from capuy.core import inbox

    inbox.collect(inbox.Viewer.of(user))  # warm up
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        with CaptureQueriesContext(connection) as ctx:
            blocks = inbox.collect(inbox.Viewer.of(user))
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
    return {"p50_ms": round(statistics.median(times), 1), "p95_ms": round(p95, 1), "queries": len(ctx),
            "badge": inbox.badge_count(blocks)}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    args = parser.parse_args()
    admin_sql(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")
    admin_sql(f"CREATE DATABASE {DB_NAME}")
    os.environ["DATABASE_URL"] = f"{SERVER}/{DB_NAME}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "capuy.settings")
    try:
        import django
        from django.core.management import call_command

        django.setup()
        from django.db import connections

        started = time.perf_counter()
        call_command("migrate", verbosity=0)
        users, units, tasks = generate()
        figures = {"organizations": units, "tasks": tasks, "generate_s": round(time.perf_counter() - started, 1)}
        for name, user in users.items():
            figures[name] = measure(user, args.runs)
        connections.close_all()
    finally:
        if not args.keep:
            admin_sql(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")
    print(json.dumps(figures, ensure_ascii=False))


if __name__ == "__main__":
    main()
