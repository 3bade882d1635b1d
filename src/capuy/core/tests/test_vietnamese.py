import datetime

import pytest

from capuy.core import vietnamese as vn


def test_long_date_pads_day_and_month():
    assert vn.long_date(datetime.date(2023, 10, 5)) == "ngày 05 tháng 10 năm 2023"


def test_long_date_with_place_makes_the_date_line():
    assert vn.long_date(datetime.date(2020, 1, 24), "Hải Phòng") == "Hải Phòng, ngày 24 tháng 01 năm 2020"


def test_short_date_has_no_leading_zeros():
    assert vn.short_date(datetime.date(2023, 10, 5)) == "5/10"
    assert vn.short_date(datetime.date(2019, 9, 30), with_year=True) == "30/9/2019"


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [(20.3, None, "20,3"), (14, None, "14"), (55.80, None, "55,8"), (1234567.5, None, "1.234.567,5"),
     (2.0, 1, "2,0"), (0.125, 2, "0,12"), (-3.5, None, "-3,5")],
)
def test_numbers_use_comma_for_decimals_and_dot_for_thousands(value, decimals, expected):
    assert vn.number(value, decimals) == expected


def test_percent():
    assert vn.percent(20.3) == "20,3%"


@pytest.mark.parametrize(("value", "expected"), [(1, "I"), (4, "IV"), (6, "VI"), (9, "IX"), (13, "XIII"), (14, "XIV"),
                                                 (40, "XL"), (1994, "MCMXCIV")])
def test_roman_numerals(value, expected):
    assert vn.roman(value) == expected


def test_roman_refuses_zero_with_a_vietnamese_message():
    with pytest.raises(ValueError, match="Số La Mã"):
        vn.roman(0)


def test_search_key_drops_diacritics_and_case():
    assert vn.search_key("Tây Hồ") == "tay ho"
    assert vn.search_key("  ĐẢNG ủy   Phường ") == "dang uy phuong"
    assert vn.search_key("Nghị quyết Đại hội") == "nghi quyet dai hoi"


def test_split_name_takes_family_middle_and_given():
    assert vn.split_name("Lê Thị Thu Hằng") == ("Lê", "Thị Thu", "Hằng")
    assert vn.split_name("Hằng") == ("", "", "Hằng")


def test_names_sort_by_given_name_first():
    names = ["Trần Văn Phi", "Lê Văn Sơn", "Nguyễn Văn An", "Lê Thị Thu Hằng"]
    assert sorted(names, key=vn.name_sort_key) == ["Nguyễn Văn An", "Lê Thị Thu Hằng", "Trần Văn Phi", "Lê Văn Sơn"]


def test_names_with_the_same_given_name_sort_by_middle_then_family():
    names = ["Trần Văn An", "Lê Văn An", "Lê Đức An"]
    assert sorted(names, key=vn.name_sort_key) == ["Lê Đức An", "Lê Văn An", "Trần Văn An"]


def test_vietnamese_letters_sort_after_their_base_letter():
    # d < đ and a < ă < â in the Vietnamese alphabet, whatever Unicode code points say.
    names = ["Nguyễn Văn Đức", "Nguyễn Văn Dũng", "Nguyễn Văn Ân", "Nguyễn Văn Anh", "Nguyễn Văn Ăn"]
    assert sorted(names, key=vn.name_sort_key) == [
        "Nguyễn Văn Anh", "Nguyễn Văn Ăn", "Nguyễn Văn Ân", "Nguyễn Văn Dũng", "Nguyễn Văn Đức"]


def test_tones_only_break_ties():
    assert sorted(["Lê Văn Hà", "Lê Văn Hạ", "Lê Văn Ha"], key=vn.name_sort_key) == ["Lê Văn Ha", "Lê Văn Hà", "Lê Văn Hạ"]
