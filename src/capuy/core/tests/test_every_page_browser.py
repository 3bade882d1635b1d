"""Every kind of page, opened in a real browser on the demo data: no Content-Security-Policy violation, and axe-core
finds no accessibility violation.

The pages are not listed by hand: from the home page the test follows every link of the site, as an administrator
(who reaches every organization's pages) and as a party member (whose own pages differ), and opens one address of
each page (each URL pattern), so a new page is covered once a link leads to it.
"""

from collections import deque
from io import StringIO
from urllib.parse import urlsplit

import pytest
from django.urls import Resolver404, resolve

from capuy.core.testing import background_work_left_queued
from capuy.core.tests.browser import sign_in
from capuy.portal.tests.test_accessibility_browser import AXE

WATCH = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__csp.push(e.violatedDirective + " " + (e.blockedURI || "inline") + " " + e.sourceFile + ":" + e.lineNumber);
});
document.addEventListener("htmx:afterRequest", function () { window.__htmxDone = (window.__htmxDone || 0) + 1; });
"""
# Not pages of capuy's own (the Django admin, the API's documents), downloads, streams, and links that act.
SKIPPED_PREFIXES = ("/quan-tri/", "/api/", "/static/", "/media/", "/tai-khoan/dang-xuat")
SKIPPED_NAMES = {"events", "my_events", "badge", "job_file", "job_progress", "pdf_status", "panel", "photo",
                 "healthz", "health", "attachment", "evidence", "guest_attachment", "export", "round_export", "csv",
                 "docx", "pdf", "print", "printable", "display"}
LINKS = """() => [...document.querySelectorAll('a[href]')].map(a => a.getAttribute('href'))"""
AXE_RUN = ("async () => (await axe.run(document)).violations.map("
           "v => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', ')}`)")


def _page_name(path: str) -> str | None:
    """The URL pattern a same-site address opens, or None for what this test does not open."""
    if not path.startswith("/") or path.startswith(SKIPPED_PREFIXES) or "xuat" in path.rsplit("/", 2)[-2:]:
        return None
    try:
        match = resolve(urlsplit(path).path)
    except Resolver404:
        return None
    name = f"{match.namespace}:{match.url_name}" if match.namespace else match.url_name
    return None if match.url_name in SKIPPED_NAMES else name


def _policy_messages(console: list[str]) -> list[str]:
    """What the browser's console said about the policy (a refused inline script or style, eval) since last asked."""
    said = [text for text in console if "Content Security Policy" in text or "evalDisallowed" in text]
    console.clear()
    return said


def _crawl(page, base_url: str, seen: set[str], problems: list[str], console: list[str]) -> int:
    """Open one address of each page reachable by links from the home page; returns how many were opened."""
    queue, opened = deque(["/"]), 0
    while queue:
        path = queue.popleft()
        name = _page_name(path)
        if name is None or name in seen:
            continue
        seen.add(name)
        response = page.goto(base_url + path)
        if response is None or not response.ok:
            problems.append(f"{path}: {response.status if response else 'không tải được'}")
            continue
        if not response.headers.get("content-type", "").startswith("text/html"):
            console.clear()  # the browser's own viewer of a feed or a sitemap (read by programs, not a page)
            continue
        opened += 1
        page.wait_for_load_state("load")
        if "script-src 'self'" not in response.headers.get("content-security-policy", ""):
            problems.append(f"{path}: thiếu Content-Security-Policy")
        page.evaluate(AXE.read_text())
        problems.extend(f"{path}: {v}" for v in page.evaluate(AXE_RUN))
        problems.extend(f"{path}: CSP {v}" for v in page.evaluate("window.__csp"))
        problems.extend(f"{path}: {v}" for v in _policy_messages(console))
        for href in page.evaluate(LINKS):
            if href.startswith(base_url):
                href = href[len(base_url):]
            href = href.split("#", 1)[0]
            if href.startswith("/") and _page_name(href) not in seen:
                queue.append(href)
    return opened


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_every_page_reports_no_policy_or_axe_violation(live_server, page, settings):
    from django.core.management import call_command

    from capuy.core.management.commands.demo import DEMO_PASSWORD
    from capuy.voting.models import Vote

    settings.CAPUY_LIVE_BACKEND = "local"
    with background_work_left_queued():  # the documents' PDFs: no page here needs them made
        call_command("demo", stdout=StringIO())
    console = []
    page.on("console", lambda message: console.append(message.text))
    page.add_init_script(WATCH)
    # No event stream: it would keep a live-server thread subscribed after the test.
    page.route("**/su-kien/", lambda route: route.abort())

    seen, problems = set(), []
    sign_in(page, live_server.url, "demo.admin", DEMO_PASSWORD)
    page.wait_for_url(f"{live_server.url}/")
    opened = _crawl(page, live_server.url, seen, problems, console)
    page.goto("about:blank")  # no late answer of the last page sets the old session's cookies again
    page.context.clear_cookies()
    sign_in(page, live_server.url, "demo.dangvien", DEMO_PASSWORD)
    page.wait_for_url(f"{live_server.url}/")
    opened += _crawl(page, live_server.url, seen, problems, console)
    assert opened >= 60, sorted(seen)
    assert not problems, "\n".join(problems)

    # The Django admin and the API's documents are not capuy's pages (no axe), but the policy holds there too.
    page.goto("about:blank")
    page.context.clear_cookies()
    sign_in(page, live_server.url, "demo.admin", DEMO_PASSWORD)
    for path in ("/quan-tri/", "/quan-tri/accounts/user/", "/api/docs"):
        response = page.goto(f"{live_server.url}{path}")
        assert response.ok and "script-src 'self'" in response.headers["content-security-policy"], path
        page.wait_for_load_state("load")
        assert page.evaluate("window.__csp") == [] and _policy_messages(console) == [], path

    # The vote page's scripts (files, as the policy wants) run: htmx reloads the panel when a vote event arrives.
    vote = Vote.objects.order_by("pk").first()
    page.goto(f"{live_server.url}/bieu-quyet/{vote.pk}/")
    page.wait_for_function("() => window.htmx !== undefined && document.querySelector('[data-vote-live]') !== null")
    page.evaluate("document.querySelector('[data-vote-live]').dispatchEvent(new Event('capuy-vote'))")
    page.wait_for_function("() => window.__htmxDone >= 1")
    assert page.evaluate("window.__csp") == []
    assert _policy_messages(console) == []
