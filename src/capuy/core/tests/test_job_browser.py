"""In the browser: a job's progress bar moves on its own (htmx polling, no inline script) until the job ends."""

import pytest

from capuy.core.tests.browser import sign_in


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_progress_bar_follows_the_job_without_reloading_the_page(live_server, page):
    from playwright.sync_api import expect

    from capuy.core.models import BackgroundJob
    from capuy.core.testing import make_user

    owner = make_user("vanphong.quangan")
    job = BackgroundJob.objects.create(kind="members.import", title="Nhập danh sách đảng viên", owner=owner,
                                       status=BackgroundJob.Status.RUNNING, done=1, total=4,
                                       message="Đang kiểm tra dòng 2", result_url="/")
    sign_in(page, live_server.url, "vanphong.quangan")
    page.get_by_role("link", name="Việc của tôi").click()
    page.get_by_role("link", name="Nhập danh sách đảng viên").click()

    bar = page.locator("progress")
    expect(bar).to_have_attribute("value", "25")
    page.evaluate("window.__same_page = true")  # survives only if the page is not reloaded
    BackgroundJob.objects.filter(pk=job.pk).update(done=3, message="Đang kiểm tra dòng 4")
    expect(bar).to_have_attribute("value", "75")
    BackgroundJob.objects.filter(pk=job.pk).update(status=BackgroundJob.Status.DONE, done=4,
                                                   message="Đã nhập 4 dòng: thêm mới 4, cập nhật 0.")
    expect(page.get_by_role("link", name="Xem kết quả")).to_be_visible()
    expect(bar).to_have_attribute("value", "100")
    assert page.evaluate("window.__same_page") is True
    assert page.locator("script:not([src])").count() == 0
