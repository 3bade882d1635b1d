"""Every list of capuy, page by page: paging, sorting, filtering, counting and exporting in one place.

A list is a subclass of :class:`Listing` that says which rows the user may see (:meth:`Listing.rows`), which
orders (``sorts``) and filters (``filters``) the query string may ask for, and which columns an export has.
The page then shows how many rows match ("Có 12.345 đảng viên"), a page of them and the pager
(``{% include "core/_pager.html" %}``); nothing is cut silently.

Why keyset paging: ``OFFSET 2 000 000`` makes the database read and throw away two million rows. The
"Trang sau"/"Trang trước"/"Trang cuối" links carry the sort key of the row they continue from (signed, so a
hand-made value cannot reach the database), and the next page is "the rows after this key", which an index
answers at any depth. A page number (``trang``) still opens directly while it is near the start
(``CAPUY_LIST_MAX_OFFSET`` rows); past the end it shows the last page and says so.

Each page costs the same queries wherever it is: one count and one query for the rows (plus the list's
own prefetches). A bad page number, sort, filter or cursor never fails: the page says what was ignored,
in Vietnamese, and shows the list without it.

Exports: :func:`export_response` writes the whole filtered list (every row, in the page's order) to Excel
through :mod:`capuy.core.spreadsheets`; above ``CAPUY_EXPORT_BACKGROUND_ROWS`` rows it becomes a background
job (:mod:`capuy.core.jobs`) with a progress bar, whose file its owner downloads from the job's page.
"""

import dataclasses
import datetime
import decimal
import functools
import io
import secrets
from collections.abc import Callable, Iterable
from typing import Any

from django.core import signing
from django.core.exceptions import ValidationError
from django.db.models import F, Q
from django.http import HttpResponse, QueryDict
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.module_loading import import_string

from capuy import config
from capuy.core import inputs, spreadsheets
from capuy.core.vietnamese import number

SORT, PAGE, AFTER, BEFORE, LAST, PER_PAGE = "sap-xep", "trang", "sau", "truoc", "cuoi", "so-dong"
EXACT = "dem"  # "dem=1": count every row of a list whose count is bounded
PAGING_PARAMS = (PAGE, AFTER, BEFORE, LAST)
PER_PAGE_CHOICES = (20, 50, 100, 200)
CURSOR_SALT = "capuy.paging.cursor"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def max_offset() -> int:
    return config.value("CAPUY_LIST_MAX_OFFSET")


def count_limit() -> int:
    return config.value("CAPUY_LIST_COUNT_LIMIT")


def background_rows() -> int:
    return config.value("CAPUY_EXPORT_BACKGROUND_ROWS")


# --- what a list declares --------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Sort:
    """One order a list offers: a label and its keys (``"field"`` or ``"-field"``; the primary key is added
    last so that the order is total). Keys must not be NULL (keyset paging compares them)."""

    label: str
    keys: tuple[str, ...]


@dataclasses.dataclass(frozen=True)
class Filter:
    """A filter read from the query string: ``parse(text)`` returns the value or raises ``ValueError`` with
    a Vietnamese message; ``apply(rows, value)`` narrows the rows."""

    param: str
    label: str
    parse: Callable[[str], Any]
    apply: Callable[[Any, Any], Any]


def choice(param: str, label: str, choices, lookup: str) -> Filter:
    """A filter on one of ``choices`` (the model's ``TextChoices.choices``)."""
    values = dict(choices)

    def parse(text):
        if text not in values:
            raise ValueError(f"không có lựa chọn “{text[:50]}” cho {label.lower()}")
        return text
    return Filter(param, label, parse, lambda rows, value: rows.filter(**{lookup: value}))


def year(param: str, label: str, lookup: str) -> Filter:
    def parse(text):
        value = inputs.query_year(text)
        if value is None:
            raise ValueError(f"{label.lower()} phải là một năm từ {inputs.MIN_YEAR} đến {inputs.MAX_YEAR}")
        return value
    return Filter(param, label, parse, lambda rows, value: rows.filter(**{lookup: value}))


def identifier(param: str, label: str, lookup: str) -> Filter:
    """A filter on an id; the list's rows are already limited to what the user may read, so an id outside
    them just finds nothing."""
    def parse(text):
        value = inputs.query_id(text)
        if value is None:
            raise ValueError(f"{label.lower()} không hợp lệ")
        return value
    return Filter(param, label, parse, lambda rows, value: rows.filter(**{lookup: value}))


def text(param: str, label: str, apply: Callable[[Any, str], Any], max_length: int = 100) -> Filter:
    """A search box; ``apply(rows, words)`` runs the search (the apps' full-text search methods)."""
    def parse(value):
        value = value.strip()
        if len(value) > max_length:
            raise ValueError(f"{label.lower()} dài quá {max_length} ký tự")
        return value
    return Filter(param, label, parse, apply)


@dataclasses.dataclass(frozen=True)
class Column:
    """A column of the Excel export: a heading and how to read it from a row."""

    label: str
    value: Callable[[Any], Any]


# --- one page --------------------------------------------------------------------------------------------


@dataclasses.dataclass
class Page:
    rows: list
    count: int
    number: int | None  # the page number when it is known (opened by number, or the first page)
    pages: int
    has_previous: bool
    has_next: bool
    first_url: str = ""
    previous_url: str = ""
    next_url: str = ""
    last_url: str = ""

    def __iter__(self):
        return iter(self.rows)

    def __len__(self):
        return len(self.rows)


class Listing:
    """A list of rows a user may see; subclasses set the class attributes and :meth:`rows`."""

    noun = "dòng"  # "Có 12.345 <noun>"
    title = "Danh sách"  # the export's sheet and job title
    filename = "danh-sach"
    sorts: dict[str, Sort] = {}
    default_sort = ""
    filters: tuple[Filter, ...] = ()
    columns: tuple[Column, ...] = ()
    per_page = 50
    # Counting every row of a province's members takes seconds: such lists count up to
    # CAPUY_LIST_COUNT_LIMIT and say "Có hơn 10.000 …", with a link that counts exactly (EXACT) on demand.
    bounded_count = False
    count_is_bounded = False  # set by count(): more rows match than were counted

    def __init__(self, user, params, **context):
        """``params``: the query string; ``context``: what the URL names (JSON-able: it goes to the
        background export job, which builds the same list again for the same user)."""
        self.user, self.context = user, context
        self.params = params if isinstance(params, QueryDict) else _query_dict(params)
        self.notices: list[str] = []
        self.sort_key = self._read_sort()
        self.values = self._read_filters()
        self.page_size = self._read_page_size()

    # -- what subclasses say --
    def rows(self):
        """Every row the user may see, before filters (a queryset)."""
        raise NotImplementedError

    def decorate(self, rows: list) -> list:
        """Per-page work on the rows of a page (flags computed in Python); returns the rows."""
        return rows

    # -- the query string --
    def _read_sort(self) -> str:
        asked = self.params.get(SORT, "")
        if asked and asked not in self.sorts:
            default = self.sorts[self.default_sort].label.lower() if self.default_sort else ""
            self.notices.append(f"Không sắp xếp được theo “{asked[:50]}”; danh sách xếp theo {default}.")
            return self.default_sort
        return asked or self.default_sort

    def _read_filters(self) -> dict:
        values = {}
        for spec in self.filters:
            raw = self.params.get(spec.param, "")
            if raw == "":
                continue
            try:
                values[spec.param] = spec.parse(raw)
            except ValueError as exc:
                self.notices.append(f"Bỏ qua bộ lọc “{spec.label}”: {exc}.")
        return values

    def _read_page_size(self) -> int:
        raw = self.params.get(PER_PAGE, "")
        if not raw:
            return self.per_page
        size = inputs.query_int(raw, 1, max(PER_PAGE_CHOICES))
        if size not in PER_PAGE_CHOICES:
            self.notices.append("Số dòng mỗi trang chỉ chọn được "
                                + ", ".join(str(n) for n in PER_PAGE_CHOICES) + f"; đang hiện {self.per_page} dòng.")
            return self.per_page
        return size

    def value(self, param: str, default=None):
        return self.values.get(param, default)

    # -- the rows --
    @functools.cached_property
    def _all_rows(self):
        # Once per listing: the count and the page both start here, and rows() may check access with a query.
        return self.rows()

    def filtered(self):
        rows = self._all_rows
        for spec in self.filters:
            if spec.param in self.values:
                rows = spec.apply(rows, self.values[spec.param])
        return rows

    def _keys(self) -> list[str]:
        keys = list(self.sorts[self.sort_key].keys) if self.sort_key else []
        descending = keys[-1].startswith("-") if keys else False
        if not any(k.lstrip("-") in ("pk", "id") for k in keys):
            keys.append("-pk" if descending else "pk")
        return keys

    def ordered(self, reverse: bool = False):
        """The filtered rows in the list's order (``reverse``: backwards), each carrying its sort keys."""
        keys = self._keys()
        rows = self.filtered().annotate(**{f"paging_k{i}": F(k.lstrip("-")) for i, k in enumerate(keys)})
        order = []
        for i, key in enumerate(keys):
            down = key.startswith("-") != reverse
            order.append(F(f"paging_k{i}").desc() if down else F(f"paging_k{i}").asc())
        return rows.order_by(*order)

    def count(self) -> int:
        """The rows that match; for a ``bounded_count`` list at most ``CAPUY_LIST_COUNT_LIMIT`` (then
        ``count_is_bounded``) unless the query string asks for the exact figure."""
        if not hasattr(self, "_count"):
            rows = self.filtered().order_by()
            if self.bounded_count and self.params.get(EXACT) != "1":
                limit = count_limit()
                found = rows.values("pk")[: limit + 1].count()  # COUNT over a LIMIT subquery: stops early
                self.count_is_bounded = found > limit
                self._count = min(found, limit)
            else:
                self._count = rows.count()
        return self._count

    def exact_count(self) -> int:
        if self.count_is_bounded or not hasattr(self, "_count"):
            return self.filtered().order_by().count()
        return self._count

    def _beyond(self, rows, cursor: list, backwards: bool):
        """The rows strictly after ``cursor`` in the list's order (before it when ``backwards``)."""
        keys = self._keys()
        query = Q(pk__in=[])
        for i, key in enumerate(keys):
            down = key.startswith("-") != backwards
            step = Q(**{f"paging_k{j}": cursor[j] for j in range(i)})
            step &= Q(**{f"paging_k{i}__{'lt' if down else 'gt'}": cursor[i]})
            query |= step
        return rows.filter(query)

    def _cursor_of(self, row) -> str:
        values = [getattr(row, f"paging_k{i}") for i in range(len(self._keys()))]
        return signing.dumps([self.sort_key, [_dump(v) for v in values]], salt=CURSOR_SALT, compress=True)

    def _read_cursor(self, token: str) -> list | None:
        try:
            sort_key, values = signing.loads(token, salt=CURSOR_SALT)
            values = [_load(v) for v in values]
        except (signing.BadSignature, ValueError, TypeError, KeyError):
            self.notices.append("Liên kết trang không hợp lệ hoặc đã cũ; đang hiện trang đầu.")
            return None
        if sort_key != self.sort_key or len(values) != len(self._keys()):
            self.notices.append("Thứ tự sắp xếp đã đổi; đang hiện trang đầu.")
            return None
        return values

    def page(self) -> Page:
        count, size = self.count(), self.page_size
        pages = max(1, -(-count // size))
        after, before = self.params.get(AFTER), self.params.get(BEFORE)
        cursor_after = self._read_cursor(after) if after else None
        cursor_before = self._read_cursor(before) if before and not after else None
        number = None
        if self.params.get(LAST) and not (cursor_after or cursor_before):
            rows = list(self.ordered(reverse=True)[: size + 1])
            has_previous, has_next = len(rows) > size, False
            rows = rows[:size][::-1]
            number = pages if (count % size == 0 or count < size) and not self.count_is_bounded else None
        elif cursor_before is not None:
            rows = list(self._beyond(self.ordered(reverse=True), cursor_before, backwards=True)[: size + 1])
            has_previous, has_next = len(rows) > size, True
            rows = rows[:size][::-1]
        elif cursor_after is not None:
            rows = list(self._beyond(self.ordered(), cursor_after, backwards=False)[: size + 1])
            has_previous, has_next = True, len(rows) > size
            rows = rows[:size]
            if not rows and count:
                self.notices.append("Đã qua dòng cuối của danh sách; bấm “Trang cuối” hoặc “Trang đầu”.")
        else:
            number = self._read_page_number(pages, count)
            offset = (number - 1) * size
            rows = list(self.ordered()[offset: offset + size + 1])
            has_previous, has_next = number > 1, len(rows) > size
            rows = rows[:size]
        page = Page(rows, count, number, pages, has_previous, has_next)
        self._links(page)  # from the rows as fetched: they carry their sort keys
        page.rows = self.decorate(rows)
        return page

    def _read_page_number(self, pages: int, count: int) -> int:
        raw = self.params.get(PAGE, "")
        if not raw:
            return 1
        number = inputs.query_int(raw, 1)
        if number is None:
            self.notices.append(f"Số trang “{raw[:20]}” không hợp lệ; đang hiện trang đầu.")
            return 1
        if number > pages and not self.count_is_bounded:
            self.notices.append(f"Không có trang {number}: danh sách chỉ có {number_text(pages)} trang; "
                                "đang hiện trang cuối.")
            number = pages
        if (number - 1) * self.page_size > max_offset():
            self.notices.append(f"Trang {number} quá xa đầu danh sách để mở thẳng; đang hiện trang đầu. "
                                "Hãy thu hẹp bằng bộ lọc, hoặc đi từ “Trang cuối”.")
            return 1
        return number

    def query_string(self, **changes) -> str:
        """The current query string without the paging parameters, with ``changes`` (None removes)."""
        params = self.params.copy()
        for key in PAGING_PARAMS:
            params.pop(key, None)
        for key, value in changes.items():
            key = key.replace("_", "-")
            params.pop(key, None)
            if value is not None:
                params[key] = value
        return params.urlencode()

    def _links(self, page: Page) -> None:
        page.first_url = "?" + self.query_string()
        page.last_url = "?" + self.query_string(cuoi="1")
        if page.has_next and page.rows:
            page.next_url = "?" + self.query_string(sau=self._cursor_of(page.rows[-1]))
        if page.has_previous and page.rows:
            page.previous_url = "?" + self.query_string(truoc=self._cursor_of(page.rows[0]))

    def sort_links(self) -> list[tuple[str, str, bool]]:
        """(label, link, current) for each order the list offers."""
        return [(s.label, "?" + self.query_string(sap_xep=key), key == self.sort_key) for key, s in self.sorts.items()]

    @property
    def summary(self) -> str:
        count = self.count()
        if self.count_is_bounded:
            return f"Có hơn {number_text(count)} {self.noun}"
        return f"Có {number_text(count)} {self.noun}"

    @property
    def exact_count_url(self) -> str:
        """The link that counts every row (only when the count shown is bounded)."""
        return "?" + self.query_string(dem="1") if self.count_is_bounded else ""

    # -- export --
    def export_rows(self) -> Iterable[list]:
        """The header and every filtered row, in the list's order."""
        yield [c.label for c in self.columns]
        for row in self.ordered().iterator(chunk_size=2000):
            yield [_cell(c.value(row)) for c in self.columns]

    def export_params(self) -> dict:
        return {k: v for k, v in self.params.items() if k not in PAGING_PARAMS + (EXACT,)}


def number_text(value: int) -> str:
    """12345 → "12.345" (Vietnamese thousands separator)."""
    return number(value)


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        return timezone.localtime(value).replace(tzinfo=None)  # Excel has no time zones: the local clock
    if isinstance(value, (str, int, float, decimal.Decimal, datetime.date)):
        return value
    return str(value)


def _query_dict(params: dict | None) -> QueryDict:
    query = QueryDict(mutable=True)
    for key, value in (params or {}).items():
        query[key] = value
    return query


def _dump(value):
    """A sort key as JSON (dates and datetimes tagged, so they come back as what the column holds)."""
    if isinstance(value, datetime.datetime):
        return {"t": value.isoformat()}
    if isinstance(value, datetime.date):
        return {"d": value.isoformat()}
    if isinstance(value, decimal.Decimal):
        return {"n": str(value)}
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


def _load(value):
    if isinstance(value, dict):
        if "t" in value:
            return datetime.datetime.fromisoformat(value["t"])
        if "d" in value:
            return datetime.date.fromisoformat(value["d"])
        return decimal.Decimal(value["n"])
    return value


# --- export --------------------------------------------------------------------------------------------


def workbook(listing: Listing, progress: Callable[[int], None] | None = None) -> bytes:
    import openpyxl

    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet(listing.title[:31])
    for i, row in enumerate(listing.export_rows()):
        spreadsheets.append(sheet, row)
        if progress and i and i % 500 == 0:
            progress(i)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def export_response(request, listing: Listing):
    """The whole filtered list as an Excel file; a background job (and its page) when it is large."""
    count = listing.count()
    if count > background_rows() or listing.count_is_bounded:
        from capuy.core import jobs

        cls = type(listing)
        job = jobs.start("paging.export", f"Xuất Excel: {listing.title} ({'hơn ' if listing.count_is_bounded else ''}{number_text(count)} dòng)",
                         "capuy.core.paging.export_job", f"{cls.__module__}.{cls.__qualname__}",
                         listing.export_params(), listing.context, owner=request.user, total=count)
        return redirect(job)
    response = HttpResponse(workbook(listing), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{listing.filename}.xlsx"'
    return response


def export_job(job, listing_path: str, params: dict, context: dict) -> dict:
    """The background export: the same list for the job's owner (their rights as they are now)."""
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    from capuy.core.jobs import JobFailed
    from capuy.core.models import BackgroundJob

    if job.owner is None:
        raise JobFailed("Không còn người yêu cầu xuất danh sách này.")
    try:
        listing = import_string(listing_path)(job.owner, params, **context)
        total = listing.exact_count()
    except (ValidationError, LookupError) as exc:
        raise JobFailed("Không còn quyền xem danh sách này; không xuất tệp.") from exc
    except Exception as exc:  # Http404/PermissionDenied from the list's own checks
        if type(exc).__name__ in ("Http404", "PermissionDenied"):
            raise JobFailed("Không còn quyền xem danh sách này; không xuất tệp.") from exc
        raise
    job.progress(0, total, "Đang ghi tệp Excel…", force=True)
    data = workbook(listing, progress=lambda done: job.progress(done, total, f"Đã ghi {number_text(done)} dòng…"))
    name = default_storage.save(f"viec-nen/xuat/{job.pk}-{secrets.token_hex(8)}-{listing.filename}.xlsx",
                                ContentFile(data))
    BackgroundJob.objects.filter(pk=job.pk).update(result_url=reverse("core:job_file", args=[job.pk]))
    return {"file": name, "filename": f"{listing.filename}.xlsx",
            "message": f"Đã xuất {number_text(total)} dòng."}


# --- the REST API ----------------------------------------------------------------------------------------

API_MAX_LIMIT = 1000
API_DEFAULT_LIMIT = 100
API_PAGING_DOC = (
    "Danh sách được chia trang: `limit` (1–1000, mặc định 100) dòng, bắt đầu từ `offset` (tối đa "
    "`CAPUY_LIST_MAX_OFFSET`), hoặc tiếp sau `cursor`. Tiêu đề trả về: `X-Total-Count` (tổng số dòng khớp "
    "bộ lọc) và `X-Next-Cursor` (khi còn dòng sau; gửi lại trong `cursor` để lấy trang tiếp, nhanh ở mọi độ sâu)."
)


class QueryListing(Listing):
    """A bare queryset in a fixed order (``keys``), for the API's pages."""

    def __init__(self, user, queryset, keys: tuple[str, ...]):
        self._queryset = queryset
        self.sorts = {"api": Sort("", keys)}
        self.default_sort = "api"
        super().__init__(user, {})

    def rows(self):
        return self._queryset


def api_page(response, user, queryset, keys: tuple[str, ...], limit: int, offset: int = 0, cursor: str = "") -> list:
    """One page of ``queryset`` for an API list operation (see :data:`API_PAGING_DOC`); the headers go on the
    operation's temporal ``response``. A bad cursor or an offset too deep for the database is a 400 with a
    Vietnamese message, never a slow query."""
    listing = QueryListing(user, queryset, keys)
    limit = max(1, min(limit, API_MAX_LIMIT))
    if cursor:
        values = listing._read_cursor(cursor)
        if values is None:
            raise ValidationError({"cursor": "Giá trị cursor không hợp lệ hoặc đã cũ; hãy lấy lại từ trang đầu."})
        rows = list(listing._beyond(listing.ordered(), values, backwards=False)[: limit + 1])
    else:
        if offset > max_offset():
            raise ValidationError({"offset": f"offset tối đa là {max_offset()}; xa hơn hãy đi theo cursor "
                                             "(tiêu đề X-Next-Cursor)."})
        rows = list(listing.ordered()[offset: offset + limit + 1])
    response["X-Total-Count"] = str(listing.count())
    if len(rows) > limit:
        response["X-Next-Cursor"] = listing._cursor_of(rows[limit - 1])
    return rows[:limit]


def api_limit():
    """The ``limit`` query parameter of an API list (a fresh ``Query`` for each operation)."""
    from ninja import Query

    return Query(API_DEFAULT_LIMIT, ge=1, le=API_MAX_LIMIT, description="Số dòng tối đa của trang (1–1000).")


def api_offset():
    from ninja import Query

    return Query(0, ge=0, description="Bỏ qua bấy nhiêu dòng đầu (tối đa CAPUY_LIST_MAX_OFFSET); xa hơn dùng cursor.")


def api_cursor():
    from ninja import Query

    return Query("", max_length=2000, description="Tiếp sau trang trước: giá trị tiêu đề X-Next-Cursor của nó.")
