"""Role × organization × address × field: nothing of another ward reaches a ward's office or a member.

The addresses are not listed by hand: the pages come from the URL resolver and the API operations from
/api/openapi.json, so a new page or endpoint is covered without writing a test. Another ward (Nhật Tân)
and another province hold records whose every text carries a marker; each page and each GET operation
is asked, by the Quảng An office and by a Quảng An party member, with each of those records' ids in
every id position, and each write operation with a body gets those ids in every ``*_id`` field. The
marker must never come back, and nothing may answer 5xx. Bounded: one id per kind of record.
"""

import datetime
import json
import re

from django.urls import URLPattern, URLResolver, get_resolver

from capuy.api import api
from capuy.core.testing import CapuyTestCase
from capuy.core.tests.elsewhere import MARKER, foreign_records, own_records

D = datetime.date


def _page_patterns(resolver=None, prefix=""):
    """(route, names of its int arguments) for every page, the API and the admin left out."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        route = prefix + str(entry.pattern)
        if route.startswith(("api/", "quan-tri/", "static/", "media/")):
            continue
        if isinstance(entry, URLResolver):
            yield from _page_patterns(entry, route)
        elif isinstance(entry, URLPattern) and entry.name != "events":
            # Live event streams never end and hold a connection of their own; the live tests cover them.
            yield route


def _fill_route(route: str, value: int) -> str | None:
    """The route with every ``<int:…>`` replaced by ``value``; None when it has arguments of other kinds."""
    filled = re.sub(r"<int:\w+>", str(value), route)
    if "<" in filled or "(?P" in filled or "^" in filled:
        return None
    return "/" + filled


def _example(schema: dict, name: str, value: int, components: dict):
    if "$ref" in schema:
        schema = components[schema["$ref"].rsplit("/", 1)[-1]]
    if "anyOf" in schema:
        schema = next((s for s in schema["anyOf"] if s.get("type") != "null"), schema["anyOf"][0])
    kind = schema.get("type")
    if name.endswith("_id") or name in ("pk", "id"):
        return value
    if name.endswith("_ids"):
        return [value]
    if "default" in schema and schema["default"] not in (None, "", []):
        return schema["default"]  # a valid choice where the schema knows one (a kind, a status …)
    if kind == "object":
        return {k: _example(v, k, value, components) for k, v in schema.get("properties", {}).items()}
    if kind == "array":
        return [_example(schema.get("items", {}), name.rstrip("s"), value, components)]
    if kind == "integer":
        return 1
    if kind == "number":
        return 1.0
    if kind == "boolean":
        return False
    if schema.get("format") == "date":
        return "2024-01-01"
    if schema.get("format") == "date-time":
        return "2024-01-01T08:00:00+07:00"
    return "Thử"


class AccessMatrixTests(CapuyTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        f = foreign_records(cls)
        province, term, body, stranger, neighbour, conference, item, document, task = (
            f[k] for k in ("province", "term", "body", "stranger", "neighbour", "conference", "item", "document",
                           "task"))
        cls.foreign_document, cls.foreign_presenter_conference = document, conference
        # The ward's own records, for the id positions in addresses: the body of a write is then reached.
        o = own_records(cls, f["doc_type"])
        own_term, own_body, own_conference, own_item, own_document, own_task = (
            o[k] for k in ("term", "body", "conference", "item", "document", "task"))
        cls.own_ids = sorted({o.pk for o in (cls.ward, own_term, own_body, own_conference, own_item, own_document,
                                             own_task)})
        cls.foreign_ids = sorted({o.pk for o in (province, cls.other_ward, cls.other_cell, term, body, stranger,
                                                 neighbour, conference, item, document, task)})
        cls.foreign_people = sorted({stranger.pk, neighbour.pk})

    def assertNoLeak(self, response, where):
        self.assertLess(response.status_code, 500, where)
        if response.streaming:  # a live event stream never ends; what it carries is checked by the live tests
            response.close()
            return
        content = response.content.decode("utf-8", "replace")
        if response.get("Content-Type", "").startswith("application/json") and content:
            content = json.dumps(response.json(), ensure_ascii=False)
        self.assertNotIn(MARKER, content, where)

    def test_the_marker_reaches_whoever_may_read_it(self):
        """The oracle works: the same addresses show the marker to an administrator."""
        self.client.force_login(self.admin)
        response = self.client.get(f"/api/documents/{self.foreign_document.pk}/")
        self.assertIn(MARKER, json.dumps(response.json(), ensure_ascii=False))
        agenda = self.client.get(f"/api/conferences/{self.foreign_presenter_conference.pk}/agenda/")
        self.assertIn(MARKER, json.dumps(agenda.json(), ensure_ascii=False))

    def test_no_page_shows_another_wards_records(self):
        routes = list(_page_patterns())
        self.assertGreater(len(routes), 50)
        for user in (self.ward_staff, self.party_member):
            self.client.force_login(user)
            for route in routes:
                for value in self.foreign_ids:
                    url = _fill_route(route, value)
                    if url is None or "dang-xuat" in url:
                        continue
                    self.assertNoLeak(self.client.get(url), f"{user} GET {url}")
                    if url == _fill_route(route, 0):
                        break  # no id in this address: once is enough

    def test_no_api_operation_reads_or_takes_another_wards_ids(self):
        schema = api.get_openapi_schema()
        components = schema["components"]["schemas"]
        operations = [(path, method, op) for path, ops in schema["paths"].items() for method, op in ops.items()]
        self.assertGreater(len(operations), 100)
        for user in (self.ward_staff, self.party_member):
            self.client.force_login(user)
            for path, method, operation in operations:
                if "multipart/form-data" in operation.get("requestBody", {}).get("content", {}):
                    continue
                body_schema = operation.get("requestBody", {}).get("content", {}).get("application/json", {}).get(
                    "schema")
                has_ids = "{" in path or (body_schema and "_id" in json.dumps(
                    components.get(body_schema.get("$ref", "").rsplit("/", 1)[-1], body_schema)))
                for value in self.foreign_ids if has_ids else [1]:
                    url = re.sub(r"\{\w+\}", str(value), path)
                    query = {p["name"]: value for p in operation.get("parameters", [])
                             if p["in"] == "query" and p["required"] or p["name"].endswith("_id")}
                    where = f"{user} {method.upper()} {url} ({value})"
                    if method == "get":
                        self.assertNoLeak(self.client.get(url, query), where)
                    else:
                        data = _example(body_schema, "", value, components) if body_schema else {}
                        response = getattr(self.client, method)(url + ("?" + "&".join(
                            f"{k}={v}" for k, v in query.items()) if query else ""), data=data,
                            content_type="application/json")
                        self.assertNoLeak(response, where)

    def test_no_write_to_the_wards_own_records_takes_another_wards_ids(self):
        """The ward office writes to its own records (ids in the address) naming others' people in the body."""
        schema = api.get_openapi_schema()
        components = schema["components"]["schemas"]
        self.client.force_login(self.ward_staff)
        for path, operations in schema["paths"].items():
            if "{" not in path:
                continue
            for method, operation in operations.items():
                body_schema = operation.get("requestBody", {}).get("content", {}).get("application/json", {}).get(
                    "schema")
                if method == "get" or not body_schema or "_id" not in json.dumps(
                        components.get(body_schema.get("$ref", "").rsplit("/", 1)[-1], body_schema)):
                    continue
                for own in self.own_ids:
                    url = re.sub(r"\{\w+\}", str(own), path)
                    for value in self.foreign_people + self.foreign_ids:
                        data = _example(body_schema, "", value, components)
                        response = getattr(self.client, method)(url, data=data, content_type="application/json")
                        self.assertNoLeak(response, f"{method.upper()} {url} with {value}")
