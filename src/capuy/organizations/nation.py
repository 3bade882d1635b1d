"""A realistic country for load tests and demonstrations: ``capuy generate-nation``.

34 provinces and cities (the map since 1 July 2025), their communes and wards, grassroots organizations and their
cells, party members with Vietnamese names, statuses and dates, terms and leading bodies at every level, and a
year of work: conferences, documents (the resolution of each committee meeting), target results and the yearly
rating of every member. ``--members`` scales everything down (1,000 members gives 34 provinces with one commune
each and a few cells).

Bulk loading: on PostgreSQL rows go in with ``COPY`` (psycopg's ``cursor.copy``), with ids given here so that
no row has to be read back; on SQLite (small sizes only) with ``bulk_create``. Neither sends model signals, so
the history (django-auditlog) is not flooded with millions of "created" entries, and ``save()`` is not called:
the derived columns it fills (``path``, ``depth``, ``sort_key``, ``search_text``, a member's ``status`` and
flags) are computed here the same way (``vietnamese.name_sort_key`` / ``search_key``, ``PATH_STEP``).

The level between province and grassroots (the commune party committee, "Đảng bộ xã/phường", which replaced
the district level in 2025) is stored with ``Organization.Kind.DISTRICT``, the tree's upper-grassroots kind.
"""

import datetime
import functools
import itertools
import random
import time
from dataclasses import dataclass

from django.db import connection, models, transaction
from django.utils import timezone

from capuy.core import vietnamese

NATIONAL_MEMBERS = 5_600_000
NATIONAL_COMMUNES = 3_321
NATIONAL_GRASSROOTS = 52_000
SQLITE_LIMIT = 50_000  # members: beyond this SQLite takes too long (no COPY); use PostgreSQL

# (name, is a city under central authority, relative size)
PROVINCES = [
    ("Hà Nội", True, 4.0), ("Huế", True, 0.8), ("Hải Phòng", True, 1.8), ("Đà Nẵng", True, 1.4),
    ("Hồ Chí Minh", True, 4.0), ("Cần Thơ", True, 1.4), ("Lai Châu", False, 0.4), ("Điện Biên", False, 0.5),
    ("Sơn La", False, 0.7), ("Lạng Sơn", False, 0.6), ("Quảng Ninh", False, 0.9), ("Thanh Hóa", False, 1.6),
    ("Nghệ An", False, 1.5), ("Hà Tĩnh", False, 0.8), ("Cao Bằng", False, 0.5), ("Tuyên Quang", False, 0.9),
    ("Lào Cai", False, 0.9), ("Thái Nguyên", False, 1.0), ("Phú Thọ", False, 1.6), ("Bắc Ninh", False, 1.3),
    ("Hưng Yên", False, 1.3), ("Ninh Bình", False, 1.4), ("Quảng Trị", False, 0.8), ("Quảng Ngãi", False, 0.9),
    ("Gia Lai", False, 1.0), ("Khánh Hòa", False, 0.8), ("Lâm Đồng", False, 1.1), ("Đắk Lắk", False, 1.0),
    ("Đồng Nai", False, 1.2), ("Tây Ninh", False, 1.0), ("Vĩnh Long", False, 1.0), ("Đồng Tháp", False, 1.0),
    ("Cà Mau", False, 0.8), ("An Giang", False, 1.1),
]

# Family names with their approximate share of the population (Nguyễn about 38%).
FAMILY = [("Nguyễn", 380), ("Trần", 110), ("Lê", 95), ("Phạm", 71), ("Hoàng", 35), ("Huỳnh", 16), ("Phan", 45),
          ("Vũ", 20), ("Võ", 19), ("Đặng", 21), ("Bùi", 20), ("Đỗ", 14), ("Hồ", 13), ("Ngô", 13), ("Dương", 10),
          ("Lý", 5), ("Đinh", 6), ("Trịnh", 5), ("Đoàn", 5), ("Lâm", 4), ("Mai", 4), ("Trương", 5), ("Cao", 3),
          ("Lương", 3), ("Tạ", 2), ("Hà", 3), ("Tô", 2), ("Quách", 1), ("Chu", 2), ("Kiều", 1), ("Thái", 1),
          ("Phùng", 2), ("Lưu", 2), ("Triệu", 1), ("La", 1), ("Khổng", 1)]
MIDDLE_MALE = [("Văn", 300), ("Đức", 70), ("Minh", 70), ("Quang", 50), ("Hữu", 50), ("Công", 40), ("Ngọc", 30),
               ("Xuân", 30), ("Thanh", 40), ("Đình", 40), ("Trọng", 30), ("Tuấn", 20), ("Duy", 20), ("Mạnh", 20),
               ("Hoàng", 20), ("Anh", 20), ("Bá", 10), ("Quốc", 30), ("Thành", 20), ("Việt", 20)]
MIDDLE_FEMALE = [("Thị", 450), ("Ngọc", 50), ("Thu", 50), ("Thanh", 40), ("Minh", 20), ("Thùy", 30),
                 ("Phương", 30), ("Kim", 30), ("Hồng", 30), ("Mai", 15), ("Bích", 15), ("Hoài", 10), ("Diệu", 10),
                 ("Khánh", 15), ("Thị Thu", 30), ("Thị Thanh", 20), ("Thị Ngọc", 20), ("Thị Kim", 10)]
GIVEN_MALE = [("Anh", 40), ("Minh", 40), ("Hùng", 40), ("Dũng", 40), ("Tuấn", 40), ("Hải", 35), ("Nam", 35),
              ("Long", 30), ("Sơn", 30), ("Thắng", 25), ("Cường", 25), ("Hòa", 20), ("Bình", 25), ("Quân", 20),
              ("Trung", 25), ("Hiếu", 20), ("Phúc", 15), ("Tài", 10), ("Đức", 25), ("Huy", 25), ("Khoa", 10),
              ("Thành", 30), ("Tùng", 20), ("Việt", 15), ("Vinh", 20), ("Lâm", 10), ("Hưng", 20), ("Phong", 15),
              ("Toàn", 15), ("Khánh", 15), ("Quang", 20), ("Lợi", 10), ("Hoàng", 15), ("Tiến", 20), ("Kiên", 10),
              ("Thịnh", 10), ("Nghĩa", 15), ("Hậu", 10), ("Lộc", 10), ("Tâm", 10)]
GIVEN_FEMALE = [("Anh", 40), ("Linh", 40), ("Hương", 40), ("Lan", 35), ("Hoa", 30), ("Mai", 30), ("Trang", 40),
                ("Hà", 35), ("Thảo", 35), ("Ngọc", 25), ("Hằng", 30), ("Huyền", 30), ("Nga", 25), ("Thủy", 30),
                ("Uyên", 15), ("Vân", 20), ("Yến", 20), ("Phương", 30), ("Dung", 20), ("Hạnh", 25), ("Loan", 15),
                ("Nhung", 15), ("Oanh", 10), ("Quyên", 10), ("Trâm", 10), ("Thư", 15), ("Giang", 15), ("Hiền", 20),
                ("Liên", 15), ("Tâm", 10), ("Lý", 5), ("Nhàn", 10), ("Xuân", 10)]

PLACE_WORDS = ["An", "Bình", "Hòa", "Tân", "Phú", "Thạnh", "Đông", "Tây", "Nam", "Bắc", "Hưng", "Thịnh", "Long",
               "Phước", "Thuận", "Mỹ", "Vĩnh", "Quang", "Trung", "Hiệp", "Lộc", "Thành", "Sơn", "Hải", "Minh",
               "Đức", "Phong", "Xuân", "Thắng", "Lợi", "Yên", "Khánh", "Tiên", "Hồng", "Cẩm", "Kim", "Ngọc", "Lạc"]
GRASSROOTS_NAMES = ["Trường Tiểu học {p}", "Trường THCS {p}", "Trạm Y tế {p}", "Công an {p}", "Quân sự {p}",
                    "Hợp tác xã nông nghiệp {p}", "Công ty cổ phần {p}", "Bệnh viện đa khoa {p}", "Trường THPT {p}",
                    "Ủy ban nhân dân {p}", "Mặt trận Tổ quốc {p}", "Ngân hàng Chính sách xã hội {p}"]

LEVELS = ["xuat_sac", "tot", "hoan_thanh", "khong_hoan_thanh"]
LEVEL_WEIGHTS = [12, 70, 16, 2]


@dataclass
class Plan:
    """How big each level is for ``members`` party members (the national figures scaled down)."""

    members: int
    provinces: int
    communes: int
    grassroots: int

    @classmethod
    def for_members(cls, members: int) -> "Plan":
        share = members / NATIONAL_MEMBERS
        provinces = len(PROVINCES)
        communes = max(provinces, round(NATIONAL_COMMUNES * share))
        grassroots = max(communes, round(NATIONAL_GRASSROOTS * share))
        return cls(members=members, provinces=provinces, communes=communes, grassroots=grassroots)


def _weighted(pairs):
    names = [n for n, _ in pairs]
    return names, list(itertools.accumulate(w for _, w in pairs))


@functools.lru_cache(maxsize=200_000)
def _name_keys(full_name: str) -> tuple[str, str]:
    return vietnamese.name_sort_key(full_name), vietnamese.search_key(full_name)


def _split(total: int, weights: list[float]) -> list[int]:
    """``total`` shared out in proportion to ``weights`` (largest remainders), so the parts add up exactly."""
    whole = sum(weights)
    raw = [total * w / whole for w in weights]
    parts = [int(r) for r in raw]
    for i in sorted(range(len(raw)), key=lambda i: raw[i] - parts[i], reverse=True)[: total - sum(parts)]:
        parts[i] += 1
    return parts


class Loader:
    """Writes rows of one model with explicit columns; every other NOT NULL column gets the field's default."""

    def __init__(self, use_copy: bool):
        self.use_copy = use_copy
        self.counts: dict[str, int] = {}
        self.now = timezone.now()

    def _constants(self, model, fields):
        given = set(fields)
        extra = {}
        for field in model._meta.concrete_fields:
            if field.primary_key or field.attname in given or field.null:
                continue
            if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
                extra[field.attname] = self.now
            else:
                extra[field.attname] = field.get_default()
        return extra

    def load(self, model, fields: list[str], rows) -> int:
        """``rows``: tuples in the order of ``fields`` (which include ``id``)."""
        extra = self._constants(model, fields)
        count = 0
        if self.use_copy:
            self._drop_indexes(model)
            columns = [model._meta.get_field(f).column if f != "id" else "id" for f in fields]
            columns += [model._meta.get_field(f).column for f in extra]
            tail = tuple(
                model._meta.get_field(f).get_db_prep_save(v, connection) for f, v in extra.items())
            quoted = ", ".join(f'"{c}"' for c in columns)
            sql = f'COPY "{model._meta.db_table}" ({quoted}) FROM STDIN'
            with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
                for row in rows:
                    copy.write_row(row + tail)
                    count += 1
        else:
            batch = []
            for row in rows:
                batch.append(model(**dict(zip(fields, row, strict=True)), **extra))
                if len(batch) >= 2000:
                    model.objects.bulk_create(batch)
                    count += len(batch)
                    batch = []
            model.objects.bulk_create(batch)
            count += len(batch)
        self.counts[model._meta.label] = self.counts.get(model._meta.label, 0) + count
        return count

    def _drop_indexes(self, model):
        """Plain (non-constraint) indexes are dropped before the first COPY into a table and built once at the end
        (``finish``): building an index over millions of rows at once is several times faster than keeping it up
        to date row by row."""
        table = model._meta.db_table
        if table in self.dropped:
            return
        with connection.cursor() as cursor:
            cursor.execute("SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s AND indexname NOT IN "
                           "(SELECT conname FROM pg_constraint)", [table])
            found = cursor.fetchall()
            for name, _definition in found:
                cursor.execute(f'DROP INDEX "{name}"')
        self.dropped[table] = [definition for _name, definition in found]

    def start(self):
        """PostgreSQL: foreign keys are not checked row by row while loading (the rows are built consistent, and
        the tests check it); ``session_replication_role`` needs a superuser, so without one the checks stay."""
        self.dropped: dict[str, list[str]] = {}
        if not self.use_copy:
            return
        with connection.cursor() as cursor:
            cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
            if cursor.fetchone()[0]:
                cursor.execute("SET LOCAL session_replication_role = replica")

    def finish(self):
        if not self.use_copy:
            return
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL maintenance_work_mem = '512MB'")
            for definitions in self.dropped.values():
                for definition in definitions:
                    cursor.execute(definition)
            cursor.execute("SET LOCAL session_replication_role = origin")

    def reset_sequences(self, models_):
        if connection.vendor != "postgresql":
            return
        with connection.cursor() as cursor:
            for model in models_:
                table = model._meta.db_table
                cursor.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                               f"COALESCE((SELECT MAX(id) FROM \"{table}\"), 0) + 1, false)")


class NationBuilder:
    """Builds the country in one pass down the tree; ids are handed out here so nothing is read back."""

    def __init__(self, plan: Plan, seed: int = 2025, today: datetime.date | None = None, log=None):
        self.plan = plan
        self.rng = random.Random(seed)
        self.today = today or timezone.localdate()
        self.year = self.today.year
        self.log = log or (lambda message: None)
        self.loader = Loader(use_copy=connection.vendor == "postgresql")
        self.timings: dict[str, float] = {}

    # --- ids ------------------------------------------------------------------------------------------

    def _next_ids(self, models_):
        ids = {}
        for model in models_:
            top = model.objects.aggregate(top=models.Max("id"))["top"] or 0
            ids[model] = itertools.count(top + 1)
        return ids

    def _step(self, label, started):
        self.timings[label] = round(time.perf_counter() - started, 2)
        self.log(f"{label}: {self.timings[label]} s")
        return time.perf_counter()

    # --- the tree -------------------------------------------------------------------------------------

    def build(self) -> dict:
        from capuy.conferences.models import Conference
        from capuy.documents.models import Document, DocumentType, NumberCounter
        from capuy.members.models import PartyMember, Rating, RatingCampaign, StatusChange
        from capuy.organizations.models import Body, BodyMembership, Organization, Person, Term
        from capuy.targets.models import Indicator, Result, Target

        all_models = [Organization, Person, PartyMember, StatusChange, Term, Body, BodyMembership, Conference,
                      Document, NumberCounter, RatingCampaign, Rating, Target, Result]
        self.ids = self._next_ids(all_models)
        self.loader.start()
        started = time.perf_counter()
        self._tree(Organization)
        started = self._step("organizations", started)
        self._people(Person, PartyMember, StatusChange)
        started = self._step("members", started)
        self._terms_and_bodies(Term, Body, BodyMembership)
        started = self._step("terms_and_bodies", started)
        doc_type = DocumentType.objects.filter(symbol="NQ").first() or DocumentType.objects.bulk_create(
            [DocumentType(symbol="NQ", name="Nghị quyết", order=1)])[0]
        self._conferences_and_documents(Conference, Document, NumberCounter, doc_type)
        started = self._step("conferences_and_documents", started)
        self._targets(Indicator, Target, Result)
        started = self._step("targets", started)
        self._ratings(RatingCampaign, Rating)
        started = self._step("ratings", started)
        self.loader.finish()
        started = self._step("indexes", started)
        self.loader.reset_sequences(all_models)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        self._step("analyze", started)
        return {"counts": self.loader.counts, "timings": self.timings}

    def _tree(self, Organization):
        from capuy.organizations.models import PATH_STEP

        K = Organization.Kind
        plan, rng, ids = self.plan, self.rng, self.ids[Organization]
        rows = []
        self.provinces, self.communes, self.grassroots, self.cells = [], [], [], []
        self.org_info = {}  # id -> (kind, path, name)
        self.org_committee, self.org_symbol = {}, {}

        def make(parent_path, kind, name, committee, place, symbol, heading):
            pk = next(ids)
            path = f"{parent_path}{pk:0{PATH_STEP}d}/"
            parent_id = int(parent_path[-PATH_STEP - 1:-1]) if parent_path else None
            search = vietnamese.search_key(" ".join(filter(None, [name, committee])))
            rows.append((pk, parent_id, path, path.count("/") - 1, kind, name, committee, "", symbol, place, heading,
                         datetime.date(2025, 7, 1), search))
            self.org_info[pk] = (kind, path, name)
            self.org_committee[pk], self.org_symbol[pk] = committee or name, symbol
            return pk, path

        weights = [w for _, _, w in PROVINCES][: plan.provinces]
        communes_per = [max(1, c) for c in _split(plan.communes, weights)]
        for (name, city, _), n_communes in zip(PROVINCES[: plan.provinces], communes_per, strict=True):
            level = "thành phố" if city else "tỉnh"
            heading = f"ĐẢNG BỘ {level.upper()} {name.upper()}"
            province = make("", K.PROVINCE, f"Đảng bộ {level} {name}", f"{'Thành' if city else 'Tỉnh'} ủy {name}",
                            name, "TU", "ĐẢNG CỘNG SẢN VIỆT NAM")
            self.provinces.append(province)
            for c in range(n_communes):
                ward = rng.random() < (0.6 if city else 0.15)
                place = f"{rng.choice(PLACE_WORDS)} {rng.choice(PLACE_WORDS)}"
                if c >= 30:
                    place = f"{place} {c // 30}"
                unit = "phường" if ward else "xã"
                commune = make(province[1], K.DISTRICT, f"Đảng bộ {unit} {place}", f"Đảng ủy {unit} {place}",
                               place, "ĐU", heading)
                self.communes.append(commune)
        grassroots_per = _split(plan.grassroots - len(self.communes), [1.0] * len(self.communes))
        for commune, extra in zip(self.communes, grassroots_per, strict=True):
            place = self.org_info[commune[0]][2].split(" ", 2)[2]
            # The commune's own villages and quarters: one grassroots-level organization with several cells.
            for g in range(1 + extra):
                if g == 0:
                    with_cells, name = True, f"Đảng bộ cơ quan {place}"
                else:
                    with_cells = rng.random() < 0.55
                    label = rng.choice(GRASSROOTS_NAMES).format(p=place)
                    name = f"{'Đảng bộ' if with_cells else 'Chi bộ'} {label}" + (f" {g}" if g > 12 else "")
                kind = K.GRASSROOTS if with_cells else K.GRASSROOTS_CELL
                grassroots = make(commune[1], kind, name, f"Đảng ủy {name[8:]}" if with_cells else "", place,
                                  "ĐU" if with_cells else "CB", "")
                self.grassroots.append(grassroots)
                if with_cells:
                    for n in range(1, rng.randint(3, 8) + 1):
                        word = rng.choice(["thôn", "tổ dân phố", "khu phố", "ấp", "phòng"])
                        self.cells.append(make(grassroots[1], K.CELL, f"Chi bộ {word} {n}", "", place, "CB", ""))
                else:
                    self.cells.append(grassroots)
        self.loader.load(Organization, ["id", "parent_id", "path", "depth", "kind", "name", "committee_name",
                                        "short_name", "issuer_symbol", "place_name", "superior_heading",
                                        "valid_from", "search_text"], iter(rows))

    def _people(self, Person, PartyMember, StatusChange):
        plan, rng = self.plan, self.rng
        family, family_cum = _weighted(FAMILY)
        middles = {"nam": _weighted(MIDDLE_MALE), "nu": _weighted(MIDDLE_FEMALE)}
        givens = {"nam": _weighted(GIVEN_MALE), "nu": _weighted(GIVEN_FEMALE)}
        per_cell = _split(plan.members, [rng.uniform(0.3, 1.7) for _ in self.cells])
        self.cell_people = {}  # cell id -> (first person id, count)
        person_ids, member_ids, change_ids = self.ids[Person], self.ids[PartyMember], self.ids[StatusChange]
        people, members, changes = [], [], []
        today = self.today
        day0 = datetime.date(1940, 1, 1).toordinal()

        def person_rows():
            # Drawn a cell at a time (one ``choices`` call per column), which is several times faster than per row.
            for (cell_id, _path), count in zip(self.cells, per_cell, strict=True):
                first = None
                if count:
                    women = [rng.random() < 0.38 for _ in range(count)]
                    families = rng.choices(family, cum_weights=family_cum, k=count)
                    middle = {g: rng.choices(middles[g][0], cum_weights=middles[g][1], k=count) for g in middles}
                    given = {g: rng.choices(givens[g][0], cum_weights=givens[g][1], k=count) for g in givens}
                    born_days = rng.choices(range(23_000), k=count)  # 1940–2002
                    ages = rng.choices(range(18, 41), k=count)
                    for i in range(count):
                        pk = next(person_ids)
                        first = first or pk
                        gender = "nu" if women[i] else "nam"
                        full = f"{families[i]} {middle[gender][i]} {given[gender][i]}"
                        sort_key, search = _name_keys(full)
                        born = datetime.date.fromordinal(day0 + born_days[i])
                        admitted = born.replace(year=born.year + ages[i], day=min(born.day, 28))
                        if admitted > today:
                            admitted = today - datetime.timedelta(days=30 + born_days[i] % 670)
                        people.append((pk, full, gender, born, "", cell_id, sort_key, search))
                        members.append((pk, admitted))
                if len(people) >= 50_000:
                    yield from people
                    people.clear()
                self.cell_people[cell_id] = (first, count)
            yield from people
            people.clear()

        # Persons first (members reference them); member rows are kept to a small tuple each.
        self.loader.load(Person, ["id", "full_name", "gender", "birth_date", "phone", "organization_id", "sort_key",
                                  "search_text"], person_rows())
        year_ago = today - datetime.timedelta(days=365)

        first_member = None
        self.off_rolls = set()  # member ids no longer on the rolls: not rated

        def member_rows():
            nonlocal first_member
            for person_id, admitted in members:
                pk = next(member_ids)
                first_member = first_member or pk
                official = admitted + datetime.timedelta(days=365)
                official = official if official <= today else None
                status, flag = ("official" if official else "probationary"), None
                roll = rng.random()
                if official and roll < 0.015:
                    status, flag = "exempt", "exempt"
                elif roll < 0.018:
                    status, flag = "temporarily_transferred", "temporarily_transferred"
                elif roll < 0.0185:
                    status, flag = "suspended", "suspended"
                elif roll < 0.0215:
                    status = "deceased"
                if status == "deceased":
                    self.off_rolls.add(pk)
                if status not in ("official", "probationary"):
                    day = max(admitted, year_ago) + datetime.timedelta(days=rng.randrange(0, 300))
                    changes.append((next(change_ids), pk, status, min(day, today), "", ""))
                yield (pk, person_id, f"{person_id:08d}", admitted, official, flag == "temporarily_transferred",
                       flag == "exempt", flag == "suspended", False, status)

        self.loader.load(PartyMember, ["id", "person_id", "card_number", "admission_date", "official_date",
                                       "temporarily_transferred", "exempt", "suspended", "prosecuted", "status"],
                         member_rows())
        # Members were numbered in the order of their persons: member id = person id + offset.
        self.member_offset = (first_member - members[0][0]) if members else 0
        members.clear()
        self.loader.load(StatusChange, ["id", "member_id", "status", "date", "decision", "note"], iter(changes))

    # --- terms, bodies and who sits on them -------------------------------------------------------------

    def _ranges(self):
        """Person id range (first, end) of every organization's subtree: people were numbered cell by cell in
        tree order, so a subtree's people are consecutive."""
        from capuy.organizations.models import PATH_STEP

        ranges = {}
        for cell_id, _path in self.cells:
            first, count = self.cell_people[cell_id]
            if not count:
                continue
            path = self.org_info[cell_id][1]
            for end in range(PATH_STEP + 1, len(path) + 1, PATH_STEP + 1):
                org = int(path[end - PATH_STEP - 1:end - 1])
                lo, hi = ranges.get(org, (first, first + count))
                ranges[org] = (min(lo, first), max(hi, first + count))
        return ranges

    def _terms_and_bodies(self, Term, Body, BodyMembership):
        from capuy.organizations.models import Organization

        K, B = Organization.Kind, Body.Kind
        rng, terms, bodies = self.rng, [], []
        term_ids, body_ids, membership_ids = self.ids[Term], self.ids[Body], self.ids[BodyMembership]
        ranges = self._ranges()
        self.term_of, self.bodies_of, self.secretary = {}, {}, {}
        plan_by_kind = {  # kind -> (congress numbers, congress month, bodies with seats)
            K.PROVINCE: ((1, 21), 10, [(B.EXECUTIVE, 55), (B.STANDING, 15), (B.INSPECTION, 11)]),
            K.DISTRICT: ((1, 1), 8, [(B.EXECUTIVE, 19), (B.STANDING, 7), (B.INSPECTION, 5)]),
            K.GRASSROOTS: ((3, 25), 6, [(B.EXECUTIVE, 9), (B.INSPECTION, 3)]),
            K.GRASSROOTS_CELL: ((3, 25), 5, [(B.CELL_MEETING, None), (B.CELL_COMMITTEE, 3)]),
            K.CELL: ((3, 25), 5, [(B.CELL_MEETING, None), (B.CELL_COMMITTEE, 3)]),
        }
        memberships = []
        roles = {B.EXECUTIVE: ["bi_thu", "pho_bi_thu_tt", "pho_bi_thu"], B.STANDING: ["bi_thu", "pho_bi_thu_tt",
                 "pho_bi_thu"], B.INSPECTION: ["chu_nhiem", "pho_chu_nhiem"], B.CELL_COMMITTEE: ["bi_thu", "pho_bi_thu"]}
        for org_id, (kind, _path, _name) in self.org_info.items():
            numbers, month, body_plan = plan_by_kind[kind]
            congress = rng.randint(*numbers)
            start = datetime.date(2025, month, rng.randint(1, 28))
            term_id = next(term_ids)
            terms.append((term_id, org_id, congress, 2025, 2030, start))
            self.term_of[org_id] = (term_id, start)
            lo, hi = ranges.get(org_id, (0, 0))
            pool = rng.sample(range(lo, hi), min(hi - lo, 90)) if hi > lo else []
            executive = []
            self.bodies_of[org_id] = {}
            for body_kind, size in body_plan:
                if body_kind == B.CELL_COMMITTEE and hi - lo < 9:
                    continue  # a cell of fewer than 9 members has a secretary, no chi ủy (Party Charter art. 24)
                body_id = next(body_ids)
                bodies.append((body_id, org_id, term_id, body_kind, size))
                self.bodies_of[org_id][body_kind] = body_id
                if size is None:
                    continue
                if body_kind == B.STANDING:
                    chosen = executive[:size]
                elif body_kind == B.INSPECTION:
                    chosen = pool[len(executive):len(executive) + size]
                else:
                    chosen = pool[:size]
                    executive = chosen
                if body_kind in (B.EXECUTIVE, B.CELL_COMMITTEE) and chosen:
                    self.secretary[org_id] = chosen[0]
                lead = roles[body_kind]
                for i, person_id in enumerate(chosen):
                    role = lead[i] if i < len(lead) else ("uv_btv" if body_kind == B.STANDING else "uy_vien")
                    memberships.append((next(membership_ids), body_id, person_id, role, start, "", ""))
            if kind in (K.GRASSROOTS_CELL, K.CELL) and org_id not in self.secretary and pool:
                self.secretary[org_id] = pool[0]
                if (body_id := self.bodies_of[org_id].get(B.CELL_MEETING)) is not None:
                    memberships.append((next(membership_ids), body_id, pool[0], "bi_thu", start, "", ""))
        self.loader.load(Term, ["id", "organization_id", "congress_number", "start_year", "end_year", "start_date"],
                         iter(terms))
        self.loader.load(Body, ["id", "organization_id", "term_id", "kind", "seats"], iter(bodies))
        self.loader.load(BodyMembership, ["id", "body_id", "person_id", "role", "start_date", "end_reason",
                                          "end_decision"], iter(memberships))

    # --- a year of work --------------------------------------------------------------------------------

    def _months(self):
        """The twelve months ending with the current one: (year, month)."""
        y, m = self.today.year, self.today.month
        out = []
        for _ in range(12):
            out.append((y, m))
            y, m = (y, m - 1) if m > 1 else (y - 1, 12)
        return out[::-1]

    def _conferences_and_documents(self, Conference, Document, NumberCounter, doc_type):
        from capuy.organizations.models import Body, Organization

        K, B = Organization.Kind, Body.Kind
        rng, today = self.rng, self.today
        conference_ids, document_ids, counter_ids = self.ids[Conference], self.ids[Document], self.ids[NumberCounter]
        months = self._months()
        conferences, documents, counters = [], [], []
        schedule = {  # kind -> [(body kind, months between meetings)]
            K.PROVINCE: [(B.STANDING, 1), (B.EXECUTIVE, 3)], K.DISTRICT: [(B.STANDING, 1), (B.EXECUTIVE, 3)],
            K.GRASSROOTS: [(B.EXECUTIVE, 3)], K.GRASSROOTS_CELL: [(B.CELL_MEETING, 1)], K.CELL: [(B.CELL_MEETING, 1)],
        }
        authority = {B.STANDING: "tm_btv", B.EXECUTIVE: "tm_bch", B.CELL_MEETING: "tm_chi_bo"}
        for org_id, (kind, _path, name) in self.org_info.items():
            term_id, term_start = self.term_of[org_id]
            issued = 0
            committee = ""
            for body_kind, every in schedule[kind]:
                body_id = self.bodies_of[org_id].get(body_kind)
                if body_id is None:
                    continue
                number = 0
                for index, (year, month) in enumerate(months):
                    if (index + 1) % every:
                        continue
                    day = datetime.date(year, month, rng.randint(3, 26))
                    if day <= term_start:
                        continue
                    number += 1
                    period = f"tháng {month} năm {year}" if every == 1 else f"quý {(month - 1) // 3 + 1} năm {year}"
                    year_end = month == 12 and every == 3
                    status = "closed" if day < today else ("invited" if (day - today).days < 14 else "draft")
                    conference_id = next(conference_ids)
                    subject = ("Tổng kết công tác năm" if year_end else "Đánh giá kết quả thực hiện nhiệm vụ "
                               f"{period}, phương hướng nhiệm vụ thời gian tới")
                    conferences.append((conference_id, org_id, body_id, term_id, number,
                                        "year_end" if year_end else "regular", subject, period, day,
                                        "morning", f"Hội trường {name}", status, ""))
                    if status != "closed" or kind in (K.CELL, K.GRASSROOTS_CELL):
                        continue
                    issued += 1
                    committee = committee or self.org_committee.get(org_id, name)
                    title = f"Nghị quyết hội nghị {Body.Kind(body_kind).label.lower()} {period}"
                    symbol = self.org_symbol.get(org_id, "ĐU")
                    label = f"Số {issued:02d}-{doc_type.symbol}/{symbol}"
                    content = f"{subject}. Giao các cơ quan tham mưu tổ chức thực hiện, báo cáo kết quả."
                    search = vietnamese.search_key(" ".join([doc_type.name, doc_type.symbol, label, title, committee,
                                                             content]))
                    documents.append((next(document_ids), doc_type.pk, org_id, body_id, term_id, False, committee,
                                      issued, doc_type.symbol, day, title, content, authority[body_kind],
                                      self.secretary.get(org_id), "BÍ THƯ", "- Như trên,\n- Lưu Văn phòng.", "thuong",
                                      "issued", conference_id, search))
            if issued:
                counters.append((next(counter_ids), org_id, term_id, doc_type.symbol,
                                 f"{org_id}:{term_id}:{doc_type.symbol}", issued))
        self.loader.load(Conference, ["id", "organization_id", "body_id", "term_id", "number", "kind", "subject",
                                      "reviewed_period", "date", "session", "venue", "status", "conclusion"],
                         iter(conferences))
        conferences.clear()
        self.loader.load(Document, ["id", "doc_type_id", "organization_id", "body_id", "term_id", "congress",
                                    "issuer_name", "number", "sequence_key", "issued_on", "title", "content",
                                    "authority", "signer_id", "signer_position", "recipients", "secrecy", "status",
                                    "source_conference_id", "search_text"], iter(documents))
        self.loader.load(NumberCounter, ["id", "organization_id", "term_id", "sequence_key", "scope", "last_number"],
                         iter(counters))

    def _targets(self, Indicator, Target, Result):
        from capuy.organizations.models import Organization

        K, rng = Organization.Kind, self.rng
        plan = [("NATION-KN", "Tỷ lệ kết nạp đảng viên mới so với tổng số đảng viên", "%", "percent", "party"),
                ("NATION-HTT", "Tỷ lệ tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ trở lên", "%", "percent", "party"),
                ("NATION-TN", "Thu nhập bình quân đầu người", "triệu đồng", "number", "economy"),
                ("NATION-NTM", "Số xã đạt chuẩn nông thôn mới nâng cao", "xã", "integer", "society")]
        indicators = []
        for order, (code, name, unit, value_type, group) in enumerate(plan, 1):
            # bulk_create, like every row here: no history entry for generated data.
            indicator = Indicator.objects.filter(code=code).first() or Indicator.objects.bulk_create([Indicator(
                code=code, name=name, report_name=name, unit=unit, value_type=value_type, group=group, order=order)])[0]
            indicators.append(indicator)
        targets, results = [], []
        target_ids, result_ids = self.ids[Target], self.ids[Result]
        for org_id, (kind, _path, _name) in self.org_info.items():
            if kind not in (K.PROVINCE, K.DISTRICT, K.GRASSROOTS):
                continue
            term_id, _start = self.term_of[org_id]
            for indicator in indicators:
                goal = round(rng.uniform(2, 95), 1)
                targets.append((next(target_ids), org_id, indicator.pk, term_id, None, "term", 0, goal,
                                "Nghị quyết Đại hội nhiệm kỳ 2025–2030"))
                for kind_, year, number in (("year", self.year - 1, 0), ("6m", self.year, 6)):
                    results.append((next(result_ids), org_id, indicator.pk, kind_, year, number, term_id,
                                    round(goal * rng.uniform(0.7, 1.2), 2), "", "approved", True))
        self.loader.load(Target, ["id", "organization_id", "indicator_id", "term_id", "year", "period_kind",
                                  "period_number", "value", "source"], iter(targets))
        self.loader.load(Result, ["id", "organization_id", "indicator_id", "period_kind", "year", "period_number",
                                  "term_id", "value", "note", "status", "published"], iter(results))

    def _ratings(self, RatingCampaign, Rating):
        """This year's rating of every member on the rolls, in progress (December is the rating season)."""
        from capuy.organizations.models import PATH_STEP

        rng = self.rng
        campaign_ids, rating_ids = self.ids[RatingCampaign], self.ids[Rating]
        campaigns, campaign_of = [], {}
        for org_id, _path in self.grassroots:
            campaign_id = next(campaign_ids)
            campaign_of[org_id] = campaign_id
            campaigns.append((campaign_id, org_id, "members", "year", self.year))
        self.loader.load(RatingCampaign, ["id", "organization_id", "subject", "period", "year"], iter(campaigns))
        grassroots_depth = 2  # province / commune / grassroots

        def rows():
            for cell_id, path in self.cells:
                start = grassroots_depth * (PATH_STEP + 1)
                campaign = campaign_of[int(path[start:start + PATH_STEP])]
                first, count = self.cell_people[cell_id]
                for person_id in range(first, first + count) if count else ():
                    if person_id + self.member_offset in self.off_rolls:
                        continue
                    roll = rng.random()
                    step = "pending" if roll < 0.2 else "self" if roll < 0.7 else "appraised"
                    level = rng.choices(LEVELS, weights=LEVEL_WEIGHTS)[0]
                    yield (next(rating_ids), campaign, person_id + self.member_offset, cell_id, step,
                           level if step != "pending" else "", level if step == "appraised" else "")

        self.loader.load(Rating, ["id", "campaign_id", "member_id", "unit_id", "step", "self_level",
                                  "appraisal_level"], rows())


def generate(members: int, seed: int = 2025, log=None) -> dict:
    """Fill the database with a country of ``members`` party members (``NationBuilder``); returns counts and
    timings. Refuses on SQLite above ``SQLITE_LIMIT`` members and on a database that already has organizations."""
    from django.core.exceptions import ValidationError

    from capuy.organizations.models import Organization

    if members < 1:
        raise ValidationError("Số đảng viên phải lớn hơn 0.")
    if connection.vendor != "postgresql" and members > SQLITE_LIMIT:
        raise ValidationError(
            f"Cơ sở dữ liệu {connection.vendor} chỉ tạo được tối đa {SQLITE_LIMIT:,} đảng viên (không có COPY); "
            "hãy dùng PostgreSQL (DATABASE_URL=postgres://…) hoặc giảm --members.".replace(",", "."))
    if Organization.objects.exists():
        raise ValidationError("Cơ sở dữ liệu đã có tổ chức đảng; chỉ tạo dữ liệu toàn quốc trên cơ sở dữ liệu trống.")
    builder = NationBuilder(Plan.for_members(members), seed=seed, log=log)
    with transaction.atomic():
        return builder.build()
