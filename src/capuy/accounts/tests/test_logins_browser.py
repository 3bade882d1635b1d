import pytest

from capuy.core.tests.browser import sign_in


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_ward_office_prints_a_slip_and_the_member_activates_the_login(live_server, page, browser):
    from playwright.sync_api import expect

    from capuy.core.testing import CapuyTestCase, make_person
    from capuy.portal.tests.test_accessibility_browser import _violations

    CapuyTestCase.setUpTestData()
    make_person("Lý Thị Mai", CapuyTestCase.cell, card="01000201")
    sign_in(page, live_server.url, "vanphong.quangan", next_url=f"/to-chuc/{CapuyTestCase.ward.pk}/")
    page.get_by_role("link", name="Tài khoản", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tài khoản đảng viên và văn phòng")
    assert _violations(page) == []
    page.get_by_label("Lý Thị Mai").check()
    page.get_by_label("In phiếu kích hoạt có mã QR").first.check()
    page.get_by_role("button", name="Tạo tài khoản cho các đồng chí đã chọn").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Phiếu kích hoạt tài khoản")
    expect(page.locator(".slip svg")).to_have_count(1)
    link = page.locator(".slip code").inner_text()
    username = page.locator(".slip strong").inner_text()

    member = browser.new_context(locale="vi-VN", viewport={"width": 390, "height": 844}, is_mobile=True)
    phone = member.new_page()
    phone.set_default_timeout(10_000)
    try:
        phone.goto(link)
        phone.locator('input[name="new_password1"]').fill("Mot-mat-khau-dai-2026")
        phone.locator('input[name="new_password2"]').fill("Mot-mat-khau-dai-2026")
        phone.locator("main button").click()
        expect(phone.get_by_role("heading", level=1)).to_have_text("Đã đặt lại mật khẩu")
        sign_in(phone, live_server.url, username, "Mot-mat-khau-dai-2026", next_url="/dang-vien/cua-toi/")
        expect(phone.get_by_role("heading", level=1)).to_have_text("Trang của tôi")
    finally:
        member.close()
