import datetime

import pytest


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_guest_without_login_answers_through_the_personal_link(live_server, page):
    from playwright.sync_api import expect

    from capuy.conferences.models import Conference, Invitation
    from capuy.core.testing import CapuyTestCase, make_person
    from capuy.portal.tests.test_accessibility_browser import _violations

    CapuyTestCase.setUpTestData()
    conference = Conference.objects.create(body=CapuyTestCase.bch, date=datetime.date(2023, 10, 5),
                                           venue="Hội trường Quận ủy", status=Conference.Status.INVITED)
    invitation = Invitation.objects.create(conference=conference, role=Invitation.Role.GUEST,
                                           person=make_person("Nguyễn Văn Khách", CapuyTestCase.city),
                                           guest_title="Phó Bí thư Thành ủy",
                                           sent_at=datetime.datetime(2023, 10, 1, tzinfo=datetime.UTC))
    page.set_default_timeout(10_000)
    page.goto(f"{live_server.url}{invitation.guest_url()}")
    expect(page.get_by_text("Kính gửi đồng chí Nguyễn Văn Khách, Phó Bí thư Thành ủy.")).to_be_visible()
    assert _violations(page) == []
    page.get_by_role("radio", name="Tham dự").check()
    page.get_by_role("button", name="Gửi trả lời").click()
    expect(page.get_by_text("Đã ghi nhận trả lời. Xin cảm ơn.")).to_be_visible()
    expect(page.get_by_text("Hiện tại: Tham dự")).to_be_visible()
    invitation.refresh_from_db()
    assert invitation.answer == Invitation.Answer.ATTENDING
