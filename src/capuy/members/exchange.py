"""Import and export of member lists as Excel (.xlsx) and CSV; the columns are in README.md.

An import reads every row, validates all of them, and applies all or nothing: one bad row and
nothing is saved, and each bad row is reported with its number and reason. Rows whose card number
already exists update that member; other rows create a person and a member, in batches.
"""

import csv
import datetime
import io
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import prefetch_related_objects
from django.utils import timezone

from capuy.core import spreadsheets, uploads, vietnamese
from capuy.members.models import (
    ENDS_BODY_MEMBERSHIPS,
    OFF_ROLLS,
    STATUS_FLAGS,
    PartyMember,
    Status,
    StatusChange,
    Transfer,
)
from capuy.organizations.models import Organization, Person

# (key, header) in file order; headers are what the files carry.
COLUMNS = [
    ("card_number", "Số thẻ đảng viên"),
    ("full_name", "Họ và tên"),
    ("birth_date", "Ngày sinh"),
    ("gender", "Giới tính"),
    ("admission_date", "Ngày vào Đảng"),
    ("official_date", "Ngày chính thức"),
    ("organization_id", "Mã chi bộ"),
    ("organization_name", "Chi bộ"),
    ("status", "Trạng thái"),
    ("status_date", "Từ ngày (trạng thái)"),
    ("phone", "Điện thoại"),
    ("email", "Thư điện tử"),
]
HEADERS = [h for _, h in COLUMNS]
REQUIRED = {"full_name", "admission_date"}
STATUS_BY_LABEL = {vietnamese.search_key(label): value for value, label in Status.choices}
GENDER_BY_LABEL = {"nam": Person.Gender.MALE, "nu": Person.Gender.FEMALE, "": ""}
BATCH = 2000


class ImportFailed(Exception):
    """The file was refused; ``errors`` lists (row number, message) in Vietnamese."""

    def __init__(self, errors):
        self.errors = errors
        super().__init__("; ".join(self.messages()[:20]))

    def messages(self) -> list[str]:
        return [f"Dòng {row}: {msg}" if row else msg for row, msg in self.errors]


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    rows: int = 0
    warnings: list = field(default_factory=list)
    outcomes: list = field(default_factory=list)  # (row number, "Thêm mới" | "Cập nhật", name), file order


# --- reading ---------------------------------------------------------------------------------------


IMPORT_FILES = uploads.Accepts(("xlsx", "csv"), max_mb=10)


def read_rows(data: bytes, filename: str) -> list[list]:
    """The rows of a .xlsx or .csv file (header included), as lists of cells."""
    try:
        uploads.check_bytes(data, filename, IMPORT_FILES)
    except ValidationError as exc:
        raise ImportFailed([(0, uploads.message(exc))]) from exc
    name = filename.lower()
    if name.endswith(".xlsx"):
        import openpyxl

        try:
            book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises several kinds for a damaged file
            raise ImportFailed([(0, "Không đọc được tệp Excel (.xlsx); hãy kiểm tra lại tệp.")]) from exc
        sheet = book.worksheets[0]
        rows = [list(r) for r in sheet.iter_rows(values_only=True)]
        book.close()
        return rows
    if name.endswith(".csv"):
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise ImportFailed([(0, "Tệp CSV phải được lưu với bảng mã UTF-8.")]) from exc
        sample = text[:4096]
        delimiter = ";" if sample.count(";") > sample.count(",") else ","
        return list(csv.reader(io.StringIO(text), delimiter=delimiter))
    raise ImportFailed([(0, "Chỉ nhận tệp Excel (.xlsx) hoặc CSV (.csv).")])


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


def parse_date(value) -> datetime.date | None:
    """dd/mm/yyyy (also with - or .), yyyy-mm-dd, or an Excel date cell."""
    if value in (None, ""):
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = str(value).strip()
    if not text:
        return None
    try:
        if len(text) == 10 and text[4] == "-":
            return datetime.date.fromisoformat(text)
        parts = text.replace("-", "/").replace(".", "/").split("/")
        if len(parts) == 3:
            d, m, y = (int(p) for p in parts)
            if y < 1000:
                raise ValueError
            return datetime.date(y, m, d)
    except ValueError:
        pass
    raise ValueError(f"ngày \"{text}\" không hợp lệ (dùng dạng ngày/tháng/năm, ví dụ 05/10/2023)")


# --- import ----------------------------------------------------------------------------------------------


def _header_map(header: list) -> dict[str, int]:
    keys = {vietnamese.search_key(h): k for k, h in COLUMNS}
    keys.update({k: k for k, _ in COLUMNS})  # the English keys are accepted too
    out = {}
    for i, cell in enumerate(header):
        key = keys.get(vietnamese.search_key(_text(cell))) or keys.get(_text(cell))
        if key:
            out[key] = i
    return out


def _no_progress(done, total=None, message=None, force=False):
    pass


def import_members(data: bytes, filename: str, root: Organization, by=None, today=None,
                   progress=_no_progress) -> ImportResult:
    """Validate every row of the file, then create or update all members, or nothing at all.

    Members are placed in a cell of ``root``'s subtree, found by "Mã chi bộ" (its id) or by the exact
    name in "Chi bộ". A card number already in capuy updates that member, if it is in the subtree.
    ``progress(done, total, message)`` hears how far the check has gone (a background job's progress bar);
    the save itself is one transaction, reported before it starts.
    """
    today = today or timezone.localdate()
    progress(0, 0, "Đang đọc tệp…", force=True)
    rows = read_rows(data, filename)
    if not rows:
        raise ImportFailed([(0, "Tệp không có dữ liệu.")])
    columns = _header_map(rows[0])
    missing = [h for k, h in COLUMNS if k in REQUIRED and k not in columns]
    if "organization_id" not in columns and "organization_name" not in columns:
        missing.append("Mã chi bộ hoặc Chi bộ")
    if missing:
        raise ImportFailed([(1, "thiếu cột " + ", ".join(f"\"{m}\"" for m in missing) + ".")])

    orgs = list(Organization.objects.subtree(root).only("pk", "name", "path", "valid_to"))
    by_id = {o.pk: o for o in orgs}
    by_name: dict[str, list] = {}
    for o in orgs:
        by_name.setdefault(vietnamese.search_key(o.name), []).append(o)

    cards_in_file = [_text(r[columns["card_number"]]) for r in rows[1:]
                     if "card_number" in columns and len(r) > columns["card_number"]]
    existing = {}
    for chunk_start in range(0, len(cards_in_file), 5000):
        chunk = [c for c in cards_in_file[chunk_start:chunk_start + 5000] if c]
        for m in PartyMember.objects.filter(card_number__in=chunk).select_related("person__organization"):
            existing[m.card_number] = m

    errors, parsed, seen_cards = [], [], {}
    total = len(rows) - 1
    for number, raw in enumerate(rows[1:], start=2):
        progress(number - 2, total, f"Đang kiểm tra dòng {number}")

        def cell(key, raw=raw):
            i = columns.get(key)
            return raw[i] if i is not None and i < len(raw) else None

        if all(_text(c) == "" for c in raw):
            continue
        row_errors = []
        full_name = vietnamese.normalize_name(_text(cell("full_name")))
        if not full_name:
            row_errors.append("thiếu họ và tên")
        card = _text(cell("card_number"))
        if card:
            if len(card) > 20:
                row_errors.append("số thẻ đảng viên dài quá 20 ký tự")
            if card in seen_cards:
                row_errors.append(f"số thẻ {card} trùng với dòng {seen_cards[card]}")
            seen_cards.setdefault(card, number)
        dates = {}
        for key, label in (("birth_date", "ngày sinh"), ("admission_date", "ngày vào Đảng"),
                           ("official_date", "ngày chính thức"), ("status_date", "ngày của trạng thái")):
            try:
                dates[key] = parse_date(cell(key))
            except ValueError as exc:
                row_errors.append(f"{label}: {exc}")
                dates[key] = None
        admission, official, born = dates["admission_date"], dates["official_date"], dates["birth_date"]
        if admission is None and "ngày vào Đảng" not in " ".join(row_errors):
            row_errors.append("thiếu ngày vào Đảng")
        if admission and official and official < admission:
            row_errors.append("ngày chính thức trước ngày vào Đảng")
        if admission and born and admission <= born:
            row_errors.append("ngày vào Đảng không sau ngày sinh")
        if admission and admission > today:
            row_errors.append("ngày vào Đảng ở tương lai")
        gender_text = vietnamese.search_key(_text(cell("gender")))
        gender = GENDER_BY_LABEL.get(gender_text)
        if gender is None:
            row_errors.append(f"giới tính \"{_text(cell('gender'))}\" không hợp lệ (Nam hoặc Nữ)")
        status_text = vietnamese.search_key(_text(cell("status")))
        status = STATUS_BY_LABEL.get(status_text) if status_text else None
        if status_text and status is None:
            row_errors.append(f"trạng thái \"{_text(cell('status'))}\" không hợp lệ")
        if status == Status.OFFICIAL and not official:
            row_errors.append("trạng thái chính thức nhưng thiếu ngày chính thức")
        status_date = dates["status_date"]
        if status_date and admission and status_date < admission:
            row_errors.append("ngày của trạng thái trước ngày vào Đảng")
        if status_date and status_date > today:
            row_errors.append("ngày của trạng thái ở tương lai")

        org = None
        org_id, org_name = _text(cell("organization_id")), _text(cell("organization_name"))
        if org_id:
            org = by_id.get(int(org_id)) if org_id.isdigit() else None
            if org is None:
                row_errors.append(f"mã chi bộ {org_id} không thuộc {root}")
        elif org_name:
            found = by_name.get(vietnamese.search_key(org_name), [])
            if len(found) == 1:
                org = found[0]
            elif not found:
                row_errors.append(f"không tìm thấy chi bộ \"{org_name}\" trong {root}")
            else:
                row_errors.append(f"có {len(found)} tổ chức tên \"{org_name}\"; hãy ghi mã chi bộ")
        else:
            row_errors.append("thiếu chi bộ")

        member = existing.get(card) if card else None
        if member is not None and not (member.person.organization and member.person.organization.path.startswith(root.path)):
            row_errors.append(f"số thẻ {card} đã thuộc một đảng viên ngoài {root}")
        email = _text(cell("email"))
        if email and ("@" not in email or " " in email):
            row_errors.append(f"thư điện tử \"{email}\" không hợp lệ")

        if row_errors:
            errors.append((number, "; ".join(row_errors) + "."))
            continue
        parsed.append({
            "row": number, "member": member, "card": card or None, "full_name": full_name, "birth_date": born,
            "gender": gender, "admission_date": admission, "official_date": official, "organization": org,
            "status": status, "status_date": status_date or today, "phone": _text(cell("phone"))[:30],
            "email": email,
        })
    if errors:
        raise ImportFailed(errors)
    if not parsed:
        raise ImportFailed([(0, "Tệp không có dòng dữ liệu nào.")])
    progress(total, total, f"Đã kiểm tra {total} dòng; đang lưu (tất cả hoặc không dòng nào)…", force=True)
    return _apply(parsed, by)


_SORT_KEYS: dict[str, str] = {}


def _sort_key(full_name: str) -> str:
    """``name_sort_key`` remembered per import: full names repeat a great deal in a member list."""
    key = _SORT_KEYS.get(full_name)
    if key is None:
        if len(_SORT_KEYS) > 200_000:
            _SORT_KEYS.clear()
        key = _SORT_KEYS[full_name] = vietnamese.name_sort_key(full_name)
    return key


def insert_rows(model, rows: list[dict]) -> list[int]:
    """Insert plain rows (field attname → value) and return their ids, in order.

    On PostgreSQL the ids are taken from the table's sequence and the rows sent with COPY, which is
    many times faster than ``bulk_create`` for a list of 100,000 members; elsewhere ``bulk_create``.
    Fields a row leaves out get their model default.
    """
    if not rows:
        return []
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    defaults = {f.attname: f.get_default() for f in fields if f.attname not in rows[0]}
    if connection.vendor != "postgresql":
        objects = [model(**(defaults | row)) for row in rows]
        model.objects.bulk_create(objects)
        return [o.pk for o in objects]
    table = model._meta.db_table
    columns = [f.attname for f in fields]
    with connection.cursor() as cursor:
        cursor.execute("SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                       [table, len(rows)])
        ids = [r[0] for r in cursor.fetchall()]
        names = ", ".join(connection.ops.quote_name(c) for c in ["id", *[f.column for f in fields]])
        with cursor.copy(f"COPY {connection.ops.quote_name(table)} ({names}) FROM STDIN") as copy:
            for pk, row in zip(ids, rows, strict=True):
                values = defaults | row
                copy.write_row([pk, *[values[c] for c in columns]])
    return ids


def update_rows(model, objects, attnames: list[str]):
    """Write ``attnames`` of ``objects`` with one prepared UPDATE sent for every row (executemany),
    much faster than ``bulk_update``'s CASE expressions for thousands of rows."""
    if not objects:
        return
    fields = [model._meta.get_field(a.removesuffix("_id") if a.endswith("_id") else a) for a in attnames]
    quote = connection.ops.quote_name
    sets = ", ".join(f"{quote(f.column)} = %s" for f in fields)
    sql = f"UPDATE {quote(model._meta.db_table)} SET {sets} WHERE {quote(model._meta.pk.column)} = %s"
    params = [[f.get_db_prep_save(getattr(o, f.attname), connection) for f in fields] + [o.pk] for o in objects]
    with connection.cursor() as cursor:
        cursor.executemany(sql, params)


def _special(status):
    return status not in (None, Status.OFFICIAL, Status.PROBATIONARY)


@transaction.atomic
def _apply(parsed: list[dict], by) -> ImportResult:
    result = ImportResult(rows=len(parsed))
    result.outcomes = [(p["row"], "Thêm mới" if p["member"] is None else "Cập nhật",
                        " – ".join(x for x in (p["full_name"], p["card"]) if x)) for p in parsed]
    new = [p for p in parsed if p["member"] is None]
    old = [p for p in parsed if p["member"] is not None]

    for start in range(0, len(new), BATCH):
        chunk = new[start:start + BATCH]
        person_ids = insert_rows(Person, [
            {"full_name": p["full_name"], "gender": p["gender"], "birth_date": p["birth_date"],
             "organization_id": p["organization"].pk, "phone": p["phone"], "email": p["email"],
             "sort_key": _sort_key(p["full_name"]), "search_text": vietnamese.search_key(p["full_name"])}
            for p in chunk])
        member_rows = []
        for p, person_id in zip(chunk, person_ids, strict=True):
            standing = Status.OFFICIAL if p["official_date"] else Status.PROBATIONARY
            member_rows.append({
                "person_id": person_id, "card_number": p["card"], "admission_date": p["admission_date"],
                "official_date": p["official_date"], "status": p["status"] if _special(p["status"]) else standing,
                "temporarily_transferred": p["status"] == Status.TEMPORARILY_TRANSFERRED,
                "exempt": p["status"] == Status.EXEMPT, "suspended": p["status"] == Status.SUSPENDED,
                "prosecuted": p["status"] == Status.PROSECUTED})
        member_ids = insert_rows(PartyMember, member_rows)
        StatusChange.objects.bulk_create(
            StatusChange(member_id=member_id, status=p["status"], date=p["status_date"], recorded_by=by,
                         note="Nhập từ tệp danh sách")
            for p, member_id in zip(chunk, member_ids, strict=True) if _special(p["status"]))
        result.created += len(chunk)

    for start in range(0, len(old), BATCH):
        chunk = old[start:start + BATCH]
        people, members, moves, changes = [], [], [], []
        for p in chunk:
            member = p["member"]
            person = member.person
            if person.organization_id != p["organization"].pk:
                moves.append(Transfer(member=member, from_organization_id=person.organization_id,
                                      to_organization=p["organization"], date=p["status_date"], recorded_by=by,
                                      note="Nhập từ tệp danh sách"))
            person.full_name, person.gender, person.birth_date = p["full_name"], p["gender"], p["birth_date"]
            person.organization, person.phone, person.email = p["organization"], p["phone"], p["email"]
            person.sort_key = vietnamese.name_sort_key(person.full_name)
            person.search_text = vietnamese.search_key(person.full_name)
            member.admission_date, member.official_date = p["admission_date"], p["official_date"]
            if p["status"] and p["status"] != member.status and (
                    _special(p["status"]) or member.status in (*OFF_ROLLS, *STATUS_FLAG_KEYS)):
                changes.append(StatusChange(member=member, status=p["status"], date=p["status_date"],
                                            recorded_by=by, note="Nhập từ tệp danh sách"))
            people.append(person)
            members.append(member)
        update_rows(Person, people, ["full_name", "gender", "birth_date", "organization_id", "phone", "email",
                                     "sort_key", "search_text"])
        Transfer.objects.bulk_create(moves)
        StatusChange.objects.bulk_create(changes)
        for change in changes:  # death, expulsion, leaving: no longer incumbent in any body (record_status does it)
            if change.status in ENDS_BODY_MEMBERSHIPS:
                change.member.person.leave_bodies(change.date, ENDS_BODY_MEMBERSHIPS[change.status], end_titles=True)
        # Recompute status and flags from each member's history (one query for the whole chunk).
        prefetch_related_objects(members, "status_changes")
        for member in members:
            member.sync_status(save=False)
        update_rows(PartyMember, members, ["admission_date", "official_date", "status", *STATUS_FLAGS.values()])
        result.updated += len(chunk)
    return result


STATUS_FLAG_KEYS = tuple(STATUS_FLAGS)


# --- in the background -------------------------------------------------------------------------------------


def start_import(upload, root: Organization, by):
    """Queue the import of ``upload`` into ``root``'s subtree as ``by``; returns the job to follow."""
    from django.urls import reverse

    from capuy.core import jobs

    return jobs.start("members.import", f"Nhập danh sách đảng viên vào {root.name} từ tệp “{upload.name}”",
                      "capuy.members.exchange.run_import", root.pk, upload.name, owner=by, input_file=upload,
                      result_url=f"{reverse('members:index')}?to-chuc={root.pk}")


def run_import(job, root_id: int, filename: str) -> dict:
    """The worker's side of :func:`start_import`: the same checks and all-or-nothing save as a direct import."""
    from capuy.accounts import permissions
    from capuy.core.jobs import JobFailed

    root = Organization.objects.filter(pk=root_id).first()
    if root is None or job.owner is None or not permissions.can_manage(job.owner, root):
        raise JobFailed("Không còn quyền nhập danh sách vào tổ chức này; chưa lưu dòng nào.")
    with job.input_file.open("rb") as handle:
        data = handle.read()
    try:
        result = import_members(data, filename, root, by=job.owner, progress=job.progress)
    except ImportFailed as exc:
        if any(row for row, _ in exc.errors):  # bad rows: the page lists each one
            raise JobFailed(f"Không nhập tệp: {len(exc.errors)} dòng có lỗi, chưa lưu dòng nào.",
                            result={"errors": exc.messages()}) from exc
        raise JobFailed([*exc.messages(), "Chưa lưu dòng nào."]) from exc
    return {"created": result.created, "updated": result.updated, "rows": result.outcomes,
            "message": f"Đã nhập {result.rows} dòng: thêm mới {result.created}, cập nhật {result.updated}."}


# --- export ----------------------------------------------------------------------------------------------


def export_rows(members, ordered: bool = False):
    """The rows (header first) of a member list, in the import columns (``ordered``: keep the list's order)."""
    yield HEADERS
    members = members.select_related("person__organization")
    if not ordered:
        members = members.order_by("person__organization__path", "person__sort_key")
    for m in members.iterator(chunk_size=2000):
        yield export_row(m)


def export_row(m) -> list:
    p = m.person
    return [
        m.card_number or "", p.full_name, vietnamese.numeric_date(p.birth_date) if p.birth_date else "",
        p.get_gender_display() if p.gender else "", vietnamese.numeric_date(m.admission_date),
        vietnamese.numeric_date(m.official_date) if m.official_date else "",
        p.organization_id or "", p.organization.name if p.organization_id else "",
        m.get_status_display(), "", p.phone, p.email,
    ]


def export_csv(members) -> bytes:
    return spreadsheets.csv_bytes(export_rows(members))


def export_xlsx(members) -> bytes:
    import openpyxl

    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("Danh sách đảng viên")
    for row in export_rows(members):
        spreadsheets.append(sheet, row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
