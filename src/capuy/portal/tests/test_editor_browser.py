import io

import pytest


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_writer_formats_text_and_inserts_an_uploaded_image(live_server, page, settings, tmp_path):
    from PIL import Image
    from playwright.sync_api import expect

    from capuy.core.testing import PASSWORD, CapuyTestCase
    from capuy.portal.models import Article, Category
    from capuy.portal.tests.base import make_article
    from capuy.portal.tests.test_accessibility_browser import _violations

    settings.MEDIA_ROOT = tmp_path
    CapuyTestCase.setUpTestData()
    news = Category.objects.create(name="Tin tức sự kiện", order=1)
    article = make_article(CapuyTestCase.ward, news, "Hội nghị quý III", status=Article.Status.DRAFT,
                           body="<p>Đoạn mở đầu.</p>")
    photo = tmp_path / "hoi-truong.jpg"
    buffer = io.BytesIO()
    Image.new("RGB", (800, 600), "navy").save(buffer, "JPEG")
    photo.write_bytes(buffer.getvalue())

    page.set_default_timeout(10_000)
    page.goto(f"{live_server.url}/tai-khoan/dang-nhap/?next=/tin-tuc/soan-bai/{article.pk}/")
    page.get_by_label("Tên đăng nhập").fill("vanphong.quangan")
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    editor = page.get_by_role("textbox", name="Nội dung bài viết")
    expect(editor).to_contain_text("Đoạn mở đầu.")
    assert _violations(page) == []
    editor.click()
    page.keyboard.press("End")
    page.keyboard.press("Enter")
    page.keyboard.type("Kết quả nổi bật")
    page.get_by_role("button", name="Tiêu đề mục").click()
    expect(editor.locator("h2")).to_have_text("Kết quả nổi bật")
    page.get_by_label("Tệp ảnh (JPEG, PNG, WebP, GIF)").set_input_files(str(photo))
    page.get_by_label("Mô tả thay thế (alt, bắt buộc)").fill("Hội trường hội nghị")
    page.get_by_label("Chú thích in dưới ảnh").fill("Toàn cảnh hội nghị")
    page.get_by_role("button", name="Tải lên và chèn ảnh").click()
    expect(page.get_by_role("status")).to_have_text("Đã chèn ảnh vào bài. Nhớ bấm «Lưu».")
    expect(editor.get_by_role("img", name="Hội trường hội nghị")).to_be_visible()
    page.get_by_role("button", name="Lưu", exact=True).click()
    expect(page.get_by_role("textbox", name="Nội dung bài viết").get_by_role("img", name="Hội trường hội nghị")).to_be_visible()
    article.refresh_from_db()
    assert "<h2>Kết quả nổi bật</h2>" in article.body
    assert 'alt="Hội trường hội nghị"' in article.body and "<figcaption>Toàn cảnh hội nghị</figcaption>" in article.body
