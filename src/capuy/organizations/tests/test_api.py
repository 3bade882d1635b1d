from capuy.accounts.models import ApiToken
from capuy.core.testing import CapuyTestCase
from capuy.organizations.models import Organization, Person


class ApiTestCase(CapuyTestCase):
    def call(self, method, url, user=None, **data):
        headers = {}
        if user is not None:
            _, key = ApiToken.issue(user)
            headers["Authorization"] = f"Bearer {key}"
        return getattr(self.client, method)(url, data=data or None, content_type="application/json", headers=headers)


class OrganizationApiTests(ApiTestCase):
    def test_the_openapi_schema_is_published(self):
        schema = self.client.get("/api/openapi.json").json()
        assert "/api/organizations/" in schema["paths"] and "/api/people/" in schema["paths"]

    def test_it_refuses_requests_without_a_token(self):
        response = self.call("get", "/api/organizations/")
        assert response.status_code == 401 and "đăng nhập" in response.json()["detail"]

    def test_it_lists_only_readable_organizations(self):
        names = {o["name"] for o in self.call("get", "/api/organizations/", self.ward_staff).json()}
        assert names == {"Đảng bộ phường Quảng An", "Chi bộ tổ dân phố số 1"}

    def test_it_refuses_staff_of_another_ward(self):
        assert self.call("get", f"/api/organizations/{self.ward.pk}/", self.other_ward_staff).status_code == 404
        response = self.call("patch", f"/api/organizations/{self.ward.pk}/", self.other_ward_staff, name="X")
        assert response.status_code == 404

    def test_committee_members_read_but_cannot_write(self):
        assert self.call("get", f"/api/organizations/{self.ward.pk}/", self.committee_member).status_code == 200
        response = self.call("post", "/api/organizations/", self.committee_member, parent_id=self.ward.pk,
                             kind="cell", name="Chi bộ mới")
        assert response.status_code == 403
        assert not Organization.objects.filter(name="Chi bộ mới").exists()

    def test_office_staff_create_and_search_organizations(self):
        response = self.call("post", "/api/organizations/", self.ward_staff, parent_id=self.ward.pk, kind="cell",
                             name="Chi bộ tổ dân phố số 7")
        assert response.status_code == 201 and response.json()["depth"] == 3
        found = self.call("get", "/api/organizations/?q=to dan pho so 7", self.ward_staff).json()
        assert [o["name"] for o in found] == ["Chi bộ tổ dân phố số 7"]

    def test_a_cycle_is_refused_with_a_vietnamese_message(self):
        response = self.call("patch", f"/api/organizations/{self.ward.pk}/", self.district_staff, parent_id=self.cell.pk)
        assert response.status_code == 400 and "cấp dưới" in response.json()["detail"]
        self.ward.refresh_from_db()
        assert self.ward.parent == self.district

    def test_a_malformed_request_is_explained_in_vietnamese(self):
        response = self.call("post", "/api/organizations/", self.district_staff, parent_id="không phải số")
        assert response.status_code == 422
        detail = response.json()["detail"]
        assert detail.startswith("Dữ liệu gửi lên không hợp lệ") and "name" in detail and "parent_id" in detail

    def test_dissolving_through_the_api(self):
        response = self.call("post", f"/api/organizations/{self.other_ward.pk}/dissolve/", self.district_staff,
                             date="2025-06-30", merged_into_id=self.ward.pk)
        assert response.status_code == 200 and response.json()["merged_into_id"] == self.ward.pk


class TermBodyPeopleApiTests(ApiTestCase):
    def test_it_lists_the_terms_of_an_organization_by_name(self):
        response = self.call("get", f"/api/organizations/{self.district.pk}/terms/", self.district_staff)
        assert response.status_code == 200
        assert [t["name"] for t in response.json()] == [str(self.term)]

    def test_creating_a_term_answers_201_once_and_saves_one_term(self):
        response = self.call("post", "/api/terms/", self.ward_staff, organization_id=self.ward.pk,
                             congress_number=3, start_year=2020, end_year=2025, start_date="2020-07-01")
        assert response.status_code == 201 and response.json()["name"] == str(self.ward.terms.get())

    def test_overlapping_terms_are_refused_and_nothing_is_saved(self):
        response = self.call("post", "/api/terms/", self.district_staff, organization_id=self.district.pk,
                             congress_number=7, start_year=2024, end_year=2029, start_date="2024-01-01")
        assert response.status_code == 400 and "trùng thời gian" in response.json()["detail"]
        assert self.district.terms.count() == 1

    def test_members_of_a_body_on_a_date(self):
        people = self.call("get", f"/api/bodies/{self.bch.pk}/members/?on=2023-10-05", self.committee_member).json()
        assert len(people) == 5
        assert {"full_name": "Phạm Văn Bình", "titles_text": "Phó Bí thư Quận ủy, Chủ tịch UBND quận"}.items() <= \
            next(p for p in people if p["full_name"] == "Phạm Văn Bình").items()

    def test_a_membership_outside_the_term_is_refused(self):
        response = self.call("post", "/api/memberships/", self.district_staff, body_id=self.bch.pk,
                             person_id=self.member_person.pk, start_date="2030-01-01")
        assert response.status_code == 400 and "ngoài nhiệm kỳ" in response.json()["detail"]

    def test_people_are_created_with_ordered_titles(self):
        response = self.call("post", "/api/people/", self.ward_staff, full_name="Trương Tú Uyên",
                             organization_id=self.ward.pk, titles=["Bí thư Đảng ủy phường Quảng An", "Chủ tịch HĐND phường"])
        assert response.status_code == 201
        assert response.json()["titles_text"] == "Bí thư Đảng ủy phường Quảng An, Chủ tịch HĐND phường"

    def test_a_title_too_long_is_refused_and_nothing_is_saved(self):
        response = self.call("post", "/api/people/", self.ward_staff, full_name="Trương Tú Uyên",
                             organization_id=self.ward.pk, titles=["Bí thư " * 40])
        assert response.status_code == 400 and "200 ký tự" in response.json()["detail"]
        assert not Person.objects.filter(full_name="Trương Tú Uyên").exists()

    def test_it_refuses_to_create_people_in_another_ward(self):
        response = self.call("post", "/api/people/", self.other_ward_staff, full_name="X Y Z",
                             organization_id=self.ward.pk)
        assert response.status_code == 404 and not Person.objects.filter(full_name="X Y Z").exists()

    def test_party_members_read_only_themselves(self):
        people = self.call("get", "/api/people/", self.party_member).json()
        assert [p["full_name"] for p in people] == ["Vũ Thị Lan"]
        assert self.call("get", f"/api/people/{self.secretary.pk}/", self.party_member).status_code == 404

    def test_session_login_works_too(self):
        self.login(self.ward_staff)
        assert self.client.get("/api/organizations/").status_code == 200


class ReorganizationApiTests(ApiTestCase):
    def test_the_district_office_renames_a_ward_and_the_old_name_stays_in_the_history(self):
        response = self.call("post", f"/api/organizations/{self.ward.pk}/rename/", self.district_staff,
                             name="Đảng bộ phường Quảng An (mới)", date="2025-07-01")
        assert response.status_code == 200 and response.json()["kind"] == "rename"
        self.ward.refresh_from_db()
        assert self.ward.name == "Đảng bộ phường Quảng An (mới)"
        assert self.call("post", f"/api/organizations/{self.ward.pk}/rename/", self.ward_staff,
                         name="Tên khác", date="2025-07-01").status_code == 403

    def test_the_ward_office_moves_a_cell_to_another_of_its_organizations_but_not_elsewhere(self):
        from capuy.organizations.models import Organization

        cell2 = Organization.objects.create(parent=self.ward, kind=Organization.Kind.CELL, name="Chi bộ số 2")
        refused = self.call("post", f"/api/organizations/{self.ward.pk}/move/", self.ward_staff,
                            target_id=self.other_ward.pk, cell_ids=[self.cell.pk], date="2025-07-01")
        assert refused.status_code == 400
        self.cell.refresh_from_db()
        assert self.cell.parent == self.ward
        response = self.call("post", f"/api/organizations/{self.ward.pk}/move/", self.district_staff,
                             target_id=cell2.pk, person_ids=[self.ward_staff.person_id], date="2025-07-01")
        assert response.status_code == 200 and response.json()["successor_id"] == cell2.pk
