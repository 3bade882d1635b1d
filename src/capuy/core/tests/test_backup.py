"""``capuy backup`` and ``capuy restore``: one owner-only archive, brought back identical into an empty database."""

import hashlib
import os
import stat
import tarfile
import tempfile
from io import StringIO
from pathlib import Path

from django.apps import apps
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.test import TransactionTestCase, override_settings

from capuy.core.testing import CapuyTestCase


def snapshot() -> dict:
    """Every row of every table, by model and primary key."""
    rows = {}
    for model in apps.get_models(include_auto_created=True):
        if model._meta.proxy or not model._meta.managed:
            continue
        rows[model._meta.label] = list(model._base_manager.order_by("pk").values())
    return rows


def files_of(root: Path) -> dict:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


class BackupRestoreTests(TransactionTestCase):
    def setUp(self):
        self.folder = Path(tempfile.mkdtemp())
        self.media = self.folder / "media"
        self.settings_override = override_settings(MEDIA_ROOT=self.media)
        self.settings_override.enable()
        CapuyTestCase.setUpTestData()
        from capuy.accounts.models import ApiToken

        ApiToken.issue(CapuyTestCase.ward_staff, "Máy tính bảng")
        default_storage.save("hoi-nghi/tai-lieu/2023/bao-cao-9-thang.docx", ContentFile(b"PK\x03\x04 noi dung " * 100))
        default_storage.save("portal/anh/2023/10/hoi-nghi.jpg", ContentFile(bytes(range(256)) * 40))

    def tearDown(self):
        self.settings_override.disable()
        import shutil

        shutil.rmtree(self.folder, ignore_errors=True)

    def empty_everything(self):
        call_command("flush", interactive=False, inhibit_post_migrate=True, verbosity=0)
        import shutil

        shutil.rmtree(self.media)

    def test_a_backup_restored_into_an_empty_database_is_identical(self):
        before, files_before = snapshot(), files_of(self.media)
        self.assertGreater(sum(map(len, before.values())), 50)
        archive = self.folder / "sao-luu.tar.gz"
        out = StringIO()
        call_command("backup", str(archive), stdout=out)
        self.assertIn("2 tệp tải lên", out.getvalue())
        self.assertEqual(stat.S_IMODE(os.stat(archive).st_mode), 0o600)
        with tarfile.open(archive) as tar:
            self.assertTrue(all(m.mode == 0o600 for m in tar.getmembers()))

        self.empty_everything()
        self.assertEqual(sum(map(len, snapshot().values())), 0)
        call_command("restore", str(archive), stdout=StringIO())

        after = snapshot()
        for label, rows in before.items():
            self.assertEqual(after[label], rows, label)
        self.assertEqual(files_of(self.media), files_before)
        self.assertTrue(all(stat.S_IMODE(os.stat(self.media / name).st_mode) == 0o600 for name in files_before))
        from capuy.accounts.models import User
        from capuy.core.testing import PASSWORD

        self.assertTrue(User.objects.get(username="vanphong.quangan").check_password(PASSWORD))

    def test_a_backup_restores_into_a_new_sqlite_database_without_tables(self):
        """A machine freshly installed: no table at all, no upload folder (and, on PostgreSQL, another engine)."""
        import json
        import subprocess
        import sys

        archive = self.folder / "sao-luu.tar.gz"
        call_command("backup", str(archive), stdout=StringIO())
        expected = json.loads(json.dumps(snapshot(), sort_keys=True, default=str))
        target = self.folder / "may-moi"
        env = {k: v for k, v in os.environ.items() if not k.startswith(("CAPUY_", "DATABASE_URL", "SECRET_KEY"))}
        env.update(PYTHONPATH=str(Path(__file__).resolve().parents[3]), CAPUY_VAR_DIR=str(target),
                   DJANGO_SETTINGS_MODULE="capuy.settings")
        subprocess.run([sys.executable, "-m", "capuy", "restore", str(archive)], env=env, check=True,
                       capture_output=True)
        probe = ("import django, json; django.setup(); from capuy.core.tests.test_backup import snapshot; "
                 "print(json.dumps(snapshot(), sort_keys=True, default=str))")
        restored = subprocess.run([sys.executable, "-c", probe], env=env, check=True, capture_output=True, text=True)
        restored_rows = json.loads(restored.stdout)
        for label in sorted(set(expected) | set(restored_rows)):
            self.assertEqual(restored_rows.get(label), expected.get(label), label)
        self.assertEqual(files_of(target / "media"), files_of(self.media))
        self.assertEqual(stat.S_IMODE(os.stat(target / "capuy.sqlite3").st_mode), 0o600)

    def test_it_refuses_to_restore_over_existing_data(self):
        archive = self.folder / "sao-luu.tar.gz"
        call_command("backup", str(archive), stdout=StringIO())
        before = snapshot()
        with self.assertRaisesMessage(CommandError, "Chỉ khôi phục vào cơ sở dữ liệu trống"):
            call_command("restore", str(archive), stdout=StringIO())
        self.assertEqual(snapshot(), before)

    def test_it_refuses_a_tampered_or_foreign_archive(self):
        archive = self.folder / "sao-luu.tar.gz"
        call_command("backup", str(archive), stdout=StringIO())
        foreign = self.folder / "la.tar.gz"
        with tarfile.open(foreign, "w:gz") as tar:
            tar.add(archive, "capuy-backup/../../etc/passwd")
        self.empty_everything()
        with self.assertRaisesMessage(CommandError, "không phải bản sao lưu của Cấp ủy số"):
            call_command("restore", str(foreign), stdout=StringIO())
        not_an_archive = self.folder / "rong.tar.gz"
        not_an_archive.write_bytes(b"abc")
        with self.assertRaisesMessage(CommandError, "Không đọc được bản sao lưu"):
            call_command("restore", str(not_an_archive), stdout=StringIO())
        self.assertEqual(sum(map(len, snapshot().values())), 0)

    def test_it_never_overwrites_an_archive(self):
        archive = self.folder / "sao-luu.tar.gz"
        archive.write_bytes(b"cu")
        with self.assertRaisesMessage(CommandError, "đã có"):
            call_command("backup", str(archive), stdout=StringIO())
        self.assertEqual(archive.read_bytes(), b"cu")
