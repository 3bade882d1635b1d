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

import datetime
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


class CapuyTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        K = Organization.Kind
        cls.city = Organization.objects.create(kind=K.PROVINCE, name="Đảng bộ thành phố Hà Nội",
                                               committee_name="Thành ủy Hà Nội", issuer_symbol="TU")
        cls.district = Organization.objects.create(
            parent=cls.city, kind=K.DISTRICT, name="Đảng bộ quận Tây Hồ", committee_name="Quận ủy Tây Hồ",
            issuer_symbol="QU", place_name="Tây Hồ")
        cls.ward = Organization.objects.create(parent=cls.district, kind=K.GRASSROOTS, name="Đảng bộ phường Quảng An",
                                               committee_name="Đảng ủy phường Quảng An", issuer_symbol="ĐU")
        cls.other_ward = Organization.objects.create(parent=cls.district, kind=K.GRASSROOTS,
                                                     name="Đảng bộ phường Nhật Tân", issuer_symbol="ĐU")
        cls.cell = Organization.objects.create(parent=cls.ward, kind=K.CELL, name="Chi bộ tổ dân phố số 1")
        cls.other_cell = Organization.objects.create(parent=cls.other_ward, kind=K.CELL, name="Chi bộ khu dân cư số 1")
        cls.term = Term.objects.create(organization=cls.district, congress_number=6, start_year=2020, end_year=2025,
                                       start_date=D(2020, 8, 15), end_date=D(2025, 8, 14))
        cls.bch = Body.objects.create(organization=cls.district, term=cls.term, kind=Body.Kind.EXECUTIVE)

        cls.secretary = make_person("Lê Thị Thu Hằng", cls.district, ["Bí thư Quận ủy", "Chủ tịch HĐND quận"], card="01000001")
        cls.committee_person = make_person("Phạm Văn Bình", cls.cell, ["Phó Bí thư Quận ủy", "Chủ tịch UBND quận"],
                                           card="01000002")
        BodyMembership.objects.create(body=cls.bch, person=cls.secretary, role=BodyMembership.Role.SECRETARY,
                                      start_date=cls.term.start_date)
        BodyMembership.objects.create(body=cls.bch, person=cls.committee_person, role=BodyMembership.Role.DEPUTY,
                                      start_date=cls.term.start_date)
        for i, name in enumerate(["Nguyễn Văn An", "Trần Thị Bích", "Đỗ Quang Dũng"]):
            person = make_person(name, cls.cell, card=f"0100001{i}")
            BodyMembership.objects.create(body=cls.bch, person=person, start_date=cls.term.start_date)
        cls.member_person = make_person("Vũ Thị Lan", cls.cell, card="01000100")

        cls.admin = make_user("quantri", superuser=True)
        cls.district_staff = make_user("vanphong.tayho", make_person("Hoàng Minh Tâm", cls.district),
                                       [(cls.district, Role.OFFICE)])
        cls.ward_staff = make_user("vanphong.quangan", make_person("Ngô Thị Hà", cls.ward), [(cls.ward, Role.OFFICE)])
        cls.other_ward_staff = make_user("vanphong.nhattan", make_person("Bùi Văn Nam", cls.other_ward),
                                         [(cls.other_ward, Role.OFFICE)])
        cls.committee_member = make_user("capuy.binh", cls.committee_person, [(cls.district, Role.COMMITTEE)])
        cls.party_member = make_user("dangvien.lan", cls.member_person, [(cls.cell, Role.MEMBER)])

    def login(self, user):
        self.client.force_login(user)
        return user


# The rows ``capuy demo`` wrote the first time a test loaded it in this session, with the state it started from.
_demo_snapshot: dict | None = None


def _tables():
    from django.apps import apps

    return [m for m in apps.get_models(include_auto_created=True)
            if m._meta.managed and not m._meta.proxy and not m._meta.swapped]


def _starting_state() -> dict:
    return {m._meta.label: frozenset(m._base_manager.values_list("pk", flat=True)) for m in _tables()}


def _row(obj) -> tuple:
    return tuple(getattr(obj, f.attname) for f in obj._meta.local_concrete_fields)


def load_demo():
    """The demo data of ``capuy demo``, which many test classes start from and which takes seconds to build.

    The first call of the session runs the command and keeps what it wrote. A later call that starts from the
    same rows (a test class's empty database) puts the same rows back in bulk: the demo's records and its
    history exactly as the command wrote them. From any other starting point the command runs again.
    """
    global _demo_snapshot
    from django.core.management import call_command

    start = _starting_state()
    if _demo_snapshot is not None and _demo_snapshot["start"] == start:
        _restore_demo(_demo_snapshot)
        return
    existing = {m: {o.pk: _row(o) for o in m._base_manager.all()} for m in _tables() if start[m._meta.label]}
    call_command("demo", stdout=StringIO())
    if _demo_snapshot is None:
        new, changed = {}, {}
        for model in _tables():
            before = existing.get(model, {})
            for obj in model._base_manager.all():
                if obj.pk not in before:
                    new.setdefault(model, []).append(obj)
                elif _row(obj) != before[obj.pk]:
                    changed.setdefault(model, []).append(obj)
        _demo_snapshot = {"start": start, "new": new, "changed": changed}


def _restore_demo(snapshot: dict):
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
