"""One-archive backup and restore of the database and the uploaded files.

The archive (``.tar.gz``, created 0600) holds ``manifest.json`` (format, time, database engine, the applied
migrations, a SHA-256 of every member), ``data.json`` (every row of every table, Django's serialization, read
in one snapshot transaction: REPEATABLE READ on PostgreSQL, a read transaction of the WAL snapshot on SQLite)
and ``media/`` (the uploads). A Django-level dump rather than an engine's own format lets an archive made on
SQLite be restored on PostgreSQL and the other way round.

Restoring goes into an empty database only: the schema is migrated to the archive's migrations, the rows are
loaded with their primary keys, then the later migrations of the running code are applied.
"""

import datetime
import hashlib
import io
import json
import os
import tarfile
import tempfile
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.management import call_command
from django.db import connection, transaction
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder

FORMAT = 1
ROOT = "capuy-backup"
SERIALIZATION = "cjson"  # Django's JSON with exact times (capuy.core.backup_json)
serializers.register_serializer(SERIALIZATION, "capuy.core.backup_json")


class BackupError(Exception):
    """A backup or restore that cannot go on; the message is for the operator, in Vietnamese."""


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _applied_migrations() -> dict[str, list[str]]:
    applied: dict[str, list[str]] = {}
    for app, name in sorted(MigrationRecorder(connection).applied_migrations()):
        applied.setdefault(app, []).append(name)
    return applied


def _dump(target: Path):
    """Every row, from one consistent snapshot of the database."""
    outermost = not connection.in_atomic_block
    with transaction.atomic():
        if outermost and connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        call_command("dumpdata", all=True, format=SERIALIZATION, output=str(target), verbosity=0)
        return _applied_migrations()


def _media_files() -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    if not root.is_dir():
        return []
    return sorted(p for p in root.rglob("*") if p.is_file() and not p.is_symlink())


def create(output: Path) -> dict:
    """Write the archive to ``output`` (which must not exist); return its manifest."""
    output = Path(output)
    try:
        fd = os.open(output, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError as exc:
        raise BackupError(f"Tệp {output} đã có; hãy chọn tên khác để không ghi đè bản sao lưu cũ.") from exc
    try:
        with tempfile.TemporaryDirectory(prefix="capuy-backup-") as work:
            data = Path(work) / f"data.{SERIALIZATION}"
            migrations = _dump(data)
            media_root = Path(settings.MEDIA_ROOT)
            files = _media_files()
            manifest = {
                "format": FORMAT,
                "created": datetime.datetime.now(datetime.UTC).isoformat(),
                "engine": connection.vendor,
                "migrations": migrations,
                "data_sha256": _sha256(data),
                "files": {p.relative_to(media_root).as_posix(): _sha256(p) for p in files},
            }
            with os.fdopen(fd, "wb") as raw, tarfile.open(fileobj=raw, mode="w:gz") as archive:
                fd = None
                blob = json.dumps(manifest, ensure_ascii=False, indent=1).encode()
                info = tarfile.TarInfo(f"{ROOT}/manifest.json")
                info.size, info.mode, info.mtime = len(blob), 0o600, int(datetime.datetime.now().timestamp())
                archive.addfile(info, io.BytesIO(blob))
                archive.add(data, f"{ROOT}/data.json", filter=_private)
                for path in files:
                    archive.add(path, f"{ROOT}/media/{path.relative_to(media_root).as_posix()}", filter=_private)
    except BaseException:
        if fd is not None:
            os.close(fd)
        output.unlink(missing_ok=True)
        raise
    return manifest


def _private(info: tarfile.TarInfo) -> tarfile.TarInfo:
    info.uid = info.gid = 0
    info.uname = info.gname = ""
    info.mode = 0o600
    return info


def _nonempty_tables() -> list[str]:
    """Tables of the installed models that hold rows (content types and permissions that migrate itself
    creates do not count)."""
    existing = set(connection.introspection.table_names())
    skip = {"contenttypes.contenttype", "auth.permission"}
    found = []
    for model in apps.get_models(include_auto_created=True):
        if model._meta.label_lower in skip or model._meta.proxy or not model._meta.managed:
            continue
        if model._meta.db_table in existing and model._base_manager.using(connection.alias).exists():
            found.append(model._meta.label)
    return found


def _read_manifest(archive: tarfile.TarFile) -> dict:
    try:
        manifest = json.load(archive.extractfile(f"{ROOT}/manifest.json"))
    except (KeyError, ValueError, tarfile.TarError) as exc:
        raise BackupError("Tệp không phải bản sao lưu của Cấp ủy số (thiếu manifest.json).") from exc
    if manifest.get("format") != FORMAT:
        raise BackupError(f"Bản sao lưu có định dạng {manifest.get('format')!r}, phiên bản này đọc định dạng {FORMAT}.")
    return manifest


def _check_members(archive: tarfile.TarFile, manifest: dict):
    allowed = {f"{ROOT}/manifest.json", f"{ROOT}/data.json"} | {f"{ROOT}/media/{name}" for name in manifest["files"]}
    for member in archive.getmembers():
        if member.name not in allowed or not member.isfile():
            raise BackupError(f"Bản sao lưu chứa mục lạ: {member.name}; không khôi phục.")


def restore(path: Path, stdout=None) -> dict:
    """Bring an archive back into an empty database and an empty upload folder; return its manifest."""
    try:
        archive = tarfile.open(path, mode="r:gz")  # noqa: SIM115 – closed by the with below, once opened
    except (OSError, tarfile.TarError) as exc:
        raise BackupError(f"Không đọc được bản sao lưu {path}: {exc}") from exc
    with archive, tempfile.TemporaryDirectory(prefix="capuy-restore-") as work:
        manifest = _read_manifest(archive)
        _check_members(archive, manifest)
        loader = MigrationLoader(connection, ignore_no_migrations=True)
        unknown = [f"{app}.{name}" for app, names in manifest["migrations"].items() for name in names
                   if (app, name) not in loader.disk_migrations]
        if unknown:
            raise BackupError("Bản sao lưu được tạo bởi phiên bản mới hơn (có migration chưa biết: "
                              + ", ".join(unknown[:5]) + "); hãy cập nhật Cấp ủy số trước.")
        if filled := _nonempty_tables():
            raise BackupError("Chỉ khôi phục vào cơ sở dữ liệu trống; đang có dữ liệu ở: " + ", ".join(filled[:8]) + ".")
        media_root = Path(settings.MEDIA_ROOT)
        if any(_media_files()):
            raise BackupError(f"Thư mục tệp tải lên {media_root} đã có tệp; hãy dùng thư mục trống.")

        data = Path(work) / f"data.{SERIALIZATION}"
        with archive.extractfile(f"{ROOT}/data.json") as source, open(data, "wb") as target:
            while block := source.read(1 << 20):
                target.write(block)
        if _sha256(data) != manifest["data_sha256"]:
            raise BackupError("Dữ liệu trong bản sao lưu bị hỏng (sai mã kiểm tra).")

        # The schema of the archive, its rows, then the migrations that came after it.
        recorded = {(app, name) for app, names in manifest["migrations"].items() for name in names}
        graph = loader.graph
        for app in sorted(manifest["migrations"]):
            leaves = [key for key in recorded if key[0] == app
                      and not any(child in recorded for child in graph.node_map[key].children if child[0] == app)]
            for _, name in leaves:
                call_command("migrate", app, name, verbosity=0, interactive=False)
        call_command("flush", interactive=False, inhibit_post_migrate=True, verbosity=0)
        call_command("loaddata", str(data), verbosity=0)
        # Only migrations newer than the archive run now: migrate's post-migrate step would otherwise add
        # permissions and content types that the archive did not hold, and the copy would not be identical.
        from django.db.migrations.executor import MigrationExecutor

        executor = MigrationExecutor(connection)
        if executor.migration_plan(executor.loader.graph.leaf_nodes()):
            call_command("migrate", verbosity=0, interactive=False)

        media_root.mkdir(mode=0o700, parents=True, exist_ok=True)
        for name, digest in manifest["files"].items():
            target = media_root / name
            target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            with archive.extractfile(f"{ROOT}/media/{name}") as source, \
                    os.fdopen(os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "wb") as out:
                while block := source.read(1 << 20):
                    out.write(block)
            if _sha256(target) != digest:
                raise BackupError(f"Tệp {name} trong bản sao lưu bị hỏng (sai mã kiểm tra).")
    return manifest
