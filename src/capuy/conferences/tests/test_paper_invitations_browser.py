import datetime

import pytest


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_clerk_sees_who_got_no_mail_and_prints_their_invitations(live_server, page):
    from playwright.sync_api import expect

    from capuy.conferences.models import Conference
    from capuy.core.testing import PASSWORD, CapuyTestCase
    from capuy.portal.tests.test_accessibility_browser import _violations

    CapuyTestCase.setUpTestData()
    conference = Conference.objects.create(body=CapuyTestCase.bch, date=datetime.date(2023, 10, 5),
                                           subject="Kết quả 9 tháng")
    conference.invite_body_members()
    page.set_default_timeout(10_000)
    page.goto(f"{live_server.url}/tai-khoan/dang-nhap/?next=/hoi-nghi/{conference.pk}/chuan-bi/")
    page.get_by_label("Tên đăng nhập").fill("vanphong.tayho")
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.get_by_role("button", name="Gửi giấy mời").click()
    counts = page.get_by_role("list", name="Tình trạng gửi giấy mời")
    n = conference.invitations.count()
    expect(counts).to_contain_text(f"Chưa có e-mail — cần in giấy mời: {n - 1}")
    page.get_by_role("link", name="In giấy mời cho người chưa có e-mail").click()
    expect(page.get_by_role("heading", name=f"Giấy mời cần in ({n - 1})")).to_be_visible()
    assert _violations(page) == []
    page.emulate_media(media="print")
    expect(page.locator(".paper-invitation")).to_have_count(n - 1)
    expect(page.get_by_role("heading", name=f"Giấy mời cần in ({n - 1})")).to_be_hidden()
    assert page.locator(".paper-invitation").first.evaluate("e => getComputedStyle(e).breakAfter") == "page"
