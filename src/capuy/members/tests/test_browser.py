import pytest

from capuy.core.testing import PASSWORD


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
        page.goto(f"{live_server.url}/tai-khoan/dang-nhap/?next=/dang-vien/cua-toi/")
        page.get_by_label("Tên đăng nhập").fill("dangvien.lan")
        page.get_by_label("Mật khẩu").fill(PASSWORD)
        page.get_by_role("button", name="Đăng nhập").click()
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
