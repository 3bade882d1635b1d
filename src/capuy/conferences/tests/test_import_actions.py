"""The rules of turning a report into records (actions.import_report, undo_import): issue 13, part 2."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from capuy.conferences import actions
from capuy.conferences.imported import ImportedReport
from capuy.conferences.models import Conference, Draft
from capuy.conferences.tests.import_reports import (
    NEW_WARD_REPORT,
    NOT_A_REPORT,
    REPORT,
    counts,
    future_date,
    record,
)
from capuy.core.testing import CapuyTestCase, make_person
from capuy.organizations.models import Organization, Person
from capuy.targets.models import Result
from capuy.tasks.models import Task


class ImportTests(CapuyTestCase):
    def run_import(self, user=None, text=REPORT, **kwargs):
        extracted = kwargs.pop("extracted", None) or record(text)
        return actions.import_report(user or self.district_staff, extracted, text,
                                     "https://tayho.hanoi.gov.vn/tin-tuc/hoi-nghi-lan-thu-17", **kwargs)

    def assert_refused(self, message, **kwargs):
        before = counts()
        with pytest.raises(ValidationError) as caught:
            self.run_import(**kwargs)
        assert message in " ".join(caught.value.messages)
        assert counts() == before

    def test_confirming_creates_the_past_conference_its_people_figures_and_tasks_with_the_source(self):
        imported = self.run_import()
        conference = imported.conference
        assert (conference.organization, conference.term, conference.body) == (self.district, self.term, self.bch)
        assert conference.number == 17 and conference.date == datetime.date(2023, 10, 5)
        assert conference.status == Conference.Status.CLOSED and conference.reviewed_period == "9 tháng năm 2023"
        assert conference.session == Conference.Session.MORNING  # "Sáng 5/10/2023" as written
        assert list(conference.chairs.all()) == [self.secretary]  # matched by name and title, not duplicated
        uyen = Person.objects.get(full_name="Trương Tú Uyên")
        assert [t.name for t in uyen.titles.all()] == ["Bí thư Đảng ủy phường Quảng An"]
        assert list(conference.invitations.values_list("person__full_name", "guest_title")) == [
            ("Trương Tú Uyên", "Bí thư Đảng ủy phường Quảng An")]
        assert conference.recorded_after and conference.source_url == imported.source_url
        result = Result.objects.get(organization=self.district)
        assert (result.period_kind, result.year, float(result.value)) == ("9m", 2023, 55.8)
        assert Task.objects.filter(conference=conference).count() == 2
        assert imported.source_text == REPORT and imported.created_by == self.district_staff
        assert imported.source_url.startswith("https://tayho.hanoi.gov.vn/")
        award = conference.awards.get()
        assert (award.form, award.issuer, award.collective_count, award.individual_count) == (
            "giay_khen", "Quận ủy Tây Hồ", 3, 5)
        assert award.reason == "có thành tích xuất sắc" and conference.subject == ""
        assert ["conferences.conference", conference.pk] in [row[:2] for row in imported.created_rows]

    def test_a_name_shared_by_two_people_is_the_clerks_choice_never_a_merge(self):
        make_person("Lê Thị Thu Hằng", self.district, ["Bí thư Quận ủy"])
        self.assert_refused("hãy chọn đúng người")
        imported = self.run_import(people=[self.secretary.pk])
        assert list(imported.conference.chairs.all()) == [self.secretary]

    def test_a_person_of_the_same_name_with_other_titles_is_not_taken_silently(self):
        self.secretary.titles.all().delete()
        make_person("Trương Tú Uyên", self.ward, ["Chủ tịch Hội Phụ nữ phường"])
        self.assert_refused("hãy chọn đúng người")
        imported = self.run_import(people=["new", "new"])
        assert Person.objects.filter(full_name="Lê Thị Thu Hằng").count() == 2
        assert imported.conference.chairs.get() != self.secretary

    def test_a_report_of_an_organization_outside_the_clerks_subtree_is_refused(self):
        self.assert_refused("ngoài phạm vi quản lý", user=self.ward_staff)
        self.assert_refused("ngoài phạm vi quản lý", user=self.other_ward_staff)

    def test_a_term_with_no_recorded_end_covers_no_date_after_its_last_year(self):
        from capuy.organizations.models import Term

        Term.objects.filter(pk=self.term.pk).update(end_date=None)  # the next congress is not recorded yet
        unnamed = {**record(), "term": None, "term_years": None, "ordinal": None}
        for day, term in (("2025-11-20", self.term), ("2026-03-02", None)):
            imported = self.run_import(extracted={**unnamed, "event_date": day})
            assert imported.conference.term == term, day
            actions.undo_import(self.district_staff, imported)

    def test_a_number_already_taken_in_the_term_is_refused(self):
        Conference.objects.create(body=self.bch, date=datetime.date(2023, 9, 1), number=17)
        self.assert_refused("Số thứ tự 17 đã dùng")

    def test_a_date_in_the_future_is_refused(self):
        self.assert_refused("chưa đến", extracted=record(event_date=future_date()))

    def test_a_date_without_a_year_is_refused(self):
        self.assert_refused("đủ ngày, tháng, năm", extracted=record(event_date="5/10"))

    def test_an_empty_text_and_a_text_that_is_not_a_report_are_refused(self):
        self.assert_refused("Chưa có nội dung bản tin", text="  ", extracted=record())
        self.assert_refused("không phải bản tin", text=NOT_A_REPORT, extracted=record())
        with pytest.raises(ValidationError):
            actions.read_report(self.district_staff, NOT_A_REPORT)

    def test_a_party_member_and_a_committee_member_are_refused(self):
        for user in (self.party_member, self.committee_member):
            with pytest.raises(PermissionDenied):
                self.run_import(user=user)
            with pytest.raises(PermissionDenied):
                actions.read_report(user, REPORT)

    def test_an_unknown_organization_is_created_only_under_the_clerks_subtree(self):
        self.assert_refused("Không tìm thấy tổ chức", text=NEW_WARD_REPORT)
        with pytest.raises(ValidationError):  # Quảng An is not Nhật Tân's to extend
            self.run_import(user=self.other_ward_staff, text=NEW_WARD_REPORT, parent_id=self.ward.pk)
        imported = self.run_import(text=NEW_WARD_REPORT, parent_id=self.district.pk)
        ward = Organization.objects.get(name="Đảng bộ phường Xuân La")
        assert ward.parent == self.district and ward.committee_name == "Đảng ủy phường Xuân La"
        assert imported.conference.number == 5 and imported.conference.term.congress_number == 3

    def test_a_cells_conference_is_a_meeting_of_its_members_not_of_a_ban_chap_hanh(self):
        conference = self.run_import(text=NEW_WARD_REPORT, organization_id=self.cell.pk).conference
        assert conference.body_kind == "chi_bo" and "Ban Chấp hành" not in conference.title

    def test_a_ward_clerk_cannot_create_a_district_under_the_ward(self):
        extracted = {**record(NEW_WARD_REPORT), "organization": "Thành ủy Mỹ Tho", "level": "district"}
        self.assert_refused("không thể trực thuộc", user=self.ward_staff, text=NEW_WARD_REPORT, extracted=extracted,
                            parent_id=self.ward.pk)

    def test_undo_removes_everything_the_import_created_and_nothing_else(self):
        before = counts()
        imported = self.run_import()
        actions.undo_import(self.district_staff, imported)
        assert counts()[:5] == before[:5]
        imported.refresh_from_db()
        assert imported.status == ImportedReport.Status.UNDONE and imported.undone_by == self.district_staff
        assert Person.objects.filter(pk=self.secretary.pk).exists()
        with pytest.raises(ValidationError):
            actions.undo_import(self.district_staff, imported)

    def test_undo_is_refused_while_a_later_record_refers_to_the_import(self):
        imported = self.run_import()
        Draft.objects.create(conference=imported.conference, title="Dự thảo ghi sau")
        with pytest.raises(ValidationError) as caught:
            actions.undo_import(self.district_staff, imported)
        assert "Không thể hoàn tác" in caught.value.messages[0] and "Dự thảo ghi sau" in caught.value.messages[0]
        assert Conference.objects.filter(pk=imported.conference_id).exists()

    def test_undo_is_refused_once_documents_were_drafted_from_the_imported_conference(self):
        from capuy.documents.drafting import draft_from_conference

        imported = self.run_import()
        minutes = draft_from_conference(imported.conference, self.district_staff)[0]
        with pytest.raises(ValidationError) as caught:
            actions.undo_import(self.district_staff, imported)
        assert "Không thể hoàn tác" in caught.value.messages[0] and minutes.title[:40] in caught.value.messages[0]
        assert Conference.objects.filter(pk=imported.conference_id).exists()

    def test_staff_of_another_ward_cannot_undo(self):
        imported = self.run_import()
        from django.http import Http404

        with pytest.raises(Http404):
            actions.undo_import(self.other_ward_staff, imported)

    def test_a_figure_goes_to_the_indicator_of_the_same_name_and_unit(self):
        from capuy.targets.models import Indicator

        indicator = Indicator.objects.create(code="DL", name="Doanh thu thương mại, dịch vụ, du lịch tăng", unit="%",
                                             report_name="du lịch tăng")
        imported = self.run_import()
        assert Result.objects.get(organization=self.district).indicator == indicator
        assert Indicator.objects.count() == 1
        actions.undo_import(self.district_staff, imported)
        assert not indicator.reporters.filter(pk=self.district.pk).exists()  # the link the import added goes too

    def test_the_same_article_is_not_imported_twice(self):
        self.run_import()
        self.assert_refused("đã được nhập", extracted=record(ordinal=None))

    def test_an_import_without_a_deadline_makes_tasks_without_one_and_the_notice_names_none(self):
        from capuy.documents.drafting import draft_from_conference

        imported = self.run_import()  # the clerk left "Thời hạn hoàn thành các nhiệm vụ" empty
        tasks = Task.objects.filter(conference=imported.conference)
        assert tasks.count() == 2 and [t.deadline for t in tasks] == [None, None]
        notice = draft_from_conference(imported.conference, self.district_staff)[-1]
        assert notice.doc_type.symbol == "TB" and "Phân công thực hiện:" in notice.content
        assert all(f"- {t.title} – chủ trì: {self.district.display_committee}." in notice.content for t in tasks)
        assert "thời hạn hoàn thành" not in notice.content and "31/12/2023" not in notice.content

    def test_a_deadline_given_for_the_tasks_is_kept_and_one_before_the_meeting_is_refused(self):
        self.assert_refused("từ ngày họp trở đi", task_deadline="2023-10-04")
        imported = self.run_import(task_deadline="2023-12-15")
        assert set(Task.objects.filter(conference=imported.conference).values_list("deadline", flat=True)) == {
            datetime.date(2023, 12, 15)}


@pytest.mark.parametrize(("names", "filed"), [
    (["Thu ngân sách", "đạt"], ["Thu ngân sách", "Thu ngân sách – đạt"]),
    (["kết nạp đảng viên mới", "đạt so Nghị quyết"], ["kết nạp đảng viên mới", "kết nạp đảng viên mới – đạt so Nghị quyết"]),
    (["đạt"], ["đạt"]),  # nothing before it to belong to
    (["Tốc độ tăng trưởng kinh tế đạt", "thu nhập bình quân"], ["Tốc độ tăng trưởng kinh tế đạt", "thu nhập bình quân"]),
])
def test_a_share_is_filed_under_the_figure_it_belongs_to(names, filed):
    from capuy.conferences import imports

    assert imports.figure_names([{"name": n} for n in names]) == filed


@pytest.mark.parametrize(("written", "date"), [
    ("2026-03-20", datetime.date(2026, 3, 20)), ("20/3/2026", datetime.date(2026, 3, 20)),
    ("05-10-2023", datetime.date(2023, 10, 5)), ("5.10.2023", datetime.date(2023, 10, 5)),
    ("20/3", None), ("31/2/2026", None), ("2026-13-01", None), ("hôm qua", None), (None, None),
])
def test_a_meeting_date_is_read_whole_as_iso_or_day_first(written, date):
    from capuy.conferences import imports

    assert imports.parse_date(written) == date
