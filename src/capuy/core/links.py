"""Links typed by users lead only to web pages: ``http``, ``https`` or an address relative to capuy.

A link such as ``javascript:…`` or ``data:…`` stored in a record runs in the browser of whoever clicks
it (stored XSS). Browsers ignore tabs, line breaks and leading spaces inside a scheme
(``java\\tscript:``), so the check looks at the address as a browser would read it.
"""

import re
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError

MESSAGE = "Liên kết chỉ được là địa chỉ http://, https:// hoặc địa chỉ trong hệ thống (bắt đầu bằng /)."
_IGNORED_BY_BROWSERS = re.compile(r"[\x00-\x20\x7f]")


def is_safe(value: str) -> bool:
    """True for an http(s) address and a relative one; False for any other scheme."""
    if not value:
        return True
    compact = _IGNORED_BY_BROWSERS.sub("", value)
    try:
        scheme = urlsplit(compact).scheme.lower()
    except ValueError:
        return False
    return scheme in ("", "http", "https")


def validate_link(value: str) -> None:
    """Model and form validator for every field that holds a link."""
    if not is_safe(value):
        raise ValidationError(MESSAGE, code="unsafe_link")


def safe_link(value) -> str:
    """The link itself if it is safe, otherwise an empty address (for templates)."""
    return value if isinstance(value, str) and is_safe(value) else ""
