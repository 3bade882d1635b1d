"""Shared pieces of the REST API: authentication, error shapes and permission helpers."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from ninja import Schema
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


class ErrorOut(Schema):
    detail: str
    errors: dict[str, list[str]] = {}


def validation_payload(exc: ValidationError) -> dict:
    if hasattr(exc, "error_dict"):
        errors = {field: [str(m) for e in errs for m in e.messages] for field, errs in exc.error_dict.items()}
        first = next(iter(errors.values()))[0]
        return {"detail": first, "errors": errors}
    return {"detail": " ".join(exc.messages), "errors": {}}


def save_validated(obj, fields: dict | None = None):
    """Apply ``fields`` to ``obj``, run the model's checks, and save; nothing is saved when a check fails."""
    for name, value in (fields or {}).items():
        setattr(obj, name, value)
    obj.full_clean()
    with transaction.atomic():
        obj.save()
    return obj


def require(allowed: bool, message: str = "Bạn không có quyền thực hiện thao tác này."):
    if not allowed:
        raise PermissionDenied(message)


def require_visible(visible: bool, message: str = "Không tìm thấy."):
    if not visible:
        raise Http404(message)
