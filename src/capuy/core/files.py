"""Uploaded files are never served from /media/ directly: each app's view checks the right to read the
record first, then hands the file over with ``download``."""

from pathlib import PurePath

from django.http import FileResponse, Http404


def download(field_file, filename: str = "", inline: bool = False) -> FileResponse:
    """The file behind ``field_file`` as an attachment (or shown in the browser), or 404 when it is missing."""
    if not field_file:
        raise Http404("Không có tệp.")
    try:
        handle = field_file.open("rb")
    except FileNotFoundError as exc:
        raise Http404("Tệp không còn trên máy chủ.") from exc
    return FileResponse(handle, as_attachment=not inline, filename=filename or PurePath(field_file.name).name)
