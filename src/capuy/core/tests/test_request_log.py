"""Structured logs: one JSON object per line, with the id of the request (from nginx or made here)."""

import io
import json
import logging

from django.http import HttpResponse
from django.test import RequestFactory, SimpleTestCase

from capuy.core.requestlog import JsonFormatter, RequestIdFilter, RequestIdMiddleware


class RequestLogTests(SimpleTestCase):
    def run_request(self, headers=None):
        stream = io.StringIO()
        handler = logging.StreamHandler(stream)
        handler.addFilter(RequestIdFilter())
        handler.setFormatter(JsonFormatter())
        logger = logging.getLogger("capuy.test.requestlog")
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
        self.addCleanup(logger.removeHandler, handler)

        def view(request):
            logger.info("Đã ghi phiếu", extra={"vote": 7})
            try:
                raise ValueError("hỏng")
            except ValueError:
                logger.exception("Lỗi")
            return HttpResponse("ok")

        response = RequestIdMiddleware(view)(RequestFactory().get("/", headers=headers or {}))
        lines = [json.loads(line) for line in stream.getvalue().splitlines()]
        return response, lines

    def test_the_id_from_nginx_is_in_every_line_and_in_the_response(self):
        response, lines = self.run_request({"X-Request-ID": "0123456789abcdef0123"})
        assert response["X-Request-ID"] == "0123456789abcdef0123"
        assert [line["request_id"] for line in lines] == ["0123456789abcdef0123"] * 2
        assert lines[0]["message"] == "Đã ghi phiếu" and lines[0]["vote"] == 7 and lines[0]["level"] == "INFO"
        assert "ValueError: hỏng" in lines[1]["exc"]

    def test_without_an_id_one_is_made_and_a_forged_one_is_replaced(self):
        response, lines = self.run_request({"X-Request-ID": "bad id\nwith newline"})
        rid = response["X-Request-ID"]
        assert len(rid) == 32 and lines[0]["request_id"] == rid

    def test_lines_outside_a_request_say_so(self):
        record = logging.LogRecord("capuy", logging.WARNING, __file__, 1, "ngoài yêu cầu", (), None)
        RequestIdFilter().filter(record)
        assert json.loads(JsonFormatter().format(record))["request_id"] == "-"
