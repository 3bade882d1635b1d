"""A phone following the congress sees the vote's count rise from the live events alone (no request per event)."""

import pytest

from capuy.core.testing import PASSWORD
from capuy.core.tests.browser import sign_in


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_follow_page_shows_the_count_from_the_event_without_asking_the_server(live_server, page, settings):
    from capuy.accounts.models import User
    from capuy.voting import ballots
    from capuy.voting.loadtest import prepare_congress

    settings.CAPUY_LIVE_BACKEND = "local"  # the live server runs in this process
    data = prepare_congress(3, prefix="trinh-duyet")
    user = User.objects.get(username="trinh-duyet0000")
    user.set_password(PASSWORD)
    user.save()
    sign_in(page, live_server.url, user.username)

    panel_requests = []
    page.on("request", lambda r: panel_requests.append(r.url) if "/truc-tiep/" in r.url or "/tien-do/" in r.url
            else None)
    page.goto(f"{live_server.url}/hoi-nghi/{data['conference']}/theo-doi/")
    progress = page.locator(f'[data-vote-progress="{data["vote"]}"]')
    assert progress.locator("[data-voted]").inner_text() == "0"
    page.wait_for_selector('#truc-tiep[data-live="open"]')

    ballots._last_progress.clear()
    from django.core.cache import cache

    cache.clear()
    ballots.cast(data["vote"], data["people"][1], "for")
    # A function, not an expression: the page's policy refuses the eval that polling an expression needs.
    page.wait_for_function(
        f"() => document.querySelector('[data-vote-progress=\"{data['vote']}\"] [data-voted]').textContent === '1'")
    assert progress.locator("[data-eligible]").inner_text() == "3"
    assert progress.locator("progress").evaluate("e => e.value") == 1
    assert panel_requests == []  # the count came with the event; the panel was not fetched again
