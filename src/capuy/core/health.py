"""``/healthz``: is this process able to serve? Database, cache, live events, disk.

Each check returns None when fine or a short Vietnamese sentence naming what is wrong. Apps add their own
checks with ``register`` (conferences adds the live events), so core depends on no app. The answer is JSON,
200 when everything is fine, 503 otherwise, for nginx, systemd, a monitoring tool or the operator's ``curl``.
"""

import shutil
import time

from django.conf import settings
from django.core.cache import cache
from django.db import connection

CHECKS: dict = {}


def register(name: str, check) -> None:
    CHECKS[name] = check


def database() -> str | None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return None


def cache_check() -> str | None:
    key = "capuy:healthz"
    value = str(time.monotonic())
    cache.set(key, value, 30)
    if cache.get(key) != value:
        return "Bộ nhớ đệm không trả lại giá trị vừa ghi."
    return None


def disk() -> str | None:
    free_mb = shutil.disk_usage(settings.VAR_DIR).free // (1024 * 1024)
    if free_mb < settings.HEALTH_MIN_FREE_MB:
        return f"Thư mục dữ liệu {settings.VAR_DIR} chỉ còn {free_mb} MB trống (tối thiểu {settings.HEALTH_MIN_FREE_MB} MB)."
    return None


register("database", database)
register("cache", cache_check)
register("disk", disk)


def run() -> tuple[bool, dict]:
    """Run every check; (all fine, {name: {"ok": bool, "error": str?, "ms": float}})."""
    results = {}
    for name, check in CHECKS.items():
        start = time.perf_counter()
        try:
            error = check()
        except Exception as exc:  # a failing dependency is the answer, not a crash
            error = f"{type(exc).__name__}: {exc}".strip()[:300]
        entry = {"ok": error is None, "ms": round((time.perf_counter() - start) * 1000, 1)}
        if error is not None:
            entry["error"] = error
        results[name] = entry
    return all(r["ok"] for r in results.values()), results


class DatabaseUnavailableMiddleware:
    """The database refusing connections (restarting, overloaded, pool exhausted) is an outage, not a bug:
    answer 503 with a Vietnamese sentence and ``Retry-After`` instead of a 500 and a traceback per request.
    Nothing was written (the request's transaction never began or was rolled back), so retrying is safe."""

    MESSAGE = "Hệ thống tạm thời không kết nối được cơ sở dữ liệu. Chưa có gì được ghi; vui lòng thử lại sau ít giây."

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        import logging

        from django.db import OperationalError
        from django.http import HttpResponse, JsonResponse

        if not isinstance(exception, OperationalError):
            return None
        logging.getLogger("capuy.health").error("Cơ sở dữ liệu không sẵn sàng: %s", exception)
        if request.path.startswith("/api/") or "application/json" in request.headers.get("Accept", ""):
            response = JsonResponse({"detail": self.MESSAGE}, status=503, json_dumps_params={"ensure_ascii": False})
        else:
            response = HttpResponse(self.MESSAGE, status=503, content_type="text/plain; charset=utf-8")
        response["Retry-After"] = "5"
        return response
