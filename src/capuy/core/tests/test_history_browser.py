"""A record page's "Lịch sử thay đổi" block is closed; opening it loads the entries from the same page."""

import pytest
from playwright.sync_api import expect

from capuy.core.tests.browser import sign_in


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_opening_the_history_block_loads_the_entries(live_server, page):
    from capuy.core.testing import CapuyTestCase
    from capuy.organizations.models import Person

    CapuyTestCase.setUpTestData()
    person = Person.objects.get(full_name="Vũ Thị Lan")
    sign_in(page, live_server.url, "vanphong.tayho")
    page.goto(f"{live_server.url}{person.get_absolute_url()}")
    block = page.locator("section.history")
    expect(block.locator("table")).to_have_count(0)
    block.get_by_role("heading", name="Lịch sử thay đổi").click()
    expect(block.locator("tbody tr").first).to_contain_text("Tạo")
