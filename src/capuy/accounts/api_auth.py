"""API authentication by personal access token (``Authorization: Bearer <key>``).

It lives with the tokens in ``accounts`` (not in ``core``, which knows no app); ``capuy.api`` mounts it.
"""

from django.core.exceptions import PermissionDenied
from ninja.security import HttpBearer

from capuy.accounts.models import ApiToken
from capuy.core.history import set_api_actor


class TokenAuth(HttpBearer):
    """``Authorization: Bearer <key>`` with a key from the user's "Mã truy cập API" page."""

    def authenticate(self, request, token):
        found = ApiToken.find(token)
        if found is None:
            return None
        if found.is_read_only and request.method not in ("GET", "HEAD", "OPTIONS"):
            raise PermissionDenied("Mã truy cập này chỉ có quyền đọc, không dùng để thay đổi dữ liệu.")
        request.user = found.user
        request.api_token = found
        set_api_actor(found.user)
        return found.user
