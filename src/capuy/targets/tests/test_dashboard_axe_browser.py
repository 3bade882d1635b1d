"""axe-core finds no violation on the targets dashboard with its charts and the tables beside them."""

import pytest

from capuy.core.testing import PASSWORD


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_dashboard_with_charts_has_no_axe_violation(live_server, page):
    from playwright.sync_api import expect

    from capuy.portal.tests.test_accessibility_browser import _violations
    from capuy.targets.periods import Period, PeriodKind
    from capuy.targets.tests.base import TargetsTestCase, result

    TargetsTestCase.setUpTestData()
    t = TargetsTestCase
    for year in (2022, 2023):
        for org, value in ((t.ward, 120), (t.other_ward, 80)):
            result(org, t.industry, Period(year, PeriodKind.NINE_MONTHS), value)
    page.goto(f"{live_server.url}/tai-khoan/dang-nhap/?next=/chi-tieu/to-chuc/{t.district.pk}/"
              f"%3Fky%3D2023-9m%26chi-tieu%3D{t.industry.pk}")
    page.get_by_label("Tên đăng nhập").fill("vanphong.tayho")
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.locator("table.trend")).to_be_visible()
    assert _violations(page) == []
