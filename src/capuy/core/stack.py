"""The production stack on this machine, for trying the recipe and for the tests and the congress benchmark:
Debian's nginx in front (the site file of ``deploy/nginx/capuy.conf``, with local ports and folders), uvicorn
with several workers, the task worker when capuy has one, PostgreSQL (``DATABASE_URL``) and Redis
(``REDIS_URL``). Everything runs as the current user under one folder and listens on 127.0.0.1 only.

    scripts/prod-stack up      # migrate, collect static files, start; prints the address
    scripts/prod-stack status  # /healthz through nginx
    scripts/prod-stack down

Environment: ``DATABASE_URL`` (default postgres://postgres@127.0.0.1:5432/capuy_stack, created when missing),
``REDIS_URL`` (default redis://127.0.0.1:6379/0), ``STACK_DIR`` (default ``var/stack`` of the checkout),
``STACK_PORT`` (nginx, default 8080), ``STACK_WORKERS`` (uvicorn workers, default 2).
"""

import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from capuy.core.servers import SRC, free_port, wait_for

CHECKOUT = Path(SRC).parent
SITE_FILE = CHECKOUT / "deploy" / "nginx" / "capuy.conf"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


def _tool(name: str) -> str:
    return os.path.join(os.path.dirname(sys.executable), name)


class Stack:
    def __init__(self, root: Path, database_url: str, redis_url: str = "", port: int | None = None,
                 workers: int = 2, env: dict | None = None, worker: bool = True, worker_connections: int = 4096):
        self.root = Path(root).resolve()
        self.var = self.root / "var"
        self.database_url = database_url
        self.redis_url = redis_url
        self.port = port or free_port()
        self.app_port = free_port()
        self.live_port = free_port()  # nginx's live publisher (CAPUY_LIVE_NGINX)
        self.workers = workers
        self.with_worker = worker
        self.worker_connections = worker_connections
        self.extra_env = env or {}
        self.processes: dict[str, subprocess.Popen] = {}
        self.commands: dict[str, list[str]] = {}

    # -- configuration ------------------------------------------------------------------------------------

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def env(self) -> dict:
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": "capuy.settings", "CAPUY_VAR_DIR": str(self.var),
               "DATABASE_URL": self.database_url, "CAPUY_ACCEL_REDIRECT": "/_protected/",
               "CAPUY_LOG_FORMAT": "json", "ALLOWED_HOSTS": "127.0.0.1,localhost",
               "CAPUY_LIVE_NGINX": f"http://127.0.0.1:{self.live_port}",
               "PYTHONPATH": os.pathsep.join(filter(None, [SRC, os.environ.get("PYTHONPATH")]))}
        env.pop("CAPUY_DEBUG", None)
        if self.redis_url:
            env["REDIS_URL"] = self.redis_url
        return {**env, **self.extra_env}

    def site_config(self) -> str:
        """deploy/nginx/capuy.conf with this stack's ports and folders (the file operators install)."""
        text = SITE_FILE.read_text()
        for old, new in [("server 127.0.0.1:8000;", f"server 127.0.0.1:{self.app_port};"),
                         ("listen 80;", f"listen 127.0.0.1:{self.port};"),
                         ("listen 127.0.0.1:8001;", f"listen 127.0.0.1:{self.live_port};"),
                         ("/var/lib/capuy/", f"{self.var}/")]:
            assert old in text, f"{SITE_FILE} no longer contains {old!r}"
            text = text.replace(old, new)
        return text

    def nginx_config(self) -> str:
        n = self.root / "nginx"
        temp = "\n".join(f"    {kind}_temp_path {n / 'tmp' / kind};" for kind in
                         ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
        user = "user root;\n" if os.geteuid() == 0 else ""  # as root nginx would switch to nobody
        # Debian's enabled modules, among them nchan (libnginx-mod-nchan), which holds the live streams
        return f"""include /etc/nginx/modules-enabled/*.conf;
{user}worker_processes 2;
worker_rlimit_nofile {self.worker_connections * 4};
daemon off;
pid {n / 'nginx.pid'};
error_log {n / 'error.log'} warn;
events {{ worker_connections {self.worker_connections}; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log {n / 'access.log'};
    sendfile on;
{temp}
    include {n / 'site.conf'};
}}
"""

    # -- life cycle ---------------------------------------------------------------------------------------

    def manage(self, *args: str):
        subprocess.run([_tool("capuy"), *args], env=self.env, check=True, cwd=self.var)

    def prepare(self, migrate: bool = True):
        self.var.mkdir(parents=True, exist_ok=True)
        if migrate:  # the tests' database is migrated already
            self.manage("migrate", "--noinput", "-v", "0")
        self.manage("collectstatic", "--noinput", "-v", "0")

    def has_task_worker(self) -> bool:
        out = subprocess.run([_tool("capuy"), "help", "--commands"], env=self.env, capture_output=True, text=True,
                             cwd=self.var)
        return "qcluster" in out.stdout.split()

    def start(self, timeout: float = 60.0):
        logs = self.root / "logs"
        logs.mkdir(parents=True, exist_ok=True)
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"):
            (self.root / "nginx" / "tmp" / kind).mkdir(parents=True, exist_ok=True)
        (self.root / "nginx" / "site.conf").write_text(self.site_config())
        (self.root / "nginx" / "nginx.conf").write_text(self.nginx_config())
        self._spawn("web", [_tool("uvicorn"), "capuy.asgi:application", "--host", "127.0.0.1", "--port",
                            str(self.app_port), "--workers", str(self.workers), "--proxy-headers",
                            "--forwarded-allow-ips", "127.0.0.1", "--timeout-graceful-shutdown", "10",
                            "--no-access-log", "--backlog", "4096", "--timeout-worker-healthcheck", "30",
                            "--timeout-keep-alive", "75"])  # as deploy/systemd/capuy.service, which says why
        if self.with_worker and self.has_task_worker():
            self._spawn("worker", [_tool("capuy"), "qcluster"])
        self._spawn("nginx", [NGINX, "-c", str(self.root / "nginx" / "nginx.conf"), "-e",
                              str(self.root / "nginx" / "error.log")])
        try:
            wait_for(self.healthy, timeout, 0.2)
        except TimeoutError:
            self.stop()
            raise RuntimeError(f"the stack did not become healthy: {self.health()}\n{self.logs()[-3000:]}") from None
        self._save_state()
        return self

    def _spawn(self, name: str, command: list[str]):
        log = open(self.root / "logs" / f"{name}.log", "ab")  # noqa: SIM115 - kept open by the child
        # As the service units do: each service's connections carry its name in pg_stat_activity (PGAPPNAME).
        env = {"PGAPPNAME": f"capuy-{name}", **self.env}
        self.commands[name] = command
        self.processes[name] = subprocess.Popen(command, env=env, stdout=log, stderr=log, cwd=self.var,
                                                start_new_session=True)
        log.close()

    def health(self) -> tuple[int, dict]:
        try:
            with urllib.request.urlopen(f"{self.base_url}/healthz", timeout=5) as r:
                return r.status, json.loads(r.read())
        except urllib.error.HTTPError as exc:
            try:
                return exc.code, json.loads(exc.read())
            except ValueError:
                return exc.code, {}
        except (OSError, ValueError):
            return 0, {}

    def healthy(self) -> bool:
        for name, process in self.processes.items():
            if process.poll() is not None:
                raise RuntimeError(f"{name} stopped:\n{self.logs()[-3000:]}")
        return self.health()[0] == 200

    def logs(self) -> str:
        return "\n".join(f"== {p.name}\n{p.read_text(errors='replace')}" for p in sorted((self.root / "logs").glob("*.log")))

    def signal(self, name: str, signum=signal.SIGTERM):
        os.killpg(self.processes[name].pid, signum)

    def restart(self, name: str, timeout: float = 60.0):
        """Stop one service (SIGTERM) and start it again as before; returns once /healthz answers 200."""
        self.signal(name)
        self.processes[name].wait(20)
        self._spawn(name, self.commands[name])
        wait_for(self.healthy, timeout, 0.2)

    def stop(self, timeout: float = 20.0):
        for name in ("nginx", "worker", "web"):
            process = self.processes.get(name)
            if process is None or process.poll() is not None:
                continue
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(5)
        (self.root / "stack.json").unlink(missing_ok=True)

    def _save_state(self):
        (self.root / "stack.json").write_text(json.dumps({
            "url": self.base_url, "pids": {n: p.pid for n, p in self.processes.items()}}))

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()


# -- the command line (scripts/prod-stack) -----------------------------------------------------------------


def _ensure_database(url: str):
    import psycopg

    base, name = url.rsplit("/", 1)
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "up"
    root = Path(os.environ.get("STACK_DIR") or CHECKOUT / "var" / "stack")
    state = root / "stack.json"
    if command == "down":
        if not state.exists():
            print("Không có stack nào đang chạy.")
            return 0
        pids = json.loads(state.read_text())["pids"]
        for name in ("nginx", "worker", "web"):
            if name in pids:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(pids[name], signal.SIGTERM)
        for pid in pids.values():
            deadline = time.monotonic() + 20
            while time.monotonic() < deadline:
                try:
                    os.kill(pid, 0)
                except ProcessLookupError:
                    break
                time.sleep(0.1)
        state.unlink()
        print("Đã dừng.")
        return 0
    if command == "status":
        if not state.exists():
            print("Không có stack nào đang chạy.")
            return 1
        url = json.loads(state.read_text())["url"]
        try:
            with urllib.request.urlopen(f"{url}/healthz", timeout=5) as r:
                print(r.read().decode())
                return 0
        except urllib.error.HTTPError as exc:
            print(exc.read().decode())
            return 1
    if command != "up":
        print("Dùng: scripts/prod-stack up|status|down", file=sys.stderr)
        return 2
    if state.exists():
        print(f"Stack đã chạy: {json.loads(state.read_text())['url']} (scripts/prod-stack down để dừng).")
        return 1
    database_url = os.environ.get("DATABASE_URL") or "postgres://postgres@127.0.0.1:5432/capuy_stack"
    if database_url.startswith("postgres"):
        _ensure_database(database_url)
    stack = Stack(root, database_url, os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0"),
                  port=int(os.environ.get("STACK_PORT", "8080")), workers=int(os.environ.get("STACK_WORKERS", "2")))
    stack.prepare()
    stack.start()
    print(f"Cấp ủy số (nginx → {stack.workers} uvicorn workers → PostgreSQL, Redis) chạy tại {stack.base_url}/")
    print(f"Nhật ký: {root / 'logs'}; dừng: scripts/prod-stack down")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
