"""The shared base test case: a small party tree and a named person for each role.

    Hà Nội (city)
    └── Tây Hồ (district; term khóa VI 2020–2025, BCH of 5)
        ├── Quảng An (ward) ── Chi bộ tổ dân phố số 1 (cell)
        └── Nhật Tân (ward) ── Chi bộ khu dân cư số 1 (cell)

Roles: ``district_staff`` (office of Tây Hồ), ``ward_staff`` (office of Quảng An), ``other_ward_staff``
(office of Nhật Tân), ``committee_member`` (committee role on Tây Hồ, sits on its BCH), ``party_member``
(member of the Quảng An cell), ``admin`` (system administrator); anonymous visitors use ``self.client``
without logging in.
"""

import contextlib
import copy
import datetime
import types
from io import StringIO

from django.test import TestCase

from capuy.accounts.models import Role, RoleGrant, User
from capuy.members.models import PartyMember
from capuy.organizations.models import Body, BodyMembership, Organization, Person, Term, Title

D = datetime.date
PASSWORD = "mat-khau-thu-nghiem"


def make_user(username, person=None, grants=(), superuser=False):
    user = User.objects.create_user(username, password=PASSWORD, person=person, is_superuser=superuser,
                                    email=f"{username}@capuy.invalid")
    for organization, role in grants:
        RoleGrant.objects.create(user=user, organization=organization, role=role)
    return user


ADMITTED, MADE_OFFICIAL = D(2000, 1, 1), D(2001, 1, 1)


def make_person(full_name, organization, titles=(), card=None, admitted=ADMITTED, official=MADE_OFFICIAL):
    person = Person.objects.create(full_name=full_name, organization=organization)
    for i, title in enumerate(titles, 1):
        Title.objects.create(person=person, name=title, order=i)
    if card is not None:
        PartyMember.objects.create(person=person, card_number=card, admission_date=admitted, official_date=official)
    return person


def _build_base_records() -> dict:
    """The records of the module docstring's tree; returns them by the names the test cases use."""
    records = types.SimpleNamespace()
    K = Organization.Kind
    records.city = Organization.objects.create(kind=K.PROVINCE, name="Đảng bộ thành phố Hà Nội",
                                               committee_name="Thành ủy Hà Nội", issuer_symbol="TU")
    records.district = Organization.objects.create(
        parent=records.city, kind=K.DISTRICT, name="Đảng bộ quận Tây Hồ", committee_name="Quận ủy Tây Hồ",
        issuer_symbol="QU", place_name="Tây Hồ")
    records.ward = Organization.objects.create(parent=records.district, kind=K.GRASSROOTS, name="Đảng bộ phường Quảng An",
                                               committee_name="Đảng ủy phường Quảng An", issuer_symbol="ĐU")
    records.other_ward = Organization.objects.create(parent=records.district, kind=K.GRASSROOTS,
                                                     name="Đảng bộ phường Nhật Tân", issuer_symbol="ĐU")
    records.cell = Organization.objects.create(parent=records.ward, kind=K.CELL, name="Chi bộ tổ dân phố số 1")
    records.other_cell = Organization.objects.create(parent=records.other_ward, kind=K.CELL, name="Chi bộ khu dân cư số 1")
    records.term = Term.objects.create(organization=records.district, congress_number=6, start_year=2020, end_year=2025,
                                       start_date=D(2020, 8, 15), end_date=D(2025, 8, 14))
    records.bch = Body.objects.create(organization=records.district, term=records.term, kind=Body.Kind.EXECUTIVE)

    records.secretary = make_person("Lê Thị Thu Hằng", records.district, ["Bí thư Quận ủy", "Chủ tịch HĐND quận"], card="01000001")
    records.committee_person = make_person("Phạm Văn Bình", records.cell, ["Phó Bí thư Quận ủy", "Chủ tịch UBND quận"],
                                           card="01000002")
    BodyMembership.objects.create(body=records.bch, person=records.secretary, role=BodyMembership.Role.SECRETARY,
                                  start_date=records.term.start_date)
    BodyMembership.objects.create(body=records.bch, person=records.committee_person, role=BodyMembership.Role.DEPUTY,
                                  start_date=records.term.start_date)
    for i, name in enumerate(["Nguyễn Văn An", "Trần Thị Bích", "Đỗ Quang Dũng"]):
        person = make_person(name, records.cell, card=f"0100001{i}")
        BodyMembership.objects.create(body=records.bch, person=person, start_date=records.term.start_date)
    records.member_person = make_person("Vũ Thị Lan", records.cell, card="01000100")

    records.admin = make_user("quantri", superuser=True)
    records.district_staff = make_user("vanphong.tayho", make_person("Hoàng Minh Tâm", records.district),
                                       [(records.district, Role.OFFICE)])
    records.ward_staff = make_user("vanphong.quangan", make_person("Ngô Thị Hà", records.ward), [(records.ward, Role.OFFICE)])
    records.other_ward_staff = make_user("vanphong.nhattan", make_person("Bùi Văn Nam", records.other_ward),
                                         [(records.other_ward, Role.OFFICE)])
    records.committee_member = make_user("capuy.binh", records.committee_person, [(records.district, Role.COMMITTEE)])
    records.party_member = make_user("dangvien.lan", records.member_person, [(records.cell, Role.MEMBER)])
    return vars(records)


class CapuyTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        for name, value in build_once("base", _build_base_records).items():
            setattr(cls, name, value)

    def login(self, user):
        self.client.force_login(user)
        return user


# What each builder of ``build_once`` wrote the first time in this session, with the state it started from.
_snapshots: dict[str, dict] = {}


def _tables():
    from django.apps import apps

    return [m for m in apps.get_models(include_auto_created=True)
            if m._meta.managed and not m._meta.proxy and not m._meta.swapped]


def _starting_state() -> dict:
    """Each table's row count and highest key (as text), in one query: a test class starts from it, so it is
    asked hundreds of times a run; the same counts and keys mean the snapshot's ids are free again."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection

    quote = connection.ops.quote_name
    parts = [f"SELECT {i}, COUNT(*), MAX(CAST({quote(m._meta.pk.column)} AS TEXT)) FROM {quote(m._meta.db_table)}"
             for i, m in enumerate(_tables())]
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts))
        rows = {index: (count, highest) for index, count, highest in cursor.fetchall()}
    state = {m._meta.label: rows[i] for i, m in enumerate(_tables())}
    # Rows refer to kinds of records by these ids: the same ids must name the same models.
    state["content types"] = frozenset(ContentType.objects.values_list("pk", "app_label", "model"))
    return state


def _row(obj) -> tuple:
    return tuple(getattr(obj, f.attname) for f in obj._meta.local_concrete_fields)


def build_once(key: str, build):
    """``build()``'s records, for test data that many test classes start from and that is slow to build.

    The first call of the session runs ``build`` and keeps the rows it wrote (and what it returned). A later
    call that starts from the same rows (a test class's database as migrated) puts the same rows back in bulk:
    the records and their history exactly as ``build`` wrote them, with the same ids, so what it returned
    still names them. From any other starting point ``build`` runs again.
    """
    start = _starting_state()
    snapshot = _snapshots.get(key)
    if snapshot is not None and snapshot["start"] == start:
        _restore(snapshot)
        return copy.deepcopy(snapshot["result"])
    existing = {m: {o.pk: _row(o) for o in m._base_manager.all()} for m in _tables() if start[m._meta.label][0]}
    result = build()
    if snapshot is None:
        new, changed = {}, {}
        for model in _tables():
            before = existing.get(model, {})
            for obj in model._base_manager.all():
                if obj.pk not in before:
                    new.setdefault(model, []).append(obj)
                elif _row(obj) != before[obj.pk]:
                    changed.setdefault(model, []).append(obj)
        _snapshots[key] = {"start": start, "new": new, "changed": changed, "result": copy.deepcopy(result)}
    return result


def load_demo() -> str:
    """The demo data of ``capuy demo``, which several test classes start from (it takes seconds to build); returns
    what the command printed."""
    from django.core.management import call_command

    def build():
        out = StringIO()
        call_command("demo", stdout=out)
        return out.getvalue()

    return build_once("demo", build)


@contextlib.contextmanager
def background_work_left_queued():
    """Background tasks queued meanwhile stay queued (the suite otherwise runs them at once, django-q2 "sync"):
    for test data whose PDFs and mails no test reads. A browser test's data is committed, so the demo's PDF
    conversions would run for seconds."""
    from django_q.conf import Conf

    Conf.SYNC = False
    try:
        yield
    finally:
        Conf.SYNC = True


def _restore(snapshot: dict):
    from django.core.management.color import no_style
    from django.db import connection, transaction

    with transaction.atomic():
        for model, objs in snapshot["new"].items():
            fields = model._meta.local_concrete_fields
            size = connection.ops.bulk_batch_size(fields, objs) or len(objs)
            for i in range(0, len(objs), size):
                model._base_manager._insert(objs[i:i + size], fields=fields, raw=True)
        for model, objs in snapshot["changed"].items():
            for obj in objs:  # raw SQL: the history head, say, is never updated through its model
                model._base_manager.filter(pk=obj.pk)._update(
                    [(f, None, getattr(obj, f.attname)) for f in model._meta.local_concrete_fields if not f.primary_key])
        statements = connection.ops.sequence_reset_sql(no_style(), list(snapshot["new"]))
        if statements:
            with connection.cursor() as cursor:
                for sql in statements:
                    cursor.execute(sql)
