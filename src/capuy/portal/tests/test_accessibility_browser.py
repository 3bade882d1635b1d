"""axe-core (vendored in portal static) finds no accessibility violation on the public pages."""

import json
from pathlib import Path

import pytest

# A page being replaced has no root element for a moment: read the size only once there is one.
_FONT_SIZE_EXPR = "(document.documentElement ? getComputedStyle(document.documentElement).fontSize : '')"
_FONT_SIZE = f"() => {_FONT_SIZE_EXPR}"

AXE = Path(__file__).resolve().parents[1] / "static" / "portal" / "vendor" / "axe-4.14.1.min.js"


def _sample_data(media_root):
    from django.core.files.base import ContentFile

    from capuy.core.testing import CapuyTestCase
    from capuy.portal.models import Article, Category, Photo, Tag
    from capuy.portal.tests.base import make_article
    from capuy.portal.tests.test_photos import image_file

    CapuyTestCase.setUpTestData()
    news = Category.objects.create(name="Tin tức sự kiện", description="Hoạt động của cấp ủy")
    Category.objects.create(name="Xây dựng Đảng")
    body = ("<p>Hội nghị lần thứ 17 Ban Chấp hành Đảng bộ quận Tây Hồ khóa VI đã xem xét các báo cáo.</p>"
            "<h2>Nhiều kết quả nổi bật sau 9 tháng</h2><ul><li>Doanh thu tăng 55,8%</li></ul>"
            '<p>Xem <a href="https://hanoi.gov.vn">Cổng thông tin Hà Nội</a>.</p>')
    article = make_article(CapuyTestCase.district, news, "Hội nghị lần thứ 17 Ban Chấp hành Đảng bộ quận Tây Hồ",
                           body=body, byline="Trung Trực", tags=["Tây Hồ"], days_ago=1)
    from capuy.portal import images

    large, thumb, stem, (w, h) = images.web_sizes(image_file())
    photo = Photo(article=article, caption="Toàn cảnh hội nghị", alt_text="Hội trường với các đại biểu", credit="T.T",
                  width=w, height=h)
    photo.image.save("toan-canh.jpg", large, save=False)
    photo.thumbnail.save("toan-canh-nho.jpg", ContentFile(thumb.read()), save=False)
    photo.save()
    for i in range(12):
        make_article(CapuyTestCase.district, news, f"Tin số {i} của quận Tây Hồ", days_ago=3 + i)
    Tag.objects.get_or_create(name="Hội nghị")
    return article, news, Article


def _violations(page):
    # Evaluated through the DevTools protocol: the pages' Content-Security-Policy refuses inline script tags.
    page.evaluate(AXE.read_text())
    result = page.evaluate("async () => (await axe.run(document)).violations.map("
                           "v => ({id: v.id, impact: v.impact, nodes: v.nodes.map(n => n.target.join(' '))}))")
    return result


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_public_pages_have_no_axe_violations(live_server, page, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    from django.core.cache import cache

    cache.clear()
    article, news, _ = _sample_data(tmp_path)
    pages = {
        "trang chủ": "/tin-tuc/",
        "chuyên mục": f"/tin-tuc/chuyen-muc/{news.slug}/",
        "bài viết": article.get_absolute_url(),
        "tìm kiếm": "/tin-tuc/tim-kiem/?q=tay+ho",
    }
    found = {}
    for contrast in (False, True):
        if contrast:
            page.goto(f"{live_server.url}/tin-tuc/hien-thi/?tuong-phan=bat&chu=tang&tiep=/tin-tuc/")
            assert page.locator("html.tuong-phan.co-chu-1").count() == 1
        for name, url in pages.items():
            page.goto(live_server.url + url)
            assert page.locator("h1").count() == 1, name
            violations = _violations(page)
            if violations:
                found[f"{name}{' (tương phản cao)' if contrast else ''}"] = violations
    assert not found, json.dumps(found, ensure_ascii=False, indent=1)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_text_size_buttons_work_and_persist(live_server, page, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    from django.core.cache import cache
    from playwright.sync_api import expect

    cache.clear()
    _sample_data(tmp_path)
    page.goto(f"{live_server.url}/tin-tuc/")
    page.wait_for_load_state("load")
    size = page.evaluate(_FONT_SIZE)
    # Each button is a link that reloads the page: wait for the reloaded page to be loaded and show the
    # change, rather than reading a document that is being replaced.
    with page.expect_navigation(wait_until="load"):
        page.get_by_role("link", name="A+ (tăng cỡ chữ)").click()
    page.wait_for_function(f"() => parseFloat({_FONT_SIZE_EXPR} || '0') > {float(size[:-2])}")
    larger = page.evaluate(_FONT_SIZE)
    with page.expect_navigation(wait_until="load"):
        page.get_by_role("link", name="Tin tức sự kiện", exact=True).first.click()
    page.wait_for_function(f"() => {_FONT_SIZE_EXPR} === '{larger}'")
    with page.expect_navigation(wait_until="load"):
        page.get_by_role("link", name="Tăng tương phản").click()
    expect(page.locator("html.tuong-phan")).to_have_count(1)
