import pytest
from playwright.sync_api import expect

from capuy.core.testing import PASSWORD


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_district_office_merges_two_wards_after_confirming(live_server, page):
    from capuy.core.testing import CapuyTestCase
    from capuy.organizations.models import Organization

    CapuyTestCase.setUpTestData()
    page.goto(f"{live_server.url}/tai-khoan/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill("vanphong.tayho")
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    district = Organization.objects.get(name="Đảng bộ quận Tây Hồ")
    page.goto(f"{live_server.url}/to-chuc/{district.pk}/")
    page.get_by_role("link", name="Hợp nhất tổ chức trực thuộc").click()
    page.get_by_label("Đảng bộ phường Quảng An").check()
    page.get_by_label("Đảng bộ phường Nhật Tân").check()
    page.get_by_label("hoặc tên tổ chức mới").fill("Đảng bộ phường Tây Hồ")
    page.get_by_label("Ngày hợp nhất").fill("2025-07-01")
    page.get_by_role("button", name="Tiếp tục").click()
    expect(page.get_by_role("heading", name="Xác nhận hợp nhất")).to_be_visible()
    expect(page.get_by_text("2 tổ chức trực thuộc chuyển sang tổ chức mới")).to_be_visible()
    page.get_by_role("button", name="Hợp nhất").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Đảng bộ phường Tây Hồ")
    history = page.locator("#lich-su-sap-xep")
    expect(history).to_contain_text("Đảng bộ phường Quảng An")
    expect(history).to_contain_text("Đảng bộ phường Nhật Tân")
    page.get_by_role("link", name="Đảng bộ phường Quảng An").click()
    expect(page.locator(".badge.closed")).to_contain_text("Đã hợp nhất vào Đảng bộ phường Tây Hồ")
