"""The counting board in a browser: each teller creates a code once, and after the close their codes open the totals.

Two tellers (threshold 2 of 2) do on their own phones what the board does at a congress: create the teller
code on the conference's voting page (shown once), then, after a secret electronic vote closes, enter it on
the vote's page. The totals appear only when both have entered theirs; a wrong code is refused.
"""

import re

import pytest
from playwright.sync_api import expect

from capuy.core.testing import PASSWORD
from capuy.core.tests.browser import sign_in


def _signed_in(browser, live_server, username):
    context = browser.new_context(locale="vi-VN")
    page = context.new_page()
    page.set_default_timeout(15_000)
    sign_in(page, live_server.url, username)
    page.wait_for_url(re.compile(r"^(?!.*dang-nhap).*$"))
    return page


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_tellers_create_their_codes_and_open_the_totals_together(live_server, browser, settings):
    from capuy.accounts.models import User
    from capuy.conferences.models import Conference
    from capuy.organizations.models import Person
    from capuy.voting import ballots
    from capuy.voting.loadtest import prepare_congress
    from capuy.voting.models import Vote

    settings.CAPUY_LIVE_BACKEND = "local"  # the live server runs in this process
    data = prepare_congress(4, prefix="kiem-phieu", tellers=0, open_vote=False)
    conference = Conference.objects.get(pk=data["conference"])
    users = list(User.objects.filter(username__startswith="kiem-phieu0").order_by("username"))
    for user in users:
        user.set_password(PASSWORD)
        user.save()
    tellers = users[:2]
    for user in tellers:
        ballots.appoint_teller(conference, Person.objects.get(pk=user.person_id))

    pages, codes = [], []
    for user in tellers:
        page = _signed_in(browser, live_server, user.username)
        page.goto(f"{live_server.url}/bieu-quyet/hoi-nghi/{conference.pk}/")
        page.get_by_role("button", name="Tạo mã khóa kiểm phiếu của tôi").click()
        code = page.locator("#ma-khoa")
        expect(code).to_have_text(re.compile(r"\w{4}-"))
        codes.append(code.inner_text())
        pages.append(page)

    vote = ballots.open_vote(Vote.objects.get(pk=data["vote"]))
    for person_id, choice in zip(data["people"], ["for", "for", "for", "against"], strict=True):
        ballots.cast(vote.pk, person_id, choice)
    ballots.close_vote(vote)

    first, second = pages
    first.goto(f"{live_server.url}/bieu-quyet/{vote.pk}/")
    first.get_by_label("Mã khóa kiểm phiếu của đồng chí").fill(codes[1])  # the other teller's code
    first.get_by_role("button", name="Nhập mã khóa").click()
    expect(first.locator(".messages")).to_contain_text("Mã khóa kiểm phiếu không đúng.")
    first.get_by_label("Mã khóa kiểm phiếu của đồng chí").fill(codes[0])
    first.get_by_role("button", name="Nhập mã khóa").click()
    expect(first.get_by_text("Đã nhận phần khóa của đồng chí.")).to_be_visible()
    vote.refresh_from_db()
    assert not vote.is_counted  # one share of two opens nothing

    second.goto(f"{live_server.url}/bieu-quyet/{vote.pk}/")
    second.get_by_label("Mã khóa kiểm phiếu của đồng chí").fill(codes[1])
    second.get_by_role("button", name="Nhập mã khóa").click()
    expect(second.get_by_text("Đã nhận phần khóa của đồng chí.")).to_be_visible()
    expect(second.get_by_role("link", name="Tải kết quả (CSV)")).to_be_visible()
    vote.refresh_from_db()
    assert vote.is_counted
    assert (vote.result["for"], vote.result["against"]) == (3, 1)
    for page in pages:
        page.context.close()
