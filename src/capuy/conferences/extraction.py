"""Turn a Vietnamese news report of a conference into a conference record (issue 13, part 2).

Pure Python: no database, no network, no model (a place known only from the web address is looked up in
the register of administrative units, ``places``). ``extract_report(text)`` returns
one dict with exactly the keys of the labelling conventions (``FIELDS``):

- ``organization`` as written ("Ban Chấp hành Đảng bộ quận Tây Hồ", "Quận ủy Kiến An", "Đảng ủy xã …");
  a committee named without its place ("Quận ủy tổ chức…") takes the place from another mention of the
  same unit in the text, else from the web address as the text or the list of provinces spells it;
  when the sentence naming the meeting names no organization, the committee its chair leads is taken;
  ``level`` follows from the unit word (a city under the centre is a province);
- ``conference_kind``: a numbered conference is a committee plenary (except an explicit "sơ kết giữa nhiệm
  kỳ"), an HĐND "kỳ họp" a council session, an "Đại hội" a congress; otherwise the reviewed period decides
  (6 or 9 months, a quarter → periodic review; the year → year-end review; half the term → mid-term review),
  and a meeting reviewing a month or a theme is "other";
- ``ordinal`` ("lần thứ 17", "lần thứ năm", "Kỳ họp thứ 15", a congress's "lần thứ XII"), ``term`` only
  when "khóa" is written next to the organization, ``term_years`` from "nhiệm kỳ YYYY-YYYY" of that phrase;
- ``event_date`` from the body (the first dated mention of the meeting: "Sáng 8/7", "ngày 26 tháng 6 năm
  2020", "Trong 2 ngày (18 và 19/12)" → the first day); a missing year comes from the period the body
  names, then the page's date line, then the URL; a date with no year anywhere stays as written ("14/9");
  a publication line is never the event date;
- ``chair`` (said to chủ trì/chủ tọa) and ``attendees`` (every other named person with a title or a
  courtesy word), titles split at commas and dashes, in the order written;
- ``indicators`` (numbers with a unit in sentences that report results, never in tasks, awards, dates,
  document numbers or anniversaries), ``resolution_passed``/``vote_share`` when the text reports the vote,
  ``tasks`` (the directions set for the period ahead, split at the author's separators), ``awards``.

Raises ``NotAReport`` when the text holds no conference at all (an empty text included).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from capuy.conferences import places
from capuy.conferences.places import fold as ascii_fold  # "Đô Lương" → "doluong"

FIELDS = ["organization", "level", "conference_kind", "ordinal", "term", "term_years", "event_date",
          "period_reviewed", "chair", "attendees", "indicators", "resolution_passed", "vote_share", "tasks",
          "awards"]


class NotAReport(ValueError):
    """The text is empty or holds no conference of a party committee or council."""


# ---------------------------------------------------------------------------------------------- text
_OLD_TONES = [("oá", "óa"), ("oà", "òa"), ("oả", "ỏa"), ("oã", "õa"), ("oạ", "ọa"),
              ("Oá", "Óa"), ("Oà", "Òa"), ("Oả", "Ỏa"), ("Oã", "Õa"), ("Oạ", "Ọa"), ("uỷ", "ủy"), ("uý", "úy"),
              ("Uỷ", "Ủy")]
LOWER_LETTERS = "a-zđàáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ"
CHROME = re.compile(r"^(?:A-\s*A\s*A\+.*|Skip to main content|Tăng tương phản.*|Giảm tương phản.*|hinh|"
                    r"\S+\.(?:jpe?g|png|gif|webp)|Chia sẻ.*|Bài viết liên quan|Tin liên quan|"
                    r"Tổng số điểm của bài viết.*|Click để đánh giá.*|Nội dung đang cập nhật.*|Viết bình luận.*|"
                    r"Gửi file.*|LƯU Ý:.*|intNumView.*|Quay lên trên|Theo dõi .* trên\s*Google News.*|In bài viết|"
                    r"Xuất bản thông tin|Chi tiết bài viết.*|Bình luận.*|Tin cùng chuyên mục.*|"
                    r"Các tin khác.*|Xem thêm.*|Chia sẻ bài viết|Zalo|Facebook|Twitter|Email|Print)$",
                    re.IGNORECASE)


def normalize_text(text: str) -> str:
    """NFC, the new tone placement ("uỷ" → "ủy", "khoá" → "khóa"), no-break spaces as spaces, the Icelandic "Ð" some
    sites type for "Đ"."""
    text = unicodedata.normalize("NFC", text).replace("\u00a0", " ").replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u00d0", "Đ").replace("\u00f0", "đ")
    text = re.sub(r"(?<![\w(])ĐH(?=\s+(?:[Đđ]ại biểu|[Đđ]ảng bộ))", "Đại hội", text)  # "ĐH Đại biểu Đảng bộ quận …"
    # Only an open syllable moves its mark ("hoà" → "hòa"); "hoàn", "toàn", "quý" stay as they are.
    for old, new in _OLD_TONES:
        text = re.sub(rf"(?<![qQ]){old}(?![{LOWER_LETTERS}])", new, text)
    text = re.sub(rf"(?<=[{LOWER_LETTERS}\d])\.(?=[{UPPER}][{LOWER}])", ". ", text)  # "được giao.Với tinh thần"
    text = re.sub(rf"\b(\d{{1,2}}/\d{{1,2}}/\d{{4}})(?=[{UPPER}])", r"\1\n", text)  # a date line glued: "14/12/2021Ngày 13/12"
    return re.sub(r"\bTP\.(?=\w)", "TP. ", text)  # "TP.Thuận An" → "TP. Thuận An"


def split_source(text: str) -> tuple[str | None, str]:
    """The ``URL: …`` first line (if any) and the rest."""
    lines = text.lstrip("\ufeff").split("\n", 1)
    m = re.match(r"\s*URL:\s*(\S+)", lines[0])
    if m:
        return m.group(1), lines[1] if len(lines) > 1 else ""
    return None, text


def clean_body(body: str) -> str:
    """Drop site chrome lines, rejoin paragraphs broken mid-sentence, squeeze spaces."""
    out: list[str] = []
    for raw in body.split("\n"):
        line = re.sub(r"[ \t]+", " ", raw).strip()
        if not line or CHROME.match(line):
            out.append("")
            continue
        out.append(line)
    text = "\n".join(_unwrap(out))
    # " date 2025-08-12 Ngày 12-8, …": a stored page's date marker opening the first paragraph is a line of its own
    text = re.sub(r"^(date\s+\d{4}(?:-\d{2}){0,2})\s+(?=\S)", "\\1\n", text, flags=re.MULTILINE)
    # "đầu tư xây\n\ndựng" – a paragraph cut inside a sentence continues in lower case.
    text = re.sub(r"(?<=[^\s.!?:;…/])\n+(?=[a-zđàáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ])",
                  " ", text)
    return re.sub(r"\n{2,}", "\n", text).strip()


def _unwrap(lines: list[str]) -> list[str]:
    """A paragraph stored hard-wrapped (four lines or more, most of about the same width: "Đồng chí Nguyễn Thị
    Minh\nKiều - Bí thư …") has its breaks inside sentences joined back; a line ending a sentence keeps its break."""
    out: list[str] = []
    block: list[str] = []
    for line in [*lines, ""]:
        if line:
            block.append(line)
            continue
        widths = sorted(len(b) for b in block[:-1])
        middle = widths[len(widths) // 2] if widths else 0
        if len(block) >= 4 and 50 <= middle <= 110 and sum(abs(w - middle) <= 15 for w in widths) >= 0.6 * len(widths):
            joined = block[0]
            for line_ in block[1:]:
                joined += ("\n" if re.search(r"[.!?…:;]$", joined) else " ") + line_
            block = joined.split("\n")
        out.extend(block)
        out.append("")
        block = []
    return out[:-1]


UPPER = "A-ZĐÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ"
LOWER = "a-zđàáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ"
SYL = rf"[{UPPER}][{LOWER}]+"  # one capitalised syllable ("Trần"), not an acronym
CAP_RUN = re.compile(rf"{SYL}(?: {SYL})*")


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence: split at line breaks and at . ! ? … followed by a capital."""
    spans = []
    for m in re.finditer(r"[^\n]+", text):
        start = m.start()
        # not after a short abbreviation: "Thường trực UB. MTTQ phường", "TP. Thuận An"
        for b in re.finditer(rf"(?:\.{{2,3}}|…|(?<!\b[A-ZĐ])(?<!\b[A-ZĐ]{{2}})[.!?])(?:/|\.)?\s+"
                             rf"(?=[{UPPER}\d“\"(])", m.group()):
            end = m.start() + b.end()
            spans.append((start, end))
            start = end
        if start < m.end():
            spans.append((start, m.end()))
    return spans


# ---------------------------------------------------------------------------------------------- numbers
ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
UNITS_WORDS = {"một": 1, "mốt": 1, "nhất": 1, "hai": 2, "ba": 3, "bốn": 4, "tư": 4, "năm": 5, "lăm": 5, "nhăm": 5,
               "sáu": 6, "bảy": 7, "bẩy": 7, "tám": 8, "chín": 9}
ORDINAL_WORDS = r"(?:(?:hai|ba|bốn|năm|sáu|bảy|bẩy|tám|chín)\s+mươi(?:\s+(?:mốt|hai|ba|tư|bốn|lăm|nhăm|năm|sáu|bảy|bẩy|tám|chín))?|mười(?:\s+(?:một|hai|ba|bốn|lăm|năm|sáu|bảy|bẩy|tám|chín))?|nhất|hai|ba|bốn|tư|năm|sáu|bảy|bẩy|tám|chín)"
ORDINAL_TOKEN = rf"(?:\d{{1,3}}|[IVXLC]+\b|{ORDINAL_WORDS}\b)"


def roman_to_int(text: str) -> int | None:
    """"XVII" → 17; None for anything that is not a Roman numeral."""
    if not text or not re.fullmatch(r"[IVXLC]+", text):
        return None
    total, prev = 0, 0
    for ch in reversed(text):
        v = ROMAN[ch]
        total = total - v if v < prev else total + v
        prev = max(prev, v)
    return total


def parse_ordinal(text: str) -> int | None:
    """"17", "XVII", "thứ mười bảy", "năm", "hai mươi mốt", "nhất" → the number; None otherwise."""
    t = re.sub(r"^(?:lần\s+)?thứ\s+", "", text.strip(), flags=re.IGNORECASE).strip()
    if re.fullmatch(r"\d{1,3}", t):
        return int(t)
    if (r := roman_to_int(t)) is not None:
        return r
    words = t.lower().split()
    if not words:
        return None
    if words[0] == "mười":
        if len(words) == 1:
            return 10
        return 10 + UNITS_WORDS.get(words[1], 0) if words[1] in UNITS_WORDS else None
    if len(words) >= 2 and words[1] == "mươi" and words[0] in UNITS_WORDS:
        tens = UNITS_WORDS[words[0]] * 10
        return tens + (UNITS_WORDS.get(words[2], 0) if len(words) > 2 else 0)
    if len(words) == 1 and words[0] in UNITS_WORDS:
        return UNITS_WORDS[words[0]]
    return None


def parse_number(text: str) -> float | int:
    """Vietnamese figures: "7,36" → 7.36, "2.170" → 2170, "3.273,5" → 3273.5, "14" → 14."""
    t = text.strip()
    if "," in t:
        t = t.replace(".", "").replace(",", ".")
    elif re.fullmatch(r"\d{1,3}(?:\.\d{3})+", t):
        t = t.replace(".", "")
    value = float(t)
    return int(value) if value.is_integer() else value


# ---------------------------------------------------------------------------------------------- dates
@dataclass
class DateMention:
    start: int
    day: int
    month: int
    year: int | None
    written: str
    dateline: bool


DATE_PATTERNS = [
    re.compile(r"(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})\s+năm\s+(?P<y>\d{4})", re.IGNORECASE),
    re.compile(r"(?<=ngày )(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})(?!\d|\s+năm\s+\d)", re.IGNORECASE),
    re.compile(r"(?<![\d/.,-])(?P<d>\d{1,2})\s*(?:và|,|-|–|đến|tới)\s*(?:ngày\s*)?\d{1,2}\s*[/-]\s*(?P<m>\d{1,2})"
               r"(?:\s*[/-]\s*(?P<y>\d{4}))?(?![\d/])"),
    re.compile(r"(?<![\d/.])(?P<d>\d{1,2})\s*[/-]\s*(?P<m>\d{1,2})(?:\s*[/-]\s*(?P<y>\d{4}))?(?![\d/])"),
    re.compile(r"(?<![\d/])(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?!\d)"),
    # "Chiều 11.12", "ngày 15.3.2024": dots only right after a time word, so that figures stay figures
    re.compile(r"(?:(?<=[Nn]gày )|(?<=[Ss]áng )|(?<=[Cc]hiều )|(?<=[Tt]ối )|(?<=[Tt]rưa )|(?<=[Hh]ôm qua )|(?<=[Hh]ôm nay ))"
               r"(?P<d>\d{1,2})\.(?P<m>\d{1,2})(?:\.(?P<y>\d{4}))?(?!\d|,\d)"),
]
DATE_CUE = re.compile(r"(?:sáng|chiều|tối|trưa|ngày|hôm nay|hôm qua|trong\s+\d\s+ngày|sáng nay|chiều nay)\W{0,3}"
                      r"(?:ngày\W{0,3})*(?:\(?\s*)$", re.IGNORECASE)


def is_dateline(line: str) -> bool:
    """A line that is only a publication date ("21:27 27/06/2020", "Hải Phòng, ngày 24 tháng 01 năm 2020")."""
    if re.match(r"\s*date\s+\d{4}", line) or re.search(r"(?:Ngày đăng|Lượt xem|Lượt đọc|Ngày cập nhật)\s*:", line):
        return True
    rest = line
    for p in DATE_PATTERNS:
        rest = p.sub(" ", rest)
    if rest == line:
        return False
    rest = re.sub(r"\d{1,2}:\d{2}(?::\d{2})?|GMT[+\d]*|\[|\]|Thứ\s+\w+|Chủ nhật|ngày|Cập nhật|[\W\d_]", " ", rest,
                  flags=re.IGNORECASE)
    return len(rest.split()) <= 3


def find_dates(text: str) -> list[DateMention]:
    """Every day-month(-year) mention in order, each flagged when it sits on a publication line."""
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    line_spans = [(m.start(), m.end(), is_dateline(m.group())) for m in re.finditer(r"[^\n]+", text)]
    for pattern in DATE_PATTERNS:
        for m in pattern.finditer(text):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            d, mo = int(m.group("d")), int(m.group("m"))
            if not (1 <= d <= 31 and 1 <= mo <= 12):
                continue
            y = m.groupdict().get("y")
            dateline = any(a <= m.start() < b and dl for a, b, dl in line_spans)
            taken.append((m.start(), m.end()))
            found.append(DateMention(m.start(), d, mo, int(y) if y else None, m.group().strip(), dateline))
    for m in re.finditer(r"date\s+(\d{4})-(\d{2})", text):
        found.append(DateMention(m.start(), 0, int(m.group(2)), int(m.group(1)), m.group(), True))
    return sorted(found, key=lambda x: x.start)


def iso_or_partial(day: int, month: int, year: int | None, written: str) -> str:
    if year is None:
        return re.sub(r"\s+", "", written)
    return f"{year:04d}-{month:02d}-{day:02d}"


def year_from_url(url: str | None, opens_term: bool = False) -> int | None:
    """A year the address gives. A term's years ("…-nhiem-ky-2021-2026") date only what opens the term (its
    congress, its first session); a later meeting of that term may fall in any of its years."""
    if not url:
        return None
    if not opens_term and not re.search(r"(?:dai-hoi|thu-nhat|lan-thu-1-|lan-thu-i-)", url.lower()):
        url = re.sub(r"(?<!\d)(?:19|20)\d{2}-(?:19|20)\d{2}(?!\d)", " ", url)
    m = re.search(r"(?<!\d)(20\d{2}|19\d{2})(?:[01]\d)?(?!\d{3})", url)
    return int(m.group(1)) if m else None


# ---------------------------------------------------------------------------------------------- conference
EVENT = re.compile(r"\b(?:[Hh]ội nghị|HỘI NGHỊ|[Đđ]ại hội|ĐẠI HỘI|[Kk][ỳì] họp|K[ỲÌ] HỌP|[Pp]hiên họp|"
                   r"(?:buổi |[Bb]uổi )?sinh hoạt (?:chi bộ|thường kỳ|chuyên đề|định kỳ)|[Hh]ọp chi bộ|[Hh]ọp mặt|[Hh]ọp giao ban)\b")
NOT_THE_EVENT = re.compile(r"(?:toàn quốc|Đảng các cấp|đảng bộ các cấp|Đảng toàn quốc|điểm|của Đảng\b(?!\s+bộ)|XIII của Đảng|"
                           r"Trung ương\s*\d|Trung ương\s+(?:lần|[IVX])|cấp trên|Hội LHPN|Đoàn|Công đoàn|cổ đông|ĐHĐCĐ|TDTT|"
                           r"[Tt]hể dục|[Tt]hể thao|Cựu chiến binh|CCB|Phụ nữ|Nông dân|Hội\s)",
                           re.IGNORECASE)
BEFORE_NOT_EVENT = re.compile(r"(?:tiến tới|chào mừng|chuẩn bị|trình|dự|đi dự|hướng tới|sau|Nghị quyết|nghị quyết|"
                              r"rút kinh nghiệm)\s+$")
PARTY_WORDS = re.compile(r"Đảng|đảng|[Uu]ỷ|[ủỦ]y\b|BCH|Ban Chấp hành|HĐND|Hội đồng [Nn]hân dân|[Cc]hi bộ|cấp ủy")


def is_conference_report(text: str) -> bool:
    """A conference signal: a hội nghị/đại hội/kỳ họp mention and a party or council word."""
    return bool(EVENT.search(text)) and bool(PARTY_WORDS.search(text))


# "Sáng 14/1, Ban Thường vụ Đảng ủy Khối … đã tổng kết công tác xây dựng Đảng năm 2021", "Chiều 30.12, Đảng ủy Sở Y tế
# tổng kết công tác …": a review named by its verb
REVIEW_EVENT = re.compile(r"\b(?:(?:đã|vừa)\s+(?:tổ chức\s+)?)?(?:tổng kết|sơ kết)\s+(?:công tác|nhiệm vụ)\b")


def find_event(text: str) -> re.Match | None:
    named = _find_event(text)
    review = REVIEW_EVENT.search(text, 0, named.start() if named else len(text))
    if review is not None:
        sentence = next(text[a:b] for a, b in sentences(text) if a <= review.start() < b)
        if any(DATE_CUE.search(sentence[:d.start]) for d in find_dates(sentence) if not d.dateline and d.day):
            return review  # dated in its own sentence, before any meeting word: the report's meeting
    return named


def _find_event(text: str) -> re.Match | None:
    """The first mention of the meeting the report is about (not a national or future congress); failing one,
    the congress its guests attended ("Tham dự Đại hội có các đồng chí …" opening an excerpt)."""
    attended = None
    for m in EVENT.finditer(text):
        after = text[m.end():m.end() + 60]
        before = text[max(0, m.start() - 25):m.start()]
        word = m.group().lower()
        # a party committee's congress, whatever its name goes on to say ("Đảng bộ Sở Văn hóa, Thể thao và …")
        own = re.match(r"\s*(?:(?:đại biểu|toàn thể đảng viên)\s+)?(?:Đảng bộ|đảng bộ|Chi bộ|chi bộ)\s(?!các cấp)", after)
        if word.startswith("đại hội") and (not own and NOT_THE_EVENT.search(after.split(".")[0][:45]) or
                                           BEFORE_NOT_EVENT.search(before)):
            if attended is None and re.search(r"[Tt]ham dự\s+$", before) and \
                    not NOT_THE_EVENT.search(after.split(".")[0][:45]):
                attended = m
            continue
        if word.startswith("hội nghị") and re.match(r"\s*(?:Trung ương|trên\b)", after):
            continue
        if word.startswith(("kỳ họp", "kì họp")) and BEFORE_NOT_EVENT.search(before) and \
                not re.search(r"(?:triệu tập|đại biểu)\s+(?:\S+\s+)?dự\s+$", before):
            continue  # (but "triệu tập đại biểu dự kỳ họp thứ 6" is the sitting itself)
        return m
    return attended


def find_ordinal(text: str, event: re.Match | None) -> int | None:
    """"Hội nghị (BCH …) lần thứ 17", "kỳ họp (lần) thứ 15", "Đại hội … lần thứ XII" at the event mention, or
    at a later mention of the same meeting in the opening of the report (a headline may name it loosely)."""
    if event is None:
        return None
    number = _ordinal_at(text, event)
    if number is not None:
        return number
    word = event.group().lower()[:6]
    # an excerpt opening with the guests ("Tham dự Đại hội có …") names its congress again where they attended it
    attended = re.compile(r"[Tt]ham dự\s+$") if re.search(r"[Tt]ham dự\s+$", text[max(0, event.start() - 25):
                                                                                    event.start()]) else None
    for mention in EVENT.finditer(text, event.end(), min(len(text), event.start() + 600)):
        before = text[max(0, mention.start() - 25):mention.start()]
        if mention.group().lower()[:6] != word or \
                BEFORE_NOT_EVENT.search(before) and not (attended and attended.search(before)) or \
                (word.startswith("đại hộ") and NOT_THE_EVENT.search(text[mention.end():mention.end() + 45].split(".")[0])):
            continue
        number = _ordinal_at(text, mention)
        if number is not None:
            return number
    # further on (a photo caption), only a mention that names the committee or the council: "Hội nghị Ban chấp hành
    # Đảng bộ huyện Thuận Bắc lần thứ 19", "Kỳ họp thứ 11, HĐND tỉnh Đồng Tháp khóa IX diễn ra …"
    for mention in EVENT.finditer(text, min(len(text), event.start() + 600)):
        after = text[mention.end():mention.end() + 60]
        if mention.group().lower()[:6] != word or \
                BEFORE_NOT_EVENT.search(text[max(0, mention.start() - 25):mention.start()]) or \
                not (re.match(r"\s+(?:Ban [Cc]hấp hành|BCH)\s+Đảng bộ", after) or word in ("kỳ họp", "kì họp") and
                     re.match(rf"\s+(?:lần\s+)?thứ\s+{ORDINAL_TOKEN}\s*,?\s+(?:của\s+)?(?:HĐND|Hội đồng [Nn]hân dân)", after)):
            continue
        number = _ordinal_at(text, mention)
        if number is not None:
            return number
    return None


def _ordinal_at(text: str, event: re.Match) -> int | None:
    window = text[event.start():event.start() + 160].split("\n")[0]
    m = re.match(rf"\S+\s+\S+(?P<mid>(?:[^.;:]|(?<=TP)\.){{0,90}}?)\b(?:lần\s+thứ|lần|thứ)\s+(?P<n>{ORDINAL_TOKEN})",
                 window,
                 re.IGNORECASE)
    if m and not re.search(r"[Tt]rung ương|toàn quốc|\d{4}", m.group("mid")) and not EVENT.search(m.group("mid")) \
            and not re.match(r"\s*(?:Ban Chấp hành|BCH)\s+Trung ương", window[m.end():]):
        return parse_ordinal(m.group("n"))
    return None


TERM = re.compile(r"\(?\s*khóa\s+(?P<roman>[IVXLC]+|\d{1,2})\b\s*\)?", re.IGNORECASE)
TERM_OWNER = re.compile(r"(?:Ban [Cc]hấp hành|BCH|HĐND|Hội đồng [Nn]hân dân|Đảng bộ|[Uu]ỷ|ủy|Ủy)(?:TP\.\s?|[^.;:\n]){0,40}$")
TERM_NOT_OWNER = re.compile(r"Quốc hội|Trung ương|Nghị quyết|Chỉ thị|UBND|Ủy ban nhân dân|Mặt trận|Hội\s(?!đồng [Nn]hân dân|nghị)")
TERM_YEARS = re.compile(r"nhiệm kỳ\s*\(?\s*(?P<a>\d{4})\s*[-–—]\s*(?P<b>\d{4})", re.IGNORECASE)


def find_term(text: str, event: re.Match | None = None, org: Org | None = None) -> tuple[str | None, str | None]:
    """"khóa VI" written after the meeting's organization (in the sentence naming the meeting, or after another
    mention of the same organization), and the "nhiệm kỳ 2020-2025" that goes with it."""
    event_span = next(((a, b) for a, b in sentences(text) if event and a <= event.start() < b), (0, 0))
    for m in TERM.finditer(text):
        before = text[max(0, m.start() - 60):m.start()]
        if event is not None and event_span[0] <= m.start() < event_span[1] and \
                re.search(rf"^{EVENT.pattern}\s+(?:lần\s+thứ|thứ)\s+{ORDINAL_TOKEN}\s*[,(]?\s*$",
                          text[event.start():m.start()]) and not TERM_OWNER.search(before):
            return f"khóa {m.group('roman').upper()}", None  # "Hội nghị lần thứ 3 (khóa X)"
        if not TERM_OWNER.search(before):
            continue
        owner = TERM_OWNER.search(before)
        if TERM_NOT_OWNER.search(owner.group()):
            continue
        congress = event is not None and event.group().lower().startswith("đại hội")
        # "tái đắc cử Bí thư Đảng ủy Công an tỉnh khóa XII": at a congress, the post elected for the new term
        elected = congress and re.search(r"(?:đắc cử|được bầu(?:\s+giữ chức)?|trúng cử)\s+(?:chức\s+)?(?:Phó\s+)?"
                                         r"(?:Bí thư|Chủ tịch)\s+(?:Đảng\s+)?$", before[:owner.start()])
        # "Bí thư Đảng ủy Phường 1 khóa IX": a post held in the term that ends, not the meeting's term; at a congress,
        # "Nghị quyết Đại hội Đảng bộ xã khóa III" is the resolution of the term that ends
        if not elected and re.search(r"(?:Bí thư|Chủ tịch|Ủy viên|Trưởng ban)\s+(?:Đảng\s+)?$", before[:owner.start()]) \
                or congress and re.search(r"[Nn]ghị quyết\s+(?:[Đđ]ại hội\s+)?$", before[:owner.start()]):
            continue
        if re.search(r"kiểm điểm[^.;]{0,80}$" + (r"|[Bb]áo cáo [Cc]hính trị[^.;]{0,40}$" if congress else ""),
                     text[max(0, m.start() - 100):m.start()]):
            continue  # "Báo cáo kiểm điểm (Báo cáo chính trị) của BCH Đảng bộ huyện khóa V": the committee that ends
        owner = owner.group()
        if org is not None and not elected and not event_span[0] <= m.start() < event_span[1]:
            mark = org.place or org.unit or org.name
            # "Ban Chấp hành khóa IX" with no organization named: the meeting's own committee
            if mark.lower() not in owner.lower() and not re.fullmatch(r"(?:Ban [Cc]hấp hành|BCH)\s*[,(]?\s*", owner) \
                    and not (org.unit and re.fullmatch(rf"(?:(?:Ban [Cc]hấp hành|BCH)(?:\s+Đảng bộ)?|HĐND|Hội đồng nhân dân|Đảng bộ)"
                                              rf"\s+{org.unit}(?:\s+(?:lần\s+)?thứ\s+{ORDINAL_TOKEN})?\s*[,(]?\s*", owner)):
                continue
        roman = m.group("roman").upper()
        for same in TERM.finditer(text, m.start()):  # the years may follow a later mention of the same term
            y = TERM_YEARS.match(text[same.end():same.end() + 30].lstrip(" ,("))
            if same.group("roman").upper() == roman and y:
                return f"khóa {roman}", f"{y.group('a')}-{y.group('b')}"
        return f"khóa {roman}", None
    return None, None


def find_term_years(text: str, event: re.Match | None) -> str | None:
    """"nhiệm kỳ YYYY-YYYY" in a sentence naming the meeting (the headline may name it without the years)."""
    if event is None:
        return None
    word = event.group().lower()[:6]
    spans = sentences(text)
    for mention in EVENT.finditer(text, event.start()):
        if mention.group().lower()[:6] != word:
            continue
        if mention.start() > event.start() and (
                BEFORE_NOT_EVENT.search(text[max(0, mention.start() - 25):mention.start()]) or
                NOT_THE_EVENT.search(text[mention.end():mention.end() + 45].split(".")[0])):
            continue
        end = next((b for a, b in spans if a <= mention.start() < b), len(text))
        m = TERM_YEARS.search(text, mention.start(), min(end, mention.end() + 160))
        # "… chuẩn bị Đại hội Đảng bộ quận lần thứ VI, nhiệm kỳ 2020-2025": another meeting's term; but
        # "sơ kết … thực hiện Nghị quyết Đại hội Đảng bộ xã, nhiệm kỳ 2020-2025" names the term under way
        # (and "sơ kết giữa nhiệm kỳ Đại hội Đảng bộ xã lần thứ XIII, nhiệm kỳ 2020 - 2025")
        if m and all(re.search(r"(?:[Nn]ghị quyết|giữa nhiệm kỳ)\s+$", text[max(0, e.start() - 16):e.start()])
                     for e in EVENT.finditer(text, mention.end(), m.start())):
            return f"{m.group('a')}-{m.group('b')}"
    return None


PERIOD = re.compile(r"(?<![\d/])(?P<n>0?[2-9]|1[01]|sáu|chín)\s+tháng(?!\s+cuối)(?!\s+\d)(?P<dau>\s+đầu)?(?:\s+năm(?:\s+(?P<y>\d{4}))?)?",
                    re.IGNORECASE)
QUARTER = re.compile(r"(?P<word>qu[ýí])\s+(?P<q>I{1,3}|IV|[1-4])\b(?:\s*(?P<sep>năm\s+|/|-)(?P<y>\d{4}))?")


def _year_after(window: str, end: int, pattern: str) -> str | None:
    """The year written shortly after a period that gave none ("9 tháng … năm 2023")."""
    found = re.search(pattern, window[end:end + 120], re.IGNORECASE)  # a headline in capitals: "… CUỐI NĂM 2024"
    return found.group(1) if found else None


def _months(m: re.Match, text: str) -> str:
    """A ``PERIOD`` match as the labels write it, with the year written there or shortly after."""
    year = m.group("y") or _year_after(text, m.end(), r"năm\s+(\d{4})")
    n = m.group("n")
    text_n = n if n[0].isdigit() else {"sáu": "6", "chín": "9"}[n.lower()]
    return f"{text_n} tháng{' đầu' if m.group('dau') else ''} năm {year}" if year else \
        f"{text_n} tháng{' đầu năm' if m.group('dau') else ''}"


def find_period(text: str, event: re.Match | None, kind_hint: str | None = None) -> str | None:
    """The period the meeting reviews, as written: "9 tháng năm 2023", "6 tháng đầu năm 2021", "năm 2021"."""
    start = event.start() if event else 0
    window = text[max(0, start - 200):start + 700]
    if re.search(r"giữa nhiệm kỳ", window, re.IGNORECASE):
        return "giữa nhiệm kỳ"
    monthly = re.search(r"(?:định kỳ|thường kỳ|thường lệ)\s+tháng\s+(\d{1,2})(?:\s+năm\s+(\d{4})|\s*/\s*(\d{4}))?",
                        text[start:start + 200].split("\n")[0])
    if monthly and kind_hint != "congress":  # "Hội nghị Ban Chấp hành định kỳ tháng 8 năm 2022": a monthly meeting
        year = monthly.group(2) or monthly.group(3)
        return f"tháng {monthly.group(1)}" + (f" năm {year}" if year else "")
    periods = list(PERIOD.finditer(window))
    # a headline may name the period loosely ("… Nghị quyết 9 tháng"); the body names it in full
    m = next((p for p in periods if p.group("n") == periods[0].group("n") and p.group("y")), None) if periods else None
    m = m or (periods[0] if periods else None)
    if m:
        return _months(m, window)
    q = QUARTER.search(window)
    if q:
        year, sep = q.group("y"), q.group("sep")
        if not year and (later := re.search(r"(năm\s+|/|(?<!\d)-)(\d{4})", window[q.end():q.end() + 120])):
            sep, year = later.groups()  # "quý I, … quý II/2024": the year, written the same way
        word = q.group("word")  # as written: "quý", or "quí" in the older spelling; "quý I/2024", "quý I-2023"
        return f"{word} {q.group('q')}{sep if sep in ('/', '-') else ' năm '}{year}" if year else f"{word} {q.group('q')}"
    m = re.search(r"tổng kết[^.\n]{0,120}?năm\s+(\d{4})", window, re.IGNORECASE) or \
        re.search(r"đánh giá[^.\n]{0,80}?(?:nhiệm vụ|công tác|kết quả|tình hình)(?:[^.\n\d]{0,30})?\bnăm\s+(\d{4})",
                  window, re.IGNORECASE) or \
        re.search(r"(?:^|[.\n]\s*)(?:Trong\s+)?[Nn]ăm\s+(\d{4})\s*,\s*(?:Ban Chấp hành|Đảng bộ|Đảng ủy|Huyện ủy|Quận ủy|"
                  r"Thị ủy|Thành ủy|Tỉnh ủy|BCH)", window)
    if m:
        return f"năm {m.group(1)}"
    if event is not None and event.group().lower().startswith(("kỳ họp", "kì họp")) and \
            re.search(r"(?:kỳ họp|kì họp)(?:\s+thường lệ)?\s+cuối năm", window, re.IGNORECASE):
        # a council's year-end sitting reviews the year: "kỳ họp cuối năm … hoạt động năm 2025, phương hướng năm 2026"
        years = re.findall(r"năm\s+(\d{4})", window)
        if years:
            return f"năm {min(years)}"
    month = re.search(r"(?:nhiệm vụ|công tác|kết quả)[^.\n]{0,40}?(tháng\s+\d{1,2}\s+năm\s+\d{4})", window)
    if month and kind_hint != "congress":
        return month.group(1)
    if kind_hint != "congress" and (far := PERIOD.search(text, start + 700, start + 2000)):
        # a sitting's reports come after its guests and chairs: "… trình bày báo cáo tình hình KT-XH 6 tháng đầu năm"
        return _months(far, text)
    if kind_hint == "congress":
        years = TERM_YEARS.search(text[start:start + 300])
        if years:
            new_start = years.group("a")
            for prev in TERM_YEARS.finditer(text):
                if prev.group("b") == new_start:
                    return prev.group().replace("Nhiệm", "nhiệm").strip("( ")
    return None


def find_kind(text: str, event: re.Match | None, ordinal: int | None, period: str | None) -> str:
    """committee_plenary, periodic_review, year_end_review, mid_term_review, congress, council_session or other."""
    word = event.group().lower() if event else ""
    head = text[event.start():event.start() + 200] if event else text[:300]
    if word.startswith(("kỳ họp", "kì họp")):
        return "council_session"
    if word.startswith("đại hội"):
        return "congress"
    if re.search(r"sơ kết giữa nhiệm kỳ", head, re.IGNORECASE):
        return "mid_term_review"
    if ordinal is not None:
        return "committee_plenary"
    if period == "giữa nhiệm kỳ":
        return "mid_term_review"
    if period and re.match(r"\d+ tháng|qu[ýí]", period):
        return "periodic_review"
    if period and period.startswith("năm") or re.search(r"[Tt]ổng kết (?:công tác|nhiệm vụ)[^.]{0,60}\bnăm\b|[Tt]ổng kết năm", head):
        return "year_end_review"
    return "other"  # unnumbered and reviewing no 6/9 months, year or half term: a monthly or thematic meeting


# ---------------------------------------------------------------------------------------------- organization
UNIT = r"(?:(?:thành phố|thị xã|thị trấn|huyện|quận|phường|xã|tỉnh)\b|TP\b\.?)"
ORG_UNIT = r"(?:(?:thành phố|thị xã|thị trấn|huyện|quận|phường|xã|tỉnh|Phường|Xã|Huyện|Quận|Thị trấn|Thị xã)\b|TP\b\.?)"
PLACE = rf"(?:{SYL}(?:\s{SYL}){{0,3}}|\d{{1,2}}\b|[A-ZĐ]{{2,6}}\b)"
# The comma inside an agency's name that lists its fields: "Sở Văn hóa, Thể thao và Du lịch".
NAME_COMMA = rf",\s(?=[{UPPER}][^,.;:\n()]{{0,30}}\svà\s[{UPPER}])"
ORG_PATTERNS = [
    re.compile(rf"(?:Ban Chấp hành|BCH)(?:\s*\(BCH\))? Đảng bộ\s+(?P<unit>{ORG_UNIT})(?:[ \t]+(?P<place>{PLACE}))?"),
    re.compile(rf"(?:Ban Chấp hành|BCH)(?:\s*\(BCH\))? Đảng bộ[ \t]+(?!UBND|HĐND)(?P<place>{PLACE})"),
    re.compile(r"Đảng bộ\s+(?P<agency>(?:các\s+)?(?:CQCQ|cơ quan|Cơ quan|Khối|khối|doanh nghiệp|Doanh nghiệp)[^,.;:\n()]{0,40}?)(?=\s+(?:tổ chức|đã|khóa|lần|nhiệm kỳ)|[,.;:\n(]|$)"),
    re.compile(rf"(?P<short>Huyện ủy|Quận ủy|Thị ủy|Thành ủy|Tỉnh ủy)(?!\s+viên)(?:[ \t]+(?:huyện|quận|thị xã|thành phố|tỉnh)\b)?"
               rf"(?:[ \t]+(?P<city>TP\.?\s*)?(?P<place>{PLACE}))?"),
    re.compile(r"Đảng (?:ủy|bộ)\s+(?P<agency>(?:Khối|khối|Công an|Quân sự|Biên phòng|các cơ quan|Cơ quan|Trường|"
               rf"[Bb]ệnh viện|[Tt]ổng công ty|[Cc]ông ty|Doanh nghiệp|Văn phòng|Sở|UBND|HĐND|Đoàn đại biểu)(?:TP\.\s|{NAME_COMMA}|"
               r"[^,.;:\n()]){0,60}?)"
               r"(?=\s+(?:tổ chức|đã|vừa|khóa|lần|nhiệm kỳ|Đại hội|Hội nghị|tổng kết|sơ kết|chủ trì)\b|"
               rf"(?!{NAME_COMMA})[,.;:\n(]|$)"),
    re.compile(rf"Đảng ủy(?:\s*(?:-|–|và)\s*(?:UBND|HĐND)\s*)?\s+(?P<unit>xã|phường|thị trấn)(?:[ \t]+(?P<place>{PLACE}))?"),
    re.compile(rf"Đảng bộ\s+(?P<unit>{ORG_UNIT})(?:[ \t]+(?P<place>{PLACE}))?"),
    re.compile(rf"(?P<council>HĐND|Hội đồng [Nn]hân dân)(?:\s*\(HĐND\))?\s+(?P<unit>{ORG_UNIT})(?:[ \t]+(?P<place>{PLACE}))?"),
    re.compile(rf"(?:^|(?<=[.,\n]\s)|(?<=\n))(?P<unit>Phường|Xã|Thị trấn)[ \t]+(?P<place>{PLACE})(?=\s+(?:tổ chức|đã tổ chức)\b)",
               re.MULTILINE),
    re.compile(r"(?P<cell>Chi bộ\s+(?:[^,.;:\n()]{0,60}?))(?=\s+(?:tổ chức|đã|khóa|lần|nhiệm kỳ|xếp loại)\b|[,.;:\n(]|$)"),
]
SHORT_UNIT = {"huyện ủy": "huyện", "quận ủy": "quận", "thị ủy": "thị xã", "thành ủy": "thành phố", "tỉnh ủy": "tỉnh"}
CENTRAL_CITIES = {"hà nội", "hồ chí minh", "tphcm", "hcm", "tp hcm", "hải phòng", "đà nẵng", "cần thơ", "huế"}
PLACE_STOP = {"Ban", "Báo", "Khóa", "Lần", "Nhiệm", "Hội", "Đại", "Kỳ", "Trong", "Tại", "Về", "Sáng", "Chiều", "Ngày"}


@dataclass
class Org:
    start: int
    name: str
    unit: str  # huyện, quận, xã … or "" (agency/other)
    place: str | None
    agency: bool = False


def _trim_place(place: str | None, after: str = "") -> str | None:
    if not place:
        return None
    words = place.split()
    # "phường Thông Tây Hội tổ chức": a last "Hội" belongs to the name unless "Hội nghị", "Hội đồng" follows
    own_hoi = len(words) > 1 and words[-1] == "Hội" and not re.match(r"\s+(?:nghị|đồng)\b", after)
    kept = words[:-1] if own_hoi else words
    person = name_in_run(" ".join(kept), after_unit=True) if len(kept) >= 3 else None
    if person:  # "quận Tây Hồ Lê Thị Thu Hằng", "Huyện ủy Trần Văn Kỳ": the place ends where the name begins
        kept = kept[:person[0]]
    for i, w in enumerate(kept):
        if w in PLACE_STOP:
            kept = kept[:i]
            break
    if own_hoi and len(kept) == len(words) - 1:
        kept = words
    return " ".join(kept) or None


def find_orgs(text: str) -> list[Org]:
    """Every organization mention, in order."""
    found: list[Org] = []
    taken: list[tuple[int, int]] = []
    for pattern in ORG_PATTERNS:
        for m in pattern.finditer(text):
            if any(a <= m.start() < b for a, b in taken):
                continue
            g = m.groupdict()
            place = _trim_place(g.get("place"), text[m.end():m.end() + 8])
            if g.get("agency"):
                org = Org(m.start(), m.group().strip(), "", None, agency=True)
            elif g.get("cell"):
                if len(g["cell"].split()) < 3:  # "Chi bộ tốt", "chi bộ" alone: no particular cell
                    continue
                org = Org(m.start(), g["cell"].strip(), "chi bộ", None)
            elif g.get("short"):
                unit = SHORT_UNIT[g["short"].lower()]
                city = re.sub(r"\s+", "", g["city"]) if g.get("city") and place else ""  # "Thành ủy TP.HCM"
                org = Org(m.start(), g["short"] + (f" {city}{place}" if place else ""), unit, place)
            else:
                unit = (g.get("unit") or "").lower().rstrip(".")
                unit = "thành phố" if unit == "tp" else unit
                head = m.group()[: m.start("unit") - m.start()] if g.get("unit") else \
                    m.group()[: m.start("place") - m.start()]
                head = re.sub(r"\s*(?:-|–|và)\s*(?:UBND|HĐND)\s*|\s*\((?:BCH|HĐND)\)", " ", head).strip()
                unit_written = g.get("unit") or ""
                name = re.sub(r"\s+", " ", " ".join(x for x in (head, unit_written, place or "") if x))
                org = Org(m.start(), name, unit, place)
            if org.unit == "tỉnh" and org.place and not _is_province(org.place):
                # "Bí thư Tỉnh ủy Chẩu Văn Lâm": a person, not a province (the provinces are all known)
                org = Org(org.start, org.name[: -len(org.place)].strip(), "tỉnh", None)
            taken.append((m.start(), m.end()))
            found.append(org)
    return sorted(found, key=lambda o: o.start)


PROVINCES = [
    "An Giang", "Bà Rịa - Vũng Tàu", "Bắc Giang", "Bắc Kạn", "Bạc Liêu", "Bắc Ninh", "Bến Tre", "Bình Định",
    "Bình Dương", "Bình Phước", "Bình Thuận", "Cà Mau", "Cần Thơ", "Cao Bằng", "Đà Nẵng", "Đắk Lắk", "Đắk Nông",
    "Điện Biên", "Đồng Nai", "Đồng Tháp", "Gia Lai", "Hà Giang", "Hà Nam", "Hà Nội", "Hà Tĩnh", "Hải Dương",
    "Hải Phòng", "Hậu Giang", "Hòa Bình", "Hưng Yên", "Khánh Hòa", "Kiên Giang", "Kon Tum", "Lai Châu", "Lâm Đồng",
    "Lạng Sơn", "Lào Cai", "Long An", "Nam Định", "Nghệ An", "Ninh Bình", "Ninh Thuận", "Phú Thọ", "Phú Yên",
    "Quảng Bình", "Quảng Nam", "Quảng Ngãi", "Quảng Ninh", "Quảng Trị", "Sóc Trăng", "Sơn La", "Tây Ninh",
    "Thái Bình", "Thái Nguyên", "Thanh Hóa", "Thừa Thiên Huế", "Tiền Giang", "Trà Vinh", "Tuyên Quang",
    "Vĩnh Long", "Vĩnh Phúc", "Yên Bái", "Hồ Chí Minh", "Huế",
]


def place_from_url(url: str | None, text: str, province_level: bool, unit: str | None = None) -> str | None:
    """The place a web address names, written with its marks as the text (or the list of provinces) spells it:
    "doluong.gov.vn" and "… Đài Đô Lương" → "Đô Lương"; "tuyengiaotiengiang…" for a Tỉnh ủy → "Tiền Giang"; else,
    for a district or commune ``unit``, as the register of administrative units spells it
    ("huongson.hatinh.gov.vn" for a Huyện ủy → "Hương Sơn", ``places.place_in_address``)."""
    if not url:
        return None
    m = re.match(r"(?:https?://)?([^/?#]+)([^?#]*)", url)
    host, path = (m.group(1), m.group(2)) if m else (url, "")
    labels = [lab for lab in host.lower().split(".") if lab not in ("www", "gov", "vn", "com", "org", "net", "dcs")]
    path_words = [w for w in re.split(r"[/_.]", path.lower()) if w]
    if province_level:
        for place in PROVINCES:
            folded = ascii_fold(place)
            slug = "-".join(ascii_fold(w) for w in place.split())
            if any(folded in lab for lab in labels) or any(
                    re.search(rf"(?:^|-)(?:tinh|thanh-pho|tp)-{slug}(?:-|$)", w) for w in path_words):
                return place
    candidates = set()
    for run in CAP_RUN.finditer(text):  # every 2–3 word stretch: "Đài Đô Lương" holds "Đô Lương"
        words = run.group().split()
        candidates.update(" ".join(words[i:i + n]) for n in (2, 3) for i in range(len(words) - n + 1))
    for place in sorted(candidates, key=len, reverse=True):
        folded = ascii_fold(place)
        if len(folded) < 5 or place in NOT_NAMES and not province_level or \
                re.match(r"(?:Báo|Đài|Cổng|Trang|Tạp|Truyền|Phát)\b", place) or place.split()[0] in PLACE_STOP:
            continue  # "Báo Sơn La" is the newspaper, "Ban Thường (vụ)" a body: neither is the place
        slug = "-".join(ascii_fold(w) for w in place.split())
        unit_slug = rf"(?:^|-)(?:huyen|quan|xa|phuong|tinh|thanh-pho|thi-xa|thi-tran|uy|tp)-{slug}(?:-|$)"
        if folded in labels or any(re.search(unit_slug, w) for w in path_words):
            return place
    if not province_level and unit in places.UNIT_SLUGS and (found := places.place_in_address(unit, labels, path_words)):
        return found
    if province_level:
        for place in PROVINCES:
            folded = ascii_fold(place)
            slug = "-".join(ascii_fold(w) for w in place.split())
            if any(folded in lab for lab in labels) or any(
                    re.search(rf"(?:^|-)(?:tinh|thanh-pho|tp)-{slug}(?:-|$)", w) for w in path_words):
                return place
    return None


_PROVINCE_KEYS = [ascii_fold(p) for p in PROVINCES]


def _is_province(place: str) -> bool:
    """A province's name, or its beginning ("Bà Rịa" of "Bà Rịa - Vũng Tàu")."""
    key = ascii_fold(place)
    return any(province.startswith(key) for province in _PROVINCE_KEYS)


def choose_org(text: str, event: re.Match | None, url: str | None = None,
               chair_titles: list[str] | None = None) -> Org | None:
    """The organization holding the meeting: the subject that "tổ chức" it or the body named right after
    "Hội nghị"; failing those, the committee its chair leads ("Bí thư Huyện ủy" → Huyện ủy), then any other
    mention. Its place is filled from another mention of the same unit, or from the web address."""
    orgs = find_orgs(text)
    chosen, strong = None, False
    if event is not None:
        for start, end in sentences(text):
            if start <= event.start() < end:
                inside = [o for o in orgs if start <= o.start < end and not _is_title_org(text, o)]
                after = [o for o in inside if o.start >= event.start()]
                before = [o for o in inside if o.start < event.start()]
                if before and re.search(r"tổ chức|tiến hành|họp", text[before[-1].start:event.start()]):
                    chosen, strong = before[-1], True
                    # "Quận ủy quận 3 tổ chức Hội nghị lần thứ 18 Ban Chấp hành Đảng bộ Quận khóa XI": a numbered
                    # place needs its unit word, which the short name cannot carry ("Quận ủy 3")
                    if after and after[0].start - event.end() < 45 and after[0].unit == chosen.unit and \
                            (chosen.place or "0").isdigit() and \
                            re.match(r"Ban Chấp hành|BCH", after[0].name) and chosen.name.split()[0] in (
                                "Huyện", "Quận", "Thị", "Thành", "Tỉnh"):
                        chosen = after[0]
                elif after and after[0].start - event.end() < 45 and not re.search(
                        r"\b(?:có|dự|đại biểu|lãnh đạo|với|cùng)\b", text[event.end():after[0].start]):
                    chosen, strong = after[0], True  # "Hội nghị lần thứ 17 Ban Chấp hành Đảng bộ quận Tây Hồ"
                else:
                    chosen = (after[0] if after and after[0].start - event.end() < 80
                              else before[-1] if before else after[0] if after else None)
                break
    if not strong and event is not None:
        # "Đại hội đảng bộ BVTEHP …" in the headline, "Đại hội Đảng bộ bệnh viện Trẻ em Hải Phòng lần thứ XIII" in
        # the body: a later mention of the same meeting that names its organization right after it
        named = _named_at_mention(text, event, orgs)
        if named is not None:
            chosen, strong = named, True
    if not strong and (addressed := org_from_url(url)) is not None:
        # "…/dai-hoi-dai-bieu-dang-bo-thanh-pho-gia-nghia-…": the address names the meeting's own, and the text, where
        # it names the same place, spells it (an address has no marks: "xuan-dinh" is Xuân Định or Xuân Đình)
        return next((o for o in orgs if o.unit == addressed.unit and o.place and
                     ascii_fold(o.place) == ascii_fold(addressed.place)), addressed)
    if not strong:
        titles = sorted(chair_titles or [], key=lambda t: not re.match(r"(?:Phó\s+)?Bí thư\b", t))
        for title in titles:
            led = re.search(rf"(?P<short>Huyện ủy|Quận ủy|Thị ủy|Thành ủy|Tỉnh ủy)(?!\s+viên)(?:[ \t]+(?P<place>{PLACE}))?", title)
            if led:
                unit = SHORT_UNIT[led.group("short").lower()]
                place = _trim_place(led.group("place"))
                if chosen is None or chosen.unit != unit:
                    chosen = Org(0, led.group("short") + (f" {place}" if place else ""), unit, place)
                break
    if chosen is None and (subject := re.search(r"(?:^|[.;,]\s*)(Đảng ủy|Đảng bộ)\s+(?:đã|tiếp tục|tập trung|tổ chức|"
                                                r"lãnh đạo)\b", text, re.MULTILINE)):
        # "Trong quý I, Đảng ủy đã tập trung chỉ đạo …": the committee the report is about, named in full elsewhere
        chosen = next((o for o in orgs if o.name.startswith(subject.group(1)) and o.place and
                       o.unit in ("xã", "phường", "thị trấn") and not _is_title_org(text, o)), None)
    if chosen is None:
        # not a title's organization, nor one named by a resolution ("thắng lợi Nghị quyết Đại hội Đảng bộ tỉnh …")
        candidates = [o for o in orgs if not _is_title_org(text, o) and
                      not re.search(r"[Nn]ghị quyết\s+(?:[Đđ]ại hội\s+)?$", text[max(0, o.start - 25):o.start])] or orgs
        if not candidates:
            return None
        chosen = candidates[0]
    if chosen.place is None and chosen.unit:
        for o in orgs:
            if o.unit == chosen.unit and o.place:
                chosen = Org(chosen.start, f"{chosen.name} {o.place}", chosen.unit, o.place)
                break
    if chosen.place is None and chosen.unit and chosen.unit not in ("chi bộ", "tỉnh", "thành phố"):
        # "thị xã Thái Hòa tổ chức Kỳ họp thứ 8, HĐND thị xã khóa II": the place written after the bare unit word
        bare = re.search(rf"(?<![Đđ]ảng bộ )(?<![ủỦ]y )\b{chosen.unit}[ \t]+({PLACE})", text)
        place = _trim_place(bare.group(1)) if bare else None
        if place:
            chosen = Org(chosen.start, f"{chosen.name} {place}", chosen.unit, place)
    if chosen.place is None and chosen.unit and chosen.unit != "chi bộ":
        place = place_from_url(url, text, chosen.unit in ("tỉnh", "thành phố"), chosen.unit)
        if place:
            chosen = Org(chosen.start, f"{chosen.name} {place}", chosen.unit, place)
    bare = re.search(r"\b(tỉnh|thành phố|huyện|quận|thị xã)$", chosen.name) if chosen.agency else None
    if bare and chosen.place is None:  # "Đảng ủy Quân sự tỉnh" on baobinhdinh.vn: of Bình Định
        place = place_from_url(url, text, bare.group(1) in ("tỉnh", "thành phố"), bare.group(1))
        if place:
            chosen = Org(chosen.start, f"{chosen.name} {place}", "", place, agency=True)
    return chosen


def _named_at_mention(text: str, event: re.Match, orgs: list[Org]) -> Org | None:
    """The organization written right after a later mention of the meeting ("Đại hội Đảng bộ X", "Hội nghị Ban
    Chấp hành Đảng bộ X"), when that mention is the meeting itself (not a past, future or national one)."""
    word = event.group().lower()[:6]
    starts = {o.start: o for o in orgs if not _is_title_org(text, o)}
    for mention in EVENT.finditer(text, event.end()):
        if mention.group().lower()[:6] != word or \
                BEFORE_NOT_EVENT.search(text[max(0, mention.start() - 25):mention.start()]) or \
                NOT_THE_EVENT.search(text[mention.end():mention.end() + 45].split(".")[0]):
            continue
        gap = re.match(r"[ \t]*(?:\(mở rộng\)\s*)?(?:[Đđ]ại biểu\s+)?", text[mention.end():])
        org = starts.get(mention.end() + gap.end())
        if org is not None:
            return org
        # "Ngày 17/01/2023, Huyện ủy Văn Lãng tổ chức Hội nghị tổng kết": the one that holds it, just before
        sentence = next((a, b) for a, b in sentences(text) if a <= mention.start() < b)
        subject = [o for o in starts.values() if sentence[0] <= o.start < mention.start()]
        if subject and re.search(r"^\S+(?:\s+\S+){0,5}\s+(?:đã\s+)?tổ chức\s+$", text[subject[-1].start:mention.start()]):
            return subject[-1]
    return None


# How a web address writes an organization: "…/hoi-nghi-ban-chap-hanh-dang-bo-huyen-huong-hoa-lan-thu-19…".
_UNIT_OF_SLUG = {slug: unit for unit, slugs in places.UNIT_SLUGS.items() for slug in slugs}
_UNIT_SLUG = "|".join(_UNIT_OF_SLUG)
_URL_ORGS = [
    (re.compile(rf"(?:^|-)ban-chap-hanh-dang-bo-(?P<unit>{_UNIT_SLUG})-(?P<rest>[a-z0-9-]+)"), "Ban Chấp hành Đảng bộ"),
    (re.compile(rf"(?:^|-)dang-bo-(?P<unit>{_UNIT_SLUG})-(?P<rest>[a-z0-9-]+)"), "Đảng bộ"),
    (re.compile(r"(?:^|-)dang-uy-(?P<unit>xa|phuong|thi-tran)-(?P<rest>[a-z0-9-]+)"), "Đảng ủy"),
    (re.compile(r"(?:^|-)(?:hdnd|hoi-dong-nhan-dan)-(?P<unit>huyen|quan|thi-xa|xa|phuong|thi-tran)-(?P<rest>[a-z0-9-]+)"),
     "Hội đồng nhân dân"),
    # "…/xa-phu-my-to-chuc-hoi-nghi-ban-chap-hanh-dang-bo-…": the place that holds it opens the address
    (re.compile(r"^(?P<unit>xa|phuong|thi-tran)-(?P<rest>[a-z0-9]+(?:-[a-z0-9]+){0,3}?)-(?:to-chuc|hop|tong-ket|so-ket)-"),
     "Đảng bộ"),
]


def org_from_url(url: str | None) -> Org | None:
    """The organization a web address names, for a report whose text never does (an excerpt that begins after the
    meeting's name): its unit word and a place found in the register of administrative units (``places``)."""
    if not url:
        return None
    path = re.sub(r"^(?:https?://)?[^/?#]+", "", url.lower())
    for word in (w for w in re.split(r"[/_.?#=&]", path) if w):
        for pattern, head in _URL_ORGS:
            for found in pattern.finditer(word):
                unit = _UNIT_OF_SLUG[found.group("unit")]
                place = places.place_in_address(unit, [], [f"{found.group('unit')}-{found.group('rest')}"])
                if place:
                    return Org(0, f"{head} {unit} {place}", unit, place)
    return None


TITLE_HEAD = re.compile(r"(?:Phó\s+)?(?:Bí thư|Chủ tịch|Trưởng|Giám đốc|Chánh|Ủy viên|Phó)\s+$")


def _is_title_org(text: str, org: Org) -> bool:
    """"Bí thư Huyện ủy" names a person's post, "Hội trường Thành ủy" a place: not the meeting's organization."""
    before = text[max(0, org.start - 25):org.start]
    segment = re.split(r"[,;:\n(]|\s[-–]\s", text[max(0, org.start - 40):org.start])[-1].strip()
    return bool(TITLE_HEAD.search(before) or re.search(r"(?:[Hh]ội trường|[Tt]rụ sở|[Pp]hòng họp)\s+$", before) or
                (segment and TITLE_START.match(segment) and not TITLE_STOP.search(" " + segment) and
                 not EVENT.search(segment)))  # "Chánh thanh tra Thành ủy Thủ Đức"


def level_of(org: Org | None) -> str | None:
    if org is None:
        return None
    if org.agency:
        return "agency"
    if org.unit in ("huyện", "quận", "thị xã"):
        return "district"
    if org.unit == "tỉnh":
        return "province"
    if org.unit == "thành phố":
        return "province" if (org.place or "").lower() in CENTRAL_CITIES or org.place is None else "district"
    if org.unit in ("xã", "thị trấn"):
        return "commune"
    if org.unit == "phường":
        return "ward"
    if org.unit == "chi bộ":
        return "cell"
    if (org.place or org.name).split()[-1].lower() in {"tphcm", "hcm"} or \
            any(c in org.name.lower() for c in CENTRAL_CITIES):
        return "province"
    return "other"


# ---------------------------------------------------------------------------------------------- people
SURNAMES = set("""\
Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Đào Đoàn Vương Trịnh Trương
Lâm Phùng Mai Tô Hà Tạ Cao Lưu Châu Thái La Quách Đinh Triệu Lương Từ Kiều Cù Doãn Chu Khúc Kim Diệp Hứa Lã Mạc Thân
Tăng Giang Nghiêm Phí Lại Lò Quan Âu Bế Hầu Khổng Khương Lục Nông Thạch Tống Trình Văn Viên Vi Ninh Lữ Đàm Đồng
Mẫn Thiều Tôn Lục Hàn Chế Lò Cầm Sầm Đàng Y Nay Ksor Rơ Sùng Giàng Vàng Thào Lầu Lù Chảo Hờ Mùa Sình Tẩn Bàn Bạch Mã Giáp Kha Lạc Tiêu Bành Cung Dư Lăng Nhữ""".split())  # noqa: SIM905
SURNAMES.discard("Văn")
NOT_NAMES = {"Hồ Chí Minh", "Hà Nội", "Hà Tĩnh", "Hà Giang", "Hà Nam", "Cao Bằng", "Lào Cai", "Đồng Nai", "Đồng Tháp",
             "Hồ Tây", "Lâm Đồng", "Kim Bôi", "Mai Sơn", "Châu Đức", "Đào Duy Từ", "Đồng Hới", "Trần Phú",
             "Lê Lợi", "Quang Trung", "Hoàng Sa", "Trường Sa"}
COURTESY = re.compile(r"(?:đồng chí|Đồng chí|ĐỒNG CHÍ|đ/c|Đ/c|ông|Ông|bà|Bà|các đồng chí|Các đồng chí)\s*:?\s*$")
TITLE_START = re.compile(
    r"^(?:[Nn]guyên\s+|Quyền\s+)?(?:Phó\s+)?(?:Bí thư|Chủ tịch|Ủy viên|Uỷ viên|UV\b|UVBTV|UVTV|UBTV|UVTW|UVTƯ|TUV|HUV|TƯV|ĐUV|PBT|PCT|CT|"
    r"Trưởng|Giám đốc|Chánh|Huyện ủy viên|Tỉnh ủy viên|Thành ủy viên|Thị ủy viên|Đảng ủy viên|Đại biểu Quốc hội|"
    r"Tổng|Thường trực|Chỉ huy|Bộ trưởng|Thứ trưởng|Thủ trưởng|Trợ lý|Thư ký|Hiệu trưởng|Chính ủy|Tư lệnh|Viện trưởng|"
    r"Đại tá|Thượng tá|Trung tá|Thiếu tá|Thiếu tướng|Trung tướng|Chuyên viên|Kế toán|Chánh Văn phòng|Phó)\b")
TITLE_STOP = re.compile(
    r"\s+(?:đồng chủ trì|đồng chủ tọa|chủ trì|chủ tọa|phát biểu|nhấn mạnh|tham luận|báo cáo|trình bày|thông qua|đề nghị|yêu cầu|"
    r"cho biết|ghi nhận|đánh giá|kết luận|đến dự|về dự|tới dự|tới|dự(?!\s+khuyết)|tham dự|tham gia|khẳng định|chỉ đạo|tại|đã|cùng|trao|nêu|"
    r"chia sẻ|khai mạc|bế mạc|phát động|được|tái đắc cử|đắc cử|tiếp tục|làm|giữ|quán triệt|triển khai|lưu ý|"
    r"mong muốn|biểu dương|điều hành|nhận|tặng|cũng|vừa|sẽ|khi|thay mặt|đọc|gợi ý|giải trình|tiếp thu|giới thiệu|"
    r"chúc mừng|phụ trách chung|trả lời|chất vấn|khái quát|quán triệt|tổ chức|nhiệm kỳ|khóa mới|"
    r"đánh giá cao|với|về|do|để|nhằm|và khách mời|và các|và đại diện)\b.*$")
PARENS = re.compile(r"\s*\([^)]*\)")
AGENCY_TAIL = re.compile(rf"\b(?:Sở|Bộ|Ban|Phòng|Trung tâm|Ủy ban|Cục|Vụ|Viện)\s+[{UPPER}]\w*(?:\s\w+)?$")


@dataclass
class _Run:
    """A run of capitalised syllables, cut where a title begins."""
    begin: int
    finish: int
    words: str

    def start(self) -> int:
        return self.begin

    def end(self) -> int:
        return self.finish

    def group(self) -> str:
        return self.words


@dataclass
class Mention:
    start: int
    end: int
    name: str
    titles: list[str]
    courtesy: bool


def name_in_run(run: str, after_unit: bool) -> tuple[int, str] | None:
    """Where a person's name begins in a run of capitalised syllables, and the name.
    "Tây Hồ Lê Thị Thu Hằng" after "quận" → (2, "Lê Thị Thu Hằng"); "Trần Văn Kỳ" → (0, …)."""
    words = run.split()
    if run in NOT_NAMES:
        return None
    candidates = range(0, len(words)) if not after_unit or len(words) >= 3 else []
    for i in candidates:
        if after_unit and i == 0 and len(words) > 4:
            continue
        rest = words[i:]
        if after_unit and i >= 1 and _is_province(" ".join(words[:i + 1])):
            continue  # "tỉnh Tây Ninh Nguyễn Thanh Hải": "Ninh" ends the province, it does not begin the name
        if words[i] in SURNAMES and 2 <= len(rest) <= 4 and " ".join(rest) not in NOT_NAMES:
            if after_unit and i == 0 and len(words) == 2:
                continue
            return i, " ".join(rest)
    return None


def split_titles(text: str) -> list[str]:
    """"TUV, Bí thư Quận ủy" → ["TUV", "Bí thư Quận ủy"]; stops at the first piece that is not a title."""
    text = re.split(r"…|\.{3}", PARENS.sub("", text))[0]  # "Chủ tịch UBMTTQVN xã….cùng đại diện": the list trails off
    text = re.split(r"\s+và\s+(?:ông|bà|đồng chí)\s", text)[0]  # "Bí thư chi bộ và đồng chí B – …": B's titles follow
    out = []
    # "Ủy viên Ban chấp hành và Chánh văn phòng Đảng ủy khối": two posts
    for piece in re.split(r"\s*,\s*|\s+[-–—]\s+|\s*[–—]\s*|-\s+(?=[A-ZĐ])|\s+và\s+(?=(?:Phó\s+)?(?:Bí thư|Chủ tịch|"
                          r"Ủy viên|Giám đốc|Trưởng|Chánh|Phó)\b)", text):
        piece = piece.strip(" .;:-–—")
        if not piece:
            continue
        if not TITLE_START.match(piece):
            if out and AGENCY_TAIL.search(out[-1]) and re.match(NAME_COMMA, ", " + piece):
                out[-1] += ", " + TITLE_STOP.sub("", piece).strip(" .;:")  # "Giám đốc Sở Văn hóa, Thể thao và Du lịch"
                continue
            break
        cut = TITLE_STOP.sub("", piece).strip(" .;:")
        if cut:
            out.append(cut)
        if cut != piece:
            break
    return out


def titles_before(text: str, start: int) -> list[str]:
    """Titles written before a name: "Phó Bí thư Quận ủy, Chủ tịch UBND quận Lê Văn Sơn"."""
    clause_start = max(text.rfind(c, 0, start) for c in ".;:\n")
    bracket = text.rfind("(", 0, start)
    if bracket > clause_start and text.find(")", bracket, start) == -1:  # "(cũ)" closed before the name is part of it
        clause_start = bracket
    # "Bí thư Thị ủy Hòa Thành -Trần Văn Khải": the dash joins the title to the name
    clause = PARENS.sub("", text[clause_start + 1:start]).rstrip(" -–—").split(" và ")[-1]
    pieces = re.split(r"\s*,\s*|\s+[-–—]\s+", clause)
    out: list[str] = []
    for i, piece in enumerate(reversed(pieces)):
        piece = piece.strip()
        if i == 0:
            m = re.search(r"(?:^|\s)((?:[Nn]guyên\s+|Quyền\s+)?(?:Phó\s+|Tổng\s+)?(?:Bí thư|(?<=Phó )bí thư|Chủ tịch|Ủy viên|UVBTV|TUV|HUV|PBT|PCT|"
                          r"Trưởng|Giám đốc|Chánh|Thường trực|Chỉ huy|Bộ trưởng|Thứ trưởng|Đại biểu Quốc hội)\b.*)$",
                          piece)
            if not m or TITLE_STOP.search(" " + m.group(1)):
                return []  # "Bí thư Thành ủy … trao Huy hiệu … cho đảng viên": a sentence, not a title
            out.append(m.group(1).strip())
            if m.start(1) > 1:
                break
        elif TITLE_START.match(piece):
            out.append(piece)
        else:
            inner = re.search(r"\s((?:UVTW|UVTƯ|TUV|HUV|Ủy viên|Tỉnh ủy viên|Huyện ủy viên)\b.*)$", piece)
            if inner:  # "Chủ trì hội nghị có UVTW Đảng, Bí thư Thành ủy …"
                out.append(inner.group(1))
            break
    return list(reversed(out))


UNIT_BEFORE = re.compile(rf"(?:\b{UNIT}|[ủỦ]y|Đảng bộ|HĐND|UBND|TP)\s+$")


def find_mentions(text: str) -> list[Mention]:
    """People named in the text with a courtesy word or at least one title."""
    out = []
    for found in CAP_RUN.finditer(text):
        run = _Run(found.start(), found.end(), found.group())
        # "đồng chí Lương Thị Thanh Phó bí thư đảng ủy": the title follows the name with no comma
        post = re.search(r" (?:Phó|Bí thư|Chủ tịch)\b", run.group())
        if post and len(run.group()[:post.start()].split()) >= 2:
            run = _Run(run.start(), run.start() + post.start(), run.group()[:post.start()])
        before = text[max(0, run.start() - 30):run.start()]
        after_unit = bool(UNIT_BEFORE.search(before))
        courtesy = bool(COURTESY.search(before))
        words = run.group().split()
        lead = 0
        if words[0] in ("Ông", "Bà") and len(words) >= 3 and not after_unit:  # "Ông Lê Minh Giang" opening a sentence
            courtesy, lead = True, 1
        if courtesy and 2 <= len(words) - lead <= 4 and " ".join(words[lead:]) not in NOT_NAMES and \
                not TITLE_START.match(text[run.start():]):  # "đồng chí Tổng Bí thư …": a title, the name follows
            hit = (lead, " ".join(words[lead:]))  # after "đồng chí" the whole run is the name
        else:
            hit = name_in_run(run.group(), after_unit and not courtesy)
        if hit is None or len(hit[1].split()) == 2 and hit[1].split()[-1] in ("Văn", "Thị"):
            continue  # "đồng chí Đinh Văn" cut before the given name: no one can be named from it
        if re.search(r"\bcá nhân\s+(?:\d+\s+)?(?:các\s+)?đồng chí\s*:?\s*$", before):
            continue  # "tập thể Chi bộ 1 và cá nhân 04 đồng chí …": those praised, not attendees
        offset = len(" ".join(run.group().split()[:hit[0]])) + (1 if hit[0] else 0)
        start = run.start() + offset
        name = hit[1]
        if not courtesy and hit[0] == 0:
            courtesy = bool(COURTESY.search(text[max(0, start - 30):start]))
        titles: list[str] = []
        tail = text[run.end():run.end() + 250].split("\n")[0]
        m = re.match(r"\s*(?:,|[-–—]|\()\s*", tail)
        if m is None and courtesy:
            m = re.match(r"\s+(?=(?:Phó\s+)?(?:[Bb]í thư|Chủ tịch)\b)", tail)
        if m:
            titles = split_titles(re.split(r"[;:]|\.(?:\s|$)", tail[m.end() - (1 if m.group().strip() == "(" else 0):])[0])
        if not titles:
            # "… đắc cử Bí thư", "Các đồng chí A và B được bầu làm Phó Bí thư": the post both were elected to
            elected = re.match(rf"(?:\s+và\s+(?:đồng chí\s+)?{SYL}(?: {SYL}){{1,3}})?\s+(?:tiếp tục\s+)?(?:tái\s+)?"
                               r"(?:đắc cử|trúng cử|được bầu|giữ chức)(?:\s+(?:giữ chức|làm|chức vụ|chức danh))?"
                               r"\s+(?P<t>[^.;,\n]+)", tail)
            if elected:
                titles = split_titles(elected.group("t"))
        before_titles = titles_before(text, start)
        if before_titles:
            titles = before_titles + [t for t in titles if t not in before_titles]
        rank = re.search(r"(?:^|[\s,;:(])((?:Đại|Thượng|Trung|Thiếu)\s+(?:tướng|tá|úy))\s+$", text[max(0, start - 20):start])
        if rank and rank.group(1) not in titles:  # "Đại tá Vũ Hồng Văn - Bí thư Đảng ủy": the rank is the first title
            titles = [rank.group(1), *titles]
        if not titles and not courtesy:
            continue
        if not courtesy and before_titles and titles == before_titles and \
                re.search(r"(?:Phó|Trưởng|Chủ tịch|(?<!Tổng )Bí thư|Ủy viên|Giám đốc)$", titles[-1]):
            continue  # "Phó Trưởng Đoàn Đại biểu Quốc hội": a post with no body before it is no person's title
        out.append(Mention(start, run.end(), name, titles, courtesy))
    return out


def _covered(title: str, others: list[str]) -> bool:
    t = title.lower()
    return any(t in o.lower() for o in others)


def merge_titles(first: list[str], more: list[str]) -> list[str]:
    """Titles from every mention of one person, the longer form kept ("Bí thư Quận ủy Tây Hồ")."""
    result = list(first)
    for t in more:
        if _covered(t, result):
            continue
        for i, r in enumerate(result):
            if r.lower() in t.lower():
                result[i] = t
                break
        else:
            result.append(t)
    return result


CHAIR_WORD = re.compile(r"(?:đồng\s+)?chủ\s+(?:trì|tọa)", re.IGNORECASE)


# "quán triệt bài phát biểu của đồng chí Tổng Bí thư X": X's words were passed on; X was not there
RELAYED = re.compile(r"(?:quán triệt|truyền đạt|triển khai|học tập|nghiên cứu)[^.;\n]{0,40}?(?:bài phát biểu|bài viết|"
                     r"ý kiến chỉ đạo|kết luận|tác phẩm)\s+của\s+(?:đồng chí\s+)?[^.;,\n]{0,60}$", re.IGNORECASE)
# the author of a piece named by its title: "bài viết “Tự hào và tin tưởng …” của đồng chí Tổng Bí thư …"
AUTHORED = re.compile(r"(?:bài viết|bài phát biểu|tác phẩm|cuốn sách)\s*[“\"][^”\"]{0,300}[”\"]\s*của\s+(?:đồng chí\s+)?"
                      r"[^.;,\n“”\"]{0,60}$", re.IGNORECASE)


def _relayed(text: str, start: int) -> bool:
    """The person named at ``start`` is the author of what the meeting studied or passed on, not a participant."""
    return bool(RELAYED.search(text[max(0, start - 160):start]) or AUTHORED.search(text[max(0, start - 400):start]))


def find_people(text: str) -> tuple[list[dict], list[dict]]:
    """(chair, attendees), each ``{"name", "titles"}``, in order of first mention."""
    mentions = find_mentions(text)
    spans = sentences(text)
    chairs: set[str] = set()
    for men in mentions:
        for start, end in spans:
            if start <= men.start < end:
                sentence = text[start:end]
                rel = men.start - start
                later = CHAIR_WORD.search(sentence, rel)
                earlier = CHAIR_WORD.search(sentence[:rel])
                if later and not any(o.start - start in range(rel + 1, later.start()) and
                                     re.search(r"\b(?:phát biểu|báo cáo|tham luận)\b", text[o.start:start + later.start()])
                                     for o in mentions):
                    between = sentence[rel:later.start()]
                    if not re.search(r"\b(?:tham dự|đến dự|về dự)\b.*\bcó\b", between):
                        chairs.add(men.name)
                elif earlier and re.search(r"chủ\s+(?:trì|tọa)\s+(?:(?:hội nghị|kỳ họp|đại hội|phiên họp)\s+)?"
                                           r"(?:tại\s+[^,.:;]{1,40}?\s+)?(?:còn\s+)?(?:có|gồm)\b[^.]*$|"
                                           r"^\W*chủ\s+(?:trì|tọa)\s+(?:hội nghị|kỳ họp|đại hội|phiên họp)\s+(?:là\s+)?(?:đồng chí|ông|bà)\b[^.]*$|"
                                           r"chủ\s+(?:trì|tọa)(?:\s+(?:hội nghị|kỳ họp|đại hội|phiên họp))?(?:\s+của\s+các\s+đồng chí)?\s*:[^.]*$|chủ\s+(?:trì|tọa)(?:\s*(?:,|và)\s*điều hành)?\s+của\s*(?:đồng chí|ông|bà)?\s*$",
                                           sentence[:rel], re.IGNORECASE):
                    chairs.add(men.name)
                elif earlier and re.search(r"chủ\s+(?:trì|tọa)\s+của\b", sentence[:rel], re.IGNORECASE) and \
                        re.search(r"\bvà\s+(?:các\s+)?(?:đồng chí|ông|bà)\b", sentence[earlier.end():rel]) and not re.search(
                            r"\b(?:tổ chức|tiến hành|khai mạc|họp|tham dự|đến dự|dự|có sự|phát biểu|báo cáo)\b",
                            sentence[earlier.end():rel]):
                    # "dưới sự chủ trì của đồng chí A, Bí thư …, và các đồng chí: B, …; C, …": co-chairs
                    chairs.add(men.name)
                break
    relayed = {men.name for men in mentions if _relayed(text, men.start)}
    relayed -= {men.name for men in mentions if not _relayed(text, men.start)}
    people: dict[str, list[str]] = {}
    order: list[str] = []
    for men in mentions:
        if men.name in relayed:
            continue
        if men.name not in people:
            people[men.name] = list(men.titles)
            order.append(men.name)
        else:
            people[men.name] = merge_titles(people[men.name], men.titles)
    chair = [{"name": n, "titles": people[n]} for n in order if n in chairs]
    attendees = [{"name": n, "titles": people[n]} for n in order if n not in chairs]
    return chair, attendees


# ---------------------------------------------------------------------------------------------- tasks
TASK_VERBS = ("tăng cường|nâng cao|tập trung|thực hiện|triển khai|chỉ đạo|đẩy mạnh|đẩy nhanh|chăm lo|quan tâm|lấy|"
              "xây dựng|quản lý|chủ động|tiếp tục|phối hợp|chú trọng|làm tốt|đổi mới|tổ chức(?!\\s+(?:đảng|Đảng|cơ sở))|kiên quyết|rà soát|"
              "hoàn thành|bảo đảm|đảm bảo|giữ vững|phát huy|huy động|khắc phục|đánh giá|lãnh đạo|sơ|tổng kết|"
              "phát triển|không ngừng|nắm bắt|tuyên truyền|cải thiện|hoàn thiện|thu hút|giải quyết|phấn đấu|"
              "duy trì|củng cố|đẩy|nghiên cứu|chuẩn bị|kiện toàn|quán triệt|học tập|rèn luyện|phân tích|làm rõ|tích cực|"
              "chấn chỉnh|siết chặt|thường xuyên|quyết liệt|ưu tiên|tháo gỡ|hỗ trợ|khẩn trương|tuyệt đối|căn cứ|cụ thể hóa|"
              "mở rộng")
TASK_VERB = re.compile(rf"\b(?:{TASK_VERBS})\b", re.IGNORECASE)
SPLIT_VERBS = TASK_VERBS.replace("phấn đấu|", "").replace("không ngừng|", "") + "|không để"
# (not before a field's name in a list of fields: "… an ninh trật tự, xây dựng Đảng và hệ thống chính trị")
TASK_SPLIT = re.compile(rf"\s*;\s*|,\s*cùng với đó là\s+|,\s*(?=(?:{SPLIT_VERBS})\b)"
                        r"(?!xây dựng Đảng(?:,| và)\s+(?:xây dựng\s+)?hệ thống chính trị)", re.IGNORECASE)
TASK_SPLIT_SEMICOLON = re.compile(r"\s*;\s*|,\s*cùng với đó là\s+", re.IGNORECASE)
# "… nhiệm kỳ mới với một số chỉ tiêu chủ yếu: thu ngân sách tăng …; …": a list of targets, with or without a colon
TARGETS_CUE = r"(?:với|gồm)\s+(?:một số\s+|các\s+|\d+\s+)?chỉ tiêu(?:\s+(?:chủ yếu|chính|cơ bản|cụ thể))?(?:\s+(?:là|như))?\s*:?"
TASK_CUE = re.compile(r"(?:^\s*|,\s*|trong đó\s+)[Pp]hấn đấu\b(?!\s*,)|(?:với|có|đặt|đặt ra|đề ra) mục tiêu(?:\s+(?:chính|chủ yếu|cụ thể|tổng quát))?(?:\s*:)?|\bsẽ(?=\s+(?:tiếp tục\s+)?(?:tập trung|tăng cường|đẩy mạnh|thực hiện|"
                      r"triển khai|phát huy|nâng cao|xây dựng|lãnh đạo|chỉ đạo))|"
                      r"(?:đề ra|xác định)\s+(?:phương hướng|nhiệm vụ|giải pháp)(?:,\s*[^,.;]{1,20}?)*\s+(?:để|nhằm)\b|"
                      r"\b(?:đề nghị|đòi hỏi|(?<!đạt )(?<!đáp ứng )yêu cầu|nhấn mạnh(?: việc)?|bên cạnh việc|ngoài việc|cần phải|cần|phải|"
                      r"Trong đó\s*:|" + TARGETS_CUE + r"|(?:nhiệm vụ|chỉ tiêu|giải pháp|phương hướng)[^:.;\n]{0,50}:|"
                      r"nhiệm vụ (?:trọng tâm|chủ yếu)[^:.;\n]{0,50}?\s+là\b)",
                      re.IGNORECASE)
FUTURE = re.compile(r"thời gian tới|thời gian đến|sắp tới|năm tới|giai đoạn tới|nhiệm kỳ tới", re.IGNORECASE)
DEFECT = re.compile(r"hạn chế|khuyết điểm|yếu kém|tồn tại|vướng mắc|chưa\b", re.IGNORECASE)


def _clean_task(item: str) -> str | None:
    item = re.sub(r"^(?:và|cùng với đó là|Bên cạnh đó|Đồng thời|Ngoài ra|cần|phải|việc|phấn đấu\s*,)\s*,?\s*", "", item.strip(),
                  flags=re.IGNORECASE)
    item = re.sub(r"\s*(?:trong thời gian tới|thời gian tới|trong thời gian đến)\s*$", "", item.strip(" ,.…/"))
    item = item.strip(" ,.…/\"“”")
    item = re.sub(r"\.{2,}$", "", item).strip()
    if len(item.split()) < 5:
        return None
    return item


TERM_AHEAD = re.compile(r"(?:[Nn]hiệm kỳ|[Gg]iai đoạn)\s+(\d{4})\s*[-–]\s*(\d{4})\s*,\s*")


def _quarter(written: str) -> int:
    return int(written) if written.isdigit() else roman_to_int(written)


def find_tasks(text: str) -> tuple[list[str], set[int]]:
    """Directions for the period ahead, and the sentence starts they were taken from."""
    tasks: list[str] = []
    used: set[int] = set()
    spans = sentences(text)
    colon_paragraph_end = -1
    previous_was_task = False
    years = [int(y) for y in re.findall(r"năm\s+(\d{4})", text)]
    # the newest term or span the text names: "Nhiệm kỳ 2025-2030, phường … đặt mục tiêu …" looks ahead
    spans_named = [int(a) for a in re.findall(r"(?:[Nn]hiệm kỳ|[Gg]iai đoạn)\s*\(?\s*(\d{4})\s*[-–]\s*\d{4}", text)]
    newest_span = max(spans_named) if spans_named else None
    quarters = [_quarter(q.group("q")) for q in QUARTER.finditer(text)]
    for start, end in spans:
        sentence = text[start:end]
        regions: list[str] = []
        targets_only = False  # a target after "phấn đấu" leaves the results before it to the indicators
        future = FUTURE.search(sentence)
        # "Năm 2023, …", "Triển khai nhiệm vụ năm 2024, Đảng bộ phường tiếp tục …"
        first_year = re.match(r"\s*(?:(?:Trong|Sang|Bước sang|(?:Triển khai|Thực hiện) nhiệm vụ)\s+)?[Nn]ăm\s+(\d{4})\s*,",
                              sentence)
        if first_year and years and int(first_year.group(1)) > min(years):
            future = first_year  # "Năm 2023, Đảng bộ huyện tiếp tục …" after a review of 2022
        next_quarter = re.match(r"\s*(?:Trong\s+|Sang\s+)?[Qq]uý\s+([1-4]|I{1,3}|IV)\s*(?:/|-|năm\s+)\d{4}\s*,", sentence)
        if next_quarter and quarters and _quarter(next_quarter.group(1)) > min(quarters):
            future = first_year = next_quarter  # "Quý 2/2024, huyện … xác định …" after a review of the first quarter
        if start < colon_paragraph_end:
            regions.append(sentence)
        elif re.search(r"\b(?:đề ra|phấn đấu thực hiện)\s+\d+\s+chỉ tiêu", sentence) and (future or first_year or
                                                                                   re.match(r"\s*Nhiệm kỳ", sentence)):
            previous_was_task = True  # "Nhiệm kỳ 2025 - 2030, Đảng bộ đề ra 17 chỉ tiêu …": the list follows
            continue
        elif previous_was_task and (go_on := re.match(
                rf"\s*(?:(?:Cùng với đó|Bên cạnh đó|Đồng thời|Ngoài ra|Trong đó),\s*(?:(?:phường|xã|huyện|quận|tỉnh|"
                rf"thành phố|thị xã|Đảng bộ|nhà trường|trường)\s+)?)?(?=(?:{TASK_VERBS})\b)", sentence, re.IGNORECASE)):
            # the list goes on in the next sentence: "Phân tích, làm rõ …", "Cùng với đó, triển khai …",
            # "Trong đó, phường tập trung phát triển …"
            regions.append(sentence[go_on.end():])
        else:
            cues = [c for c in TASK_CUE.finditer(sentence)]
            # "phấn đấu" opens a target only where no other cue came first ("Tập trung …, phấn đấu …" is one task)
            cues = [c for i, c in enumerate(cues) if i == 0 or not c.group().strip(" ,").lower().startswith("phấn đấu")]
            ahead = TERM_AHEAD.search(sentence)
            if not cues and not future and ahead and int(ahead.group(1)) == newest_span:
                future = first_year = ahead  # "… cho biết giai đoạn 2025-2030, Long Xuyên tập trung xây dựng …"
            # (a meeting named in it is no task; "nâng cao chất lượng sinh hoạt chi bộ" is one)
            meeting = any(not e.group().lower().startswith(("sinh hoạt", "buổi sinh hoạt")) for e in EVENT.finditer(sentence))
            if not cues and future and not DEFECT.search(sentence) and not meeting:
                # "Năm 2023, Đảng bộ huyện tiếp tục …", "Thời gian tới, huyện tập trung …": the verb comes early
                begin = future.end() if future is first_year or future.start() < 15 else 0
                verb = TASK_VERB.search(sentence, begin)
                # "Nhiệm kỳ 2025 – 2027, chi bộ ấp Phú Hòa quyết tâm thực hiện …": the subject, then its resolve
                if verb and len(re.sub(r"\bquyết tâm\b", " ", sentence[begin:verb.start()]).split()) <= 5 and \
                        not re.search(r"\bđã\b", sentence[:verb.start()]) and \
                        not re.match(r"\s+được\b", sentence[verb.end():]):  # "xây dựng được 58 vườn": a result
                    regions.append(sentence[verb.start():])
            if not cues and not regions:
                previous_was_task = False
                continue
            if cues and DEFECT.search(sentence[:cues[0].start()]) and not re.search(r"(?:để|nhằm)$", cues[0].group()):
                cues = []
            for i, cue in enumerate(cues):
                stop = cues[i + 1].start() if i + 1 < len(cues) else len(sentence)
                region = sentence[cue.end():stop]
                word = cue.group().lower().strip(" ,")
                if word.startswith("phấn đấu"):
                    if not re.search(r"\bđã\b", region[:20]):  # "phấn đấu đến cuối năm 2 xã về đích NTM": a target
                        regions.append(region)
                        targets_only = len(cues) == 1 and cue.start() > 0
                    continue
                if i + 1 < len(cues) and cues[i + 1].group().lower() in ("đề nghị", "yêu cầu", "nhấn mạnh",
                                                                         "nhấn mạnh việc"):
                    comma = region.rfind(",")
                    region = region[:comma] if comma > 0 else region
                if word.endswith(":") or re.fullmatch(TARGETS_CUE, word):
                    if re.search(r"\b(?:đạt|vượt|đã|kết quả)\b", cue.group()) or \
                            re.search(r"\b(?:đạt|vượt)\b", sentence[max(0, cue.start() - 40):cue.start()]):
                        continue  # "các chỉ tiêu chủ yếu đều đạt và vượt … như:" lists results, not tasks
                    ahead = re.search(r"\b(?:đề ra|đặt ra|xác định|phấn đấu|mục tiêu|tới|sắp tới|sẽ|nhiệm kỳ mới|cuối năm)\b|"
                                      r"đến năm \d{4}",
                                      sentence[max(0, cue.start() - 60):cue.end()] + region)
                    if not ahead and re.search(r"\b(?:đạt|đến nay|còn|đã)\b", region):
                        continue  # "một số chỉ tiêu cơ bản như: tốc độ tăng trưởng … đạt 10%": results
                    regions.append(region)
                    line_end = text.find("\n", start)
                    colon_paragraph_end = line_end if line_end != -1 else len(text)
                    continue
                if word in ("bên cạnh việc", "ngoài việc") and re.search(r"\bđã\b", region):
                    continue  # "bên cạnh việc …, Đảng bộ đã lãnh đạo …": what was done, not a task
                if word in ("đề nghị", "đòi hỏi", "yêu cầu", "nhấn mạnh", "nhấn mạnh việc", "ngoài việc"):
                    verb = TASK_VERB.search(region)
                    if not verb or len(region[:verb.start()].split()) > (40 if ";" in region[verb.start():] else 15):
                        continue
                    if word.startswith("nhấn mạnh") and len(region[:verb.start()].split()) > 5:
                        continue
                    region = region[verb.start():]
                if not TASK_VERB.search(region[:60]):
                    continue
                regions.append(region)
        found_before = len(tasks)
        for region in regions:
            # The author's own list separator wins: a list set out with ";" is split only there.
            splitter = TASK_SPLIT_SEMICOLON if ";" in region else TASK_SPLIT
            pieces: list[str] = []
            for piece in splitter.split(region):
                # "lãnh đạo, chỉ đạo thực hiện …", "đánh giá, phân tích …": paired verbs are one task
                if pieces and splitter is TASK_SPLIT and (
                        len(pieces[-1].split()) < 4 or re.search(rf"\b(?:{TASK_VERBS})$", pieces[-1].strip(), re.I)):
                    pieces[-1] = f"{pieces[-1]}, {piece}"
                else:
                    pieces.append(piece)
            for piece in pieces:
                item = _clean_task(piece or "")
                if item and item not in tasks:
                    tasks.append(item)
                    if not targets_only:
                        used.add(start)
        previous_was_task = len(tasks) > found_before
    return tasks, used


# ---------------------------------------------------------------------------------------------- figures
KNOWN_UNITS = ["triệu đồng/người/năm", "nghìn tỷ đồng", "ngàn tỷ đồng", "triệu USD", "tỷ USD", "tỷ đồng", "triệu đồng", "nghìn đồng", "ngàn đồng", "tỉ đồng", "USD", "lượt người", "lượt khách",
               "km2", "km", "ha", "m2", "m", "tấn", "tạ/ha", "triệu/ha/năm", "triệu đồng/người/năm", "%", "lần",
               "đồng chí", "đảng viên", "đ/c"]  # people counted: "10 đồng chí đảng viên", "13 đảng viên mới"
NUMBER = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?"
FIGURE = re.compile(rf"(?<![\d/.,\w-])(?P<num>{NUMBER})(?:\s*/\s*(?P<den>\d+))?(?=\s*(?P<rest>[^\n]{{0,40}}))")
NOT_FIGURE_BEFORE = re.compile(
    r"(?<!\w)(?:năm|Năm|Ngày|(?<!tổng )số|Số|lần thứ|thứ|khóa|Chỉ thị|Nghị quyết|Quyết định|Quy định|Kết luận|Hướng dẫn|Thông báo|"
    r"Kế hoạch|Đề án|Thông tư|Nghị định|chương trình hành động|Chương trình|Tờ trình|Công văn|Luật|giai đoạn|"
    r"nhiệm kỳ|kỳ họp|Kỳ họp|ngày|sáng|chiều|tối|tháng|quý|quí|Thành phố|thành phố|bầu|gồm|lúc|Quận|quận|Phường|phường|"
    r"tổ|khu phố|ấp|thôn|Tổ|Khu|Điều|khoản|mục|cách mạng|Trung ương|bốn|4 tốt|trên|dưới|hơn|gần|ước|đạt|khoảng|"
    r"được|với|[Cc]hi bộ)\s*$")
NOT_FIGURE_AFTER = re.compile(r"^(?:năm|tháng|ngày|giờ|phút|tuổi|kỳ|khóa|tốt|an\b|cấp\b|\.0|nghị quyết|tờ trình|"
                              r"dự thảo|văn bản|báo cáo|người tham gia|điểm cầu|chương trình công tác|"
                              r"tập thể|cá nhân|phường|xã|quận|huyện)", re.IGNORECASE)
QUALIFIERS = re.compile(r"\b(?:hơn|gần|trên|ước|ước đạt|khoảng|xấp xỉ|chỉ)\s*$")
UNIT_QUALIFIERS = {"đăng", "giữ", "bị", "đang", "nhận", "sử", "áp", "ký", "trở", "xây", "có", "xã", "thôn", "huyện", "tỉnh", "quận", "phường", "mới", "về", "đề", "trong", "ngoài", "tại",
                   "này", "đó", "trực", "thuộc", "cơ", "đạt", "vượt", "được", "đã", "toàn", "hoàn", "tham", "sinh",
                   "thực", "xếp", "chiếm", "bằng", "nâng", "dưới", "đi", "làm", "không", "chưa", "còn", "tăng", "giảm",
                   "trúng", "đủ", "dự", "ra", "vào", "lên", "năm", "tháng"}
UNIT_STOP = {"của", "và", "được", "trên", "tại", "đạt", "tăng", "giảm", "bằng", "so", "với", "trong", "ở", "đã", "cho",
             "từ", "theo", "đủ", "có", "là", "thì", "nhưng", "các", "những", "về"}


def figure_unit(rest: str, den: str | None) -> str | None:
    """The unit after a number: a known unit, else up to two lower-case words before a separator."""
    rest = rest.lstrip()
    per = rf"(?:/ ?(?:[{LOWER}]+))*"  # "%/năm", "tiêu chí/xã": a rate keeps what it is counted per
    if rest.startswith("%"):
        return "%" + re.match(per, rest[1:]).group()
    for u in KNOWN_UNITS:
        if rest.startswith(u) and (len(rest) == len(u) or not rest[len(u)].isalnum()):
            u += re.match(per, rest[len(u):]).group()
            return u if not den else f"/{den} {u}"
    words = []
    for w in re.split(r"\s+", rest):
        clean = w.rstrip(",.;:…)/")  # "2.594 đảng viên./." (the end mark of an article)
        if words and words[-1] == "chi" and clean == "bộ":
            pass  # "2 Chi bộ"
        elif not clean or not re.fullmatch(rf"[{LOWER}]+(?:/[{LOWER}]+)*|[A-ZĐ]{{2,5}}|Chi", clean) or \
                clean in UNIT_STOP or (words and clean in UNIT_QUALIFIERS):
            break
        words.append(clean.lower() if clean == "Chi" else clean)
        if clean != w or len(words) == 4:
            break
    if words and words[0] == "chi" and (len(words) < 2 or words[1] != "bộ"):
        return None
    if den and words and words[0] in ("chỉ", "tiêu") and " ".join(words[:2]) in ("chỉ tiêu", "tiêu chí"):
        return f"/{den} {' '.join(words[:2])}"
    if den and words:
        more = re.match(r"[^,;.\n]*,\s*(huyện|quận|xã|phường|thị trấn|thị xã|thành phố)\b",
                        rest) if words[-1] in ("quận", "huyện", "xã", "phường", "tỉnh") else None
        return f"/{den} {' '.join(words)}" + (f", {more.group(1)}" if more else "")
    return " ".join(words) or None


AWARD_GIVEN = re.compile(r"(?i:khen thưởng|giấy khen|bằng khen|tặng thưởng)|Huy hiệu|"
                         r"huy hiệu\s+(?:\d+\s+(?:năm\s+)?tuổi\s+)?[Đđ]ảng")  # not "phát huy hiệu quả"


def _without_award(clause: str) -> str:
    """The clause with its award blanked out: from the start of the comma-piece naming the award to the end of the
    clause, or to a new action (", đồng thời …"). "Đảng bộ đã kết nạp 13 đảng viên mới, xét và trao tặng Huy hiệu
    Đảng cho 89 đồng chí, đồng thời thành lập thêm một chi bộ với 7 đảng viên" keeps 13 and 7."""
    award = AWARD_GIVEN.search(clause)
    if award is None:
        return clause
    start = clause.rfind(",", 0, award.start()) + 1
    if re.search(r"\bđược\s+(?:\w+\s+){0,2}$", clause[:award.start()]):
        start = 0  # "có 36 cá nhân, tập thể được khen thưởng": those before a passive award are its recipients
    stop = re.search(r",\s*(?:đồng thời|sau đó)\b", clause[award.end():])
    end = award.end() + stop.start() if stop else len(clause)
    return clause[:start] + " " * (end - start) + clause[end:]


def find_indicators(text: str, skip_sentences: set[int]) -> list[dict]:
    """Results stated as numbers, outside tasks, awards and the people and date lines."""
    out: list[dict] = []
    for start, end in sentences(text):
        if start in skip_sentences:
            continue
        sentence = text[start:end]
        # an award in one clause of a long list ("…; có 36 cá nhân, tập thể được khen thưởng; …") hides only that clause
        sentence = ";".join(_without_award(c) for c in sentence.split(";"))
        if not sentence.strip(" ;"):
            continue
        if is_dateline(sentence) or re.search(r"\bchỉ tiêu\b[^.]*\bnăm tới\b|\b(?:dự kiến|sẽ)\b|quyết định là",
                                              sentence):
            continue  # targets and plans are tasks, not results
        target = re.search(r"(?:^|[,;:]\s*|trong đó\s+)[Pp]hấn đấu\b|\bđề ra\s+\d", sentence)
        if target:  # "…, phấn đấu đến cuối năm 2 xã về đích": the results stop where the target begins
            sentence = sentence[:target.start()]
        if re.search(r"diện tích", sentence) and re.search(r"dân số|nhân khẩu|hộ gia đình", sentence):
            continue  # the size of the place ("tổng diện tích 14,82 km, có 35.965 hộ gia đình") is no result
        praise = re.search(r"khen|biểu dương|tuyên dương|vinh danh|\btrao\b|\btặng\b", sentence, re.IGNORECASE)
        attendance = re.match(r"\s*(?:Tham dự|Dự|Đến dự|Về dự|Cùng dự|Có mặt)\b", sentence)
        # "Trong 20 chỉ tiêu … có 17 chỉ tiêu đạt và vượt": 17 of 20, written as a ratio ("/20 chỉ tiêu")
        share = re.search(r"\b[Tt]rong\s+(?:tổng\s+số\s+)?(?P<den>\d+)\s+(?P<noun>chỉ tiêu|tiêu chí)\b[^.;:]{0,120}?"
                          r"\b(?:có|thì|đã có|đạt)\s+(?P<num>\d+)\s+(?P=noun)\b", sentence)
        for m in FIGURE.finditer(sentence):
            before = sentence[:m.start()]
            raw = m.group("num")
            rest = m.group("rest")
            if share and m.start() == share.start("den"):
                continue
            # "từ trên 54% … giảm xuống còn 36%", "có 44 hộ nghèo, đến nay còn 3": the first is the baseline
            if re.search(r"\btừ\s*(?:trên|hơn|gần|khoảng)?\s*$", before) and \
                    re.match(r"[^.;]{0,60}?\b(?:xuống|lên|còn)\b\s*(?:còn\s*)?(?:trên|hơn|gần|khoảng)?\s*\d",
                             sentence[m.end():]) or \
                    re.match(r"[^.;\d]{0,30},\s*(?:đến nay|nay|hiện nay)\s+(?:chỉ\s+)?còn\s*\d", sentence[m.end():]):
                continue
            if re.search(r"(?:cá nhân|tập thể)\s*$|\d\s+tỷ\s*$", before) or \
                    (re.search(r"\btừ\s*$", before) and re.match(r"[^.;]{0,30}\btrở lên", sentence[m.end():])):
                continue  # "tập thể Chi bộ 1 và cá nhân 04 đồng chí": those praised, not a result
            if m.group("den") is None and re.match(r"\s*[/-]\s*\d", sentence[m.end("num"):]):
                continue
            if re.fullmatch(r"(?:19|20)\d{2}", raw) and not rest.lstrip().startswith("%"):
                continue
            if NOT_FIGURE_BEFORE.search(QUALIFIERS.sub("", before).rstrip()) and not rest.lstrip().startswith("%") \
                    and not re.search(r"(?:đạt|được|trên|hơn|gần|ước|khoảng)\s*$", before) \
                    and not (m.group("den") and re.search(r"thứ\s*$", before)):
                continue
            # "06 xã đã được công nhận đạt chuẩn …": communes counted by what they achieved are a result
            counted = re.match(r"(?:xã|phường|thị trấn)\s+(?:(?:đã|đang)\s+)?(?:được\s+công nhận|đạt chuẩn|hoàn thiện|hoàn chỉnh|"
                               r"về đích)", rest.lstrip())
            if (NOT_FIGURE_AFTER.match(rest.lstrip()) and not counted and not m.group("den") and
                    (praise or not re.match(r"(?:tập thể|cá nhân)\b", rest.lstrip()))) or \
                    re.search(r"\b(?:(?<!tổng )số|lần thứ)\s*$", before):
                continue
            if re.match(r"\s*[-–]\s*\d{4}", rest) or re.match(r"\s*%\s*(?:tổng\s+)?số phiếu", rest):
                continue  # a span of years; a share of the votes (vote_share)
            bracket = before.rfind("(")
            if bracket > before.rfind(")") and re.match(r"\(\s*(?:[Nn]ghị quyết|NQ|[Kk]ế hoạch|KH|[Cc]hỉ tiêu|[Mm]ục tiêu)\b",
                                                          before[bracket:]):
                continue  # "tăng 11,44% (Nghị quyết tăng 6,5%)": the target beside the result
            if re.match(r"\s*tổ chức\s+(?:[Đđ]ại hội|[Hh]ội nghị|[Kk]ỳ họp|[Ll]ễ)\b", rest):
                continue  # "Chi bộ Trường Mầm non 3/2 tổ chức Đại hội": a name, then the verb
            # who attended is not a result: "với sự tham dự của 25 đại biểu", "32.000 đảng viên tham dự",
            # "Tham dự có 188 đại biểu chính thức, tiêu biểu cho 876 đảng viên"
            if re.search(r"(?:tham dự|có mặt)\s+của\s*(?:hơn|gần|trên)?\s*$|(?:[Tt]ham dự|[Dd]ự)\s+(?:(?:đại hội|hội nghị|kỳ họp)\s+)?có\s*$|"
                         r"(?:tiêu biểu|đại diện)\s+cho\s*(?:hơn|gần|trên)?\s*$|đến từ\s*$", before) or \
                    re.match(r"\s*\S+(?:\s+\S+)?\s+(?:tham dự|dự)\b(?!\s+(?:toán|kiến|án|thảo|báo|trù|phòng))", rest) or \
                    attendance:
                continue
            unit = figure_unit(rest, m.group("den") or (share.group("den") if share and m.start() == share.start("num")
                                                         else None))
            if not unit:
                continue
            if end == len(text) and re.fullmatch(rf"\s*{re.escape(unit)}", rest) and text[-1].isalnum():
                continue  # the text is cut inside this unit ("1,84 tỷ đồ"): the figure is not sure
            clause_start = max(before.rfind(c) for c in ",;:") + 1
            name = QUALIFIERS.sub("", before[clause_start:]).strip(" ,;:")
            name = re.sub(r"\s*(?:đạt|bằng|là|có)\s*$", "", name) or name
            comp = re.match(r"[^,;.]*?\b(so với [^,;.]+|kế hoạch năm|toàn (?:thành phố|tỉnh|huyện|quận))", rest +
                            sentence[m.end():m.end() + 60])
            value = parse_number(raw)
            more = re.match(r"\s*tỷ\s+(\d{1,3})\s+triệu\s+đồng", sentence[m.end():])
            if more:  # "563 tỷ 859 triệu đồng" is one sum
                value, unit = round(value + int(more.group(1)) / 1000, 3), "tỷ đồng"
            if any(o["value"] == value and o["unit"] == unit and _overlap(o["name"], name) >= 0.5 for o in out):
                continue  # a headline repeating a figure of the body
            out.append({"name": name, "value": value, "unit": unit,
                        "comparison": comp.group(1).strip() if comp else None})
    return out


# ---------------------------------------------------------------------------------------------- votes, awards
def find_resolution(text: str) -> tuple[bool | None, float | int | None]:
    """Whether the text reports the resolution passed, and the share of votes when stated."""
    passed = None
    for m in re.finditer(r"(?:biểu quyết|nhất trí|đã)?\s*thông qua\s+(?:\d+\s+)?(?:các\s+)?(?:dự thảo\s+)?(?:[Nn]ghị quyết|tờ trình)"
                         r"|đã ban hành\s+\d+\s+nghị quyết"
                         r"|tán thành\s+(?:thông qua\s+)?[Nn]ghị quyết|biểu quyết thông qua", text):
        before = text[max(0, m.start() - 30):m.start()]
        if re.search(r"\b(?:sẽ|dự kiến|để|nhằm|chuẩn bị)\s+(?:\w+,?\s+){0,3}$", before + " "):  # "sẽ xem xét, thông qua"
            continue
        if re.search(r"\bkhông\s*$", before):
            passed = False
            continue
        passed = True
        break
    share = None
    # (not "99,24% cử tri tán thành": the voters consulted on a merger, not the meeting's vote)
    m = re.search(r"(\d{1,3}(?:,\d+)?)\s*%(?!\s*cử tri)\s*(?:số\s+)?(?:đại biểu|phiếu)?[^.;]{0,30}?(?:tán thành|nhất trí|đồng ý)",
                  text) or re.search(r"(?:tán thành|nhất trí|đồng ý)[^.;]{0,30}?(?:đạt|với|tỷ lệ)\s*(\d{1,3}(?:,\d+)?)\s*%",
                                     text)
    m = m or re.search(r"(\d{1,3}(?:,\d+)?)\s*%\s*(?:tổng\s+)?số phiếu", text)
    if m:
        share = parse_number(m.group(1))
    return passed, share


AWARD_COUNT = r"\d+\s+(?:tập thể|cá nhân|[Đđ]ảng viên|chi bộ|đảng bộ|đơn vị|hộ gia đình|gia đình)"


def find_awards(text: str) -> list[dict]:
    """"khen thưởng 04 tập thể và 24 cá nhân", "Giấy khen của Chủ tịch UBND huyện cho …"."""
    out = []
    for start, end in sentences(text):
        sentence = text[start:end]
        if not re.search(r"khen thưởng|Giấy khen|Bằng khen|tặng|trao", sentence, re.IGNORECASE):
            continue
        form = re.search(r"(?i:giấy khen|bằng khen|cờ thi đua)(?:\s+của\s+[^,.;]+?)?(?=\s+(?:cho|tặng|đến)\b|[,.;]|$)|"
                         r"Huy hiệu\s+[^.;]{0,40}?(?:tuổi|năm tuổi)\s+[Đđ]ảng(?:\s+cho)?|(?i:huy hiệu)\s+Đảng\b", sentence)
        form_text = re.sub(r"\s+cho$", "", form.group()) if form else None
        counted = [m for m in re.finditer(rf"{AWARD_COUNT}(?:\s*(?:,|và)\s*(?:{AWARD_COUNT}|tập thể|cá nhân)\b)*"
                                          rf"(?:\s+(?!\d|(?:được|nhận|với|vì|tại|do)\b)"
                                          rf"(?:(?!\s(?:được|nhận|với|vì|tại|do)\b)[^,;.\n])*)?", sentence)
                   if _awarded(sentence, m)]
        for m in counted:
            # "29 tập thể, 72 cá nhân có thành tích xuất sắc trong …": the counts; the achievement is the reason
            recipient = re.split(r"\s+(?:đã\s+)?(?:có|vì)\s+thành tích\b", m.group())[0]
            out.append({"recipient": recipient.strip(), "form": form_text})
        praised = re.search(r"\b(?:biểu dương,\s*)?[Kk]hen thưởng\s+(?:cho\s+)?((?:các\s+)?(?:tập thể|cá nhân|tổ chức|chi bộ|"
                            r"đảng bộ|đơn vị)[^.;]*)", sentence)
        if not counted and not form and praised and not re.search(r"\b(?:được|cùng)\s+(?:khen thưởng\s+)?(?:cùng\s+)?tham dự",
                                                                    sentence):
            recipient = praised.group(1).split(";")[0].strip(" ,.")
            # a caption and the body name one award twice ("các tổ chức cơ sở Đảng …", "các tổ chức, cá nhân …")
            if not any(_overlap(recipient, a["recipient"]) >= 0.5 or
                       re.findall(r"\w+", recipient)[:2] == re.findall(r"\w+", a["recipient"])[:2] for a in out):
                out.append({"recipient": recipient, "form": None})
        if not counted and form:
            named = re.match(r"[^,.;:]{0,20}?\bcho\s+(?:các\s+)?(?:đồng chí|đảng viên|ông|bà)\s*:?\s*", sentence[form.end() - 4:])
            named_at = form.end() - 4
            people = [n for n in _recipients(sentence[named_at + named.end():])] if named else []
            for person in people:  # "trao Huy hiệu 30 năm tuổi Đảng cho các đồng chí: Sùng Mí Thề, …; Tống Đức Bách, …"
                if not any(a["recipient"] == person for a in out):
                    out.append({"recipient": person, "form": form_text})
            # "trao Cờ thi đua cho các tập thể có thành tích xuất sắc …", "trao bằng khen đến các tập thể …"
            given = re.search(r"\b(?:cho|tặng|đến)\s+((?:các\s+|\d+\s+)?(?:tập thể|cá nhân|đơn vị|chi bộ|đảng bộ|đồng chí)"
                              r"[^.;\n]*)", sentence[form.end() - 4:])
            if given and not people:
                recipient = re.split(r",\s*(?:đồng thời|sau đó)\b", given.group(1))[0].strip(" ,.")
                if not any(_overlap(recipient, a["recipient"]) >= 0.5 for a in out):
                    out.append({"recipient": recipient, "form": form_text})
    return out


AWARD_WORD = re.compile(r"(?i:khen thưởng|giấy khen|bằng khen|tặng thưởng|cờ thi đua|tặng|trao)|Huy hiệu|"
                        r"huy hiệu\s+(?:\d+\s+(?:năm\s+)?tuổi\s+)?[Đđ]ảng")


def _awarded(sentence: str, count: re.Match) -> bool:
    """A count of those awarded: after an award word of its clause ("trao giấy khen cho 03 chi bộ"), or itself
    "được khen thưởng/tặng/trao" – not "kết nạp 13 đảng viên mới, … trao Huy hiệu Đảng cho 89 đồng chí"."""
    clause = sentence[:count.start()].split(";")[-1]
    clause = re.split(r",\s*(?:đồng thời|sau đó)\b", clause)[-1]
    return bool(AWARD_WORD.search(clause)) or bool(
        re.match(r"\s*(?:đã\s+)?được\s+(?:\w+\s+){0,2}?(?:khen|tặng|trao|biểu dương|tuyên dương)",
                 sentence[count.end():]))


def _recipients(text: str) -> list[str]:
    """The people a list of recipients names ("Sùng Mí Thề, Chi bộ Văn phòng UBND huyện; Tống Đức Bách, …")."""
    names = []
    for item in re.split(r"\s*;\s*|\s+và\s+", text):
        run = CAP_RUN.match(item.strip())
        if run and 2 <= len(run.group().split()) <= 4 and run.group() not in NOT_NAMES:
            names.append(run.group())
    return names


def _overlap(a: str, b: str) -> float:
    """Share of words two phrases have in common (to tell a repeated caption from a second award)."""
    wa, wb = a.lower().split(), b.lower().split()
    common = len(set(wa) & set(wb))
    return 2 * common / (len(set(wa)) + len(set(wb))) if wa and wb else 0.0


# ---------------------------------------------------------------------------------------------- main
def event_date(text: str, event: re.Match | None, url: str | None, period: str | None) -> str | None:
    """The meeting's day from the body, its year from the body, the date line, or the URL (a four-digit year,
    or "yymmdd" holding the very day: "…-196250814142917013.htm" for 14-8 → 2025). A review of a year held in
    its first quarter is in the next year ("Ngày 21-1 … tổng kết năm 2025" → 2026)."""
    dates = find_dates(text)
    body_dates = [d for d in dates if not d.dateline and d.day]
    chosen = None
    for d in body_dates:
        before = text[max(0, d.start - 25):d.start]
        if DATE_CUE.search(before) and not re.search(r"(?:đến|tới|trước|sau)\s+(?:hết\s+)?ngày\s*$", before) and \
                not re.search(r"\d+[-/][A-ZĐ][\w/-]*\s*,?\s*(?:ngày|NGÀY)\s*$", before):
            chosen = d
            break
    if chosen is None:
        return None
    if chosen.year is not None:
        return iso_or_partial(chosen.day, chosen.month, chosen.year, chosen.written)
    year = None
    if period:
        y = re.search(r"\d{4}", period)
        year = int(y.group()) if y and "nhiệm kỳ" not in period else None
        if year is not None and period.startswith("năm") and chosen.month <= 3:
            year += 1
    if year is None:
        for s, e in sentences(text):
            if s <= chosen.start < e:
                sentence = TERM_YEARS.sub(" ", text[s:e])
                sentence = re.sub(r"giai đoạn\s*\d{4}\s*[-–]\s*\d{4}|đến năm \d{4}", " ", sentence)
                y = re.search(r"năm\s+(\d{4})", sentence)
                year = int(y.group(1)) if y else None
                break
    if year is None:  # "Chiều ngày 14/10 …" and later "từ ngày 14 đến 16 tháng 10 năm 2020": the same days
        again = [d for d in body_dates if d.year and d.month == chosen.month and abs(d.day - chosen.day) <= 3]
        year = again[0].year if again else None
    if year is None:
        lines = [d for d in dates if d.dateline and d.year]
        if lines:
            line = lines[0]
            year = line.year - 1 if line.month and chosen.month > line.month + 1 else line.year
    if year is None:  # "… báo cáo … 6 tháng đầu năm 2017": the period the report names gives the year
        named = None
        for found in PERIOD.finditer(text):
            if found.group("y"):
                named = found
                break
        year = int(named.group("y")) if named else None
    if year is None and url:
        same_day = re.search(rf"(?<!\d)\d{{3}}([1-3]\d){chosen.month:02d}{chosen.day:02d}\d{{6}}", url)
        year = 2000 + int(same_day.group(1)) if same_day else None
    if year is None:
        year = year_from_url(url, opens_term=bool(event) and event.group().lower().startswith("đại hội"))
    written = re.sub(r"^\D+", "", chosen.written)
    return iso_or_partial(chosen.day, chosen.month, year, written)


def extract_report(text: str) -> dict:
    """The conference record drawn from one report (see the module docstring for the conventions)."""
    if text is None or not text.strip():
        raise NotAReport("Văn bản trống.")
    url, body = split_source(normalize_text(text))
    body = clean_body(body)
    named_by_address = bool(url and re.search(r"(?:hoi-nghi|dai-hoi|ky-hop)-[a-z0-9-]*(?:dang|huyen-uy|tinh-uy|thanh-uy|"
                                              r"quan-uy|thi-uy|hdnd|hoi-dong-nhan-dan)", url))
    if not body or not (is_conference_report(body) or named_by_address and PARTY_WORDS.search(body)):
        raise NotAReport("Không tìm thấy hội nghị, đại hội hay kỳ họp nào trong văn bản.")
    event = find_event(body)
    ordinal = find_ordinal(body, event)
    if ordinal is None and url and (event is None or event.group().lower().startswith("hội nghị")):
        numbered = re.search(r"hoi-nghi-[a-z0-9-]*?lan-thu-(\d{1,3})(?!\d)", url)  # "…/hoi-nghi-…-lan-thu-12-post…"
        ordinal = int(numbered.group(1)) if numbered else None
    kind_word = event.group().lower() if event else ""
    period = find_period(body, event, "congress" if kind_word.startswith("đại hội") else None)
    kind = find_kind(body, event, ordinal, period)
    chair, attendees = find_people(body)
    org = choose_org(body, event, url, [t for person in chair for t in person["titles"]]) or org_from_url(url)
    term, term_years = find_term(body, event, org)
    if term is None and url and (named := re.search(r"(?:hoi-nghi|ky-hop|dai-hoi)-[a-z0-9-]*?-khoa-([ivxlc]+)(?:-|$)",
                                                    url.lower())):
        term = f"khóa {named.group(1).upper()}"  # "…/hoi-nghi-…-lan-thu-19-khoa-xvii": the address names the term
    if term_years is None:
        term_years = find_term_years(body, event)
    if term_years is None and url:  # "…/ky-hop-…-khoa-xx-nhiem-ky-2021-2026?…": the address names the term
        years = re.search(r"nhiem-ky-((?:19|20)\d{2})-((?:19|20)\d{2})", url)
        term_years = f"{years.group(1)}-{years.group(2)}" if years else None
    tasks, task_sentences = find_tasks(body)
    passed, share = find_resolution(body)
    awards = find_awards(body)
    # a person named only as the one an award went to is its recipient, not an attendee
    recipients = {a["recipient"] for a in awards}
    attendees = [a for a in attendees if a["titles"] or a["name"] not in recipients]
    return {
        "organization": org.name if org else None,
        "level": level_of(org),
        "conference_kind": kind,
        "ordinal": ordinal,
        "term": term,
        "term_years": term_years,
        "event_date": event_date(body, event, url, period),
        "period_reviewed": period,
        "chair": chair,
        "attendees": attendees,
        "indicators": find_indicators(body, task_sentences),
        "resolution_passed": passed,
        "vote_share": share,
        "tasks": tasks,
        "awards": awards,
    }
