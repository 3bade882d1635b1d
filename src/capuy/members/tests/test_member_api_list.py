"""GET /api/members/: bounded pages (limit, offset, cursor) that reach the last member, with the total."""

from capuy.core.testing import CapuyTestCase
from capuy.members.tests.test_member_list import add_members

URL = "/api/members/"


class MemberApiListTest(CapuyTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        add_members(cls.cell, 45)

    def test_the_cursor_walks_to_the_last_member_and_the_total_is_given(self):
        self.login(self.ward_staff)
        seen, url = [], f"{URL}?organization_id={self.ward.pk}&limit=20"
        while url:
            response = self.client.get(url)
            self.assertEqual(response.status_code, 200)
            self.assertEqual(response["X-Total-Count"], "50")
            seen += [m["full_name"] if "full_name" in m else m["id"] for m in response.json()]
            cursor = response.get("X-Next-Cursor")
            url = f"{URL}?organization_id={self.ward.pk}&limit=20&cursor={cursor}" if cursor else None
        self.assertEqual(len(seen), 50)
        self.assertEqual(len(set(map(str, seen))), 50)

    def test_offset_pages_and_limits_are_bounded(self):
        self.login(self.ward_staff)
        self.assertEqual(len(self.client.get(f"{URL}?limit=20&offset=40").json()), 10)
        self.assertEqual(self.client.get(f"{URL}?limit=100000").status_code, 422)
        self.assertEqual(self.client.get(f"{URL}?limit=0").status_code, 422)
        self.assertEqual(self.client.get(f"{URL}?offset=-1").status_code, 422)
        response = self.client.get(f"{URL}?offset=99999999")
        self.assertEqual(response.status_code, 400)
        self.assertIn("cursor", response.json()["detail"])

    def test_a_forged_cursor_is_a_clear_400(self):
        self.login(self.ward_staff)
        response = self.client.get(f"{URL}?cursor=gia-mao")
        self.assertEqual(response.status_code, 400)
        self.assertIn("cursor", response.json()["detail"])

    def test_staff_of_another_ward_gets_none_of_ours(self):
        self.login(self.other_ward_staff)
        response = self.client.get(f"{URL}?limit=1000")
        self.assertNotIn("Thành viên Số", response.content.decode())

    def test_the_schema_documents_the_bounds(self):
        schema = self.client.get("/api/openapi.json").json()
        params = {p["name"]: p for p in schema["paths"]["/api/members/"]["get"]["parameters"]}
        self.assertIn("1–1000", params["limit"].get("description", "") + params["limit"]["schema"].get("description", ""))
        self.assertIn("cursor", params)
        self.assertIn("X-Total-Count", schema["paths"]["/api/members/"]["get"]["description"])
