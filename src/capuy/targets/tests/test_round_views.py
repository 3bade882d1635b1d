from capuy.organizations.models import Organization
from capuy.targets.models import ReportingRound

from .base import TargetsTestCase


class OpeningRoundTests(TargetsTestCase):
    def data(self, **extra):
        return {"title": "Báo cáo quý III/2023", "organization": self.district.pk, "period_kind": "quarter",
                "year": 2023, "period_number": 3, "deadline": "2023-10-05T17:00",
                "units": [self.ward.pk, self.other_ward.pk], "indicators": [self.industry.pk], **extra}

    def test_the_district_office_opens_a_round(self):
        self.login(self.district_staff)
        response = self.client.post("/chi-tieu/dot-bao-cao/mo/", self.data())
        reporting_round = ReportingRound.objects.get()
        assert response.status_code == 302 and response["Location"] == reporting_round.get_absolute_url()
        assert set(reporting_round.organizations.all()) == {self.ward, self.other_ward}
        assert reporting_round.period.label == "quý III/2023" and reporting_round.opened_by == self.district_staff

    def test_bad_input_is_explained_and_nothing_is_saved(self):
        self.login(self.district_staff)
        page = self.client.post("/chi-tieu/dot-bao-cao/mo/", self.data(period_number=5, deadline="mai")).content
        page = page.decode()
        assert "Hạn nộp không hợp lệ." in page and ReportingRound.objects.count() == 0
        page = self.client.post("/chi-tieu/dot-bao-cao/mo/", self.data(period_number=5)).content.decode()
        assert "Số quý phải từ 1 đến 4." in page and ReportingRound.objects.count() == 0

    def test_committee_members_and_anonymous_visitors_cannot_open_rounds(self):
        self.login(self.committee_member)
        assert self.client.post("/chi-tieu/dot-bao-cao/mo/", self.data()).status_code == 403
        self.client.logout()
        assert self.client.post("/chi-tieu/dot-bao-cao/mo/", self.data()).status_code == 302
        assert ReportingRound.objects.count() == 0

    def test_a_ward_office_cannot_open_a_round_for_the_district(self):
        self.login(self.ward_staff)
        page = self.client.post("/chi-tieu/dot-bao-cao/mo/", self.data()).content.decode()
        assert "Chọn cơ quan mở đợt báo cáo." in page and ReportingRound.objects.count() == 0

    def test_the_form_offers_the_offices_organization_and_every_unit_directly_under_it(self):
        more = [Organization.objects.create(parent=self.district, kind=self.ward.kind, name=f"Đảng bộ số {n:03}")
                for n in range(30)]
        self.login(self.district_staff)
        context = self.client.get("/chi-tieu/dot-bao-cao/mo/").context
        assert context["managed"] == [self.district]
        assert {self.ward, self.other_ward, *more} <= set(context["candidates"])
