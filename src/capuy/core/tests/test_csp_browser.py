"""Key pages load in a real browser without a single Content-Security-Policy violation, and their scripts run."""

from io import StringIO

import pytest

from capuy.core.tests.browser import sign_in

VIOLATIONS = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__csp.push(e.violatedDirective + " " + (e.blockedURI || "inline") + " " + e.sourceFile + ":" + e.lineNumber);
});
document.addEventListener("htmx:afterRequest", function () { window.__htmxDone = (window.__htmxDone || 0) + 1; });
"""


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_key_pages_report_no_policy_violation(live_server, page, settings):
    from django.core.management import call_command

    from capuy.core.management.commands.demo import DEMO_PASSWORD
    from capuy.portal.models import Article
    from capuy.voting.models import Vote

    settings.CAPUY_LIVE_BACKEND = "local"
    call_command("demo", stdout=StringIO())
    console = []
    page.on("console", lambda message: console.append(message.text))
    page.add_init_script(VIOLATIONS)
    # No event stream: it would keep a live-server thread subscribed after the test; the test sends the event.
    page.route("**/su-kien/", lambda route: route.abort())

    sign_in(page, live_server.url, "demo.admin", DEMO_PASSWORD)
    page.wait_for_url(f"{live_server.url}/")

    vote = Vote.objects.order_by("pk").first()
    article = Article.objects.public().first()
    paths = ["/", "/to-chuc/", "/hoi-nghi/", "/van-ban/", "/chi-tieu/", "/nhiem-vu/", "/dang-vien/",
             "/tai-khoan/ma-api/", "/tai-khoan/xac-thuc-hai-buoc/", "/quan-tri/", "/quan-tri/accounts/user/",
             "/tin-tuc/", article.get_absolute_url(), f"/bieu-quyet/{vote.pk}/", "/api/docs"]
    for path in paths:
        response = page.goto(f"{live_server.url}{path}")
        assert response.ok, path
        assert "script-src 'self'" in response.headers["content-security-policy"], path
        page.wait_for_load_state("load")
        assert page.evaluate("window.__csp") == [], path

    # The vote page's scripts (now files) run: htmx reloads the panel when a vote event arrives.
    page.goto(f"{live_server.url}/bieu-quyet/{vote.pk}/")
    page.wait_for_function("() => window.htmx !== undefined && document.querySelector('[data-vote-live]') !== null")
    page.evaluate("document.querySelector('[data-vote-live]').dispatchEvent(new Event('capuy-vote'))")
    page.wait_for_function("() => window.__htmxDone >= 1")
    assert page.evaluate("window.__csp") == []
    assert not [text for text in console if "Content Security Policy" in text or "evalDisallowed" in text]
