from django.core import mail

from capuy.targets import rounds
from capuy.targets.models import Notice, ReportingRound, Result

from .base import NINE_2023, TargetsTestCase, deadline, result


class RoundTests(TargetsTestCase):
    def make_round(self, days):
        reporting_round = ReportingRound.objects.create(organization=self.district, title="Báo cáo 9 tháng năm 2023",
                                                        period_kind="9m", year=2023, deadline=deadline(days))
        reporting_round.organizations.set([self.ward, self.other_ward])
        reporting_round.indicators.set([self.industry, self.members])
        result(self.ward, self.industry, NINE_2023, 600)
        result(self.ward, self.members, NINE_2023, 320)
        result(self.other_ward, self.industry, NINE_2023, 540, status=Result.Status.DRAFT)
        return reporting_round

    def test_progress_counts_what_each_unit_has_sent(self):
        progress = {p.organization: p for p in rounds.progress(self.make_round(2))}
        assert (progress[self.ward].submitted, progress[self.ward].expected) == (2, 2)
        assert (progress[self.other_ward].submitted, progress[self.other_ward].drafts) == (0, 1)

    def test_no_unit_is_late_before_the_deadline(self):
        reporting_round = self.make_round(2)
        assert rounds.late_units(reporting_round) == []
        assert rounds.pending_units(reporting_round) == [self.other_ward]

    def test_units_without_everything_sent_are_late_after_the_deadline(self):
        assert rounds.late_units(self.make_round(-1)) == [self.other_ward]

    def test_reminders_go_by_mail_and_in_app_to_the_late_units_office(self):
        reporting_round = self.make_round(-1)
        assert rounds.send_reminders(reporting_round, self.district_staff) == 1
        assert len(mail.outbox) == 1 and mail.outbox[0].to == [self.other_ward_staff.email]
        assert "Nhắc báo cáo" in mail.outbox[0].subject
        notice = Notice.objects.get()
        assert notice.user == self.other_ward_staff and "Đảng bộ phường Nhật Tân" in notice.text

    def test_the_office_sees_who_is_late_and_reminds_them_from_the_round_page(self):
        reporting_round = self.make_round(-1)
        self.login(self.district_staff)
        page = self.client.get(reporting_round.get_absolute_url()).content.decode()
        assert "Đơn vị quá hạn (1)" in page and "Quá hạn" in page
        response = self.client.post(f"/chi-tieu/dot-bao-cao/{reporting_round.pk}/nhac/")
        assert response.status_code == 302 and Notice.objects.count() == 1

    def test_a_ward_cannot_send_reminders(self):
        reporting_round = self.make_round(-1)
        self.login(self.ward_staff)
        assert self.client.post(f"/chi-tieu/dot-bao-cao/{reporting_round.pk}/nhac/").status_code == 403
        assert Notice.objects.count() == 0 and mail.outbox == []


class UnitFormTests(TargetsTestCase):
    def setUp(self):
        self.round = ReportingRound.objects.create(organization=self.district, title="Báo cáo 9 tháng năm 2023",
                                                   period_kind="9m", year=2023, deadline=deadline(2))
        self.round.organizations.set([self.ward, self.other_ward])
        self.round.indicators.set([self.industry, self.members])
        self.url = f"/chi-tieu/dot-bao-cao/{self.round.pk}/don-vi/{self.ward.pk}/"

    def test_a_ward_fills_and_sends_its_form(self):
        self.login(self.ward_staff)
        page = self.client.get(self.url).content.decode()
        assert "CN – Giá trị sản xuất công nghiệp ngoài quốc doanh" in page
        response = self.client.post(self.url, {f"v-{self.industry.pk}": "600,5", f"v-{self.members.pk}": "320",
                                               "gui": "1"})
        assert response.status_code == 302
        assert set(Result.objects.values_list("status", flat=True)) == {Result.Status.SUBMITTED}
        assert rounds.pending_units(self.round) == [self.other_ward]

    def test_a_bad_line_saves_nothing_and_says_why(self):
        self.login(self.ward_staff)
        page = self.client.post(self.url, {f"v-{self.industry.pk}": "600", f"v-{self.members.pk}": "3,5",
                                           "luu": "1"}).content.decode()
        assert "số nguyên" in page and Result.objects.count() == 0

    def test_a_cleared_draft_figure_is_removed_and_cannot_be_sent_empty(self):
        self.login(self.ward_staff)
        self.client.post(self.url, {f"v-{self.industry.pk}": "600", f"v-{self.members.pk}": "320", "luu": "1"})
        self.client.post(self.url, {f"v-{self.industry.pk}": "600", f"v-{self.members.pk}": "", "luu": "1"})
        assert list(Result.objects.values_list("indicator", flat=True)) == [self.industry.pk]
        page = self.client.post(self.url, {f"v-{self.industry.pk}": "600", f"v-{self.members.pk}": "",
                                           "gui": "1"}).content.decode()
        assert "Chưa nhập số liệu." in page
        assert set(Result.objects.values_list("status", flat=True)) == {Result.Status.DRAFT}

    def test_another_ward_cannot_open_or_post_the_form(self):
        self.login(self.other_ward_staff)
        assert self.client.get(self.url).status_code == 404
        assert self.client.post(self.url, {f"v-{self.industry.pk}": "1", "gui": "1"}).status_code == 404
        assert Result.objects.count() == 0

    def test_the_district_approves_but_cannot_type_the_wards_figures(self):
        result(self.ward, self.industry, NINE_2023, 600)
        self.login(self.district_staff)
        assert self.client.post(self.url, {f"v-{self.industry.pk}": "1", "gui": "1"}).status_code == 403
        response = self.client.post(self.url + "duyet/", {"cong-khai": "1"})
        assert response.status_code == 302
        approved = Result.objects.get()
        assert approved.status == Result.Status.APPROVED and approved.published and approved.value == 600

    def test_the_district_opens_the_form_of_a_ward_that_sent_nothing(self):
        self.login(self.district_staff)
        response = self.client.get(self.url)
        assert response.status_code == 200 and response.content.decode().count("chưa nhập") == 2

    def test_anonymous_visitors_are_sent_to_login(self):
        response = self.client.get(self.url)
        assert response.status_code == 302 and "/tai-khoan/" in response["Location"]
