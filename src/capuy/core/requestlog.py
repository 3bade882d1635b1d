"""Structured logs: one JSON object per line, each carrying the id of the request it belongs to.

The id comes from nginx (``X-Request-ID``, set to ``$request_id`` in the site file) or is made here; it is
sent back in the response header so that a user's report ("mã yêu cầu …") leads to the log lines.
"""

import contextvars
import datetime
import json
import logging
import re
import uuid

request_id_var: contextvars.ContextVar[str] = contextvars.ContextVar("capuy_request_id", default="-")

HEADER = "X-Request-ID"
_VALID = re.compile(r"^[A-Za-z0-9._-]{8,128}$")  # anything else from outside is replaced, not logged


def current_request_id() -> str:
    return request_id_var.get()


class RequestIdMiddleware:
    """Takes X-Request-ID from the proxy (or makes one), keeps it for the log lines, returns it."""

    sync_capable = True
    async_capable = False  # Django adapts it; the context variable follows the request into the view thread

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get(HEADER, "")
        rid = incoming if _VALID.match(incoming) else uuid.uuid4().hex
        request.request_id = rid
        token = request_id_var.set(rid)
        try:
            response = self.get_response(request)
        finally:
            request_id_var.reset(token)
        response[HEADER] = rid
        return response


class RequestIdFilter(logging.Filter):
    """Adds ``record.request_id`` (``-`` outside a request)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not getattr(record, "request_id", None):
            request = getattr(record, "request", None)
            record.request_id = getattr(request, "request_id", None) or request_id_var.get()
        return True


_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", (), None))) | {"message", "asctime", "request_id",
                                                                       "request", "status_code", "server_time"}


class JsonFormatter(logging.Formatter):
    """``{"time", "level", "logger", "message", "request_id", ...}``; a traceback goes in ``exc``."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.datetime.fromtimestamp(record.created, datetime.UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", None) or request_id_var.get(),
        }
        if status := getattr(record, "status_code", None):
            entry["status"] = status
        for key, value in vars(record).items():
            if key not in _STANDARD and not key.startswith("_"):
                entry[key] = value if isinstance(value, str | int | float | bool | type(None)) else repr(value)
        if record.exc_info:
            entry["exc"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


class QueryCountMiddleware:
    """Benchmarks only (``CAPUY_BENCH=1``): where a request's time goes. ``X-Capuy-Queries``: the SQL queries
    it ran; ``X-Capuy-Wait-Ms``: the wait for a database connection (the pool); ``X-Capuy-App-Ms``: the time
    from this middleware on, that wait included (the rest of what the client measured is nginx, the event loop
    and the hand-over to the request's thread)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        import time

        from django.db import connection

        count = [0]

        def counter(execute, sql, params, many, context):
            count[0] += 1
            return execute(sql, params, many, context)

        start = time.perf_counter()
        if request.method == "POST":  # a live stream gives its connection back at once: do not take one for it
            connection.ensure_connection()
        connected = time.perf_counter()
        with connection.execute_wrapper(counter):
            response = self.get_response(request)
        response["X-Capuy-Queries"] = str(count[0])
        response["X-Capuy-Wait-Ms"] = f"{(connected - start) * 1000:.1f}"
        response["X-Capuy-App-Ms"] = f"{(time.perf_counter() - start) * 1000:.1f}"
        return response
