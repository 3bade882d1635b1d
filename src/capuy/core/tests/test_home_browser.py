"""Each role's home in a browser, at desktop and phone size (390×844): what awaits them is visible, the menu
shows the count, nothing is wider than the screen, axe-core finds no violation; and the page follows live
events."""

import json
import re

import pytest

from capuy.core.tests.browser import sign_in
from capuy.portal.tests.test_accessibility_browser import _violations

DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}

# username → (a block that must be visible, the count on the menu: see test_menu_badge / the role tests)
ROLES = {
    "vanphong.tayho": ("Hội nghị đang chuẩn bị", "9"),
    "capuy.binh": ("Biểu quyết, bỏ phiếu đang mở", "8"),
    "dangvien.lan": ("Văn bản cần học tập, quán triệt", "4"),
    "quantri": ("Tình trạng hệ thống", "2"),
    "chua.phan.quyen": ("Tài khoản chưa được giao vai trò nào", ""),
}


def _open(browser, live_server, username, viewport):
    from playwright.sync_api import expect

    context = browser.new_context(locale="vi-VN", viewport=viewport, is_mobile=viewport == PHONE)
    page = context.new_page()
    page.set_default_timeout(10_000)
    sign_in(page, live_server.url, username, next_url="/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Xin chào")
    return context, page


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("username", list(ROLES))
def test_each_roles_home_shows_its_work_and_passes_axe(live_server, browser, username):
    from playwright.sync_api import expect

    from capuy.core.tests.home_base import HomeTestCase

    HomeTestCase.setUpTestData()  # once for both sizes: the records are the same, only the screen differs
    heading, badge = ROLES[username]
    for viewport in (DESKTOP, PHONE):
        context, page = _open(browser, live_server, username, viewport)
        try:
            expect(page.get_by_role("heading", name=heading).first).to_be_visible()
            counter = page.locator("#dem-viec")
            if badge:
                expect(counter).to_have_text(re.compile(rf"^\s*{badge} việc đang chờ\s*$"))
                expect(counter).to_be_visible()
            else:
                page.wait_for_load_state("networkidle")
                expect(counter).to_be_hidden()  # empty: nothing awaits
            assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"], viewport
            violations = _violations(page)
            assert not violations, json.dumps(violations, ensure_ascii=False, indent=1)
        finally:
            context.close()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_an_item_links_to_where_the_work_is_done(live_server, browser):
    from playwright.sync_api import expect

    from capuy.core.tests.home_base import HomeTestCase

    HomeTestCase.setUpTestData()
    context, page = _open(browser, live_server, "dangvien.lan", PHONE)
    try:
        page.locator("#khoi-giay-moi").get_by_role("link").first.click()
        expect(page).to_have_url(f"{live_server.url}/hoi-nghi/{HomeTestCase.upcoming.pk}/giay-moi/")
    finally:
        context.close()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_office_home_and_the_members_count_follow_live_events(live_server, browser):
    from playwright.sync_api import expect

    from capuy.core.tests.home_base import HomeTestCase

    HomeTestCase.setUpTestData()
    office, office_page = _open(browser, live_server, "vanphong.tayho", DESKTOP)
    member, member_page = _open(browser, live_server, "dangvien.lan", PHONE)
    try:
        block = office_page.locator("#khoi-hoi-nghi-chuan-bi")
        expect(block).to_contain_text("2 giấy mời chưa trả lời")
        expect(member_page.locator("#dem-viec")).to_have_text(re.compile(r"^\s*4 việc"))
        expect(office_page.locator("#dem-viec[data-live=open]")).to_have_count(1)
        expect(member_page.locator("#dem-viec[data-live=open]")).to_have_count(1)
        # The member answers on another device: both pages update without being reloaded.
        HomeTestCase.upcoming.invitations.get(person=HomeTestCase.member_person).answer_with("attending")
        expect(block).to_contain_text("1 giấy mời chưa trả lời")
        expect(member_page.locator("#dem-viec")).to_have_text(re.compile(r"^\s*3 việc"))
    finally:
        office.close()
        member.close()
