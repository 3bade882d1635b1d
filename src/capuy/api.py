"""The REST API under /api/, with its OpenAPI schema at /api/openapi.json."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DataError, IntegrityError
from django.http import Http404, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from ninja import NinjaAPI
from ninja.errors import AuthenticationError
from ninja.errors import ValidationError as SchemaError
from ninja.security import django_auth

from capuy.accounts.api_auth import TokenAuth
from capuy.core import inputs
from capuy.core.api import ErrorOut, validation_payload


class CapuyAPI(NinjaAPI):
    def get_openapi_schema(self, *args, **kwargs):
        """Every operation documents the error responses it can give (400, 401, 403, 404, 422)."""
        schema = super().get_openapi_schema(*args, **kwargs)
        return inputs.document_errors(schema, ErrorOut.model_json_schema())


api = CapuyAPI(
    title="Cấp ủy số API",
    version="1",
    description="API của Cấp ủy số. Xác thực bằng mã truy cập (Bearer) hoặc phiên đăng nhập.",
    auth=[TokenAuth(), django_auth],
    urls_namespace="api",
)


@api.exception_handler(ValidationError)
def on_validation_error(request, exc):
    return api.create_response(request, validation_payload(exc), status=400)


@api.exception_handler(SchemaError)
def on_malformed_request(request, exc):
    """A request that does not match the schema (a missing field, a wrong type): say which fields, in Vietnamese."""
    fields = sorted({".".join(str(part) for part in error.get("loc", ())[1:]) or "dữ liệu" for error in exc.errors})
    return api.create_response(request, {
        "detail": "Dữ liệu gửi lên không hợp lệ (thiếu hoặc sai kiểu) ở: " + ", ".join(fields) + ".",
        "errors": {field: ["Thiếu hoặc sai kiểu dữ liệu."] for field in fields},
    }, status=422)


@api.exception_handler(AuthenticationError)
def on_unauthenticated(request, exc):
    return api.create_response(request, {"detail": "Cần đăng nhập hoặc mã truy cập hợp lệ."}, status=401)


@api.exception_handler(PermissionDenied)
def on_permission_denied(request, exc):
    return api.create_response(request, {"detail": str(exc) or "Bạn không có quyền thực hiện thao tác này."}, status=403)


@api.exception_handler(Http404)
def on_not_found(request, exc):
    # Django's own "No Person matches the given query." (get_object_or_404) is not for the user's eyes.
    detail = str(exc)
    if not detail or "matches the given query" in detail:
        detail = "Không tìm thấy."
    return api.create_response(request, {"detail": detail}, status=404)


@api.exception_handler(OverflowError)
@api.exception_handler(DataError)
def on_out_of_range(request, exc):
    """A value the database cannot hold (a number too large, a date out of range) is the client's error."""
    return api.create_response(request, {"detail": "Có giá trị vượt quá giới hạn cho phép.", "errors": {}}, status=422)


@api.exception_handler(IntegrityError)
def on_conflict(request, exc):
    """A write that breaks a database constraint (a duplicate, a missing reference): refused, nothing saved."""
    return api.create_response(request, {
        "detail": "Dữ liệu trùng lặp hoặc mâu thuẫn với dữ liệu đã có; không có gì được lưu.", "errors": {}},
        status=422)


@csrf_exempt  # an API client has no CSRF cookie; a refused address must still answer in JSON
def not_found(request, rest=""):
    """An address under /api/ that no operation has (a path id that is not a number): a JSON 404."""
    return JsonResponse({"detail": "Không tìm thấy địa chỉ API này.", "errors": {}}, status=404)


def _register():
    import importlib

    # Each app's router is mounted at the root; its paths carry their own prefix (/conferences/, …).
    for app in ("organizations", "members", "conferences", "voting", "documents", "targets", "tasks", "portal"):
        api.add_router("/", importlib.import_module(f"capuy.{app}.api").router)
    api.add_router("/", importlib.import_module("capuy.core.jobs_api").router)
    inputs.bound_integers(api)


_register()
