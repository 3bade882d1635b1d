"""The office corrects an election list and creates a confidence vote from the pages, in the browser."""

import pytest

from capuy.core.tests.browser import sign_in


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_office_removes_a_candidate_and_creates_a_confidence_vote(live_server, page):
    from playwright.sync_api import expect

    from capuy.portal.tests.test_accessibility_browser import _violations
    from capuy.voting import ballots
    from capuy.voting.models import Candidate, Vote
    from capuy.voting.tests.helpers import VotingTestCase

    VotingTestCase.setUpTestData()
    t = VotingTestCase
    election = ballots.create_election(t.item, "Bầu Ban Thường vụ", 1)
    for person in t.present[:3]:
        ballots.add_candidate(election, person)
    removed = t.present[2]
    sign_in(page, live_server.url, "vanphong.tayho", next_url=f"/bieu-quyet/hoi-nghi/{t.conference.pk}/")

    page.get_by_role("link", name=f"Rút khỏi danh sách {removed.full_name}").click()
    page.get_by_label("Lý do (lưu vào hồ sơ)").fill("Xin rút, được Đoàn Chủ tịch chấp thuận")
    page.get_by_role("button", name="Rút khỏi danh sách").click()
    expect(page.locator("del", has_text=removed.full_name)).to_be_visible()
    assert Candidate.objects.get(election=election, person=removed).withdrawn

    page.get_by_role("link", name="Tạo cuộc lấy phiếu tín nhiệm").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tạo cuộc lấy phiếu tín nhiệm")
    assert _violations(page) == []
    page.get_by_label("Nội dung chương trình").select_option(str(t.item.pk))
    page.get_by_label(t.present[0].full_name, exact=True).check()
    page.get_by_label(f"Chức vụ của {t.present[0].full_name}").fill("Bí thư Quận ủy")
    page.get_by_role("button", name="Tạo cuộc lấy phiếu tín nhiệm").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Lấy phiếu tín nhiệm")
    vote = Vote.objects.get(kind=Vote.Kind.CONFIDENCE)
    assert vote.subjects.get().position == "Bí thư Quận ủy"
