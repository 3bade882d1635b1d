"""One conference run end to end in the browser: invite, check in, the presiding screen, close, minutes."""

import datetime

import pytest

from capuy.core.tests.browser import sign_in


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_office_runs_a_conference_and_the_presiding_screen_follows_live(live_server, page, settings):
    from playwright.sync_api import expect

    from capuy.conferences.models import AgendaItem, Conference
    from capuy.core.testing import CapuyTestCase
    from capuy.portal.tests.test_accessibility_browser import _violations

    settings.CAPUY_LIVE_BACKEND = "local"  # the live server runs in this process
    CapuyTestCase.setUpTestData()
    conference = Conference.objects.create(body=CapuyTestCase.bch, date=datetime.date(2023, 10, 5),
                                           venue="Hội trường Quận ủy")
    for order, title in enumerate(["Khai mạc", "Báo cáo kết quả 9 tháng năm 2023", "Phát biểu kết luận"], 1):
        AgendaItem.objects.create(conference=conference, order=order, title=title)
    base = f"{live_server.url}/hoi-nghi/{conference.pk}"

    sign_in(page, live_server.url, "vanphong.tayho")

    # Invite the BCH and send the invitations.
    page.goto(f"{base}/chuan-bi/")
    page.get_by_role("button", name="Mời thành viên Ban Chấp hành").click()
    assert page.get_by_role("status").first.inner_text().startswith("Đã mời 5 thành viên")
    page.get_by_role("button", name="Gửi giấy mời").click()
    expect(page.get_by_role("status").first).to_contain_text("Đã phát hành giấy mời")

    # Check in three members from the list.
    page.goto(f"{base}/diem-danh/")
    for name in ["Lê Thị Thu Hằng", "Phạm Văn Bình", "Nguyễn Văn An"]:
        page.get_by_role("button", name=f"Có mặt: {name}").click()
    assert "Có mặt 3/5" in page.locator(".quorum").inner_text()

    # The projector shows the presiding screen; it follows the control panel without reloading.
    screen = page.context.new_page()
    screen.goto(f"{base}/man-hinh/")
    screen.wait_for_function("() => document.getElementById('truc-tiep').dataset.live === 'open'")
    assert "Hội nghị chưa khai mạc." in screen.locator("#truc-tiep").inner_text()

    page.goto(f"{base}/dieu-hanh/")
    page.get_by_role("button", name="Khai mạc hội nghị").click()
    # Below quorum (3 of 5 present, 4 needed): a confirmation page warns with the figures before it opens.
    expect(page.get_by_role("heading", level=1)).to_have_text("Xác nhận khai mạc hội nghị")
    expect(page.get_by_role("alert")).to_contain_text("mới có 3/5 đồng chí có mặt, còn thiếu 1")
    assert _violations(page) == []
    page.get_by_role("button", name="Vẫn khai mạc khi chưa đủ số lượng").click()
    screen.locator("#noi-dung-hien-tai", has_text="Khai mạc").wait_for()
    page.get_by_role("button", name="Nội dung tiếp theo").click()
    screen.locator("#noi-dung-hien-tai", has_text="Báo cáo kết quả 9 tháng năm 2023").wait_for()
    assert "Có mặt 3/5" in screen.locator(".quorum").inner_text()
    page.get_by_role("button", name="Nội dung tiếp theo").click()
    screen.locator("#noi-dung-hien-tai", has_text="Phát biểu kết luận").wait_for()

    # Close with the conclusion, then open the minutes.
    page.get_by_label("Kết luận của hội nghị").fill("Hội nghị đã hoàn thành toàn bộ nội dung chương trình.")
    page.get_by_role("button", name="Bế mạc hội nghị").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Xác nhận bế mạc hội nghị")
    page.get_by_role("button", name="Bế mạc", exact=True).click()
    assert "Hội nghị đã bế mạc." in page.get_by_role("status").first.inner_text()
    screen.get_by_text("Hội nghị đã bế mạc.").wait_for()
    screen.close()
    page.get_by_role("link", name="Biên bản").click()
    minutes = page.locator(".minutes")
    assert "BIÊN BẢN" in minutes.inner_text()
    assert "có mặt: 3; vắng mặt: 2" in minutes.inner_text()
    assert "Hội nghị đã hoàn thành toàn bộ nội dung chương trình." in minutes.inner_text()
