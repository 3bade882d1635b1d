"""Uploaded files kept across a form that was refused, so the user need not pick them again.

When a form with files is refused for another field, the view ``hold``s each file: it is stored under
``MEDIA_ROOT/tam/`` (served by no URL) and the page gets back a signed token and the file's name, sent
again as a hidden field. On the next submission ``take`` turns the token into an uploaded file again (it
is then checked like any upload, ``capuy.core.uploads``) and ``release`` deletes the kept copy once the
record is saved. A token is only good for the user it was given to, for a day.
"""

import secrets
from dataclasses import dataclass
from pathlib import Path

from django.core import signing
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile

SALT = "capuy.core.held_uploads"
MAX_AGE = 24 * 3600
FOLDER = "tam"
FIELD = "giu-tep"  # the hidden field that carries the tokens back
EXPIRED = "Tệp đã chọn trước đó không còn được giữ; vui lòng chọn lại tệp."


@dataclass(frozen=True)
class Held:
    token: str
    name: str
    path: str = ""


def hold(uploaded, user) -> Held:
    name = Path(uploaded.name or "tep").name[:200] or "tep"
    uploaded.seek(0)
    path = default_storage.save(f"{FOLDER}/{secrets.token_hex(16)}/{name}", uploaded)
    return Held(signing.dumps({"p": path, "n": name, "u": user.pk}, salt=SALT), name, path)


def read(token: str, user) -> Held:
    """The kept file named by ``token``, if it was given to ``user`` and is still kept; else ValidationError."""
    try:
        data = signing.loads(token, salt=SALT, max_age=MAX_AGE)
    except signing.BadSignature:
        raise ValidationError(EXPIRED) from None
    path = str(data.get("p", ""))
    if data.get("u") != user.pk or not path.startswith(f"{FOLDER}/") or ".." in path \
            or not default_storage.exists(path):
        raise ValidationError(EXPIRED)
    return Held(token, str(data.get("n", "tep")), path)


def take(held: Held) -> SimpleUploadedFile:
    with default_storage.open(held.path, "rb") as stored:
        return SimpleUploadedFile(held.name, stored.read())


def release(held) -> None:
    for item in held:
        default_storage.delete(item.path)
