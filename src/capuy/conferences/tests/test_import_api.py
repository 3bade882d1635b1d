"""/api/conferences/imports/…: extract, confirm and undo, with the page's rules and refusals."""

import datetime

from capuy.accounts.models import ApiToken
from capuy.conferences.imported import ImportedReport
from capuy.conferences.models import Conference, Draft
from capuy.conferences.tests.import_reports import NOT_A_REPORT, REPORT, counts, future_date, record
from capuy.core.testing import CapuyTestCase, make_person


class ImportApiTests(CapuyTestCase):
    def api(self, path, user=None, data=None):
        headers = {"Authorization": f"Bearer {ApiToken.issue(user)[1]}"} if user else {}
        return self.client.post(f"/api/conferences/imports/{path}", data or {}, content_type="application/json",
                                headers=headers)

    def confirm(self, user=None, **changes):
        data = {"source_text": REPORT, "extracted": record(), **changes}
        return self.api("confirm", user or self.district_staff, data)

    def assert_refused(self, response, message, status=400):
        assert response.status_code == status, response.content
        assert message in response.json()["detail"]

    def test_anonymous_callers_get_401(self):
        assert self.api("extract", data={"text": REPORT}).status_code == 401
        assert self.api("confirm", data={"source_text": REPORT, "extracted": {}}).status_code == 401

    def test_a_party_member_is_refused(self):
        self.assert_refused(self.api("extract", self.party_member, {"text": REPORT}), "văn phòng cấp ủy", 403)
        self.assert_refused(self.confirm(self.party_member), "văn phòng cấp ủy", 403)

    def test_extract_gives_the_record_the_marks_and_the_matches(self):
        body = self.api("extract", self.district_staff, {"text": REPORT}).json()
        assert body["record"]["ordinal"] == 17 and body["organization"]["id"] == self.district.pk
        marks = {m["field"]: body["text"][m["start"]:m["end"]] for m in body["marks"]}
        assert marks["organization"] == "Ban Chấp hành Đảng bộ quận Tây Hồ" and marks["ordinal"] == "lần thứ 17"
        assert marks["person-0-name"] == "Lê Thị Thu Hằng" and marks["event_date"].startswith("5/10")
        assert body["people"][0]["match_id"] == self.secretary.pk and not body["people"][0]["ambiguous"]
        assert body["source_url"] == "https://tayho.hanoi.gov.vn/tin-tuc/hoi-nghi-lan-thu-17"
        assert counts()[-1] == 0  # extracting writes nothing

    def test_confirm_then_undo(self):
        before = counts()
        response = self.confirm()
        assert response.status_code == 201, response.content
        body = response.json()
        conference = Conference.objects.get(pk=body["conference_id"])
        assert conference.number == 17 and body["status"] == "confirmed" and body["created"]
        response = self.api(f"{body['id']}/undo", self.district_staff)
        assert response.status_code == 200 and response.json()["status"] == "undone"
        assert counts()[:5] == before[:5]
        self.assert_refused(self.api(f"{body['id']}/undo", self.district_staff), "Chỉ hoàn tác được")

    def test_undo_is_refused_while_something_refers_to_the_import(self):
        body = self.confirm().json()
        Draft.objects.create(conference_id=body["conference_id"], title="Dự thảo nghị quyết")
        self.assert_refused(self.api(f"{body['id']}/undo", self.district_staff), "Không thể hoàn tác")

    def test_bad_input_is_refused_with_nothing_created(self):
        before = counts()
        self.assert_refused(self.api("extract", self.district_staff, {"text": " "}), "Chưa có nội dung bản tin")
        self.assert_refused(self.api("extract", self.district_staff, {"text": NOT_A_REPORT}), "không phải bản tin")
        self.assert_refused(self.confirm(source_text=""), "Chưa có nội dung bản tin")
        self.assert_refused(self.confirm(source_text=NOT_A_REPORT), "không phải bản tin")
        self.assert_refused(self.confirm(self.other_ward_staff), "ngoài phạm vi quản lý")
        self.assert_refused(self.confirm(extracted=record(event_date=future_date())), "chưa đến")
        Conference.objects.create(body=self.bch, date=datetime.date(2023, 9, 1), number=17)
        before = counts()
        self.assert_refused(self.confirm(), "Số thứ tự 17 đã dùng")
        assert counts() == before

    def test_an_ambiguous_person_must_be_chosen(self):
        make_person("Lê Thị Thu Hằng", self.district, ["Bí thư Quận ủy"])
        self.assert_refused(self.confirm(), "hãy chọn đúng người")
        response = self.confirm(people=[self.secretary.pk, "new"])
        assert response.status_code == 201
        assert list(Conference.objects.get().chairs.all()) == [self.secretary]

    def test_a_person_the_clerk_may_not_read_cannot_be_chosen(self):
        stranger = make_person("Lê Thị Thu Hằng", self.other_ward, ["Bí thư Đảng ủy phường"])
        self.assert_refused(self.confirm(self.ward_staff, organization_id=self.ward.pk, people=[stranger.pk]),
                            "không có quyền xem")
        assert ImportedReport.objects.count() == 0

    def test_staff_of_another_ward_cannot_read_or_undo_an_import(self):
        body = self.confirm().json()
        headers = {"Authorization": f"Bearer {ApiToken.issue(self.other_ward_staff)[1]}"}
        assert self.client.get(f"/api/conferences/imports/{body['id']}", headers=headers).status_code == 404
        assert self.api(f"{body['id']}/undo", self.other_ward_staff).status_code == 404

    def test_a_record_of_the_wrong_shape_is_a_400_not_a_server_error(self):
        for changes in ({"indicators": "55,8%"}, {"chair": [1]}, {"tasks": [{"x": 1}]}, {"event_date": 20231005}):
            response = self.confirm(extracted=record(**changes))
            assert response.status_code == 400, (changes, response.content)
