"""The member list (members:index): every member reachable page by page, counted, sorted, filtered, exported."""

from django.test import override_settings
from django.urls import reverse

from capuy.core import listtesting
from capuy.core.models import BackgroundJob
from capuy.core.testing import CapuyTestCase, make_person
from capuy.members.models import PartyMember


def add_members(organization, count, start=0):
    for i in range(start, start + count):
        make_person(f"Thành viên Số {i:04d}", organization, card=f"09{i:06d}")


class MemberListTest(CapuyTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        add_members(cls.cell, 45)
        cls.url = reverse("members:index") + f"?to-chuc={cls.ward.pk}"

    def test_paging_reaches_the_last_member(self):
        self.login(self.ward_staff)
        pages = listtesting.walk(self.client, self.url + "&so-dong=20")
        expected = set(PartyMember.objects.in_subtree(self.ward).values_list("person__full_name", flat=True))
        seen = {name for name in expected if any(name in page for page in pages)}
        self.assertEqual(len(pages), 3)
        self.assertEqual(seen, expected)
        self.assertIn("Thành viên Số 0044", pages[-1])

    def test_it_shows_how_many_members_match(self):
        self.login(self.ward_staff)
        content = self.client.get(self.url).content.decode()
        self.assertEqual(listtesting.shown_count(content), 50)
        self.assertIn("Có 50 đảng viên", content)

    def test_the_last_page_link_opens_the_last_rows(self):
        self.login(self.ward_staff)
        first = self.client.get(self.url + "&so-dong=20").content.decode()
        last = self.client.get(reverse("members:index") + listtesting.last_link(first)).content.decode()
        self.assertIn("Thành viên Số 0044", last)
        self.assertNotIn("rel=\"next\"", last)

    def test_the_search_filters_and_the_count_follows(self):
        self.login(self.ward_staff)
        content = self.client.get(self.url + "&q=thanh vien so 0001").content.decode()
        self.assertIn("Có 1 đảng viên", content)

    def test_a_card_number_finds_its_member(self):
        self.login(self.ward_staff)
        content = self.client.get(self.url + "&q=09000007").content.decode()
        self.assertIn("Có 1 đảng viên", content)
        self.assertIn("Thành viên Số 0007", content)

    def test_a_bad_sort_filter_or_page_is_explained_not_a_500(self):
        self.login(self.ward_staff)
        for query, message in [("&sap-xep=xoa-bang", "Không sắp xếp được"), ("&trang-thai=la", "Bỏ qua bộ lọc"),
                               ("&trang=999", "Không có trang 999"), ("&trang=abc", "không hợp lệ"),
                               ("&sau=gia-mao", "Liên kết trang không hợp lệ"), ("&so-dong=100000", "Số dòng")]:
            response = self.client.get(self.url + query)
            self.assertEqual(response.status_code, 200, query)
            self.assertIn(message, response.content.decode(), query)

    def test_a_page_past_the_end_shows_the_last_page(self):
        self.login(self.ward_staff)
        content = self.client.get(self.url + "&so-dong=20&trang=9").content.decode()
        self.assertIn("đang hiện trang cuối", content)
        self.assertIn("Thành viên Số 0044", content)

    def test_sorting_by_admission_date_is_offered_and_applied(self):
        PartyMember.objects.filter(person__full_name="Thành viên Số 0007").update(admission_date="2024-05-05")
        self.login(self.ward_staff)
        content = self.client.get(self.url + "&sap-xep=-vao-dang&so-dong=20").content.decode()
        self.assertLess(content.index("Thành viên Số 0007"), content.index("Thành viên Số 0044"))

    def test_the_export_has_every_filtered_row(self):
        self.login(self.ward_staff)
        response = self.client.get(reverse("members:export", args=[self.ward.pk]) + "?q=thanh vien")
        rows = listtesting.workbook_rows(response.content)
        self.assertEqual(len(rows), 1 + 45)

    @override_settings(CAPUY_EXPORT_BACKGROUND_ROWS=10)
    def test_a_large_export_runs_in_the_background_and_its_owner_downloads_it(self):
        self.login(self.ward_staff)
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.get(reverse("members:export", args=[self.ward.pk]))
        job = BackgroundJob.objects.get(kind="paging.export")
        self.assertRedirects(response, job.get_absolute_url(), fetch_redirect_response=False)
        job.refresh_from_db()
        self.assertEqual(job.status, BackgroundJob.Status.DONE, job.error)
        self.assertEqual(job.total, 50)
        download = self.client.get(reverse("core:job_file", args=[job.pk]))
        self.assertEqual(len(listtesting.workbook_rows(b"".join(download.streaming_content))), 51)
        self.login(self.other_ward_staff)
        self.assertEqual(self.client.get(reverse("core:job_file", args=[job.pk])).status_code, 404)

    def test_staff_of_another_ward_cannot_list_our_members(self):
        self.login(self.other_ward_staff)
        self.assertEqual(self.client.get(self.url).status_code, 404)
        self.assertEqual(self.client.get(reverse("members:export", args=[self.ward.pk])).status_code, 404)

    def test_queries_do_not_grow_with_the_page_or_the_table(self):
        self.login(self.ward_staff)
        small = self.client.get(self.url + "&so-dong=20").content.decode()
        counts = [listtesting.queries(self.client, self.url + "&so-dong=20"),
                  listtesting.queries(self.client, reverse("members:index") + listtesting.next_link(small)),
                  listtesting.queries(self.client, reverse("members:index") + listtesting.last_link(small))]
        add_members(self.cell, 60, start=100)
        counts.append(listtesting.queries(self.client, self.url + "&so-dong=20"))
        counts.append(listtesting.queries(self.client, self.url + "&so-dong=20&trang=5"))
        self.assertEqual(len(set(counts)), 1, counts)

    def test_the_page_reads_its_organization_once(self):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        self.login(self.ward_staff)
        with CaptureQueriesContext(connection) as ctx:
            self.client.get(self.url)
        by_id = f'FROM "organizations_organization" WHERE "organizations_organization"."id" = {self.ward.pk} '
        self.assertEqual(sum(by_id in q["sql"] for q in ctx.captured_queries), 1)

    def test_the_organization_box_is_a_search_not_a_list_of_everything(self):
        self.login(self.district_staff)
        content = self.client.get(reverse("members:index") + f"?to-chuc={self.ward.pk}").content.decode()
        self.assertIn('data-chooser data-name="to-chuc"', content)
        self.assertIn('value="Đảng bộ phường Quảng An"', content)
        self.assertNotIn(f'<option value="{self.other_ward.pk}"', content)
