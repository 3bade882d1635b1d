"""Every page carries a strict Content-Security-Policy and none relies on an inline script.

A crawler visits, as a system administrator and as an anonymous visitor, one page of every URL pattern that
links reach from the home page, the portal and the admin site (the demo data supplies the records), so a
new page is covered without touching this test.
"""

import re
from collections import deque
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from django.test import TestCase
from django.urls import Resolver404, resolve

from capuy.accounts.models import User
from capuy.core.testing import load_demo

TEMPLATES = Path(__file__).resolve().parents[2]
SKIP_PREFIXES = ("/static/", "/media/", "/api/", "/tai-khoan/dang-xuat/")


class PageScan(HTMLParser):
    """Collects links, inline scripts and inline event handlers of a page."""

    def __init__(self):
        super().__init__()
        self.links, self.inline_scripts, self.handlers = [], 0, []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        if tag == "script" and not attrs.get("src") and attrs.get("type", "text/javascript") in (
                "text/javascript", "module", ""):
            self.inline_scripts += 1
        self.handlers += [f"{tag} {name}" for name in attrs if name.startswith("on")]
        if any((attrs.get(name) or "").strip().lower().startswith("javascript:") for name in ("href", "src", "action")):
            self.handlers.append(f"{tag} javascript: link")


def script_policy(header: str) -> str:
    directives = dict(part.strip().split(" ", 1) for part in header.split(";") if " " in part.strip())
    return directives.get("script-src", directives.get("default-src", ""))


class ContentSecurityPolicyTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        load_demo()
        cls.superuser = User.objects.filter(is_superuser=True).first()
        if cls.superuser is None:
            cls.superuser = User.objects.create_superuser("csp-admin", "csp@capuy.invalid", "x")
        cls.superuser.is_staff = True
        cls.superuser.save()

    def crawl(self, starts, limit=400):
        seen_routes, visited, queue, pages = set(), set(), deque(starts), []
        while queue and len(visited) < limit:
            url = queue.popleft()
            path = urlsplit(url).path
            if url in visited or path.startswith(SKIP_PREFIXES):
                continue
            try:
                route = resolve(path).route
            except Resolver404:
                continue
            if route in seen_routes:
                continue
            seen_routes.add(route)
            visited.add(url)
            response = self.client.get(url)
            pages.append((url, response))
            if response.get("Content-Type", "").startswith("text/html") and not response.streaming:
                scan = PageScan()
                scan.feed(response.content.decode())
                for link in scan.links:
                    absolute = urljoin(url, link)
                    parts = urlsplit(absolute)
                    if parts.netloc in ("", "testserver"):
                        queue.append(parts.path + (f"?{parts.query}" if parts.query else ""))
        return pages

    def assert_strict(self, pages):
        problems = []
        for url, response in pages:
            header = response.get("Content-Security-Policy", "")
            policy = script_policy(header)
            if "'self'" not in policy or "unsafe-inline" in policy or "unsafe-eval" in policy:
                problems.append(f"{url}: script policy {policy!r}")
            if "object-src 'none'" not in header or "base-uri 'self'" not in header:
                problems.append(f"{url}: policy {header!r}")
            if response.get("Content-Type", "").startswith("text/html") and not response.streaming:
                scan = PageScan()
                scan.feed(response.content.decode())
                if scan.inline_scripts:
                    problems.append(f"{url}: {scan.inline_scripts} inline script(s)")
                if scan.handlers:
                    problems.append(f"{url}: inline handlers {sorted(set(scan.handlers))}")
        self.assertEqual(problems, [])

    def test_every_page_an_administrator_reaches_is_strict(self):
        self.client.force_login(self.superuser)
        pages = self.crawl(["/", "/tin-tuc/", "/quan-tri/", "/tai-khoan/ma-api/", "/tai-khoan/xac-thuc-hai-buoc/"])
        self.assertGreater(len(pages), 60)  # the crawl really reached the apps' pages
        for prefix in ("/to-chuc/", "/hoi-nghi/", "/bieu-quyet/", "/van-ban/", "/chi-tieu/", "/nhiem-vu/",
                       "/dang-vien/", "/tin-tuc/", "/quan-tri/"):
            self.assertTrue(any(url.startswith(prefix) for url, _ in pages), prefix)
        self.assert_strict(pages)

    def test_every_page_a_visitor_reaches_is_strict(self):
        pages = self.crawl(["/", "/tin-tuc/", "/tai-khoan/dang-nhap/", "/tai-khoan/quen-mat-khau/"])
        self.assertGreater(len(pages), 5)
        self.assert_strict(pages)

    def test_no_template_holds_an_inline_script_or_handler(self):
        offenders = []
        for template in TEMPLATES.glob("*/templates/**/*.html"):
            text = template.read_text()
            if re.search(r"<script(?![^>]*\ssrc=)[^>]*>", text) or re.search(r"\son[a-z]+\s*=", text) \
                    or "<style" in text:
                offenders.append(str(template.relative_to(TEMPLATES)))
        self.assertEqual(offenders, [])
