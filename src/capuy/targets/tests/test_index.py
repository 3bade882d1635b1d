"""The targets home: the dashboards at the top of what the user reads, and the open rounds page by page."""

import io

import openpyxl

from capuy.organizations.models import Organization
from capuy.targets.models import ReportingRound

from .base import TargetsTestCase, deadline


class TargetsIndexTests(TargetsTestCase):
    def open_round(self, organization, units, title, days=5):
        reporting_round = ReportingRound.objects.create(organization=organization, title=title, period_kind="9m",
                                                        year=2023, deadline=deadline(days))
        reporting_round.organizations.set(units)
        return reporting_round

    def test_the_district_office_sees_its_district_at_the_top_not_every_unit_below(self):
        self.login(self.district_staff)
        roots = self.client.get("/chi-tieu/").context["roots"]
        assert roots == [self.district]

    def test_a_ward_office_follows_the_district_round_that_asks_its_ward(self):
        self.open_round(self.district, [self.ward], "Báo cáo của Quảng An")
        self.open_round(self.district, [self.other_ward], "Báo cáo của Nhật Tân")
        self.login(self.ward_staff)
        page = self.client.get("/chi-tieu/").content.decode()
        assert "Báo cáo của Quảng An" in page and "Báo cáo của Nhật Tân" not in page
        assert "Có 1 đợt báo cáo đang mở" in page

    def test_it_refuses_a_round_of_an_organization_the_user_does_not_read(self):
        elsewhere = Organization.objects.create(kind=self.district.kind, name="Đảng bộ quận Ba Đình")
        self.open_round(elsewhere, [elsewhere], "Báo cáo của Ba Đình")
        self.login(self.district_staff)
        assert "Báo cáo của Ba Đình" not in self.client.get("/chi-tieu/").content.decode()

    def test_every_open_round_is_reachable_page_by_page_and_in_the_export(self):
        for number in range(25):
            self.open_round(self.district, [self.ward], f"Đợt số {number:02}", days=number + 1)
        self.login(self.district_staff)
        response = self.client.get("/chi-tieu/")
        page = response.content.decode()
        assert "Có 25 đợt báo cáo đang mở" in page
        assert "Đợt số 19" in page and "Đợt số 20" not in page  # the nearest deadlines first
        following = self.client.get("/chi-tieu/" + response.context["page"].next_url).content.decode()
        assert "Đợt số 24" in following and "Đợt số 00" not in following
        export = self.client.get("/chi-tieu/?xuat=1")
        sheet = openpyxl.load_workbook(io.BytesIO(export.content)).active
        titles = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
        assert sorted(t for t in titles if t and t.startswith("Đợt số")) == [f"Đợt số {n:02}" for n in range(25)]
