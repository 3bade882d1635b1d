"""axe-core finds no violation on the conference preparation page."""

import datetime

import pytest

from capuy.core.tests.browser import sign_in


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_preparation_page_has_no_axe_violation(live_server, page):
    from playwright.sync_api import expect

    from capuy.conferences.models import AgendaItem, Conference
    from capuy.core.testing import CapuyTestCase
    from capuy.portal.tests.test_accessibility_browser import _violations

    CapuyTestCase.setUpTestData()
    conference = Conference.objects.create(body=CapuyTestCase.bch, date=datetime.date(2023, 10, 5),
                                           venue="Hội trường Quận ủy", subject="Kết quả 9 tháng")
    for order, title in enumerate(["Khai mạc", "Báo cáo kết quả 9 tháng năm 2023"], 1):
        AgendaItem.objects.create(conference=conference, order=order, title=title)
    conference.invite_body_members()
    sign_in(page, live_server.url, "vanphong.tayho", next_url=f"/hoi-nghi/{conference.pk}/chuan-bi/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert _violations(page) == []
