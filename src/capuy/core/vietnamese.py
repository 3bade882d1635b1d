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
    if value is None or value == "":  # nothing recorded ("" is what a template gives for a missing row's value)
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
    return "" if value is None or value == "" else f"{number(value, decimals)}%"


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


def normalize_name(text: str) -> str:
    """A name as stored: Unicode NFC (one code point per letter, as keyboards and the national member
    database write it) and single spaces; decomposed (NFD) input from other systems becomes NFC."""
    return " ".join(unicodedata.normalize("NFC", text or "").split())


def word_prefix_filter(field: str, text: str):
    """A query that finds ``text`` at the start of words of ``field`` (a ``search_key`` column).

    Every word of the query must begin a word of the field, in any order: "uyen" finds "Nguyễn Thị
    Uyên" but not "Nguyễn Văn Nam" (where "uyen" is only inside "nguyen"); "nguyen uyen" finds
    "Nguyễn Thị Uyên". An empty query matches everything.
    The query runs on the full-text index of the column where there is one (``capuy.core.search``).
    """
    from capuy.core.search import word_prefix

    return word_prefix(field, text)


# The Vietnamese alphabet, with f, j, w, z in their Latin places for foreign names; a letter with a
# vowel mark is a letter of its own after its base letter (a < ă < â, d < đ, e < ê, o < ô < ơ, u < ư).
_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
# Two digits per letter (11, 12, …); digits in a name come before letters (01–10); "00" ends a word, so a
# word sorts before every longer word it begins ("An" < "Anh", "Hà" < "Hạnh"). Only digits are used, so
# the database orders the key the same way under any collation (C, en_US, vi_VN, SQLite's binary).
_LETTER_CODE = {ch: f"{11 + i:02d}" for i, ch in enumerate(_ALPHABET)}
_DIGIT_CODE = {str(d): f"{d + 1:02d}" for d in range(10)}
_OTHER_CODE = "99"
_END_OF_WORD = "00"
# The tone order of Vietnamese dictionaries: ngang (none), huyền, hỏi, ngã, sắc, nặng (the order of the
# Từ điển tiếng Việt of the Viện Ngôn ngữ học, and of the Unicode CLDR Vietnamese collation, which
# ranks the marks U+0300 < U+0309 < U+0303 < U+0301 < U+0323 as secondary differences).
_TONES = {"\u0300": "1", "\u0309": "2", "\u0303": "3", "\u0301": "4", "\u0323": "5"}


def _word_key(word: str) -> str:
    """One word: its letters in the Vietnamese alphabet, the end mark, then its tone (one digit).

    A syllable carries one tone; wherever the mark sits ("Hoà" or "Hòa"), the word sorts the same.
    """
    letters, tone = [], "0"
    for ch in unicodedata.normalize("NFC", word).lower():
        parts = unicodedata.normalize("NFD", ch)
        for mark in parts:
            if mark in _TONES and tone == "0":
                tone = _TONES[mark]
        base = unicodedata.normalize("NFC", "".join(m for m in parts if m not in _TONES))
        if base in _LETTER_CODE:
            letters.append(_LETTER_CODE[base])
        elif base in _DIGIT_CODE:
            letters.append(_DIGIT_CODE[base])
        elif base.isalpha():
            plain = search_key(base)[:1]
            letters.append(_LETTER_CODE.get(plain, _OTHER_CODE))
        # Punctuation (hyphen, apostrophe, dot) is ignored.
    return "".join(letters) + _END_OF_WORD + tone


def split_name(full_name: str) -> tuple[str, str, str]:
    """(family, middle, given): "Lê Thị Thu Hằng" -> ("Lê", "Thị Thu", "Hằng")."""
    words = normalize_name(full_name).split()
    if not words:
        return "", "", ""
    if len(words) == 1:
        return "", "", words[0]
    return words[0], " ".join(words[1:-1]), words[-1]


def name_sort_key(full_name: str) -> str:
    """Sort key for Vietnamese names, the order of Vietnamese name lists and dictionaries.

    - The given name (tên, the last word) first, then the rest as written (họ, then tên đệm).
    - Words are compared one by one, as a Vietnamese dictionary compares syllables: letter by letter in
      the Vietnamese alphabet (a ă â b c d đ e ê … o ô ơ … u ư v x y), a word that begins a longer one
      first ("An" < "Anh", "Ba" < "Bảo", "Hà" < "Hạnh"); the tone only when the letters of that word are
      the same, in the order ngang, huyền, hỏi, ngã, sắc, nặng ("Ha" < "Hà" < "Hả" < "Hã" < "Há" < "Hạ").
      So the tone of the given name decides before the family name does.
    - Case is ignored; decomposed (NFD) input is read as NFC.

    The key holds digits only, so it can be stored in an indexed column and ordered by any database
    collation. Source: Unicode CLDR Vietnamese collation (letters and tone order); Từ điển tiếng Việt,
    Viện Ngôn ngữ học (syllable-by-syllable order).
    """
    family, middle, given = split_name(full_name)
    words = [given, family, *middle.split()] if given else []
    return "".join(_word_key(w) for w in words if w)[:400]
