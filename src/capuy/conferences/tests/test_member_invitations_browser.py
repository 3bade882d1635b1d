import datetime

import pytest

from capuy.core.tests.browser import sign_in


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_member_answers_an_invitation_from_their_page_on_a_phone(live_server, browser):
    from playwright.sync_api import expect

    from capuy.conferences.models import Conference, Invitation
    from capuy.core.testing import CapuyTestCase
    from capuy.portal.tests.test_accessibility_browser import _violations

    CapuyTestCase.setUpTestData()
    conference = Conference.objects.create(body=CapuyTestCase.bch, date=datetime.date(2023, 10, 5),
                                           venue="Hội trường Quận ủy")
    Invitation.objects.create(conference=conference, person=CapuyTestCase.member_person,
                              sent_at=datetime.datetime(2023, 10, 1, tzinfo=datetime.UTC))
    context = browser.new_context(locale="vi-VN", viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    page.set_default_timeout(10_000)
    try:
        sign_in(page, live_server.url, "dangvien.lan", next_url="/dang-vien/cua-toi/")
        expect(page.get_by_role("heading", name="Hội nghị và giấy mời của tôi")).to_be_visible()
        assert _violations(page) == []
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        with page.expect_download() as download:
            page.get_by_role("link", name="Thêm vào lịch (.ics)").click()
        assert "BEGIN:VEVENT" in download.value.path().read_text(encoding="utf-8")
        page.get_by_role("radio", name="Vắng mặt").check()
        page.get_by_label("Lý do vắng mặt").fill("Đi công tác")
        page.get_by_role("button", name="Gửi trả lời").click()
        expect(page.get_by_text("Đã ghi nhận trả lời của đồng chí.")).to_be_visible()
        expect(page.get_by_role("heading", level=1)).to_have_text("Trang của tôi")
        invitation = Invitation.objects.get()
        assert (invitation.answer, invitation.reason) == ("absent", "Đi công tác")
    finally:
        context.close()
