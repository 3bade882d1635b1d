import datetime
import unicodedata

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
     (2.0, 1, "2,0"), (0.125, 2, "0,12"), (-3.5, None, "-3,5"),
     (None, None, ""), ("", None, "")],  # nothing recorded: nothing shown (a missing row's value in a template)
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


# Name order: given name first, word by word in the Vietnamese alphabet, a shorter word before a longer
# one it begins, the tone only as a tie-breaker inside a word (Unicode CLDR Vietnamese collation;
# Từ điển tiếng Việt, Viện Ngôn ngữ học).
NAME_ORDER_CASES = [
    ("given name first", ["Trần Văn Phi", "Lê Văn Sơn", "Nguyễn Văn An", "Lê Thị Thu Hằng"],
     ["Nguyễn Văn An", "Lê Thị Thu Hằng", "Trần Văn Phi", "Lê Văn Sơn"]),
    ("same given name: family name, then middle name", ["Trần Văn An", "Lê Văn An", "Lê Đức An"],
     ["Lê Đức An", "Lê Văn An", "Trần Văn An"]),
    ("family name before middle name", ["Lê Văn An", "Bùi Thị An"], ["Bùi Thị An", "Lê Văn An"]),
    ("An before Anh", ["Lê Văn Anh", "Trần Thị An"], ["Trần Thị An", "Lê Văn Anh"]),
    ("Ba before Bảo", ["Lê Văn Bảo", "Trần Văn Ba"], ["Trần Văn Ba", "Lê Văn Bảo"]),
    ("Hà before Hạnh", ["Lê Thị Hạnh", "Trần Thị Hà"], ["Trần Thị Hà", "Lê Thị Hạnh"]),
    ("a < ă < â, d < đ", ["Nguyễn Văn Đức", "Nguyễn Văn Dũng", "Nguyễn Văn Ân", "Nguyễn Văn Anh", "Nguyễn Văn Ăn"],
     ["Nguyễn Văn Anh", "Nguyễn Văn Ăn", "Nguyễn Văn Ân", "Nguyễn Văn Dũng", "Nguyễn Văn Đức"]),
    ("e < ê, o < ô < ơ, u < ư", ["Lê Văn Ơn", "Lê Văn Ổn", "Lê Văn On", "Lê Thị Ưng", "Lê Thị Ung", "Lê Thị Ê", "Lê Thị E"],
     ["Lê Thị E", "Lê Thị Ê", "Lê Văn On", "Lê Văn Ổn", "Lê Văn Ơn", "Lê Thị Ung", "Lê Thị Ưng"]),
    ("tone order ngang, huyền, hỏi, ngã, sắc, nặng", ["Lê Hạ", "Lê Há", "Lê Hã", "Lê Hả", "Lê Hà", "Lê Ha"],
     ["Lê Ha", "Lê Hà", "Lê Hả", "Lê Hã", "Lê Há", "Lê Hạ"]),
    ("tone of the given name before the family name", ["Bùi Văn Hạ", "Võ Văn Hà"], ["Võ Văn Hà", "Bùi Văn Hạ"]),
    ("letters of the given name before its tone", ["Lê Văn Hà", "Lê Văn Ha", "Lê Văn Hai"],
     ["Lê Văn Ha", "Lê Văn Hà", "Lê Văn Hai"]),
    ("case ignored", ["lê văn bình", "Lê Văn An"], ["Lê Văn An", "lê văn bình"]),
    ("one-word name before a longer name with the same given name", ["Nguyễn An", "An"], ["An", "Nguyễn An"]),
]


@pytest.mark.parametrize("case, names, expected", NAME_ORDER_CASES, ids=[c[0] for c in NAME_ORDER_CASES])
def test_names_sort_in_vietnamese_dictionary_order(case, names, expected):
    assert sorted(names, key=vn.name_sort_key) == expected
    assert sorted(reversed(names), key=vn.name_sort_key) == expected


@pytest.mark.parametrize("name", ["Nguyễn Thị Hằng", "Trần Quốc Việt", "Phạm Thị Thuỷ", "Đỗ Ngọc Ánh"])
def test_decomposed_names_sort_and_normalise_like_composed_ones(name):
    nfd = unicodedata.normalize("NFD", name)
    assert nfd != name
    assert vn.name_sort_key(nfd) == vn.name_sort_key(name)
    assert vn.normalize_name(nfd) == name
    assert vn.split_name(nfd)[2] == name.split()[-1]


def test_tone_mark_placement_does_not_change_the_order():
    # Old ("Hoà") and new ("Hòa") tone placement are the same name.
    assert vn.name_sort_key("Lê Thị Hoà") == vn.name_sort_key("Lê Thị Hòa")


def test_sort_key_is_digits_only_so_any_database_collation_orders_it_alike():
    assert vn.name_sort_key("Nguyễn Thị Ánh-Dương").isdigit()
