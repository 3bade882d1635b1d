from unittest import mock

from django.db import connection
from django.test.utils import CaptureQueriesContext

from capuy.organizations.models import Organization
from capuy.targets import dashboard
from capuy.targets.models import Result
from capuy.targets.periods import Period, PeriodKind

from .base import NINE_2022, NINE_2023, TargetsTestCase, result


class DashboardTests(TargetsTestCase):
    def setUp(self):
        result(self.ward, self.industry, NINE_2023, 600)
        result(self.other_ward, self.industry, NINE_2023, 540)
        result(self.ward, self.industry, NINE_2022, 500)
        result(self.other_ward, self.industry, NINE_2022, 500)
        result(self.district, self.budget, NINE_2023, 800)
        result(self.district, self.budget, Period(2021, PeriodKind.YEAR), 1100)
        result(self.district, self.budget, Period(2022, PeriodKind.YEAR), 1150)

    def test_rows_compare_with_the_target_the_same_period_and_the_term(self):
        board = dashboard.build(self.district, NINE_2023)
        rows = {r.indicator.code: r for r in board.rows}
        budget = rows["NS"]
        assert str(budget.target) == "900.0" and str(budget.achievement) == "88.9"
        assert budget.status == "off_track" and budget.status_label == "Chậm tiến độ"
        assert str(budget.term_share) == "61.0"  # (1100 + 1150 + 800) / 5000
        assert str(rows["CN"].change) == "14.0" and rows["CN"].source == "rollup"
        assert [point.at for point in board.children] == [self.ward, self.other_ward]
        assert [point.value for point in board.trend][-2:] == [1000, 1140]

    def test_a_roll_up_says_how_many_units_have_not_reported(self):
        result(self.ward, self.members, NINE_2023, 120)
        result(self.other_ward, self.members, NINE_2023, 90, status=Result.Status.DRAFT)  # a draft does not count
        rows = {r.indicator.code: r for r in dashboard.build(self.district, NINE_2023).rows}
        assert rows["DV"].reporting == (1, 2) and rows["DV"].missing == 1
        assert rows["CN"].reporting == (2, 2) and rows["CN"].missing == 0
        assert rows["NS"].reporting is None  # the district's own figure is not a roll-up
        self.login(self.district_staff)
        page = self.client.get(f"/chi-tieu/to-chuc/{self.district.pk}/?ky=2023-9m").content.decode()
        assert page.count("đơn vị chưa có số liệu") == 1 and "1/2 đơn vị chưa có số liệu" in page

    def test_a_ward_is_ranked_among_its_siblings(self):
        rows = {r.indicator.code: r for r in dashboard.build(self.other_ward, NINE_2023).rows}
        assert str(rows["CN"].rank) == "2/2"

    def test_a_published_rank_is_used_when_peers_are_not_in_the_system(self):
        self.budget.reporters.add(self.district)
        Result.objects.filter(indicator=self.budget, period_kind="9m").update(published_rank=4, published_peers=30)
        rows = {r.indicator.code: r for r in dashboard.build(self.district, NINE_2023).rows}
        assert str(rows["NS"].rank) == "4/30"

    def test_the_query_count_does_not_depend_on_the_number_of_units(self):
        def count():
            city, ward = (Organization.objects.get(pk=o.pk) for o in (self.city, self.ward))  # as a request loads them
            with CaptureQueriesContext(connection) as ctx:
                dashboard.build(city, NINE_2023)
                dashboard.build(ward, NINE_2023)
            return len(ctx.captured_queries)

        before = count()
        for n in range(5):
            ward = Organization.objects.create(parent=self.district, kind=Organization.Kind.GRASSROOTS,
                                               name=f"Đảng bộ phường thử {n}")
            self.industry.reporters.add(ward)
            result(ward, self.industry, NINE_2023, 10 + n)
        assert count() == before

    def test_the_cells_moved_out_of_the_subtree_are_read_once(self):
        district = Organization.objects.get(pk=self.district.pk)
        with CaptureQueriesContext(connection) as ctx:
            dashboard.build(district, NINE_2023)
        moves = [q for q in ctx.captured_queries if 'FROM "organizations_reorganization"' in q["sql"]]
        assert len(moves) == 1

    def test_the_table_the_terms_years_and_the_trend_are_read_in_one_roll_up(self):
        with mock.patch.object(dashboard.calc, "values_with_rollup",
                               wraps=dashboard.calc.values_with_rollup) as read:
            board = dashboard.build(self.district, NINE_2023)
        assert read.call_count == 1
        assert [point.value for point in board.trend][-2:] == [1000, 1140]


class DashboardPageTests(TargetsTestCase):
    def setUp(self):
        result(self.ward, self.industry, NINE_2023, 600)
        result(self.other_ward, self.industry, NINE_2023, 540)
        result(self.ward, self.industry, NINE_2022, 500)

    def test_the_page_shows_svg_charts_each_with_a_table(self):
        self.login(self.district_staff)
        page = self.client.get(f"/chi-tieu/to-chuc/{self.district.pk}/?ky=2023-9m").content.decode()
        assert page.count("<svg") == 2 and 'role="img"' in page and "<title" in page
        assert 'class="trend"' in page and 'class="children"' in page
        assert "Đảng bộ phường Quảng An" in page and "1.140" in page
        assert 'name="viewport"' in page and "t-scroll" in page

    def test_a_yes_no_indicator_reads_yes_or_no_for_a_unit_and_a_share_above_it(self):
        result(self.ward, self.handbook, NINE_2023, 1)
        result(self.other_ward, self.handbook, NINE_2023, 0)
        self.login(self.district_staff)
        district = self.client.get(f"/chi-tieu/to-chuc/{self.district.pk}/?ky=2023-9m&chi-tieu=ST")
        row = next(r for r in district.context["board"].rows if r.indicator.code == "ST")
        assert row.shown == "50%" and row.unit == "%"
        assert [p.shown for p in district.context["board"].children] == ["Có", "Không"]
        assert district.context["board"].trend[-1].shown == "50%"
        page = district.content.decode()
        assert "Giá trị (có/không)" not in page and ">Không</td>" in page
        assert ">Có</text>" in page and "có/không</text>" not in page  # the bars say it too
        ward = self.client.get(f"/chi-tieu/to-chuc/{self.ward.pk}/?ky=2023-9m&chi-tieu=ST")
        row = next(r for r in ward.context["board"].rows if r.indicator.code == "ST")
        assert row.shown == "Có" and ward.context["board"].trend[-1].shown == "Có"

    def test_the_crumbs_link_only_to_dashboards_the_user_may_read(self):
        self.login(self.ward_staff)
        page = self.client.get(f"/chi-tieu/to-chuc/{self.ward.pk}/?ky=2023-9m").content.decode()
        assert self.district.name in page  # named …
        assert f'href="/chi-tieu/to-chuc/{self.district.pk}/' not in page  # … but not a link to a 404
        self.login(self.district_staff)
        page = self.client.get(f"/chi-tieu/to-chuc/{self.ward.pk}/?ky=2023-9m").content.decode()
        assert f'href="/chi-tieu/to-chuc/{self.district.pk}/' in page

    def test_other_wards_and_anonymous_visitors_are_refused(self):
        self.login(self.other_ward_staff)
        assert self.client.get(f"/chi-tieu/to-chuc/{self.ward.pk}/").status_code == 404
        self.client.logout()
        assert self.client.get(f"/chi-tieu/to-chuc/{self.ward.pk}/").status_code == 302

    def test_a_bad_period_falls_back_to_the_latest_one(self):
        self.login(self.district_staff)
        response = self.client.get(f"/chi-tieu/to-chuc/{self.district.pk}/?ky=2023-bogus")
        assert response.status_code == 200 and "không hợp lệ" in response.content.decode()
        assert response.context["period"] == NINE_2023

    def test_the_index_and_review_pages_render(self):
        self.login(self.district_staff)
        assert "Đảng bộ quận Tây Hồ" in self.client.get("/chi-tieu/").content.decode()
        page = self.client.get(f"/chi-tieu/to-chuc/{self.district.pk}/bao-cao/?ky=2023-9m").content.decode()
        assert "Giá trị sản xuất công nghiệp ngoài quốc doanh tăng 128%" in page  # 1140 against 500

    def test_excel_export_and_import_pages(self):
        self.login(self.ward_staff)
        response = self.client.get(f"/chi-tieu/to-chuc/{self.ward.pk}/xuat-excel/?nam=2023")
        assert response.status_code == 200 and response["Content-Type"].startswith("application/vnd.openxml")
        self.login(self.district_staff)
        assert self.client.get(f"/chi-tieu/to-chuc/{self.ward.pk}/nhap-excel/").status_code == 403
