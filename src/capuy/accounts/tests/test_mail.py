"""Without a mail server, mails (password-reset links) are kept owner-only and never reach the log."""

import logging
import os
import stat
import tempfile
from pathlib import Path

from django.test import override_settings

from capuy.core.testing import CapuyTestCase


class KeptMailTests(CapuyTestCase):
    def test_a_reset_link_is_kept_owner_only_and_not_logged(self):
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "mail"
            with override_settings(EMAIL_BACKEND="capuy.accounts.mail.KeptMailBackend", EMAIL_FILE_PATH=path), \
                    self.assertLogs(level=logging.DEBUG) as logs:
                self.client.post("/tai-khoan/quen-mat-khau/", {"email": "dangvien.lan@capuy.invalid"})
            files = list(path.iterdir())
            self.assertEqual(len(files), 1)
            text = files[0].read_bytes().decode()
            self.assertIn("/tai-khoan/dat-lai-mat-khau/", text)
            self.assertEqual(stat.S_IMODE(os.stat(files[0]).st_mode), 0o600)
            self.assertEqual(stat.S_IMODE(os.stat(path).st_mode), 0o700)
            logged = "\n".join(logs.output)
            self.assertIn("1 thư được lưu", logged)
            self.assertNotIn("dat-lai-mat-khau", logged)
            self.assertNotIn("capuy.invalid", logged)

    def test_settings_keep_mail_without_a_mail_server(self):
        import subprocess
        import sys

        env = {k: v for k, v in os.environ.items() if not k.startswith("EMAIL_")}
        with tempfile.TemporaryDirectory() as folder:
            env["CAPUY_VAR_DIR"] = folder
            env["PYTHONPATH"] = str(Path(__file__).resolve().parents[3])
            out = subprocess.run([sys.executable, "-c", "from capuy import settings as s; print(s.EMAIL_DELIVERY_BACKEND)"],
                                 env=env, capture_output=True, text=True, check=True).stdout.strip()
        self.assertEqual(out, "capuy.accounts.mail.KeptMailBackend")
