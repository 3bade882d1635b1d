import pytest

from capuy.core.tests.browser import sign_in


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_ward_office_adds_a_member_under_prosecution(live_server, page):
    from playwright.sync_api import expect

    from capuy.core.testing import CapuyTestCase
    from capuy.members.models import PartyMember, Status
    from capuy.portal.tests.test_accessibility_browser import _violations

    CapuyTestCase.setUpTestData()
    sign_in(page, live_server.url, "vanphong.quangan", next_url=f"/dang-vien/to-chuc/{CapuyTestCase.ward.pk}/them/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Thêm đảng viên")
    assert _violations(page) == []
    page.get_by_label("Họ và tên").fill("Hà Văn Tú")
    page.get_by_label("Chi bộ sinh hoạt").select_option(str(CapuyTestCase.cell.pk))
    page.get_by_label("Ngày vào Đảng").fill("2005-05-19")
    page.get_by_label("Ngày chính thức (để trống nếu còn dự bị)").fill("2004-05-19")
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_text("Ngày chính thức không được trước ngày vào Đảng.")).to_be_visible()
    expect(page.get_by_label("Họ và tên")).to_have_value("Hà Văn Tú")
    page.get_by_label("Ngày chính thức (để trống nếu còn dự bị)").fill("2006-05-19")
    page.get_by_label("Trạng thái khác (nếu có)").select_option("prosecuted")
    page.get_by_label("Từ ngày").fill("2024-02-01")
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Hồ sơ đảng viên Hà Văn Tú")
    member = PartyMember.objects.get(person__full_name="Hà Văn Tú")
    assert member.status == Status.PROSECUTED
