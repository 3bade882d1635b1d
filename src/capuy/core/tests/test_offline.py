"""No page depends on another host: capuy runs on closed intranets. /api/docs comes from the installed package."""

import re
from pathlib import Path

import ninja
from django.conf import settings
from django.test import TestCase

ADDRESS = re.compile(r"""(?:https?:)?//([a-z0-9.-]+\.[a-z]{2,}|[0-9.]+)(?::\d+)?[^\s"'<>)]*""", re.I)
# XML namespaces are names, not addresses a browser fetches.
NAMESPACES = {"www.w3.org"}
LOCAL = {"127.0.0.1", "localhost", "testserver"}


def external(text: str) -> set[str]:
    return {m.group(0) for m in ADDRESS.finditer(text) if m.group(1).lower() not in NAMESPACES | LOCAL}


def templates() -> list[Path]:
    """capuy's templates and the Swagger UI page ninja serves when it is an installed app (its *_cdn.html
    variants are used only when it is not, which test_api_docs… rules out)."""
    return [*Path(settings.BASE_DIR).rglob("templates/**/*.html"),
            Path(ninja.__file__).parent / "templates" / "ninja" / "swagger.html"]


class OfflineTests(TestCase):
    def test_no_template_refers_to_another_host(self):
        found = {str(p): external(p.read_text()) for p in templates()}
        assert len(found) > 20  # the scan really read capuy's and ninja's templates
        assert {path: urls for path, urls in found.items() if urls} == {}

    def test_api_docs_are_served_from_the_installed_package(self):
        response = self.client.get("/api/docs")
        page = response.content.decode()
        assert response.status_code == 200 and "swagger" in page.lower()
        assert external(page) == set()
        assets = re.findall(r"""(?:src|href)="(/static/[^"]+)""", page)
        assert any(a.endswith(".js") for a in assets), page
        for asset in assets:
            assert self.client.get(asset).status_code == 200, asset

    def test_public_pages_refer_to_no_other_host(self):
        for url in ["/", "/tai-khoan/dang-nhap/", "/tin-tuc/", "/api/docs", "/healthz"]:
            response = self.client.get(url, follow=True)
            assert response.status_code in (200, 503), url
            assert external(response.content.decode()) == set(), url
