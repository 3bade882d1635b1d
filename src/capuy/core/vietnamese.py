"""Vietnamese conventions used across capuy: dates, numbers, Roman numerals, name order, search keys."""

import datetime
import unicodedata
from decimal import Decimal

WEEKDAYS = ["Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật"]


def long_date(value: datetime.date, place: str = "") -> str:
    """The date line of official documents: "ngày 05 tháng 10 năm 2023".

    Hướng dẫn 36-HD/VPTW writes day and month with two digits; a place name is put in front
    ("Tây Hồ, ngày 05 tháng 10 năm 2023").
    """
    text = f"ngày {value.day:02d} tháng {value.month:02d} năm {value.year}"
    return f"{place}, {text}" if place else text


def short_date(value: datetime.date, with_year: bool = False) -> str:
    """The press form "5/10" (or "5/10/2023"), without leading zeros."""
    text = f"{value.day}/{value.month}"
    return f"{text}/{value.year}" if with_year else text


def numeric_date(value: datetime.date) -> str:
    """The table form "05/10/2023"."""
    return value.strftime("%d/%m/%Y")


def number(value, decimals: int | None = None) -> str:
    """A number the Vietnamese way: "," before decimals and "." between thousands ("1.234,5").

    With ``decimals`` None, trailing zeros are dropped ("20,3", "14").
    """
    if value is None:
        return ""
    value = Decimal(str(value))
    if decimals is not None:
        value = round(value, decimals)
        text = f"{value:,.{decimals}f}"
    else:
        text = f"{value:,f}"
        if "." in text:
            text = text.rstrip("0").rstrip(".")
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


def percent(value, decimals: int | None = None) -> str:
    """ "20,3%" """
    return "" if value is None else f"{number(value, decimals)}%"


_ROMAN = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"),
          (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]


def roman(value: int) -> str:
    """Roman numerals name a term by its congress: the 6th congress opens "khóa VI"."""
    if not 0 < value < 4000:
        raise ValueError("Số La Mã chỉ viết được cho số từ 1 đến 3999.")
    out = []
    for amount, letters in _ROMAN:
        count, value = divmod(value, amount)
        out.append(letters * count)
    return "".join(out)


def search_key(text: str) -> str:
    """Lower case without diacritics, so "Tây Hồ" is found by "tay ho" (and "đ" by "d")."""
    if not text:
        return ""
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(c for c in decomposed if unicodedata.category(c) != "Mn")
    return " ".join(stripped.lower().split())


# The Vietnamese alphabet; a letter with a vowel mark sorts after its base letter (a < ă < â).
_ALPHABET = "aăâbcdđeêghiklmnoôơpqrstuưvxy"
_LETTER_ORDER = {ch: i for i, ch in enumerate(_ALPHABET)}
# Tone marks are a secondary difference: ngang, huyền, hỏi, ngã, sắc, nặng.
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}


def _letter_key(word: str) -> tuple[str, str]:
    primary, tones = [], []
    for ch in word.lower():
        parts = unicodedata.normalize("NFD", ch)
        tone = next((_TONES[m] for m in parts if m in _TONES), 0)
        base = unicodedata.normalize("NFC", "".join(m for m in parts if m not in _TONES))
        if base in _LETTER_ORDER:
            primary.append(chr(0x41 + _LETTER_ORDER[base]))
        elif base.isalnum():
            primary.append(chr(0x80 + ord(search_key(base)[:1] or base)))
        tones.append(str(tone))
    return "".join(primary), "".join(tones)


def split_name(full_name: str) -> tuple[str, str, str]:
    """(family, middle, given): "Lê Thị Thu Hằng" -> ("Lê", "Thị Thu", "Hằng")."""
    words = full_name.split()
    if not words:
        return "", "", ""
    if len(words) == 1:
        return "", "", words[0]
    return words[0], " ".join(words[1:-1]), words[-1]


def name_sort_key(full_name: str) -> str:
    """Sort key for Vietnamese names: given name first, then middle names, then family name.

    Letters follow the Vietnamese alphabet (a, ă, â, b, …, d, đ, …) and tones break ties, so the key
    can be stored in an indexed column and ordered by the database.
    """
    family, middle, given = split_name(full_name)
    keys = [_letter_key(part) for part in (given, middle, family)]
    primary = "|".join(k[0] for k in keys)
    secondary = "|".join(k[1] for k in keys)
    return f"{primary}#{secondary}"
