"""Bounds on every integer the REST API accepts, and the error responses every operation documents.

A number that arrives in a request must fit the database column it ends in (SQLite and PostgreSQL both
fail with a 500 on a 20-digit integer), a page offset cannot be negative, a year must be a year, and
``false`` is not the number 0. Rather than trusting each schema to say so, :func:`bound_integers`
rewrites the input models of every operation of an API once it is assembled, so a new endpoint is
covered without anyone remembering to: the bound depends on the field's name (``*_id``, ``pk``,
``offset``, ``limit``, ``year``), every other integer fits a 32-bit column, and every date lies
between 1900 and 2100 (date arithmetic on year 1 or 9999 overflows).
"""

import datetime
import types
import typing
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, BeforeValidator, Field, create_model
from pydantic.fields import FieldInfo

MAX_INT = 2**31 - 1  # the smallest integer column of the two databases (IntegerField on PostgreSQL)
MAX_ID = 2**63 - 1  # BigAutoField on both databases
MIN_YEAR, MAX_YEAR = 1900, 2100  # every year a party record of today's members can carry


def _not_a_boolean(value):
    if isinstance(value, bool):
        raise ValueError("Cần một số nguyên, không phải giá trị đúng/sai.")
    return value


def _integer(ge: int, le: int):
    return Annotated[int, Field(ge=ge, le=le), BeforeValidator(_not_a_boolean)]


Int = _integer(-MAX_INT, MAX_INT)
Id = _integer(1, MAX_ID)
Offset = _integer(0, MAX_INT)
Limit = _integer(1, MAX_INT)
Year = _integer(MIN_YEAR, MAX_YEAR)


def _within_the_years(value):
    if value is not None and not MIN_YEAR <= value.year <= MAX_YEAR:
        raise ValueError(f"Ngày phải trong khoảng năm {MIN_YEAR}–{MAX_YEAR}.")
    return value


Date = Annotated[datetime.date, AfterValidator(_within_the_years)]
DateTime = Annotated[datetime.datetime, AfterValidator(_within_the_years)]


def query_int(value, low: int = -MAX_INT, high: int = MAX_INT) -> int | None:
    """An integer from a page's query string, or None when it is missing, not a number or out of bounds."""
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        return None
    return number if low <= number <= high else None


def query_id(value) -> int | None:
    return query_int(value, 1, MAX_ID)


def query_year(value) -> int | None:
    return query_int(value, MIN_YEAR, MAX_YEAR)


def query_date(value) -> datetime.date | None:
    """A date (YYYY-MM-DD) from a page's query string between 1900 and 2100, or None."""
    try:
        day = datetime.date.fromisoformat(str(value).strip())
    except (TypeError, ValueError):
        return None
    return day if MIN_YEAR <= day.year <= MAX_YEAR else None


def bound_for(name: str):
    """The bounded integer type for an input field called ``name``."""
    if name in ("pk", "id") or name.endswith(("_id", "_ids", "_pk")):
        return Id
    if name == "offset":
        return Offset
    if name == "limit":
        return Limit
    if name == "year" or name.endswith("_year"):
        return Year
    return Int


def _bounded(annotation, name: str, cache: dict):
    """``annotation`` with every bare ``int`` in it replaced by the bounded type for ``name``."""
    if annotation is int:
        return bound_for(name)
    if annotation is datetime.datetime:
        return DateTime
    if annotation is datetime.date:
        return Date
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return bounded_model(annotation, cache)
    origin = typing.get_origin(annotation)
    if origin is None:
        return annotation
    args = typing.get_args(annotation)
    if origin is Annotated:
        inner = _bounded(args[0], name, cache)
        return annotation if inner is args[0] else Annotated[(inner, *annotation.__metadata__)]
    new_args = tuple(_bounded(arg, name, cache) for arg in args)
    if new_args == args:
        return annotation
    if origin in (types.UnionType, typing.Union):
        return typing.Union[new_args]  # noqa: UP007 - built from a tuple
    if origin is list:
        return list[new_args[0]]
    if origin is tuple:
        return tuple[new_args]
    if origin is dict:
        return dict[new_args]
    return annotation


def bounded_model(model: type[BaseModel], cache: dict | None = None) -> type[BaseModel]:
    """A subclass of ``model`` (same name, same behaviour) whose integer fields are bounded."""
    cache = {} if cache is None else cache
    if model in cache:
        return cache[model]
    cache[model] = model  # a self-referencing model stays as it is
    overrides: dict[str, Any] = {}
    for name, field in model.model_fields.items():
        annotation = field.rebuild_annotation() if field.metadata else field.annotation
        new = _bounded(annotation, name, cache)
        if new is not annotation:
            info = FieldInfo.merge_field_infos(field)
            info.metadata = []  # the constraints travel in ``new`` (Annotated keeps the original ones)
            overrides[name] = (new, info)
    if not overrides:
        return model
    bounded = create_model(model.__name__, __base__=model, __module__=model.__module__, **overrides)
    bounded.__qualname__ = model.__qualname__
    cache[model] = bounded
    return bounded


def bound_integers(api) -> None:
    """Replace the input models of every operation of ``api`` by their bounded versions."""
    cache: dict = {}
    for bound_router in api._get_bound_routers():
        for path_view in bound_router.path_operations.values():
            for operation in path_view.operations:
                operation.models = [bounded_model(model, cache) for model in operation.models]


ERROR_DESCRIPTIONS = {
    400: "Dữ liệu không hợp lệ theo quy định (thông báo bằng tiếng Việt)",
    401: "Cần đăng nhập hoặc mã truy cập hợp lệ",
    403: "Không có quyền thực hiện thao tác",
    404: "Không tìm thấy, hoặc không có quyền xem",
    422: "Yêu cầu sai kiểu, thiếu trường hoặc vượt giới hạn",
}


def document_errors(schema: dict, error_schema: dict) -> dict:
    """Add the error responses every operation can give to an OpenAPI ``schema`` (in place)."""
    schema.setdefault("components", {}).setdefault("schemas", {})["ErrorOut"] = error_schema
    content = {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorOut"}}}
    for operations in schema.get("paths", {}).values():
        for operation in operations.values():
            responses = operation.setdefault("responses", {})
            for status, description in ERROR_DESCRIPTIONS.items():
                if status == 401 and not operation.get("security"):
                    continue
                responses.setdefault(status, {"description": description, "content": content})
    return schema
