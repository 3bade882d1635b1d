from capuy.core.testing import CapuyTestCase
from capuy.organizations.models import Organization, Person


class OrganizationPageTests(CapuyTestCase):
    def test_it_shows_bodies_members_titles_children_and_terms(self):
        self.login(self.district_staff)
        response = self.client.get(f"/to-chuc/{self.district.pk}/?ngay=2023-10-05")
        text = response.content.decode()
        assert response.status_code == 200
        assert "Ban Chấp hành Đảng bộ quận Tây Hồ khóa VI" in text
        assert "Phó Bí thư Quận ủy, Chủ tịch UBND quận" in text
        assert "Đảng bộ phường Quảng An" in text
        assert "khóa VI, nhiệm kỳ 2020–2025" in text
        assert "ngày 05 tháng 10 năm 2023" in text

    def test_it_refuses_staff_of_another_ward(self):
        self.login(self.other_ward_staff)
        assert self.client.get(f"/to-chuc/{self.ward.pk}/").status_code == 404
        assert self.client.get(f"/to-chuc/{self.ward.pk}/nhan-su/").status_code == 404
        assert self.client.get(f"/to-chuc/nhan-su/{self.member_person.pk}/").status_code == 404

    def test_it_sends_anonymous_visitors_to_log_in(self):
        response = self.client.get(f"/to-chuc/{self.district.pk}/")
        assert response.status_code == 302 and "/tai-khoan/dang-nhap/" in response["Location"]

    def test_party_members_see_their_own_page_but_not_their_cell_records(self):
        self.login(self.party_member)
        assert self.client.get(f"/to-chuc/nhan-su/{self.member_person.pk}/").status_code == 200
        assert self.client.get(f"/to-chuc/{self.cell.pk}/").status_code == 404

    def test_the_list_shows_only_readable_organizations(self):
        self.login(self.ward_staff)
        text = self.client.get("/to-chuc/").content.decode()
        assert "Đảng bộ phường Quảng An" in text and "Nhật Tân" not in text

    def test_body_page_lists_who_sat_on_a_date(self):
        self.login(self.committee_member)
        response = self.client.get(f"/to-chuc/co-quan/{self.bch.pk}/?ngay=2023-10-05")
        assert response.status_code == 200 and "5 thành viên" in response.content.decode()

    def test_search_is_diacritic_insensitive_and_respects_permissions(self):
        self.login(self.ward_staff)
        text = self.client.get("/to-chuc/tim-kiem/?q=vu thi lan").content.decode()
        assert "Vũ Thị Lan" in text
        text = self.client.get("/to-chuc/tim-kiem/?q=nhat tan").content.decode()
        assert "Không tìm thấy tổ chức" in text


class OrganizationFormTests(CapuyTestCase):
    def test_office_staff_add_a_child_organization(self):
        self.login(self.ward_staff)
        response = self.client.post(f"/to-chuc/{self.ward.pk}/them-to-chuc/",
                                    {"kind": "cell", "name": "Chi bộ tổ dân phố số 9"})
        child = Organization.objects.get(name="Chi bộ tổ dân phố số 9")
        assert response.status_code == 302 and child.parent == self.ward and child.is_within(self.district)

    def test_committee_members_may_not_change_records(self):
        self.login(self.committee_member)
        response = self.client.post(f"/to-chuc/{self.ward.pk}/them-to-chuc/", {"kind": "cell", "name": "X"})
        assert response.status_code == 403
        assert not Organization.objects.filter(name="X").exists()

    def test_it_refuses_staff_of_another_ward_to_edit(self):
        self.login(self.other_ward_staff)
        response = self.client.post(f"/to-chuc/{self.ward.pk}/sua/", {"kind": "grassroots", "name": "Đổi tên"})
        assert response.status_code == 404
        self.ward.refresh_from_db()
        assert self.ward.name == "Đảng bộ phường Quảng An"

    def test_an_overlapping_term_gets_a_vietnamese_message_and_saves_nothing(self):
        self.login(self.district_staff)
        response = self.client.post(f"/to-chuc/{self.district.pk}/nhiem-ky/them/", {
            "congress_number": 7, "start_year": 2025, "end_year": 2030, "start_date": "2024-01-01"})
        assert response.status_code == 400
        assert "trùng thời gian" in response.content.decode()
        assert self.district.terms.count() == 1

    def test_person_form_saves_titles_in_order(self):
        self.login(self.ward_staff)
        self.client.post(f"/to-chuc/{self.ward.pk}/nhan-su/them/", {
            "full_name": "Trương Tú Uyên", "titles": "Bí thư Đảng ủy phường Quảng An\nChủ tịch HĐND phường"})
        person = Person.objects.get(full_name="Trương Tú Uyên")
        assert person.organization == self.ward
        assert person.titles_text() == "Bí thư Đảng ủy phường Quảng An, Chủ tịch HĐND phường"

    def test_a_membership_outside_the_term_saves_nothing(self):
        self.login(self.district_staff)
        response = self.client.post(f"/to-chuc/co-quan/{self.bch.pk}/them-thanh-vien/", {
            "person": self.member_person.pk, "role": "uy_vien", "start_date": "2019-01-01"})
        assert response.status_code == 400 and "ngoài nhiệm kỳ" in response.content.decode()
        assert not self.bch.memberships.filter(person=self.member_person).exists()
