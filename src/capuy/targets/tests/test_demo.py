
from django.test import TestCase

from capuy.core.testing import load_demo
from capuy.organizations.models import Organization
from capuy.targets import dashboard, rounds
from capuy.targets.models import ReportingRound
from capuy.targets.periods import Period
from capuy.targets.reports import review_figures


class DemoTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        load_demo()
        cls.tayho = Organization.objects.get(committee_name="Quận ủy Tây Hồ")
        cls.kienan = Organization.objects.get(committee_name="Quận ủy Kiến An")

    def test_tay_ho_nine_months_2023_figures_match_the_sample(self):
        sentences = review_figures(self.tayho, 2023, "9m").sentences
        assert "giá trị sản xuất công nghiệp ngoài quốc doanh tăng 14%" in sentences
        assert "doanh thu thương mại, dịch vụ, du lịch tăng 55,8%" in sentences
        assert ("công tác cải cách hành chính và ứng dụng công nghệ thông tin đứng thứ 4/30 quận, huyện"
                in sentences)
        assert any(s.startswith("thu ngân sách nhà nước trên địa bàn đạt") and "vượt chỉ tiêu" in s
                   for s in sentences)
        assert "tỷ lệ chi bộ sử dụng sổ tay đảng viên điện tử trong sinh hoạt chi bộ đạt 100%" in sentences

    def test_kien_an_nine_months_2019_paragraph_matches_the_sample(self):
        paragraph = review_figures(self.kienan, 2019, "9m").paragraph
        assert paragraph.startswith("Giá trị sản xuất công nghiệp – tiểu thủ công nghiệp tăng 9%, tổng mức bán lẻ "
                                    "hàng hóa và doanh thu dịch vụ lưu trú ăn uống tăng 20,3%")
        assert "vượt chỉ tiêu" in paragraph

    def test_the_demo_round_has_late_wards_and_the_dashboard_builds(self):
        reporting_round = ReportingRound.objects.get()
        assert {o.name for o in rounds.late_units(reporting_round)} == {"Đảng bộ phường Tứ Liên",
                                                                        "Đảng bộ phường Yên Phụ"}
        board = dashboard.build(self.tayho, Period(2023, "9m"), "XD02")
        assert len(board.children) == 6 and board.trend[-1].value is not None
