import datetime

from capuy.targets.periods import Period, PeriodKind, parse_label, problem_with


def test_a_quarter_knows_its_dates_label_and_key():
    q3 = Period(2023, PeriodKind.QUARTER, 3)
    assert (q3.start, q3.end) == (datetime.date(2023, 7, 1), datetime.date(2023, 9, 30))
    assert q3.label == "quý III/2023" and q3.title == "Quý III/2023"
    assert Period.from_key(q3.key) == q3


def test_nine_months_end_on_the_last_day_of_september():
    nine = Period(2019, PeriodKind.NINE_MONTHS)
    assert nine.end == datetime.date(2019, 9, 30) and nine.months == 9 and nine.label == "9 tháng năm 2019"


def test_spreadsheet_headings_are_read_back_into_periods():
    for period in (Period(2023, PeriodKind.QUARTER, 4), Period(2023, PeriodKind.SIX_MONTHS),
                   Period(2023, PeriodKind.NINE_MONTHS), Period(2023, PeriodKind.YEAR), Period(2023, "month", 2)):
        assert parse_label(period.title) == period
    assert parse_label("Cột lạ") is None


def test_malformed_periods_get_a_vietnamese_message():
    assert problem_with("quarter", 2023, 5) == "Số quý phải từ 1 đến 4."
    assert "không hợp lệ" in problem_with("fortnight", 2023, 0)
    assert problem_with("9m", 2023, 0) is None
