import pytest

from capuy.core.tests.browser import sign_in


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_member_of_staff_logs_in_and_opens_an_organization_page(live_server, page):
    from capuy.core.testing import CapuyTestCase

    CapuyTestCase.setUpTestData()
    sign_in(page, live_server.url, "vanphong.tayho")
    page.get_by_role("link", name="Tổ chức", exact=True).click()
    page.get_by_role("link", name="Đảng bộ quận Tây Hồ").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Đảng bộ quận Tây Hồ"
    assert page.get_by_text("Phó Bí thư Quận ủy, Chủ tịch UBND quận").is_visible()
    page.get_by_role("link", name="Đảng bộ phường Quảng An").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Đảng bộ phường Quảng An"
