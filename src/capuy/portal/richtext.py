"""The article body: a small, safe subset of HTML, sanitized with nh3.

Allowed: headings (h2–h4; the page title is the only h1), paragraphs, line breaks, emphasis, lists,
quotes, tables, links (http, https, mailto and site-relative) and images with captions (figure, img,
figcaption). Scripts, styles, event handlers and ``javascript:`` links are removed with their content.
"""

from html.parser import HTMLParser

import nh3

TAGS = {
    "h2", "h3", "h4", "p", "br", "strong", "em", "b", "i", "u", "s", "sub", "sup", "ul", "ol", "li",
    "blockquote", "a", "figure", "figcaption", "img", "table", "thead", "tbody", "tr", "th", "td", "caption",
}
ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height"},
    "th": {"colspan", "rowspan", "scope"},
    "td": {"colspan", "rowspan"},
    "ol": {"start"},
}
CLEAN_CONTENT = {"script", "style", "iframe", "object", "embed", "noscript", "template"}


def clean_body(html: str) -> str:
    """Sanitize an article body; safe to call repeatedly."""
    if not html:
        return ""
    return nh3.clean(
        html, tags=TAGS, attributes=ATTRIBUTES, clean_content_tags=CLEAN_CONTENT,
        url_schemes={"http", "https", "mailto"}, link_rel="noopener noreferrer",
    ).strip()


class _Reader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.text, self.missing_alt = [], 0

    def handle_starttag(self, tag, attrs):
        if tag == "img" and not (dict(attrs).get("alt") or "").strip():
            self.missing_alt += 1
        if tag in {"p", "br", "li", "h2", "h3", "h4", "figcaption", "td", "th"}:
            self.text.append(" ")

    def handle_data(self, data):
        self.text.append(data)


def _read(html: str) -> _Reader:
    reader = _Reader()
    reader.feed(html or "")
    reader.close()
    return reader


def plain_text(html: str) -> str:
    return " ".join("".join(_read(html).text).split())


def images_without_alt(html: str) -> int:
    """How many images lack a text alternative (WCAG 1.1.1)."""
    return _read(html).missing_alt


def paragraphs_to_html(text: str) -> str:
    """Plain text with blank-line paragraphs (as in the sample articles) to sanitized HTML."""
    from django.utils.html import escape

    blocks = [" ".join(b.split()) for b in text.replace("\r\n", "\n").split("\n\n")]
    return clean_body("".join(f"<p>{escape(b)}</p>" for b in blocks if b))
