"""The opinions sent to a committee (members:opinions): every opinion reachable page by page, exported."""

from django.urls import reverse

from capuy.core import listtesting
from capuy.core.testing import CapuyTestCase
from capuy.members.models import Opinion


class OpinionListTest(CapuyTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        for i in range(45):
            Opinion.objects.create(author=cls.member_person, organization=cls.ward, subject=f"Ý kiến số {i:04d}",
                                   text="Đề nghị cấp ủy xem xét.")
        cls.url = reverse("members:opinions")

    def test_paging_reaches_the_first_opinion_sent(self):
        self.login(self.ward_staff)
        pages = listtesting.walk(self.client, self.url + "?so-dong=20")
        self.assertEqual(len(pages), 3)
        self.assertIn("Có 45 ý kiến", pages[0])
        for i in range(45):
            self.assertTrue(any(f"Ý kiến số {i:04d}" in p for p in pages), i)

    def test_staff_of_another_ward_never_sees_them(self):
        self.login(self.other_ward_staff)
        self.assertIn("Có 0 ý kiến", self.client.get(self.url).content.decode())

    def test_a_bad_state_is_explained_and_the_export_has_every_row(self):
        self.login(self.ward_staff)
        self.assertIn("Bỏ qua bộ lọc", self.client.get(self.url + "?tinh-trang=xyz").content.decode())
        rows = listtesting.workbook_rows(self.client.get(self.url + "?xuat=1").content)
        self.assertEqual(len(rows), 1 + 45)
