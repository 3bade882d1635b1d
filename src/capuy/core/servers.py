"""Real servers as subprocesses, for the tests and benchmarks that need the production stack.

- ``database_url()``: the URL of the database the current (test) connection uses, so that a server process
  sees what the test wrote (on SQLite: a file copy of it).
- ``Uvicorn``: capuy under uvicorn on a free loopback port, its stderr kept in a file (to look for tracebacks).
- ``RedisServer``: a private redis-server on a free port (never the shared one), that can be restarted.
- ``session_cookie(user)``: a logged-in session cookie for a user, stored in the database the servers read.
- ``wait_for(predicate, timeout)``: poll until true, for things that happen in another process.

Everything binds to 127.0.0.1 only.
"""

import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(predicate, timeout: float = 15.0, interval: float = 0.05):
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise TimeoutError(f"condition not met within {timeout} s")
        time.sleep(interval)


def database_url(tmp_dir: Path | None = None) -> str:
    from django.db import connection

    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        path = Path(tmp_dir or tempfile.mkdtemp()) / "server.sqlite3"
        target = sqlite3.connect(path)
        connection.connection.backup(target)
        target.close()
        return f"sqlite:///{path}"
    user = settings["USER"] or "postgres"
    password = f":{settings['PASSWORD']}" if settings.get("PASSWORD") else ""
    host = settings["HOST"] or "127.0.0.1"
    return f"postgres://{user}{password}@{host}:{settings['PORT'] or 5432}/{settings['NAME']}"


def server_env(tmp_dir: Path, **extra) -> dict:
    """Environment for a server process that sees the test's database and accepts its sessions."""
    from django.conf import settings

    return {"DATABASE_URL": database_url(tmp_dir), "SECRET_KEY": settings.SECRET_KEY, "CAPUY_VAR_DIR": str(tmp_dir),
            "DJANGO_SETTINGS_MODULE": "capuy.settings", **extra}


def session_cookie(user) -> str:
    """The value of a session cookie in which ``user`` is logged in (the session row is in the database)."""
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client.cookies["sessionid"].value


SRC = str(Path(__file__).resolve().parent.parent.parent)  # the capuy being tested, not another install


def _tool(name: str) -> str:
    return os.path.join(os.path.dirname(sys.executable), name)


class Uvicorn:
    """``uvicorn capuy.asgi:application`` with ``workers`` processes on a free loopback port."""

    def __init__(self, env: dict, workers: int = 1, port: int | None = None, log_dir: Path | None = None,
                 extra: tuple = ()):
        self.port = port or free_port()
        self.env = {**os.environ, "CAPUY_LOG_FORMAT": "json", **env,
                    "PYTHONPATH": os.pathsep.join(filter(None, [SRC, os.environ.get("PYTHONPATH")]))}
        self.workers = workers
        self.extra = list(extra)
        self.log_path = Path(log_dir or tempfile.mkdtemp()) / f"uvicorn-{self.port}.log"
        self.process: subprocess.Popen | None = None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 60.0):
        log = open(self.log_path, "ab")  # noqa: SIM115 - kept open by the child
        self.process = subprocess.Popen(
            [_tool("uvicorn"), "capuy.asgi:application", "--host", "127.0.0.1", "--port", str(self.port),
             "--workers", str(self.workers), "--no-access-log", "--timeout-graceful-shutdown", "10", *self.extra],
            env=self.env, stdout=log, stderr=log, start_new_session=True)
        log.close()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"uvicorn stopped: {self.log()[-3000:]}")
            try:
                with urllib.request.urlopen(f"{self.base_url}/api/openapi.json", timeout=5) as r:
                    if r.status == 200:
                        return self
            except OSError:
                pass
            time.sleep(0.1)
        self.kill()
        raise RuntimeError("uvicorn did not start in time")

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def terminate(self):
        """SIGTERM to the server (as systemd does on a restart)."""
        os.killpg(self.process.pid, signal.SIGTERM)

    def kill(self):
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(10)

    def stop(self):
        if self.process and self.process.poll() is None:
            self.terminate()
            try:
                self.process.wait(20)
            except subprocess.TimeoutExpired:
                self.kill()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()


class RedisServer:
    """A private redis-server (no persistence) on a free loopback port."""

    def __init__(self, port: int | None = None):
        self.port = port or free_port()
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    @staticmethod
    def available() -> bool:
        return shutil.which("redis-server") is not None

    def start(self):
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
             "--protected-mode", "yes"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait_for(self.ping, 10)
        return self

    def ping(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=0.5) as s:
                s.sendall(b"PING\r\n")
                return s.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(10)

    def restart(self):
        self.stop()
        return self.start()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()
