import io
from decimal import Decimal

from openpyxl import load_workbook

from capuy.targets import excel
from capuy.targets.models import ReportingRound, Result
from capuy.targets.periods import Period, PeriodKind

from .base import NINE_2023, TargetsTestCase, deadline, result


def edit(content: bytes, changes: dict) -> bytes:
    workbook = load_workbook(io.BytesIO(content))
    sheet = workbook.active
    for ref, value in changes.items():
        sheet[ref] = value
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


class RoundTableTests(TargetsTestCase):
    def setUp(self):
        self.round = ReportingRound.objects.create(organization=self.district, title="Báo cáo 9 tháng năm 2023",
                                                   period_kind="9m", year=2023, deadline=deadline(3))
        self.round.organizations.set([self.ward, self.other_ward])
        self.round.indicators.set([self.industry, self.disbursement, self.members])
        result(self.ward, self.industry, NINE_2023, "600.5", status=Result.Status.APPROVED)
        result(self.other_ward, self.disbursement, NINE_2023, 75, status=Result.Status.DRAFT)

    def sheet(self, content):
        return load_workbook(io.BytesIO(content)).active

    def test_the_export_has_indicator_rows_and_unit_columns(self):
        sheet = self.sheet(excel.export_round(self.round))
        assert [c.value for c in sheet[4]] == ["STT", "Mã chỉ tiêu", "Tên chỉ tiêu", "Đơn vị tính",
                                               "Đảng bộ phường Quảng An", "Đảng bộ phường Nhật Tân"]
        rows = {row[1].value: [c.value for c in row] for row in sheet.iter_rows(min_row=5)}
        assert rows["CN"][4] == 600.5 and rows["GN"][5] == 75 and rows["CN"][3] == "tỷ đồng"

    def test_an_exported_table_imports_back_without_changes(self):
        content = excel.export_round(self.round)
        before = list(Result.objects.values_list("pk", "value", "status"))
        report = excel.import_table(content, self.district_staff, reporting_round=self.round)
        assert report.ok and report.applied == 0 and report.unchanged == 2
        assert list(Result.objects.values_list("pk", "value", "status")) == before

    def test_a_filled_table_applies_every_cell(self):
        content = edit(excel.export_round(self.round), {"F5": "540,2", "E7": 320, "F7": "150"})
        report = excel.import_table(content, self.district_staff, reporting_round=self.round)
        assert report.ok and report.applied == 3, report.errors
        saved = Result.objects.get(organization=self.other_ward, indicator=self.industry)
        assert saved.value == Decimal("540.2") and saved.status == Result.Status.SUBMITTED
        assert saved.round == self.round and saved.submitted_by == self.district_staff

    def test_an_import_with_bad_cells_lists_each_one_and_applies_nothing(self):
        content = edit(excel.export_round(self.round), {
            "F5": "540", "E6": "nhiều", "F6": 130, "E7": "12,5", "D7": "nghìn người", "E5": 700,
            "A9": 9, "B9": "XX", "E9": 1,
        })
        before = list(Result.objects.values_list("pk", "value", "status"))
        report = excel.import_table(content, self.district_staff, reporting_round=self.round)
        found = {(e.row, e.column): e.reason for e in report.errors}
        assert "không phải là số" in found[(6, "E")]
        assert "từ 0 đến 100" in found[(6, "F")]
        assert "khác với đơn vị" in found[(7, "D")]
        assert "đã được duyệt" in found[(5, "E")]
        assert "Mã chỉ tiêu “XX” không có" in found[(9, "B")]
        assert str(report.errors[0]).startswith("Dòng ")
        assert report.applied == 0
        assert list(Result.objects.values_list("pk", "value", "status")) == before

    def test_unknown_units_and_foreign_units_are_refused(self):
        content = edit(excel.export_round(self.round), {"G4": "Đảng bộ phường Không Có", "G5": 1})
        report = excel.import_table(content, self.district_staff, reporting_round=self.round)
        assert any(e.column == "G" and "Không có đơn vị" in e.reason for e in report.errors)
        content = edit(excel.export_round(self.round), {"E5": None, "F5": 12})
        report = excel.import_table(content, self.ward_staff, reporting_round=self.round)
        assert any(e.column == "F" and "không có quyền" in e.reason for e in report.errors)
        assert not Result.objects.filter(organization=self.other_ward, indicator=self.industry).exists()

    def test_a_file_that_is_not_a_workbook_is_refused(self):
        report = excel.import_table(b"not a workbook", self.district_staff, reporting_round=self.round)
        assert not report.ok and "không phải XLSX hợp lệ" in report.errors[0].reason


class PeriodTableTests(TargetsTestCase):
    def test_a_units_period_table_round_trips(self):
        periods = [Period(2023, PeriodKind.QUARTER, q) for q in (1, 2, 3)] + [Period(2023, PeriodKind.NINE_MONTHS)]
        result(self.ward, self.industry, Period(2023, PeriodKind.QUARTER, 1), 180)
        content = excel.export_periods(self.ward, [self.industry, self.members], periods)
        sheet = load_workbook(io.BytesIO(content)).active
        assert [c.value for c in sheet[4]][4:] == ["Quý I/2023", "Quý II/2023", "Quý III/2023", "9 tháng năm 2023"]
        report = excel.import_table(content, self.ward_staff, organization=self.ward)
        assert report.ok and report.applied == 0 and report.unchanged == 1
        report = excel.import_table(edit(content, {"F5": 200, "H6": 312}), self.ward_staff, organization=self.ward)
        assert report.ok and report.applied == 2
        assert Result.objects.get(indicator=self.members).period == Period(2023, PeriodKind.NINE_MONTHS)

    def test_another_ward_cannot_import_into_this_ward(self):
        content = excel.export_periods(self.ward, [self.industry], [Period(2023, PeriodKind.YEAR)])
        report = excel.import_table(edit(content, {"E5": 10}), self.other_ward_staff, organization=self.ward)
        assert not report.ok and Result.objects.count() == 0
