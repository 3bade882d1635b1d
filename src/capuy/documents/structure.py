"""The structure of a document's text: headings, numbered items, bullets and paragraphs.

A document's ``content`` holds one paragraph a line. Text copied from a conference's draft arrives with the
marks of a draft (a "DỰ THẢO" line, "Dự thảo" before the title, ``#`` headings, ``**bold**``) and is often
broken at the end of screen lines; ``draft_lines`` turns it into clean lines, ``blocks`` tells each line's
kind so the page and the DOCX lay out headings, numbered items and paragraphs as Hướng dẫn 36-HD/VPTW does
(section headings in bold, items and paragraphs indented at the first line).
"""

import re
from dataclasses import dataclass

# "I.", "II.", … (a section), "1.", "1.2.", "a)", "b." (an item), "-", "–", "+", "•" (a bullet).
ROMAN = re.compile(r"^(?=[IVXLC]+[.)]\s)[IVXLC]+[.)]\s+\S")
NUMBERED = re.compile(r"^(\d+(\.\d+)*[.)]|[a-zđ][.)])\s+\S")
BULLET = re.compile(r"^[-–+•*]\s+(?=\S)")
# The marks of a draft: a line saying it is a draft, or "Dự thảo" before a title ("Dự thảo Nghị quyết …").
DRAFT_LINE = re.compile(r"^\(?\s*(DỰ THẢO|Dự thảo)(\s+(lần|phiên bản)\s+\S+)?\s*\)?[.:]?$", re.IGNORECASE)
DRAFT_PREFIX = re.compile(r"^(\(?dự thảo\)?[\s:–-]+)+(?=\S)", re.IGNORECASE)
MARKUP_HEADING = re.compile(r"^#{1,6}\s*")
EMPHASIS = re.compile(r"(\*\*|__)(.+?)\1|(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])")
SENTENCE_END = (".", ":", ";", "!", "?", "…", "\"", "”", ")")


@dataclass(frozen=True)
class Block:
    kind: str  # "heading" (centred, bold: "QUYẾT NGHỊ:"), "section" ("I. …", bold), "item", "bullet", "paragraph"
    text: str


def _plain(line: str) -> str:
    line = MARKUP_HEADING.sub("", line.strip())
    line = EMPHASIS.sub(lambda m: m.group(2) or m.group(3), line)
    return " ".join(line.split())


def _is_title_line(line: str) -> bool:
    """A line in capitals that is not a numbered section ("NGHỊ QUYẾT", "QUYẾT NGHỊ:")."""
    letters = [c for c in line if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters) and not ROMAN.match(line)


def draft_lines(text: str, drop_titles=()) -> list[str]:
    """The lines of a draft's text, ready to be a document's content.

    Draft marks and markup are removed; a heading (``#``), a numbered item or a bullet starts a new line; a
    line broken inside a sentence (no closing punctuation, the next one starting in lower case) is joined to
    the next. When ``drop_titles`` is given (the document's own type and title, printed by the layout already),
    leading lines equal to one of them, or marked "Dự thảo …" (the draft's title), are dropped."""
    titles = {DRAFT_PREFIX.sub("", " ".join(t.split())).casefold().rstrip(":") for t in drop_titles if t}
    out: list[str] = []
    joinable = False
    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        stripped = raw.strip()
        if not stripped:
            joinable = False
            continue
        heading = stripped.startswith("#")
        line = _plain(stripped)
        if not line or DRAFT_LINE.match(line) or set(line) <= set("-–_*=. "):
            joinable = False
            continue
        titled = False
        if heading or not out:  # "Dự thảo" before a title; in the body it is a word of the text
            titled = bool(DRAFT_PREFIX.match(line))
            line = DRAFT_PREFIX.sub("", line)
            line = line[0].upper() + line[1:]
        if not out and titles and (titled or line.casefold().rstrip(":") in titles):
            continue  # the draft's own title: the document prints its type and title itself
        starts_block = heading or ROMAN.match(line) or NUMBERED.match(line) or BULLET.match(line)
        if joinable and not starts_block and line[0].islower():
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
        joinable = not heading and not out[-1].endswith(SENTENCE_END) and not _is_title_line(out[-1])
    return out


def classify(line: str) -> Block:
    line = " ".join(line.split())
    if ROMAN.match(line):
        return Block("section", line)
    if NUMBERED.match(line):
        return Block("item", line)
    if BULLET.match(line):
        return Block("bullet", line)
    if _is_title_line(line) and len(line) <= 80:
        return Block("heading", line)
    return Block("paragraph", line)


def blocks(lines) -> list[Block]:
    return [classify(line) for line in lines if line.strip()]
