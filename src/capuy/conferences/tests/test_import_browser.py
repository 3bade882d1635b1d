"""Paste a report, see where each value was found, confirm, and find the record on the conference's page."""

import pytest

from capuy.core.tests.browser import sign_in
from capuy.portal.tests.test_accessibility_browser import _violations


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_office_pastes_a_report_checks_the_marks_and_confirms(live_server, page):
    from playwright.sync_api import expect

    from capuy.conferences.tests.import_reports import REPORT
    from capuy.core.testing import CapuyTestCase

    CapuyTestCase.setUpTestData()
    sign_in(page, live_server.url, "vanphong.tayho")

    page.goto(f"{live_server.url}/hoi-nghi/")
    page.get_by_role("link", name="Nhập từ bản tin").click()
    page.get_by_label("Nội dung bản tin").fill(REPORT)
    page.get_by_role("button", name="Đọc bản tin").click()

    source = page.locator("#van-ban")
    expect(source.locator('mark[data-field="organization"]')).to_have_text("Ban Chấp hành Đảng bộ quận Tây Hồ")
    expect(source.locator('mark[data-field="ordinal"]')).to_have_text("lần thứ 17")
    expect(source.locator('mark[data-field="person-1-name"]')).to_have_text("Trương Tú Uyên")
    expect(page.get_by_label("Lần thứ")).to_have_value("17")
    # the review form, with its blank rows for what the reader missed, passes axe-core
    violations = _violations(page)
    assert not violations, violations
    page.get_by_label("Kỳ đánh giá").fill("9 tháng năm 2023")
    page.get_by_role("button", name="Xác nhận và nhập").click()

    expect(page.get_by_role("status").first).to_contain_text("Đã nhập Hội nghị lần thứ 17")
    expect(page.locator("h1")).to_contain_text("Hội nghị lần thứ 17")
    expect(page.locator("main")).to_contain_text("Trương Tú Uyên")
