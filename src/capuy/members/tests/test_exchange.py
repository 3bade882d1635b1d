import csv
import io

import openpyxl
import pytest

from capuy.members import exchange
from capuy.members.models import PartyMember, Status, StatusChange, Transfer
from capuy.members.tests.base import D, MembersTestCase
from capuy.organizations.models import Person


def csv_bytes(rows):
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return out.getvalue().encode("utf-8")


def xlsx_bytes(rows):
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


class ExchangeTests(MembersTestCase):
    def new_rows(self):
        return [
            exchange.HEADERS,
            ["05000001", "Nguyễn Thị Hoa", "12/03/1985", "Nữ", "19/05/2010", "19/05/2011", self.cell.pk, "", "", "",
             "0912345678", "hoa@example.org"],
            ["05000002", "Trần Văn Hùng", "1990-01-02", "Nam", "03/02/2024", "", "", "Chi bộ tổ dân phố số 2",
             "Dự bị", "", "", ""],
            ["05000003", "Lê Văn Miễn", "", "nam", "01/01/1980", "01/01/1981", self.cell.pk, "",
             "Miễn công tác và sinh hoạt đảng", "01/06/2023", "", ""],
        ]

    def test_a_csv_file_creates_members_with_their_status(self):
        result = exchange.import_members(csv_bytes(self.new_rows()), "ds.csv", self.ward)
        assert (result.created, result.updated) == (3, 0)
        hoa = PartyMember.objects.get(card_number="05000001")
        assert hoa.person.full_name == "Nguyễn Thị Hoa" and hoa.person.gender == Person.Gender.FEMALE
        assert hoa.official_date == D(2011, 5, 19) and hoa.person.organization == self.cell
        assert Person.objects.search("nguyen thi hoa").exists()  # search key computed in bulk
        hung = PartyMember.objects.get(card_number="05000002")
        assert hung.status == Status.PROBATIONARY and hung.person.organization == self.second_cell
        mien = PartyMember.objects.get(card_number="05000003")
        assert mien.exempt and mien.status == Status.EXEMPT
        assert StatusChange.objects.get(member=mien).date == D(2023, 6, 1)

    def test_csv_export_then_import_round_trips(self):
        exchange.import_members(csv_bytes(self.new_rows()), "ds.csv", self.ward)
        members = PartyMember.objects.in_subtree(self.ward)
        before = {m.card_number: (m.person.full_name, m.admission_date, m.official_date, m.person.organization_id,
                                  m.status, m.person.birth_date) for m in members}
        data = exchange.export_csv(members)
        result = exchange.import_members(data, "xuat.csv", self.ward)
        assert result.created == 0 and result.updated == len(before)
        after = {m.card_number: (m.person.full_name, m.admission_date, m.official_date, m.person.organization_id,
                                 m.status, m.person.birth_date) for m in PartyMember.objects.in_subtree(self.ward)}
        assert after == before

    def test_excel_export_then_import_restores_the_records(self):
        exchange.import_members(xlsx_bytes(self.new_rows()), "ds.xlsx", self.ward)
        members = PartyMember.objects.filter(card_number__startswith="0500")
        data = exchange.export_xlsx(members)
        sheet = openpyxl.load_workbook(io.BytesIO(data)).active
        assert [c.value for c in sheet[1]] == exchange.HEADERS
        before = sorted((m.card_number, m.person.full_name, m.admission_date, m.status) for m in members)
        Person.objects.filter(party_member__in=members).update(full_name="Đã sửa")
        PartyMember.objects.filter(pk__in=members).update(admission_date=D(2015, 1, 1))
        result = exchange.import_members(data, "xuat.xlsx", self.ward)
        assert result.updated == 3
        after = sorted((m.card_number, m.person.full_name, m.admission_date, m.status)
                       for m in PartyMember.objects.filter(card_number__startswith="0500"))
        assert after == before

    def test_every_bad_row_is_reported_in_vietnamese_and_nothing_is_saved(self):
        rows = self.new_rows() + [
            ["05000009", "", "", "", "01/01/2000", "", self.cell.pk, "", "", "", "", ""],
            ["05000010", "Phạm Văn Sai", "", "", "01/01/2010", "01/01/2009", self.cell.pk, "", "", "", "", ""],
            ["05000011", "Võ Văn Ngày", "", "X", "31/02/2010", "", self.other_cell.pk, "", "Đi vắng", "", "", ""],
            ["05000001", "Trùng Thẻ", "", "", "01/01/2010", "", "", "Chi bộ không có", "", "", "", ""],
        ]
        with pytest.raises(exchange.ImportFailed) as exc:
            exchange.import_members(csv_bytes(rows), "ds.csv", self.ward)
        messages = exc.value.messages()
        assert len(messages) == 4
        assert messages[0] == "Dòng 5: thiếu họ và tên."
        assert messages[1] == "Dòng 6: ngày chính thức trước ngày vào Đảng."
        assert "Dòng 7:" in messages[2] and "31/02/2010" in messages[2] and "giới tính" in messages[2]
        assert "trạng thái \"Đi vắng\" không hợp lệ" in messages[2] and "không thuộc Đảng bộ phường Quảng An" in messages[2]
        assert "trùng với dòng 2" in messages[3] and "không tìm thấy chi bộ" in messages[3]
        assert not PartyMember.objects.filter(card_number__startswith="0500").exists()

    def test_a_member_of_another_subtree_cannot_be_overwritten(self):
        rows = [exchange.HEADERS, ["01000400", "Phan Văn Tú", "", "", "01/01/2000", "", self.cell.pk, "", "", "", "", ""]]
        with pytest.raises(exchange.ImportFailed, match="Dòng 2: số thẻ 01000400 đã thuộc một đảng viên ngoài"):
            exchange.import_members(csv_bytes(rows), "ds.csv", self.ward)
        self.far_member.refresh_from_db()
        assert self.far_member.organization == self.other_cell

    def test_an_import_that_changes_the_cell_records_a_transfer(self):
        rows = [exchange.HEADERS, ["01000100", "Vũ Thị Lan", "", "Nữ", "01/01/2000", "01/01/2001", self.second_cell.pk,
                                   "", "Chính thức", "01/03/2024", "", ""]]
        exchange.import_members(csv_bytes(rows), "ds.csv", self.ward)
        self.member_person.refresh_from_db()
        assert self.member_person.organization == self.second_cell
        move = Transfer.objects.get()
        assert move.from_organization == self.cell and move.date == D(2024, 3, 1)

    def test_a_file_without_the_required_columns_is_refused(self):
        with pytest.raises(exchange.ImportFailed) as exc:
            exchange.import_members(csv_bytes([["Họ và tên"], ["Nguyễn Văn A"]]), "ds.csv", self.ward)
        assert "thiếu cột \"Ngày vào Đảng\", \"Mã chi bộ hoặc Chi bộ\"" in exc.value.messages()[0]

    def test_other_file_types_are_refused(self):
        with pytest.raises(exchange.ImportFailed, match="không phải XLSX, CSV hợp lệ"):
            exchange.import_members(b"abc", "ds.pdf", self.ward)
