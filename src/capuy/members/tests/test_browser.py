import pytest

from capuy.core.tests.browser import sign_in


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_member_opens_their_page_on_a_phone_and_sends_an_opinion(live_server, browser):
    from capuy.core.testing import CapuyTestCase
    from capuy.members.models import Opinion

    CapuyTestCase.setUpTestData()
    context = browser.new_context(locale="vi-VN", viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    page.set_default_timeout(10_000)
    try:
        sign_in(page, live_server.url, "dangvien.lan", next_url="/dang-vien/cua-toi/")
        assert page.get_by_role("heading", level=1).inner_text() == "Trang của tôi"
        assert page.get_by_text("Chi bộ sinh hoạt: Chi bộ tổ dân phố số 1").is_visible()
        # Nothing wider than the phone screen.
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        page.get_by_label("Tiêu đề").fill("Đề nghị gửi tài liệu sớm")
        page.get_by_label("Nội dung").fill("Đề nghị gửi tài liệu sinh hoạt trước ba ngày.")
        page.get_by_role("button", name="Gửi ý kiến").click()
        assert page.get_by_text("Đã gửi ý kiến đến Đảng ủy phường Quảng An.").is_visible()
        assert Opinion.objects.get().subject == "Đề nghị gửi tài liệu sớm"
    finally:
        context.close()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_office_selects_all_rows_and_decides_them_at_once(live_server, page):
    from playwright.sync_api import expect

    from capuy.core.testing import CapuyTestCase
    from capuy.members.models import Level, Rating
    from capuy.members.tests.test_quota import unit_campaign

    CapuyTestCase.setUpTestData()
    campaign, ratings = unit_campaign(CapuyTestCase, 5)  # all five proposed "Hoàn thành xuất sắc"
    sign_in(page, live_server.url, "vanphong.tayho", next_url=f"{campaign.get_absolute_url()}")
    boxes = page.locator('input[type="checkbox"][name="chon"]')
    expect(boxes).to_have_count(5)

    page.get_by_label("Chọn tất cả").check()
    for i in range(5):
        expect(boxes.nth(i)).to_be_checked()
    page.get_by_role("button", name="Ghi quyết định cho các dòng đã chọn").click()
    # Five excellent of five is over the quota: refused with the rule, nothing saved.
    expect(page.get_by_text("Không ghi quyết định nào.", exact=False)).to_be_visible()
    expect(page.get_by_text("Quy định 366-QĐ/TW", exact=False).first).to_be_visible()
    assert not Rating.objects.filter(step=Rating.Step.DECIDED).exists()

    page.get_by_label("Chọn tất cả").check()
    for rating in ratings[1:]:
        page.locator(f'select[name="muc-{rating.pk}"]').select_option(Level.GOOD)
    page.get_by_role("button", name="Ghi quyết định cho các dòng đã chọn").click()
    expect(page.get_by_text("Đã ghi quyết định xếp loại cho 5 đối tượng.")).to_be_visible()
    levels = sorted(Rating.objects.filter(campaign=campaign).values_list("decision_level", flat=True))
    assert levels == sorted([Level.EXCELLENT] + [Level.GOOD] * 4)
