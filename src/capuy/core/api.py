"""Shared pieces of the REST API: error shapes and permission helpers (token authentication is in
``capuy.accounts.api_auth``: core knows no app)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from ninja import Schema


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
