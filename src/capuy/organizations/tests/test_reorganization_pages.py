"""The reorganization pages: merge and split ask to confirm with the figures; the history shows both ways; the
wrong people are refused."""

import datetime

from capuy.accounts import permissions
from capuy.accounts.models import Role, RoleGrant
from capuy.core.testing import CapuyTestCase
from capuy.organizations.models import Organization, Person

D = datetime.date


class ReorganizationPageTests(CapuyTestCase):
    def merge_data(self, **extra):
        return {"sources": [self.ward.pk, self.other_ward.pk], "new_name": "Đảng bộ phường Tây Hồ",
                "new_kind": "grassroots", "date": "2025-07-01", "decision": "15-QĐ/QU", **extra}

    def test_the_district_office_sees_the_merge_form(self):
        self.login(self.district_staff)
        response = self.client.get(f"/to-chuc/{self.district.pk}/hop-nhat/")
        assert response.status_code == 200 and "Đảng bộ phường Nhật Tân" in response.content.decode()

    def test_merge_asks_to_confirm_with_the_figures_and_changes_nothing(self):
        self.login(self.district_staff)
        response = self.client.post(f"/to-chuc/{self.district.pk}/hop-nhat/", self.merge_data())
        text = response.content.decode()
        assert "Xác nhận hợp nhất" in text and "2 tổ chức trực thuộc chuyển sang tổ chức mới" in text
        assert "5 đảng viên" in text  # the 5 party members of Quảng An's cell (Nhật Tân's cell has none)
        self.ward.refresh_from_db()
        assert self.ward.valid_to is None

    def test_confirmed_merge_goes_to_the_successor_which_lists_its_predecessors(self):
        self.login(self.district_staff)
        response = self.client.post(f"/to-chuc/{self.district.pk}/hop-nhat/", self.merge_data(**{"xac-nhan": "1"}),
                                    follow=True)
        text = response.content.decode()
        successor = Organization.objects.get(name="Đảng bộ phường Tây Hồ")
        assert response.redirect_chain[-1][0] == successor.get_absolute_url()
        assert "Lịch sử sắp xếp tổ chức" in text and "Đảng bộ phường Quảng An" in text and "01 tháng 07 năm 2025" in text
        assert "Chi bộ tổ dân phố số 1" in text  # the cell now sits under the successor
        text = self.client.get(self.ward.get_absolute_url()).content.decode()
        assert "Đã hợp nhất vào" in text and "Đảng bộ phường Tây Hồ" in text

    def test_the_merged_wards_office_staff_work_on_at_the_successor_when_chosen(self):
        self.login(self.district_staff)
        url = f"/to-chuc/{self.district.pk}/hop-nhat/"
        confirm = self.client.post(url, self.merge_data(carry_offices="on")).content.decode()
        assert "2 tài khoản văn phòng cấp ủy làm việc tiếp tại Đảng bộ phường Tây Hồ (tổ chức mới)" in confirm
        self.client.post(url, self.merge_data(carry_offices="on", **{"xac-nhan": "1"}))
        successor = Organization.objects.get(name="Đảng bộ phường Tây Hồ")
        assert permissions.can_manage(self.ward_staff, successor)
        assert permissions.can_manage(self.other_ward_staff, successor)
        assert permissions.can_read(self.ward_staff, self.ward)  # the old ward's records, which take nothing new

    def test_without_the_choice_the_merged_wards_office_staff_get_nothing_at_the_successor(self):
        self.login(self.district_staff)
        self.client.post(f"/to-chuc/{self.district.pk}/hop-nhat/", self.merge_data(**{"xac-nhan": "1"}))
        successor = Organization.objects.get(name="Đảng bộ phường Tây Hồ")
        assert not permissions.can_read(self.ward_staff, successor)

    def test_a_members_login_follows_their_record_to_the_successor(self):
        RoleGrant.objects.create(user=self.ward_staff, organization=self.ward, role=Role.MEMBER)
        self.login(self.district_staff)
        self.client.post(f"/to-chuc/{self.district.pk}/hop-nhat/", self.merge_data(**{"xac-nhan": "1"}))
        successor = Organization.objects.get(name="Đảng bộ phường Tây Hồ")
        member_grants = RoleGrant.objects.filter(user=self.ward_staff, role=Role.MEMBER)
        assert [g.organization for g in member_grants] == [successor]

    def test_a_missing_successor_is_refused_in_vietnamese(self):
        self.login(self.district_staff)
        response = self.client.post(f"/to-chuc/{self.district.pk}/hop-nhat/", self.merge_data(new_name=""))
        assert response.status_code == 400 and "Chọn tổ chức tiếp nhận" in response.content.decode()

    def test_it_refuses_staff_of_another_ward(self):
        self.login(self.other_ward_staff)
        assert self.client.get(f"/to-chuc/{self.district.pk}/hop-nhat/").status_code == 404
        assert self.client.get(f"/to-chuc/{self.ward.pk}/chia-tach/").status_code == 404
        assert self.client.get(f"/to-chuc/{self.ward.pk}/doi-ten/").status_code == 404

    def test_it_refuses_a_ward_office_reorganizing_its_own_ward(self):
        self.login(self.ward_staff)
        assert self.client.get(f"/to-chuc/{self.ward.pk}/chia-tach/").status_code == 403
        assert self.client.post(f"/to-chuc/{self.ward.pk}/doi-ten/", {"name": "X", "date": "2025-01-01"}).status_code == 403

    def test_it_refuses_a_party_member(self):
        self.login(self.party_member)
        assert self.client.get(f"/to-chuc/{self.district.pk}/hop-nhat/").status_code == 404
        assert self.client.get(f"/to-chuc/{self.cell.pk}/chuyen/").status_code == 404

    def test_it_sends_an_anonymous_visitor_to_log_in(self):
        response = self.client.post(f"/to-chuc/{self.district.pk}/hop-nhat/", self.merge_data(**{"xac-nhan": "1"}))
        assert response.status_code == 302 and "dang-nhap" in response["Location"]
        assert not Organization.objects.filter(name="Đảng bộ phường Tây Hồ").exists()

    def test_split_asks_to_confirm_then_moves_each_cell_and_record_where_chosen(self):
        a = Organization.objects.create(parent=self.district, kind="grassroots", name="Đảng bộ phường A")
        b = Organization.objects.create(parent=self.district, kind="grassroots", name="Đảng bộ phường B")
        staff = Person.objects.get(full_name="Ngô Thị Hà")
        data = {"date": "2025-07-01", f"cells-{self.cell.pk}": a.pk, f"people-{staff.pk}": b.pk}
        self.login(self.district_staff)
        assert "Xác nhận chia tách" in self.client.post(f"/to-chuc/{self.ward.pk}/chia-tach/", data).content.decode()
        response = self.client.post(f"/to-chuc/{self.ward.pk}/chia-tach/", {**data, "xac-nhan": "1"}, follow=True)
        assert "Chia tách từ" in response.content.decode()
        self.cell.refresh_from_db()
        staff.refresh_from_db()
        assert self.cell.parent == a and staff.organization == b

    def test_split_names_what_was_left_without_a_target(self):
        a = Organization.objects.create(parent=self.district, kind="grassroots", name="Đảng bộ phường A")
        self.login(self.district_staff)
        response = self.client.post(f"/to-chuc/{self.ward.pk}/chia-tach/",
                                    {"date": "2025-07-01", f"cells-{self.cell.pk}": a.pk})
        assert response.status_code == 400 and "ít nhất hai" in response.content.decode()

    def test_rename_shows_the_old_name_on_the_page(self):
        self.login(self.district_staff)
        response = self.client.post(f"/to-chuc/{self.ward.pk}/doi-ten/",
                                    {"name": "Đảng bộ phường Quảng An – Tây Hồ", "date": "2024-01-01"}, follow=True)
        assert "Tên cũ “Đảng bộ phường Quảng An”" in response.content.decode()

    def test_move_page_moves_a_cell_dated(self):
        self.login(self.district_staff)
        response = self.client.post(f"/to-chuc/{self.ward.pk}/chuyen/",
                                    {"target": self.other_ward.pk, "cells": [self.cell.pk], "date": "2024-01-01"})
        assert response.status_code == 302
        self.cell.refresh_from_db()
        assert self.cell.parent == self.other_ward

    def test_move_refuses_a_target_outside_the_office_subtree(self):
        self.login(self.ward_staff)
        response = self.client.post(f"/to-chuc/{self.ward.pk}/chuyen/",
                                    {"target": self.other_ward.pk, "cells": [self.cell.pk], "date": "2024-01-01"})
        assert response.status_code == 400
        self.cell.refresh_from_db()
        assert self.cell.parent == self.ward

    def test_only_an_administrator_creates_a_top_level_organization(self):
        self.login(self.district_staff)
        assert self.client.get("/to-chuc/them-cap-cao-nhat/").status_code == 403
        self.login(self.admin)
        response = self.client.post("/to-chuc/them-cap-cao-nhat/", {"kind": "province", "name": "Đảng bộ tỉnh Mới"})
        assert response.status_code == 302
        assert Organization.objects.get(name="Đảng bộ tỉnh Mới").parent is None
