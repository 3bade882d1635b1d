"""In the browser: from a closed conference's conclusion to tasks, then a progress report with evidence."""

import datetime

import pytest
from playwright.sync_api import expect

from capuy.core.tests.browser import sign_in

D = datetime.date


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_office_turns_a_conclusion_into_tasks_and_reports_progress(live_server, page, tmp_path, settings):
    from capuy.conferences.models import Conference
    from capuy.tasks.models import ProgressReport, Task
    from capuy.tasks.tests.helpers import TasksTestCase

    settings.MEDIA_ROOT = str(tmp_path / "media")
    TasksTestCase.setUpTestData()
    conference = Conference.objects.create(
        body=TasksTestCase.bch, date=D(2023, 10, 5), status=Conference.Status.CLOSED,
        conclusion="Đẩy nhanh tiến độ giải phóng mặt bằng các dự án trọng điểm; Tăng cường công tác thu ngân sách. "
                   "Hội nghị thành công tốt đẹp.")
    sign_in(page, live_server.url, "vanphong.tayho")

    page.goto(f"{live_server.url}/nhiem-vu/hoi-nghi/{conference.pk}/giao-tu-ket-luan/")
    assert page.locator("[name=form-0-title]").input_value() == (
        "Đẩy nhanh tiến độ giải phóng mặt bằng các dự án trọng điểm")
    page.locator("[name=form-2-keep]").uncheck()  # "Hội nghị thành công tốt đẹp" is not a task
    page.locator("[name=form-0-lead_unit]").fill("UBND quận")
    # The responsible leader is searched as you type (core/choosers.py), then picked from the matches.
    page.locator("[name=form-0-responsible-tim]").fill("binh")
    page.locator("[data-chooser-pick]", has_text="Phạm Văn Bình").first.click()
    expect(page.locator("input[type=hidden][name=form-0-responsible]")).to_have_count(1)
    page.locator("[name=form-0-deadline]").fill("2023-12-31")
    page.get_by_role("button", name="Giao các nhiệm vụ đã chọn").click()
    # No deadline is offered: the second chosen line has none yet, and nothing is saved until it has one
    expect(page.get_by_text("Hãy nhập thời hạn.")).to_have_count(1)
    assert not conference.tasks.exists()
    page.locator("[name=form-1-deadline]").fill("2024-03-31")
    page.get_by_role("button", name="Giao các nhiệm vụ đã chọn").click()

    page.get_by_text("Đã giao 2 nhiệm vụ từ kết luận hội nghị.").wait_for()
    assert "hoàn thành 0/2 nhiệm vụ" in page.locator(".figures").inner_text()
    page.get_by_role("link", name="Đẩy nhanh tiến độ giải phóng mặt bằng các dự án trọng điểm").click()

    evidence = tmp_path / "bien-ban-ban-giao.pdf"
    evidence.write_bytes(b"%PDF-1.4\nbien ban ban giao mat bang\n")
    page.get_by_label("Trạng thái").select_option(label="Hoàn thành")
    page.get_by_label("Kết quả, ghi chú").fill("Đã bàn giao mặt bằng 5/5 dự án.")
    page.get_by_label("Ngày báo cáo").fill("2023-12-20")
    page.get_by_label("Tệp minh chứng").set_input_files(str(evidence))
    page.get_by_role("button", name="Gửi báo cáo tiến độ").click()

    page.get_by_text("Đã ghi báo cáo tiến độ.").wait_for()
    assert page.get_by_text("Đã bàn giao mặt bằng 5/5 dự án.").is_visible()
    assert page.get_by_role("link", name="bien-ban-ban-giao.pdf").is_visible()
    assert page.locator(".st").first.inner_text() == "Hoàn thành"
    task = Task.objects.get(conference=conference, title__startswith="Đẩy nhanh")
    assert task.closed and task.lead_unit == "UBND quận" and task.conference_id == conference.pk
    assert ProgressReport.objects.get(task=task).evidence.count() == 1
