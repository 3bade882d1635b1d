from capuy.targets.models import Indicator
from capuy.targets.periods import Period, PeriodKind
from capuy.targets.reports import review_figures

from .base import NINE_2022, NINE_2023, TargetsTestCase, result


class ReviewFiguresTests(TargetsTestCase):
    def setUp(self):
        self.retail = Indicator.objects.create(
            code="BL", name="Tổng mức bán lẻ hàng hóa và doanh thu dịch vụ lưu trú ăn uống", unit="tỷ đồng", order=2,
            cumulative=True)
        self.retail.reporters.set([self.ward])
        self.industry.report_name = "giá trị sản xuất công nghiệp – tiểu thủ công nghiệp"
        self.industry.save()
        result(self.ward, self.industry, NINE_2023, 545)
        result(self.ward, self.industry, NINE_2022, 500)
        result(self.ward, self.retail, NINE_2023, 1203)
        result(self.ward, self.retail, NINE_2022, 1000)
        result(self.district, self.budget, NINE_2023, 1000)

    def test_it_writes_the_sentence_of_a_review_report(self):
        figures = review_figures(self.district, 2023, "9m")
        assert figures.paragraph.startswith(
            "Giá trị sản xuất công nghiệp – tiểu thủ công nghiệp tăng 9%, tổng mức bán lẻ hàng hóa và doanh thu "
            "dịch vụ lưu trú ăn uống tăng 20,3%")
        assert "thu ngân sách nhà nước đạt 1.000 tỷ đồng, bằng 111,1% chỉ tiêu, hoàn thành vượt chỉ tiêu" in \
            figures.paragraph

    def test_it_gives_the_same_figures_as_a_table(self):
        figures = review_figures(self.district, 2023, Period(2023, PeriodKind.NINE_MONTHS))
        assert figures.headers[2] == "Thực hiện 9 tháng năm 2023"
        row = next(r for r in figures.table if r[0] == self.retail.name)
        assert row[1:5] == ["tỷ đồng", "1.203", "1.000", "+20,3"]

    def test_a_decrease_and_a_rank_are_phrased(self):
        result(self.ward, self.disbursement, NINE_2023, 60)
        result(self.ward, self.disbursement, NINE_2022, 80)
        self.disbursement.report_as = Indicator.ReportAs.CHANGE
        self.disbursement.save()
        sentences = review_figures(self.ward, 2023, "9m").sentences
        assert "tỷ lệ giải ngân kế hoạch đầu tư công giảm 25%" in sentences
        cchc = Indicator.objects.create(code="CCHC", name="Chỉ số cải cách hành chính",
                                        report_name="công tác cải cách hành chính", unit="điểm",
                                        report_as=Indicator.ReportAs.RANK, rollup=Indicator.Rollup.NONE)
        cchc.reporters.set([self.district])
        result(self.district, cchc, NINE_2023, 85, published_rank=4, published_peers=30)
        sentences = review_figures(self.district, 2023, "9m").sentences
        assert "công tác cải cách hành chính đứng thứ 4/30 quận, huyện" in sentences

    def test_a_period_without_figures_gives_an_empty_paragraph(self):
        assert review_figures(self.district, 2019, "year").paragraph == ""
