"""A first news draft written from the record of a closed conference, in the style of the sample articles.

The draft says who held which conference, when and where; who chaired and who attended (with their titles);
what was reported (with the figures of the targets app for the reviewed period when there are any); who gave
directions; the contributions; what was voted and passed; the conclusion; commendations. It is saved as a
draft of the conference's organization: the office edits it, submits it, and it is published after review.
"""

import re

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.html import escape

from capuy.core import vietnamese
from capuy.portal.models import Article, Category, Tag

NEWS_CATEGORY = "Tin tức sự kiện"
MEMBERS_LISTED = 15  # above this, members present are counted rather than named


# A word group said twice in a row ("thông qua thông qua") is a seam between two pieces of the record; single
# syllables are left alone (Vietnamese doubles them on purpose: "dần dần", "ngày ngày").
REPEATED_WORDS = re.compile(r"(?<!\w)(\w+(?:\s+\w+){1,3})\s+\1(?!\w)", re.IGNORECASE)
CLOSERS = "”\"’»)"
TERMINAL = ".!?…"
LIST_MARK = re.compile(r"^\s*(?:[-–+•*]|\d+[.)]|[a-zđ]\))\s+(?=\S)")


def tidy(text: str) -> str:
    """One spelling of each seam: no word group twice in a row, no punctuation twice (``”.”.`` → ``”.``,
    ``..`` → ``.``, ``,.`` → ``.``), no space before a comma or a full stop."""
    text = " ".join((text or "").split())
    previous = None
    while previous != text:
        previous = text
        text = REPEATED_WORDS.sub(r"\1", text)
    text = re.sub(r"\s+([,.;:!?…])", r"\1", text)
    text = re.sub(rf"([{TERMINAL}])([{CLOSERS}]*)\.", r"\1\2", text)  # ".”." → ".”", ".." → "."
    text = re.sub(rf"([{CLOSERS}])([{TERMINAL}])\1", r"\1\2", text)  # "”.”" → "”."
    text = re.sub(r"[,;:]\.", ".", text)
    return text


def _sentence(text: str) -> str:
    text = tidy(text)
    if not text:
        return ""
    text = text[0].upper() + text[1:]
    if text[-1] in ",;":  # a list item typed as a paragraph ends as a sentence
        text = text[:-1]
    return text if text.rstrip(CLOSERS)[-1:] in TERMINAL + ":" else text + "."


def vote_sentence(subject: str, result: dict) -> str:
    """How a reporter states a vote: "nhất trí 100% thông qua …" when every voter agreed, else the count."""
    subject = _lower_first(re.sub(r"^(biểu quyết\s+)?(thông qua\s+)?", "", tidy(subject), flags=re.IGNORECASE))
    voters, agreed = result.get("base", 0), result.get("for", 0)
    if not result.get("passed"):
        return _sentence(f"Hội nghị đã biểu quyết không thông qua {subject} ({agreed}/{voters} đồng chí tán thành)")
    if voters and agreed == voters:
        return _sentence(f"Hội nghị đã nhất trí 100% thông qua {subject}")
    return _sentence(f"Hội nghị đã biểu quyết thông qua {subject} với {agreed}/{voters} đồng chí tán thành")


def text_blocks(text: str) -> list[tuple[str, object]]:
    """Paragraphs and lists of a text typed in the record: lines marked "-", "+", "•", "1.", "a)" that follow
    each other become one list (its items without their marks), every other line a paragraph."""
    out: list[tuple[str, object]] = []
    for line in (text or "").replace("\r\n", "\n").split("\n"):
        if not line.strip():
            continue
        mark = LIST_MARK.match(line)
        if mark:
            tag = "ol" if mark.group(0).strip()[0].isalnum() else "ul"
            item = tidy(line[mark.end():])  # as typed: "…;" between items, "." after the last
            item = item[0].upper() + item[1:]
            if out and out[-1][0] == tag:
                out[-1][1].append(item)
            else:
                out.append((tag, [item]))
        else:
            out.append(("p", _sentence(line)))
    return out


def _upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def _lower_first(text: str) -> str:
    text = " ".join((text or "").split())
    return text[:1].lower() + text[1:] if text else ""


def _names(items: list[str]) -> str:
    """ "A", "A và B", "A, B và C"; names that carry titles are separated by semicolons. """
    if len(items) <= 1:
        return "".join(items)
    separator = "; " if any("," in item for item in items) else ", "
    return separator.join(items[:-1]) + " và " + items[-1]


def _comrade(text: str) -> str:
    return f"đồng chí {text}"


def _figures_paragraph(conference) -> str:
    """The review figures of the targets app for the conference's reviewed period, when it has any."""
    if not conference.reviewed_period:
        return ""
    try:
        from capuy.targets.periods import parse_label
        from capuy.targets.reports import review_figures
    except ImportError:  # the targets app is optional for the portal
        return ""
    period = parse_label(conference.reviewed_period)
    if period is None:
        return ""
    try:
        figures = review_figures(conference.organization, period.year, period)
    except (ValidationError, ValueError, LookupError):
        return ""
    return figures.paragraph if figures.figures else ""


def _when(conference) -> str:
    """ "Sáng 5/10" as the press writes it (the sample articles), with the year when it helps. """
    session = {"morning": "Sáng", "afternoon": "Chiều"}.get(conference.session, "Ngày")
    return f"{session} {vietnamese.short_date(conference.date, with_year=True)}"


def compose(conference) -> dict:
    """Title, lead and body (sanitized HTML) of the draft; reads the record, changes nothing."""
    from capuy.conferences.models import AgendaItem, Attendance, Invitation, SpeechKind
    from capuy.conferences.roll import counts_recorded

    organization = conference.organization
    committee = organization.display_committee
    chairs = [f"{p.full_name}, {conference.chair_title(p)}" if conference.chair_title(p) else p.full_name
              for p in conference.chairs.all()]  # the titles of that day, frozen on a closed record
    invitations = list(conference.invitations.select_related("person", "attendance"))

    def attended(inv):
        attendance = getattr(inv, "attendance", None)
        if attendance is not None:
            return attendance.status == Attendance.Status.PRESENT
        return inv.answer == Invitation.Answer.ATTENDING

    members = [i for i in invitations if i.role == Invitation.Role.MEMBER]
    present_members = [i for i in members if attended(i)]
    guests = [i for i in invitations if i.role == Invitation.Role.GUEST and attended(i)]
    items = list(conference.agenda_items.select_related("presenter"))
    speeches = list(conference.speeches.select_related("speaker", "agenda_item"))

    # Only what the record holds (issue 13): no invented number or term; a named meeting keeps its name.
    title = conference.title if conference.name and not conference.is_numbered else \
        f"{conference.short_title} {conference.body_name}".strip()
    subject = _lower_first(conference.subject)
    lead = _sentence(f"{_when(conference)}, {committee} tổ chức {conference.short_title.lower()}"
                     + (f" {subject}" if subject else ""))
    if chairs:
        lead += " " + _sentence(f"{'Đồng chí' if len(chairs) == 1 else 'Các đồng chí'} {_names(chairs)} "
                                f"{'chủ trì' if len(chairs) == 1 else 'đồng chủ trì'} hội nghị")

    body: list[tuple[str, str]] = []  # (tag, text)
    p = lambda text: body.append(("p", _sentence(text))) if text else None  # noqa: E731
    h = lambda text: body.append(("h2", text))  # noqa: E731

    where = f" tại {conference.venue}" if conference.venue else ""
    p(f"{conference.title} được tổ chức vào {conference.when_text}{where}")
    if conference.theme:
        p(f"Chủ đề năm: {conference.theme}")
    if guests:
        p(f"Dự hội nghị có {_names([g.name_with_title if g.is_group else _comrade(g.name_with_title) for g in guests])}")
    if members:
        kind = conference.body_kind_display or "cấp ủy"
        named = _names([g.name_with_title for g in present_members])
        if counts_recorded(conference):
            count = f"{len(present_members)}/{len(members)} đồng chí ủy viên {kind}"
            if present_members and len(present_members) <= MEMBERS_LISTED:
                p(f"Tham dự hội nghị có {count}: {named}")
            else:
                p(f"Tham dự hội nghị có {count}")
        elif present_members:
            # Recorded after the fact without the members' roll call (issue 13, as the minutes decide it): the
            # members the record names, never a count of the body it does not hold.
            p(f"Tham dự hội nghị có {'các đồng chí' if len(present_members) > 1 else 'đồng chí'} ủy viên {kind}: "
              f"{named}")

    reports = [i for i in items if i.kind in (AgendaItem.Kind.REPORT, AgendaItem.Kind.PROPOSAL,
                                               AgendaItem.Kind.DRAFT_RESOLUTION)]
    figures = _figures_paragraph(conference)
    if reports or figures:
        h(f"Kết quả {conference.reviewed_period}" if conference.reviewed_period else "Nội dung hội nghị")
        for item in reports:
            presenter = item.presenter_text if item.presenter_id or item.presenter_title else ""
            who = f"{_comrade(presenter)} trình bày " if presenter else ""
            p(f"Hội nghị đã nghe {who}{_lower_first(item.title)}")
            body.extend(text_blocks(item.summary))
        if figures:
            p(f"Theo báo cáo, {_lower_first(figures)}")

    contributions = [s for s in speeches if s.kind in (SpeechKind.CONTRIBUTION, SpeechKind.OPINION)]
    if contributions:
        # Only what each speaker said: a general sentence about "the delegates' analysis" is not in the record.
        for speech in contributions:
            verb = "tham luận" if speech.kind == SpeechKind.CONTRIBUTION else "phát biểu ý kiến"
            summary = _lower_first(speech.summary)
            if summary.startswith(verb):  # "tham luận tại hội nghị về …" already says it
                p(f"{speech.addressed} {summary}")
            else:
                text = f"{speech.addressed} {verb}"
                p(f"{text}: {summary}" if summary else f"{text} tại hội nghị")
    if any(i.kind == AgendaItem.Kind.RESPONSES for i in items):
        p(f"Thường trực, Ban Thường vụ {committee} đã tiếp thu, giải trình các ý kiến của đại biểu dự hội nghị")

    for speech in (s for s in speeches if s.kind == SpeechKind.DIRECTIONS):
        h("Ý kiến chỉ đạo")
        text = f"Phát biểu chỉ đạo tại hội nghị, {speech.addressed}"
        p(f"{text} {_lower_first(speech.summary)}" if speech.summary else
          f"{_upper_first(speech.addressed)} phát biểu chỉ đạo hội nghị")

    votes = list(conference.votes.all()) if hasattr(conference, "votes") else []  # the voting app
    for vote in votes:
        result = vote.result or {}
        if vote.status != "closed" or vote.kind != "question" or "passed" not in result:
            continue
        p(vote_sentence(vote.subject, result))

    conclusions = [s for s in speeches if s.kind == SpeechKind.CONCLUSION]
    if conclusions or conference.conclusion:
        h("Kết luận hội nghị")
        for speech in conclusions:
            text = f"Phát biểu kết luận hội nghị, {speech.addressed}"
            p(f"{text} nhấn mạnh {_lower_first(speech.summary)}" if speech.summary else
              f"{_upper_first(speech.addressed)} phát biểu kết luận hội nghị")
        said = " ".join(" ".join(s.summary.split()) for s in conclusions)
        for tag, content in text_blocks(conference.conclusion):
            if tag == "p" and content.rstrip(".") in said:  # the conclusion often repeats the closing speech
                continue
            body.append((tag, content))

    for item in (i for i in items if i.kind == AgendaItem.Kind.COMMENDATION):
        p(f"Dịp này, {item.title}")
        body.extend(text_blocks(item.summary))
    awards = list(conference.awards.select_related("person", "organization")) if hasattr(conference, "awards") else []
    if awards:
        from capuy.members.models import commendations_summary

        p(f"Dịp này, hội nghị đã {commendations_summary(awards)}")

    html = "\n\n".join(
        f"<{tag}>" + "".join(f"<li>{escape(item)}</li>" for item in text) + f"</{tag}>" if tag in ("ul", "ol")
        else f"<{tag}>{escape(tidy(text))}</{tag}>" for tag, text in body if text)
    return {"title": title, "lead": lead, "body": html}


@transaction.atomic
def draft_from_conference(conference, user) -> Article:
    """Save the composed draft as an article of the conference's organization (status: draft).

    Only a closed conference is written up; the caller checks that ``user`` may manage its organization.
    """
    if conference.status != conference.Status.CLOSED:
        raise ValidationError("Chỉ soạn tin được từ hội nghị đã bế mạc.")
    text = compose(conference)
    category = Category.objects.filter(name=NEWS_CATEGORY).first() or Category.objects.first() \
        or Category.objects.create(name=NEWS_CATEGORY)
    article = Article(organization=conference.organization, category=category, created_by=user,
                      source_conference_id=conference.pk, status=Article.Status.DRAFT, **text)
    article.full_clean()
    article.save()
    tags = ["Hội nghị"] + ([conference.body_kind_display] if conference.body_kind_display else [])
    if conference.kind != conference.Kind.REGULAR:
        tags.append(conference.get_kind_display())
    if conference.organization.place_name:
        tags.append(conference.organization.place_name)
    article.set_tags(Tag.from_text(", ".join(tags)))
    return article
