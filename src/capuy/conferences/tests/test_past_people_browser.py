"""Correcting a past record's people in a browser: a chair searched as one types, a group added, one removed."""

import datetime

import pytest
from playwright.sync_api import expect

from capuy.core.tests.browser import sign_in


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_an_office_changes_the_chair_and_the_attendees_of_a_past_record(live_server, page):
    from capuy.conferences.actions import record_past_conference
    from capuy.core.testing import CapuyTestCase
    from capuy.organizations.models import Organization, Person

    CapuyTestCase.setUpTestData()
    district = Organization.objects.get(name="Đảng bộ quận Tây Hồ")
    staff = Person.objects.get(full_name="Hoàng Minh Tâm").user
    past = record_past_conference(staff, district, date=datetime.date(2021, 7, 2), kind="six_month",
                                  attendees=[{"group": "Đại diện các ban, ngành quận"}])
    sign_in(page, live_server.url, "vanphong.tayho")
    page.goto(f"{live_server.url}/hoi-nghi/{past.pk}/sua/")
    page.get_by_role("link", name="Sửa người chủ trì, người dự").click()
    page.locator("[name=chairs-tim]").fill("binh")
    page.locator("[data-chooser-pick]", has_text="Phạm Văn Bình").first.click()
    expect(page.locator("input[type=hidden][name=chairs]")).to_have_count(1)
    page.get_by_label("Thêm tập thể, đại diện dự họp (mỗi dòng một)").fill("Đại diện Ủy ban MTTQ quận")
    page.get_by_label("Đại diện các ban, ngành quận").check()
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_text("Đã lưu người chủ trì, người dự.")).to_be_visible()
    assert [p.full_name for p in past.chairs.all()] == ["Phạm Văn Bình"]
    assert sorted(i.attendee_name for i in past.invitations.all()) == ["Phạm Văn Bình", "Đại diện Ủy ban MTTQ quận"]
