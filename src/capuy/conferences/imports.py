"""Turning a conference report into a record (issue 13, part 2): what the page and the API share before the
clerk confirms. Nothing here writes; the writes are ``actions.import_report`` and ``actions.undo_import``.

- ``read_upload``: a .txt, .html or .docx report as text (through ``capuy.core.uploads.check``; HTML is
  reduced to its text by a parser that never renders it; DOCX text read with python-docx).
- ``shown_text`` and ``marks``: the text as the extractor read it, and where each extracted value was found
  in it (computed here, so the page only escapes and wraps each span in ``<mark>``).
- ``match_organization``, ``person_candidates``, ``match_people``, ``indicator_candidates``: what an import
  would match, for the clerk to check before confirming.
"""

from __future__ import annotations

import dataclasses
import datetime
import re
from html.parser import HTMLParser

from django.core.exceptions import ValidationError

from capuy.conferences import extraction
from capuy.core import uploads, vietnamese

REPORT_FILES = uploads.Accepts(("txt", "html", "docx"), max_mb=5)
MAX_REPORT_CHARACTERS = 200_000
MAX_REPORTS_AT_ONCE = 50
EMPTY_MESSAGE = "Chưa có nội dung bản tin: hãy dán văn bản hoặc chọn tệp."
NOT_A_REPORT_MESSAGE = ("Văn bản này không phải bản tin về một hội nghị của cấp ủy (không tìm thấy hội nghị, "
                        "đại hội hay kỳ họp nào); không có gì được tạo.")


# ---------------------------------------------------------------------------------------------------- reading
class _TextOfHtml(HTMLParser):
    """The visible text of an HTML page, one line per block; scripts, styles and the head are dropped."""

    SKIP = {"script", "style", "head", "noscript", "template", "svg", "iframe", "object"}
    BLOCKS = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "table",
              "ul", "ol", "blockquote", "header", "footer", "figcaption", "title"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0
        self.url = ""

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta" and attrs.get("property") == "og:url" and not self.url:
            self.url = attrs.get("content") or ""
        if tag == "link" and (attrs.get("rel") or "").lower() == "canonical" and not self.url:
            self.url = attrs.get("href") or ""
        if tag in self.SKIP:
            self.skipping += 1
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in self.SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(data)


def html_text(html: str) -> tuple[str, str]:
    """(text, address the page gives for itself) of an HTML document; the markup is never rendered."""
    parser = _TextOfHtml()
    parser.feed(html)
    parser.close()
    text = "".join(parser.parts)
    lines = [" ".join(line.split()) for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip(), parser.url.strip()


def _decode(data: bytes, name: str) -> str:
    try:
        text = data.decode("utf-16" if data[:2] in uploads.UTF16_MARKS else "utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationError(f"Tệp “{name}” không phải văn bản (UTF-8 hoặc Unicode); hãy lưu lại dưới dạng "
                              "UTF-8 hoặc dán nội dung vào ô văn bản.") from None
    if "\x00" in text:
        raise ValidationError(f"Tệp “{name}” không phải văn bản.")
    return text


def _docx_text(uploaded) -> str:
    import docx

    try:
        document = docx.Document(uploaded)
    except Exception as exc:  # a damaged archive that still looks like a DOCX
        raise ValidationError(f"Không đọc được tệp DOCX “{uploaded.name}”.") from exc
    finally:
        uploaded.seek(0)
    return "\n".join(" ".join(p.text.split()) for p in document.paragraphs)


def read_upload(uploaded) -> tuple[str, str]:
    """(text, source address) of one uploaded report; a Vietnamese ``ValidationError`` for any other file."""
    kind = uploads.check(uploaded, REPORT_FILES)
    url = ""
    if kind == "docx":
        text = _docx_text(uploaded)
    else:
        text = _decode(uploaded.read(), uploaded.name)
        uploaded.seek(0)
        if kind == "html":
            text, url = html_text(text)
    return check_text(text, uploaded.name), url


def check_text(text: str, name: str = "") -> str:
    """The text, or a refusal when it is empty or too long to be a report."""
    text = (text or "").replace("\x00", "")
    where = f" “{name}”" if name else ""
    if not text.strip():
        raise ValidationError({"text": f"Tệp{where} không có nội dung." if name else EMPTY_MESSAGE})
    if len(text) > MAX_REPORT_CHARACTERS:
        raise ValidationError({"text": f"Bản tin{where} dài quá {vietnamese.number(MAX_REPORT_CHARACTERS)} ký tự."})
    return text


def extract(text: str) -> dict:
    """The extractor's record, or a Vietnamese ``ValidationError`` for an empty text or one that is no report."""
    check_text(text)
    try:
        return extraction.extract_report(text)
    except extraction.NotAReport:
        raise ValidationError({"text": NOT_A_REPORT_MESSAGE}) from None


# ---------------------------------------------------------------------------------------------------- marks
def shown_text(source: str) -> tuple[str | None, str]:
    """(address in a first ``URL:`` line, the text as the extractor reads it): values are found in the latter."""
    url, body = extraction.split_source(extraction.normalize_text(source or ""))
    return url, extraction.clean_body(body)


@dataclasses.dataclass
class Mark:
    start: int
    end: int
    field: str  # form field it belongs to ("organization", "person-0-name", "figure-2-value" …)
    label: str  # Vietnamese, shown as the mark's title

    @property
    def anchor(self) -> str:
        return f"thay-{self.field}"


def _pattern(value: str) -> str:
    return r"\s+".join(re.escape(word) for word in value.split())


def _find(text: str, value, start: int = 0) -> tuple[int, int] | None:
    if value in (None, "") or not str(value).strip():
        return None
    m = re.compile(_pattern(str(value)), re.IGNORECASE).search(text, start)
    return (m.start(), m.end()) if m else None


def _number_forms(value) -> list[str]:
    if isinstance(value, bool) or value is None:
        return []
    forms = {str(value), vietnamese.number(value)}
    if isinstance(value, float):
        forms.add(str(value).replace(".", ","))
    return sorted(forms, key=len, reverse=True)


def _find_number(text: str, value, start: int, limit: int = 200) -> tuple[int, int] | None:
    window = text[start:start + limit]
    for form in _number_forms(value):
        m = re.search(rf"(?<![\d.,]){re.escape(form)}(?![\d]|[.,]\d)", window)
        if m:
            return start + m.start(), start + m.end()
    return None


def _find_date(text: str, iso) -> tuple[int, int] | None:
    if not iso or not isinstance(iso, str):
        return None
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", iso)
    if not m:
        return _find(text, iso)
    day, month = int(m.group(3)), int(m.group(2))
    found = re.search(rf"(?<!\d)0?{day}\s*[/.-]\s*0?{month}(?:\s*[/.-]\s*\d{{4}})?(?!\d)|"
                      rf"(?<![\d/])0?{day}\s+(?:và|,|-|–)\s+\d{{1,2}}\s*/\s*0?{month}(?!\d)|"
                      rf"ngày\s+0?{day}\s+tháng\s+0?{month}(?:\s+năm\s+\d{{4}})?", text, re.IGNORECASE)
    return (found.start(), found.end()) if found else None


def session_of(source: str, iso) -> str:
    """The part of the day the report gives just before the meeting's date ("Sáng 5/10", "chiều ngày 30/9"):
    "morning", "afternoon", "full_day" ("cả ngày"), or "" when it says none (never a default)."""
    _, text = shown_text(source)
    span = _find_date(text, iso)
    if not span:
        return ""
    before = text[max(0, span[0] - 20):span[0]].lower()
    for word, session in (("cả ngày", "full_day"), ("sáng", "morning"), ("chiều", "afternoon")):
        if re.search(rf"{word}(?:\s+(?:thứ\s+\S+|ngày|nay|qua))*[\s,]*$", before):
            return session
    return ""


def _find_ordinal(text: str, ordinal) -> tuple[int, int] | None:
    if not isinstance(ordinal, int):
        return None
    for m in re.finditer(rf"(?:lần|[Kk]ỳ họp|[Đđ]ại hội)\s+(?:thứ\s+)?({extraction.ORDINAL_TOKEN})", text):
        if extraction.parse_ordinal(m.group(1)) == ordinal:
            return m.start(), m.end()
    return None


def marks(text: str, record: dict) -> list[Mark]:
    """Where each value of ``record`` (the keys of LABELS.md) was found in ``text``, without overlaps."""
    found: list[Mark] = []

    def add(span, field, label):
        if span:
            found.append(Mark(span[0], span[1], field, label))

    org = record.get("organization")
    # as written; else without "Ban Chấp hành"; else where its place is named (the name came from elsewhere)
    add(_find(text, org) or _find(text, re.sub(r"^Ban (?:Chấp hành|Thường vụ)\s+", "", org or "")) or
        _find(text, " ".join((org or "").split()[-2:]) if len((org or "").split()) > 2 else ""),
        "organization", "Tổ chức")
    add(_find_ordinal(text, record.get("ordinal")), "ordinal", "Lần thứ")
    add(_find(text, record.get("term")), "term", "Khóa")
    years = record.get("term_years")
    if years and re.fullmatch(r"\d{4}-\d{4}", years):
        a, b = years.split("-")
        m = re.search(rf"{a}\s*[-–]\s*{b}", text)
        add((m.start(), m.end()) if m else None, "term_years", "Nhiệm kỳ")
    add(_find_date(text, record.get("event_date")), "event_date", "Ngày họp")
    add(_find(text, record.get("period_reviewed")), "period_reviewed", "Kỳ đánh giá")
    for i, person in enumerate(people_of(record)):
        span = _find(text, person["name"])
        add(span, f"person-{i}-name", "Chủ trì" if person["chair"] else "Đại biểu")
        after = span[1] if span else 0
        for title in person["titles"]:
            add(_find(text, title, after) or _find(text, title), f"person-{i}-titles", "Chức danh")
    for i, figure in enumerate(record.get("indicators") or []):
        span = _find(text, figure.get("name"))
        add(span, f"figure-{i}-name", "Chỉ tiêu")
        add(_find_number(text, figure.get("value"), span[1] if span else 0, 200 if span else len(text)),
            f"figure-{i}-value", "Số liệu")
    for i, task in enumerate(record.get("tasks") or []):
        add(_find(text, task), f"task-{i}", "Nhiệm vụ")
    for i, award in enumerate(record.get("awards") or []):
        add(_find(text, award.get("form")), f"award-{i}-form", "Khen thưởng")
        add(_find(text, award.get("recipient")), f"award-{i}-recipient", "Khen thưởng")
    found.sort(key=lambda mark: (mark.start, -(mark.end - mark.start)))
    kept: list[Mark] = []
    for mark in found:
        if not kept or mark.start >= kept[-1].end:
            kept.append(mark)
    return kept


_GIVER = re.compile(r"(?:^|[.;:,]\s*)(?P<giver>[^.;:,\n]{2,80}?)\s+(?:đã\s+)?(?:trao tặng|tặng|trao|khen thưởng)\s+"
                    r"(?P<form>bằng khen|giấy khen|huy hiệu|cờ thi đua|kỷ niệm chương)", re.IGNORECASE)


def award_issuer(award: dict, source: str, committee: str = "") -> str:
    """Who gave an award, as far as the report says: the issuer written, "Giấy khen của <issuer>", or the giver of
    the sentence ("Dịp này, Quận ủy tặng Giấy khen cho …"; a bare committee word such as "Quận ủy" is the
    importing ``committee``, "Quận ủy Tây Hồ"). Else "": the clerk fills it in, nothing is assumed."""
    issuer = " ".join(str(award.get("issuer") or "").split())
    form = " ".join(str(award.get("form") or "").split())
    if issuer:
        return issuer
    if of := re.search(r"\bcủa\s+(.+)$", form):
        return of.group(1)
    for found in _GIVER.finditer(source or ""):
        if form and not form.lower().startswith(found["form"].lower()):
            continue
        giver = found["giver"].strip()
        if committee and committee.lower().startswith(giver.lower()):
            return committee
        return giver
    return ""


def segments(text: str, found: list[Mark]) -> list[tuple[str, Mark | None]]:
    """The text cut into plain pieces and marked pieces, in order (the template escapes each piece)."""
    out, at = [], 0
    for mark in found:
        if mark.start > at:
            out.append((text[at:mark.start], None))
        out.append((text[mark.start:mark.end], mark))
        at = mark.end
    if at < len(text):
        out.append((text[at:], None))
    return out


def people_of(record: dict) -> list[dict]:
    """Chairs then other attendees, each ``{"name", "titles", "chair"}``."""
    people = []
    for chair, key in ((True, "chair"), (False, "attendees")):
        for person in record.get(key) or []:
            if isinstance(person, dict) and str(person.get("name") or "").strip():
                people.append({"name": vietnamese.normalize_name(str(person["name"])),
                               "titles": [str(t) for t in person.get("titles") or [] if str(t).strip()],
                               "chair": chair})
    return people


# ---------------------------------------------------------------------------------------------------- matching
_COMMITTEE_WORDS = [("thành ủy", "đảng bộ thành phố"), ("tỉnh ủy", "đảng bộ tỉnh"), ("quận ủy", "đảng bộ quận"),
                    ("huyện ủy", "đảng bộ huyện"), ("thị ủy", "đảng bộ thị xã"), ("đảng ủy", "đảng bộ"),
                    ("chi ủy", "chi bộ")]


def organization_key(name: str) -> str:
    """One spelling for the ways a report names an organization: "Ban Chấp hành Đảng bộ quận Tây Hồ",
    "Quận ủy Tây Hồ" and "Đảng bộ quận Tây Hồ" give the same key."""
    text = " ".join(extraction.normalize_text(name or "").lower().split())
    text = re.sub(r"^(?:ban chấp hành|ban thường vụ|bch|btv|thường trực)\s+", "", text)
    for committee, organization in _COMMITTEE_WORDS:
        if text.startswith(committee):
            text = organization + text[len(committee):]
            break
    text = re.sub(r"\b(?:tp\.?|thành phố)\s+", "thành phố ", text)
    return vietnamese.search_key(text)


def match_organization(user, name: str):
    """(organization the clerk's office manages that the report names, organization named outside the clerk's
    subtree). At most one of them is set; both None when no organization has that name."""
    from capuy.accounts import permissions
    from capuy.organizations.models import Organization

    key = organization_key(name)
    if not key:
        return None, None
    place = " ".join(key.split()[-2:])
    candidates = [o for o in Organization.objects.filter(search_text__contains=place)
                  if key in (organization_key(o.name), organization_key(o.committee_name or o.name))]
    if not candidates:
        return None, None
    managed = [o for o in candidates if permissions.can_manage(user, o)]
    if managed:
        return managed[0], None
    return None, candidates[0]


def _title_keys(titles) -> set[str]:
    return {vietnamese.search_key(extraction.normalize_text(t)) for t in titles if t}


def person_candidates(user, name: str):
    """People the clerk may read whose name is written exactly ``name``."""
    from capuy.accounts import permissions

    name = vietnamese.normalize_name(name)
    rows = permissions.visible_people(user).filter(search_text=vietnamese.search_key(name)).prefetch_related("titles")
    return [p for p in rows if p.full_name == name]


def titles_agree(person, titles) -> bool:
    """Some title the person holds or held is one the report gives (a report may write fewer words)."""
    theirs = _title_keys(t.name for t in person.titles.all())
    ours = _title_keys(titles)
    return any(a == b or (a and b and (a in b or b in a)) for a in theirs for b in ours)


@dataclasses.dataclass
class PersonMatch:
    name: str
    titles: list[str]
    chair: bool
    candidates: list
    match: object | None  # the one person agreeing in name and title, else None

    @property
    def ambiguous(self) -> bool:
        """Someone of that name exists but not exactly one agreeing in title: the clerk must choose."""
        return bool(self.candidates) and self.match is None


def match_people(user, record: dict) -> list[PersonMatch]:
    """Each chair and attendee of ``record`` with the people of the same name, and the sure match if any.

    Rule (issue 13): a person is matched only by name AND title, to exactly one readable person; any other
    person of the same name makes the match the clerk's choice, never a silent merge."""
    out = []
    for person in people_of(record):
        candidates = person_candidates(user, person["name"])
        agreeing = [c for c in candidates if titles_agree(c, person["titles"])]
        out.append(PersonMatch(person["name"], person["titles"], person["chair"], candidates,
                               agreeing[0] if len(agreeing) == 1 and len(candidates) == 1 else None))
    return out


# A figure named only by how it compares ("đạt", "tăng", "chiếm", "đạt kế hoạch"): a share of the figure before it.
RELATIVE_FIGURE = re.compile(r"(?i)^(?:đạt|tăng|giảm|chiếm|bằng|vượt)(?:\s+\S+){0,3}$")


def figure_names(figures: list[dict]) -> list[str]:
    """The name each figure is filed under: its own, or for a share of the figure before it ("thu ngân sách 520 tỷ
    đồng, đạt 62,28% so Nghị quyết") that figure's name with its own ("Thu ngân sách – đạt"); alone, "đạt" would
    name, and gather, every such share of every report."""
    names = [" ".join(str(f.get("name") or "").split()) for f in figures]
    return [f"{names[i - 1]} – {name}" if RELATIVE_FIGURE.match(name) and i and names[i - 1] else name
            for i, name in enumerate(names)]


def figure_candidates(figures: list[dict]) -> list[list]:
    """For each figure, the indicators it may be filed under (``indicator_candidates`` of its ``figure_names``)."""
    return [indicator_candidates(name, str(f.get("unit") or "")) for name, f in zip(figure_names(figures), figures,
                                                                                     strict=True)]


def indicator_candidates(name: str, unit: str):
    """Indicators of the same unit whose name or report name is the figure's name (without diacritics)."""
    from capuy.targets.models import Indicator

    key = vietnamese.search_key(name)
    unit_key = vietnamese.search_key(unit)
    found = []
    for indicator in Indicator.objects.all().only("pk", "code", "name", "report_name", "unit"):
        if vietnamese.search_key(indicator.unit) != unit_key:
            continue
        names = {vietnamese.search_key(indicator.name), vietnamese.search_key(indicator.report_name)} - {""}
        if key in names or any(n in key for n in names if len(n) > 8):
            found.append(indicator)
    return found


# ---------------------------------------------------------------------------------------------------- periods
_ROMAN_QUARTERS = {"i": 1, "ii": 2, "iii": 3, "iv": 4}


def period_of(text: str) -> tuple[str, int, int] | None:
    """(kind, year, number) of the targets app's reporting period a report reviews ("9 tháng năm 2023" →
    ("9m", 2023, 0)); None when the text names no period figures can be filed under."""
    if not text:
        return None
    lowered = text.lower()
    year = re.search(r"(?<!\d)(19|20)\d{2}(?!\d)", lowered)
    if not year or "nhiệm kỳ" in lowered:
        return None
    year = int(year.group())
    if re.search(r"\b6 tháng|sáu tháng", lowered):
        return "6m", year, 0
    if re.search(r"\b9 tháng|chín tháng", lowered):
        return "9m", year, 0
    quarter = re.search(r"quý\s+(iv|iii|ii|i|[1-4])\b", lowered)
    if quarter:
        q = quarter.group(1)
        return "quarter", year, int(q) if q.isdigit() else _ROMAN_QUARTERS[q]
    month = re.search(r"tháng\s+(\d{1,2})\b", lowered)
    if month and 1 <= int(month.group(1)) <= 12:
        return "month", year, int(month.group(1))
    if re.search(r"\bnăm\s+\d{4}", lowered):
        return "year", year, 0
    return None


def parse_date(value) -> datetime.date | None:
    """A whole date: ISO ("2026-03-20", as the extractor writes it) or as a clerk types it, day first ("20/3/2026",
    "20-03-2026", "20.3.2026"); None for anything else, a date without its year included."""
    if isinstance(value, datetime.date):
        return value
    if not isinstance(value, str):
        return None
    value = value.strip()
    iso = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", value)
    typed = re.fullmatch(r"(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})", value)
    try:
        if iso:
            return datetime.date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))
        if typed:
            return datetime.date(int(typed.group(3)), int(typed.group(2)), int(typed.group(1)))
    except ValueError:
        return None
    return None
