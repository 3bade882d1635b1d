import pytest

from capuy.core.tests.browser import sign_in


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_party_member_rates_themself(live_server, page):
    from playwright.sync_api import expect

    from capuy.core.testing import CapuyTestCase
    from capuy.members.models import Rating, RatingCampaign
    from capuy.portal.tests.test_accessibility_browser import _violations

    CapuyTestCase.setUpTestData()
    campaign = RatingCampaign.objects.create(organization=CapuyTestCase.ward, year=2023)
    campaign.populate()
    sign_in(page, live_server.url, "dangvien.lan", next_url="/dang-vien/danh-gia/")
    page.locator(f'a[href="{campaign.get_absolute_url()}"]').first.click()
    expect(page.get_by_label("Điểm tự chấm (thang 100)")).to_be_visible()
    assert _violations(page) == []
    page.get_by_label("Điểm tự chấm (thang 100)").fill("92")
    page.get_by_label("Hoàn thành 100% nhiệm vụ").check()
    page.get_by_role("button", name="Ghi").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Trang của tôi")
    assert Rating.objects.get(member__person=CapuyTestCase.member_person).self_at is not None
