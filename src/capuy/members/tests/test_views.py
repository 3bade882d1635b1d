import html

from django.urls import reverse
from django.utils import timezone

from capuy.members.hooks import member_page_sections
from capuy.members.models import Commendation, Level, Opinion, Rating, RatingCampaign, StatusChange
from capuy.members.tests.base import D, MembersTestCase


class MemberPageTests(MembersTestCase):
    def test_my_page_shows_the_record_and_the_hook_placeholder(self):
        self.login(self.party_member)
        response = self.client.get(reverse("members:me"), HTTP_USER_AGENT="Mobile")
        text = response.content.decode()
        assert response.status_code == 200
        assert "Vũ Thị Lan" in text and "Chi bộ tổ dân phố số 1" in text
        assert "Hội nghị, giấy mời và văn bản" in text
        assert 'name="viewport"' in text

    def test_no_other_app_provides_sections_yet_without_breaking(self):
        assert isinstance(member_page_sections(self.member_person, self.party_member), list)

    def test_an_opinion_sent_from_my_page_is_stored_and_listed_for_the_office(self):
        self.login(self.party_member)
        response = self.client.post(reverse("members:me"), {"subject": "Đề nghị", "text": "Gửi tài liệu trước"})
        assert response.status_code == 302
        opinion = Opinion.objects.get()
        assert opinion.author == self.member_person and opinion.organization == self.ward
        self.login(self.ward_staff)
        assert "Gửi tài liệu trước" in self.client.get(reverse("members:opinions")).content.decode()
        self.login(self.other_ward_staff)
        assert "Gửi tài liệu trước" not in self.client.get(reverse("members:opinions")).content.decode()

    def test_an_empty_opinion_is_refused_in_the_form(self):
        self.login(self.party_member)
        response = self.client.post(reverse("members:me"), {"subject": "", "text": ""})
        assert response.status_code == 200 and not Opinion.objects.exists()

    def test_a_plain_member_is_sent_from_the_list_to_their_own_page(self):
        self.login(self.party_member)
        assert self.client.get(reverse("members:index")).url == reverse("members:me")

    def test_anonymous_visitors_are_sent_to_login(self):
        assert self.client.get(reverse("members:me")).status_code == 302


class RecordViewTests(MembersTestCase):
    def test_the_office_lists_and_opens_records_of_its_subtree(self):
        self.login(self.ward_staff)
        text = self.client.get(reverse("members:index") + f"?to-chuc={self.ward.pk}").content.decode()
        assert "Vũ Thị Lan" in text and "Phan Văn Tú" not in text
        assert self.client.get(reverse("members:detail", args=[self.member.pk])).status_code == 200
        assert self.client.get(reverse("members:detail", args=[self.far_member.party_member.pk])).status_code == 404

    def test_the_secretary_reads_the_cell_but_cannot_record_a_status(self):
        self.login(self.cell_secretary)
        url = reverse("members:detail", args=[self.member.pk])
        assert self.client.get(url).status_code == 200
        response = self.client.post(url, {"st-status": "exempt", "st-date": "2023-01-01"})
        assert response.status_code == 403 and not StatusChange.objects.exists()

    def test_the_office_records_a_status_and_a_bad_date_is_explained(self):
        self.login(self.ward_staff)
        url = reverse("members:detail", args=[self.member.pk])
        response = self.client.post(url, {"st-status": "exempt", "st-date": "1990-01-01"})
        assert "trước ngày vào Đảng" in response.content.decode() and not StatusChange.objects.exists()
        self.client.post(url, {"st-status": "exempt", "st-date": "2023-01-01"})
        self.member.refresh_from_db()
        assert self.member.exempt

    def test_the_import_page_reports_bad_rows(self):
        from django.core.files.uploadedfile import SimpleUploadedFile

        self.login(self.ward_staff)
        upload = SimpleUploadedFile("ds.csv", "Họ và tên,Ngày vào Đảng,Chi bộ\nA,99/99/2000,Chi bộ tổ dân phố số 1\n".encode())
        with self.captureOnCommitCallbacks(execute=True):  # the import job runs when the request commits
            response = self.client.post(reverse("members:import", args=[self.ward.pk]), {"file": upload})
        page = html.unescape(self.client.get(response["Location"]).content.decode())
        assert "Không nhập tệp: 1 dòng có lỗi, chưa lưu dòng nào." in page
        assert "Dòng 2: ngày vào Đảng: ngày \"99/99/2000\" không hợp lệ" in page

    def test_staff_of_another_ward_cannot_open_the_import_page(self):
        self.login(self.other_ward_staff)
        assert self.client.get(reverse("members:import", args=[self.ward.pk])).status_code == 404
        self.login(self.cell_secretary)
        assert self.client.get(reverse("members:import", args=[self.cell.pk])).status_code == 403


class CampaignViewTests(MembersTestCase):
    def test_the_three_steps_through_the_pages(self):
        self.login(self.ward_staff)
        response = self.client.post(reverse("members:campaign_create", args=[self.ward.pk]),
                                    {"subject": "members", "period": "year", "year": 2023})
        campaign = RatingCampaign.objects.get()
        assert response.url == campaign.get_absolute_url()
        rating = campaign.ratings.get(member=self.member)
        self.login(self.party_member)
        self.client.post(reverse("members:rating_step", args=[rating.pk, "tu-danh-gia"]),
                         {"score": "93", "all_tasks_done": "on", "beyond_share": "40"})
        self.login(self.cell_secretary)
        assert "Vũ Thị Lan" in self.client.get(campaign.get_absolute_url()).content.decode()
        self.client.post(reverse("members:rating_step", args=[rating.pk, "tham-dinh"]), {"level": Level.GOOD})
        self.login(self.ward_staff)
        self.client.post(reverse("members:rating_step", args=[rating.pk, "quyet-dinh"]), {"level": Level.GOOD})
        rating.refresh_from_db()
        assert rating.step == Rating.Step.DECIDED and rating.self_level == Level.EXCELLENT
        report = self.client.get(reverse("members:report") + f"?to-chuc={self.ward.pk}&nam=2023").content.decode()
        assert "100%" in report

    def test_a_second_campaign_for_the_same_period_or_one_for_a_year_to_come_is_refused(self):
        RatingCampaign.objects.create(organization=self.ward, year=2023)
        self.login(self.ward_staff)
        url = reverse("members:campaign_create", args=[self.ward.pk])
        next_year = timezone.localdate().year + 1
        for year, message in ((2023, "Đã có đợt đánh giá, xếp loại đảng viên năm 2023"),
                              (next_year, f"Chưa đánh giá, xếp loại được năm {next_year}")):
            response = self.client.post(url, {"subject": "members", "period": "year", "year": year})
            self.assertContains(response, message, status_code=response.status_code)
        assert RatingCampaign.objects.count() == 1

    def test_a_member_cannot_decide_through_the_page(self):
        campaign = RatingCampaign.objects.create(organization=self.ward, year=2023)
        campaign.populate()
        rating = campaign.ratings.get(member=self.member)
        self.login(self.party_member)
        response = self.client.post(reverse("members:rating_step", args=[rating.pk, "quyet-dinh"]), {"level": "tot"})
        assert response.status_code == 403

    def test_staff_of_another_ward_do_not_see_the_campaign(self):
        campaign = RatingCampaign.objects.create(organization=self.ward, year=2023)
        self.login(self.other_ward_staff)
        assert self.client.get(campaign.get_absolute_url()).status_code == 404


class CommendationViewTests(MembersTestCase):
    def test_the_office_records_a_commendation_for_a_collective(self):
        self.login(self.ward_staff)
        response = self.client.post(reverse("members:commendations"), {
            "form": "giay_khen", "organization": self.cell.pk, "issuer": "Đảng ủy phường Quảng An",
            "decision_number": "Số 12-QĐ/ĐU", "decision_date": "2023-05-17",
            "reason": "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh"})
        assert response.status_code == 302
        assert Commendation.objects.get().recipient_name == "Chi bộ tổ dân phố số 1"

    def test_a_member_cannot_record_a_commendation(self):
        self.login(self.party_member)
        response = self.client.post(reverse("members:commendations"), {"form": "giay_khen"})
        assert response.status_code == 403

    def test_the_badge_page_lists_members_due(self):
        self.login(self.ward_staff)
        self.member.admission_date = D(1997, 1, 15)
        self.member.save()
        text = self.client.get(reverse("members:badges") + f"?to-chuc={self.ward.pk}&dot=2027-02-03").content.decode()
        assert "Vũ Thị Lan" in text and "30 năm" in text


class DistrictCampaignViewTests(MembersTestCase):
    def test_ward_staff_see_only_their_part_of_a_district_campaign(self):
        campaign = RatingCampaign.objects.create(organization=self.district, year=2023)
        campaign.populate()
        self.login(self.ward_staff)
        text = self.client.get(campaign.get_absolute_url()).content.decode()
        assert "Vũ Thị Lan" in text and "Phan Văn Tú" not in text
        # A party member sees the campaign for their own self-rating: their row only (issue 17).
        self.login(self.party_member)
        text = self.client.get(campaign.get_absolute_url()).content.decode()
        assert "Vũ Thị Lan" in text and "Phan Văn Tú" not in text and "Ngô Thị Hà" not in text
