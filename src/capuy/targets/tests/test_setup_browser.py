import pytest

from capuy.core.tests.browser import sign_in


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_district_office_adds_an_indicator_and_sets_its_term_target(live_server, page):
    from playwright.sync_api import expect

    from capuy.core.testing import CapuyTestCase
    from capuy.portal.tests.test_accessibility_browser import _violations
    from capuy.targets.models import Target

    CapuyTestCase.setUpTestData()
    sign_in(page, live_server.url, "vanphong.tayho", next_url=f"/chi-tieu/to-chuc/{CapuyTestCase.district.pk}/")
    page.get_by_role("link", name="Thêm chỉ tiêu").click()
    assert _violations(page) == []
    page.get_by_label("Mã").fill("TTKT")
    page.get_by_label("Tên chỉ tiêu").fill("Tốc độ tăng trưởng kinh tế")
    page.get_by_label("Đơn vị tính").fill("%")
    page.get_by_label("Kiểu giá trị").select_option("percent")
    page.get_by_label("Cách tổng hợp từ cấp dưới").select_option("none")
    page.get_by_role("button", name="Thêm chỉ tiêu").click()
    expect(page.get_by_text("Đã thêm chỉ tiêu TTKT – Tốc độ tăng trưởng kinh tế.")).to_be_visible()
    page.get_by_role("link", name="Giao chỉ tiêu").click()
    page.get_by_label("Chỉ tiêu", exact=True).select_option(label="TTKT – Tốc độ tăng trưởng kinh tế (%)")
    page.get_by_label("Giá trị chỉ tiêu").fill("8,5")
    page.get_by_role("button", name="Giao chỉ tiêu").click()
    expect(page.get_by_text("Đã giao chỉ tiêu", exact=False)).to_be_visible()
    assert Target.objects.get().year is None
