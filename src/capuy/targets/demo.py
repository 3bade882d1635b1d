"""Demo indicators, targets and results: the figures the sample articles state, and invented ones around them.

Stated by the samples (kept exact):
- Tây Hồ, 9 months 2023: industrial production outside the state sector +14%; trade, services and tourism
  revenue +55,8% over the same period of 2022; administrative reform ranked 4/30 districts; budget revenue
  exceeding the estimate; 100% of cells using the electronic party member handbook.
- Kiến An, 9 months 2019: CN-TTCN production +9%; retail sales and accommodation and catering revenue +20,3%;
  budget revenue exceeding the estimate.
Every absolute value, target and earlier period below is INVENTED (chosen so that the stated changes come
out exactly) and marked so in comments.
"""

import datetime
from decimal import Decimal

from django.utils import timezone

from capuy.targets.models import Indicator, ReportingRound, Result, Target
from capuy.targets.periods import Period, PeriodKind

Ind = Indicator
S = Result.Status
NINE = PeriodKind.NINE_MONTHS
YEAR = PeriodKind.YEAR


def _indicator(code, name, unit, reporters, **fields):
    indicator = Indicator.objects.create(code=code, name=name, unit=unit, **fields)
    indicator.reporters.set(reporters)
    return indicator


def _result(organization, indicator, period: Period, value, status=S.APPROVED, **extra):
    now = timezone.now()
    return Result.objects.create(
        organization=organization, indicator=indicator, year=period.year, period_kind=period.kind,
        period_number=period.number, value=Decimal(str(value)), status=status,
        submitted_at=now if status != S.DRAFT else None, approved_at=now if status == S.APPROVED else None,
        **extra)


def load(context):
    tayho, term_vi, wards = context["tayho"], context["tayho_term"], context["wards"]
    kienan, term_v = context["kienan"], context["kienan_term"]
    cells = [c for c, _ in context["quangan_cells"] + context["nhattan_cells"]]
    ward_list = list(wards.values())

    # District-level indicators reported by the district itself.
    industry = _indicator("KT01", "Giá trị sản xuất công nghiệp ngoài quốc doanh", "tỷ đồng", [tayho],
                          cumulative=True, order=1)
    trade = _indicator("KT02", "Doanh thu thương mại, dịch vụ, du lịch", "tỷ đồng", [tayho], cumulative=True,
                       order=2)
    budget = _indicator("KT03", "Thu ngân sách nhà nước trên địa bàn", "tỷ đồng", [tayho, kienan],
                        report_name="thu ngân sách nhà nước trên địa bàn", cumulative=True,
                        report_as=Ind.ReportAs.ACHIEVEMENT, order=3)
    disbursement = _indicator("KT04", "Tỷ lệ giải ngân kế hoạch đầu tư công", "%", [tayho],
                              value_type=Ind.ValueType.PERCENT, rollup=Ind.Rollup.NONE,
                              report_as=Ind.ReportAs.ACHIEVEMENT, order=4)
    reform = _indicator("XD01", "Chỉ số cải cách hành chính (PAR Index)", "điểm", [tayho],
                        report_name="công tác cải cách hành chính và ứng dụng công nghệ thông tin",
                        rollup=Ind.Rollup.NONE, report_as=Ind.ReportAs.RANK, group=Ind.Group.PARTY, order=1)
    # Kiến An's figures (sample 003).
    cn_ttcn = _indicator("KT05", "Giá trị sản xuất công nghiệp – tiểu thủ công nghiệp", "tỷ đồng", [kienan],
                         report_name="giá trị sản xuất công nghiệp – tiểu thủ công nghiệp", cumulative=True, order=1)
    retail = _indicator("KT06", "Tổng mức bán lẻ hàng hóa và doanh thu dịch vụ lưu trú ăn uống", "tỷ đồng",
                        [kienan], cumulative=True, order=2)
    # Indicators reported by the wards and cells, rolled up to the district.
    admitted = _indicator("XD02", "Số đảng viên được kết nạp", "người", ward_list, value_type=Ind.ValueType.INTEGER,
                          cumulative=True, group=Ind.Group.PARTY, order=2, report_as=Ind.ReportAs.VALUE)
    handbook = _indicator("XD03", "Chi bộ sử dụng sổ tay đảng viên điện tử trong sinh hoạt", "có/không", cells,
                          report_name="tỷ lệ chi bộ sử dụng sổ tay đảng viên điện tử trong sinh hoạt chi bộ",
                          value_type=Ind.ValueType.YES_NO, rollup=Ind.Rollup.SHARE, group=Ind.Group.PARTY, order=3,
                          report_as=Ind.ReportAs.VALUE)
    # A rate rolls up from its numerator and denominator, never as a sum or a plain average.
    cultured = _indicator("VX02", "Số hộ gia đình đạt danh hiệu “Gia đình văn hóa”", "hộ", ward_list,
                          value_type=Ind.ValueType.INTEGER, group=Ind.Group.SOCIETY, order=2, report_as=Ind.ReportAs.VALUE)
    households = _indicator("VX03", "Tổng số hộ gia đình", "hộ", ward_list, value_type=Ind.ValueType.INTEGER,
                            group=Ind.Group.SOCIETY, order=3, report_as=Ind.ReportAs.VALUE)
    culture = _indicator("VX01", "Tỷ lệ hộ gia đình đạt danh hiệu “Gia đình văn hóa”", "%", ward_list,
                         value_type=Ind.ValueType.PERCENT, rollup=Ind.Rollup.RATE, numerator=cultured,
                         denominator=households, group=Ind.Group.SOCIETY, order=1, report_as=Ind.ReportAs.VALUE)

    # Targets: INVENTED values (the congress resolution and the 2023 plan are not in the samples).
    for indicator, term_value, year_value in ((budget, 7500, 1650), (disbursement, None, 100)):
        if term_value is not None:
            Target.objects.create(organization=tayho, indicator=indicator, term=term_vi, value=term_value,
                                  source="Nghị quyết Đại hội Đảng bộ quận lần thứ VI (số liệu minh họa)")
        Target.objects.create(organization=tayho, indicator=indicator, term=term_vi, year=2023, value=year_value,
                              source="Kế hoạch phát triển kinh tế – xã hội năm 2023 (số liệu minh họa)")
    Target.objects.create(organization=kienan, indicator=budget, term=term_v, year=2019, value=980,
                          source="Dự toán thu ngân sách năm 2019 (số liệu minh họa)")

    # Tây Hồ: the 2022 bases are INVENTED so that 2023 shows +14% and +55,8% exactly as the sample says.
    nine_23, nine_22 = Period(2023, NINE), Period(2022, NINE)
    for period, values in {
        Period(2020, NINE): (880, 5200, 1010, 48), Period(2021, NINE): (905, 4100, 1120, 51),  # invented
        nine_22: (1000, 10000, 1180, 58), nine_23: (1140, 15580, 1420, 62),  # 2023 = +14%, +55,8% (sample)
    }.items():
        for indicator, value in zip((industry, trade, budget, disbursement), values, strict=True):
            _result(tayho, indicator, period, value)
    for year, values in {2020: (1190, 7300, 1480, 92), 2021: (1230, 5900, 1560, 95),
                         2022: (1360, 13600, 1610, 97)}.items():  # whole years: invented
        for indicator, value in zip((industry, trade, budget, disbursement), values, strict=True):
            _result(tayho, indicator, Period(year, YEAR), value)
    # "đứng thứ 4/30 quận, huyện": the rank the city published (other districts are not in the demo);
    # the score itself is invented.
    _result(tayho, reform, nine_23, "88.54", published_rank=4, published_peers=30, published=True)
    _result(tayho, reform, nine_22, "86.10", published_rank=6, published_peers=30, published=True)  # invented

    # Cells: 100% use the handbook in 2023 (sample); 2022 is invented.
    for i, cell in enumerate(cells):
        _result(cell, handbook, nine_23, 1)
        _result(cell, handbook, nine_22, 1 if i % 2 == 0 else 0)

    # Wards: all INVENTED, for roll-ups, comparisons and ranks. 2023 Q3 is the open round.
    reporting_round = ReportingRound.objects.create(
        organization=tayho, title="Báo cáo kết quả 9 tháng năm 2023", period_kind=NINE, year=2023,
        deadline=timezone.make_aware(datetime.datetime(2023, 10, 5, 17, 0)))
    reporting_round.organizations.set(ward_list)
    reporting_round.indicators.set([admitted, culture])
    late = {"Tứ Liên", "Yên Phụ"}
    for n, (name, ward) in enumerate(wards.items()):
        for year in (2021, 2022, 2023):
            for quarter in (1, 2, 3):
                if year == 2023 and name in late:
                    continue
                _result(ward, admitted, Period(year, PeriodKind.QUARTER, quarter), (n * 3 + quarter + year) % 7 + 2)
            status = S.SUBMITTED if year == 2023 else S.APPROVED
            if year == 2023 and name == "Yên Phụ":
                status = S.DRAFT
            if year == 2023 and name == "Tứ Liên":
                continue
            _result(ward, admitted, Period(year, NINE), 12 + (n * 5 + year) % 9, status,
                    round=reporting_round if year == 2023 else None)
            total = 2400 + n * 350 + (year - 2021) * 25  # invented
            done = total * (885 + 10 * ((n * 7 + year) % 9)) // 1000  # invented, 88,5–96,5%
            _result(ward, culture, Period(year, NINE), round(Decimal(done) / total * 100, 1), status,
                    round=reporting_round if year == 2023 else None)
            _result(ward, cultured, Period(year, NINE), done, status)
            _result(ward, households, Period(year, NINE), total, status)

    # Kiến An, 9 months 2019: +9% and +20,3% (sample) over INVENTED 2018 bases; earlier years invented.
    for period, values in {Period(2017, NINE): (1820, 3350, 760), Period(2018, NINE): (2000, 4000, 790),
                           Period(2019, NINE): (2180, 4812, 802)}.items():
        for indicator, value in zip((cn_ttcn, retail, budget), values, strict=True):
            _result(kienan, indicator, period, value)

    context.update(targets_indicators={i.code: i for i in Indicator.objects.all()},
                   targets_round=reporting_round)
