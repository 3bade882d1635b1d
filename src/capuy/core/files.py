"""Uploaded files are never served from /media/ directly: each app's view checks the right to read the
record first, then hands the file over with ``download``.

Behind nginx (``settings.ACCEL_REDIRECT`` set, e.g. ``/_protected/``) capuy does not stream the bytes itself:
it answers with ``X-Accel-Redirect: /_protected/<path in MEDIA_ROOT>`` and nginx sends the file from an
``internal`` location, which no browser can request directly (deploy/nginx/capuy.conf). The permission check
stays in capuy; the worker is free at once.
"""

import mimetypes
from pathlib import PurePath
from urllib.parse import quote

from django.conf import settings
from django.http import FileResponse, Http404, HttpResponse
from django.utils.http import content_disposition_header


def download(field_file, filename: str = "", inline: bool = False) -> FileResponse:
    """The file behind ``field_file`` as an attachment (or shown in the browser), or 404 when it is missing."""
    if not field_file:
        raise Http404("Không có tệp.")
    name = filename or PurePath(field_file.name).name
    if getattr(settings, "ACCEL_REDIRECT", ""):
        if not field_file.storage.exists(field_file.name):
            raise Http404("Tệp không còn trên máy chủ.")
        content_type, _ = mimetypes.guess_type(name)
        response = HttpResponse(content_type=content_type or "application/octet-stream")  # nginx sends the body
        response["Content-Disposition"] = content_disposition_header(not inline, name)
        response["X-Accel-Redirect"] = settings.ACCEL_REDIRECT.rstrip("/") + "/" + quote(field_file.name)
        return response
    try:
        handle = field_file.open("rb")
    except FileNotFoundError as exc:
        raise Http404("Tệp không còn trên máy chủ.") from exc
    return FileResponse(handle, as_attachment=not inline, filename=name)
