"""What the action-layer tests walk: the write endpoints of the pages (URL resolver) and of the API (OpenAPI
schema), and the registry of actions (``capuy.core.actions``)."""

import inspect
import re

from django.urls import URLPattern, URLResolver, get_resolver

WRITE_METHODS = ("post", "put", "patch", "delete")
_WRITES = re.compile(r"request\.(POST|FILES)\b|request\.method\s*[!=]=\s*[\"'](POST|GET)[\"']")


def _layers(func):
    while func is not None:
        yield func
        func = getattr(func, "__wrapped__", None)


def _accepts_post(callback) -> bool:
    """True when a page view takes a POST: restricted to methods that include POST, or its code reads the
    posted data."""
    view_class = getattr(callback, "view_class", None)
    if view_class is not None:  # a class-based view: it writes when it answers POST
        return any(hasattr(view_class, m) for m in WRITE_METHODS)
    for layer in _layers(callback):
        for cell in getattr(layer, "__closure__", None) or ():
            try:
                value = cell.cell_contents
            except ValueError:
                continue
            if isinstance(value, (list, tuple)) and value and all(isinstance(v, str) for v in value) \
                    and {v.upper() for v in value} <= {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"}:
                return any(v.upper() in ("POST", "PUT", "PATCH", "DELETE") for v in value)
    inner = list(_layers(callback))[-1]
    try:
        source = inspect.getsource(inner)
    except (OSError, TypeError):
        return False
    return bool(_WRITES.search(source))


def _patterns(patterns, namespace=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}:{entry.namespace}" if namespace and entry.namespace else (entry.namespace or namespace)
            yield from _patterns(entry.url_patterns, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            yield namespace, entry


def page_writes(apps) -> set[str]:
    """``"app:url_name"`` of every page of capuy's apps that accepts a write."""
    found = set()
    for namespace, pattern in _patterns(get_resolver().url_patterns):
        if namespace in apps and _accepts_post(pattern.callback):
            found.add(f"{namespace}:{pattern.name}")
    return found


def api_writes() -> dict[str, str]:
    """``"api:<operation>"`` → ``"METHOD path"`` for every write operation of the REST API."""
    from capuy.api import api

    found = {}
    for path, operations in api.get_openapi_schema()["paths"].items():
        for method, operation in operations.items():
            if method in WRITE_METHODS:
                found["api:" + operation["operationId"].split("_api_", 1)[1]] = f"{method.upper()} {path}"
    return found
