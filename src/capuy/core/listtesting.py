"""What the tests of every list (core/paging.py) check, in one place: walking a list to its last row,
reading the count it shows, the rows of an export, and counting queries per page."""

import html
import io
import re

from django.db import connection
from django.test.utils import CaptureQueriesContext

NEXT = re.compile(r'<a href="([^"]*)" rel="next">')
LAST = re.compile(r'<a href="([^"]*)" rel="last">')
COUNT = re.compile(r'data-count="(\d+)"')


def next_link(content: str) -> str | None:
    found = NEXT.search(content)
    return html.unescape(found.group(1)) if found else None


def last_link(content: str) -> str | None:
    found = LAST.search(content)
    return html.unescape(found.group(1)) if found else None


def shown_count(content: str) -> int:
    return int(COUNT.search(content).group(1))


def walk(client, url: str, max_pages: int = 1000) -> list[str]:
    """Every page of a list, following "Trang sau" from ``url`` until there is none."""
    pages = []
    base = url.split("?")[0]
    while url and len(pages) < max_pages:
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        content = response.content.decode()
        pages.append(content)
        link = next_link(content)
        url = base + link if link else None
    return pages


def workbook_rows(data: bytes) -> list[list]:
    import openpyxl

    sheet = openpyxl.load_workbook(io.BytesIO(data), read_only=True).worksheets[0]
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(context.captured_queries)


def queries_at_two_sizes(client, url: str, grow) -> tuple[int, int]:
    """The queries of one page of ``url`` before and after ``grow()`` adds rows to the table (a page
    holding a few rows against a full one): equal when nothing is fetched per row or per table size."""
    before = queries(client, url)
    grow()
    return before, queries(client, url)
