"""Settings read from the environment: HSTS behind a proxy, an owner-only data directory."""

import json
import os
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

from django.test import TestCase, override_settings

SRC = str(Path(__file__).resolve().parents[3])
PROBE = """
import json
from capuy import settings as s
print(json.dumps({"hsts": getattr(s, "SECURE_HSTS_SECONDS", 0), "sub": getattr(s, "SECURE_HSTS_INCLUDE_SUBDOMAINS", False),
                  "secure_cookie": getattr(s, "SESSION_COOKIE_SECURE", False)}))
"""


def load_settings(**env) -> dict:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("CAPUY_", "DATABASE_URL", "SECRET_KEY"))}
    clean.update(PYTHONPATH=SRC, **env)
    result = subprocess.run([sys.executable, "-c", PROBE], env=clean, capture_output=True, text=True, check=True)
    return json.loads(result.stdout)


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


class DeploymentSettingsTests(TestCase):
    def test_hsts_is_sent_behind_a_proxy(self):
        with tempfile.TemporaryDirectory() as folder:
            behind = load_settings(CAPUY_VAR_DIR=folder, CAPUY_BEHIND_PROXY="1")
            direct = load_settings(CAPUY_VAR_DIR=folder)
            shorter = load_settings(CAPUY_VAR_DIR=folder, CAPUY_BEHIND_PROXY="1", CAPUY_HSTS_SECONDS="3600",
                                    CAPUY_HSTS_INCLUDE_SUBDOMAINS="1")
        self.assertEqual(behind, {"hsts": 31536000, "sub": False, "secure_cookie": True})
        self.assertEqual(direct["hsts"], 0)
        self.assertEqual((shorter["hsts"], shorter["sub"]), (3600, True))

    @override_settings(SECURE_HSTS_SECONDS=31536000, SECURE_PROXY_SSL_HEADER=("HTTP_X_FORWARDED_PROTO", "https"))
    def test_the_header_reaches_the_browser_over_https(self):
        response = self.client.get("/tin-tuc/", HTTP_X_FORWARDED_PROTO="https")
        self.assertEqual(response["Strict-Transport-Security"], "max-age=31536000")
        self.assertNotIn("Strict-Transport-Security", self.client.get("/tin-tuc/"))

    def test_the_data_directory_and_its_files_are_owner_only(self):
        with tempfile.TemporaryDirectory() as parent:
            folder = Path(parent) / "var"
            old = os.umask(0o022)
            try:
                load_settings(CAPUY_VAR_DIR=str(folder))
            finally:
                os.umask(old)
            self.assertEqual(mode(folder), 0o700)
            self.assertEqual(mode(folder / "secret_key"), 0o600)
            self.assertEqual(mode(folder / "capuy.sqlite3"), 0o600)

    def test_an_existing_world_readable_data_directory_is_tightened(self):
        with tempfile.TemporaryDirectory() as parent:
            folder = Path(parent) / "var"
            folder.mkdir(mode=0o755)
            folder.chmod(0o755)
            (folder / "capuy.sqlite3").touch()
            (folder / "capuy.sqlite3").chmod(0o644)
            load_settings(CAPUY_VAR_DIR=str(folder))
            self.assertEqual(mode(folder), 0o700)
            self.assertEqual(mode(folder / "capuy.sqlite3"), 0o600)
