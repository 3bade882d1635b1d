"""The ratings of a campaign (members:campaign): every subject reachable page by page, counted, exported."""

from unittest import mock

from django.urls import reverse

from capuy.core import listtesting
from capuy.core.testing import CapuyTestCase
from capuy.members.models import RatingCampaign
from capuy.members.tests.test_member_list import add_members


class RatingListTest(CapuyTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        add_members(cls.cell, 45)
        cls.campaign = RatingCampaign.objects.create(organization=cls.ward, year=2023)
        cls.campaign.populate()
        cls.url = reverse("members:campaign", args=[cls.campaign.pk])

    def test_paging_reaches_every_subject(self):
        self.login(self.ward_staff)
        pages = listtesting.walk(self.client, self.url + "?so-dong=20")
        total = self.campaign.ratings.count()
        self.assertEqual(listtesting.shown_count(pages[0]), total)
        self.assertEqual(len(pages), -(-total // 20))
        for i in range(45):
            self.assertTrue(any(f"Thành viên Số {i:04d}" in p for p in pages), i)

    def test_a_bad_step_filter_is_explained_and_the_export_has_every_row(self):
        self.login(self.ward_staff)
        self.assertIn("Bỏ qua bộ lọc", self.client.get(self.url + "?buoc=xong-het").content.decode())
        rows = listtesting.workbook_rows(self.client.get(self.url + "?xuat=1").content)
        self.assertEqual(len(rows), 1 + self.campaign.ratings.count())

    def test_staff_of_another_ward_cannot_open_it(self):
        self.login(self.other_ward_staff)
        self.assertEqual(self.client.get(self.url).status_code, 404)
        self.assertEqual(self.client.get(self.url + "?xuat=1").status_code, 404)

    def test_queries_do_not_depend_on_the_page(self):
        self.login(self.ward_staff)
        first = self.client.get(self.url + "?so-dong=20").content.decode()
        self.assertEqual(listtesting.queries(self.client, self.url + "?so-dong=20"),
                         listtesting.queries(self.client, self.url + listtesting.next_link(first)))


class RatingListQueriesTest(CapuyTestCase):
    """A campaign page of two subjects and a full one cost the same queries: the rights to each step are
    read once for the page (bench/scale.py showed three permission queries per row)."""

    def grow_and_compare(self, user):
        add_members(self.cell, 2)
        campaign = RatingCampaign.objects.create(organization=self.ward, year=2023)
        campaign.populate()

        def grow():
            add_members(self.cell, 60, start=2)
            campaign.populate()
        self.login(user)
        url = reverse("members:campaign", args=[campaign.pk]) + "?so-dong=50"
        before, after = listtesting.queries_at_two_sizes(self.client, url, grow)
        self.assertEqual(before, after)
        return self.client.get(url).content.decode()

    def test_the_office_pays_the_same_queries_and_still_sees_every_step_form(self):
        content = self.grow_and_compare(self.ward_staff)
        self.assertIn("tu-danh-gia", content)

    def test_a_page_reads_the_rows_the_user_may_see_once(self):
        from capuy.members.listings import RatingList

        add_members(self.cell, 2)
        campaign = RatingCampaign.objects.create(organization=self.ward, year=2023)
        campaign.populate()
        self.login(self.ward_staff)
        with mock.patch.object(RatingList, "rows", autospec=True, side_effect=RatingList.rows) as rows:
            self.assertEqual(self.client.get(reverse("members:campaign", args=[campaign.pk])).status_code, 200)
        self.assertEqual(rows.call_count, 1)  # the count and the page share it, with its access check

    def test_staff_of_another_ward_is_still_refused(self):
        add_members(self.cell, 2)
        campaign = RatingCampaign.objects.create(organization=self.ward, year=2023)
        campaign.populate()
        self.login(self.other_ward_staff)
        self.assertEqual(self.client.get(reverse("members:campaign", args=[campaign.pk])).status_code, 404)
