"""A first news draft written from the record of a closed conference, in the style of the sample articles.

The draft says who held which conference, when and where; who chaired and who attended (with their titles);
what was reported (with the figures of the targets app for the reviewed period when there are any); who gave
directions; the contributions; what was voted and passed; the conclusion; commendations. It is saved as a
draft of the conference's organization: the office edits it, submits it, and it is published after review.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.html import escape

from capuy.core import vietnamese
from capuy.portal.models import Article, Category, Tag

NEWS_CATEGORY = "Tin tức sự kiện"
MEMBERS_LISTED = 15  # above this, members present are counted rather than named


def _sentence(text: str) -> str:
    text = " ".join((text or "").split()).rstrip()
    if not text:
        return ""
    text = text[0].upper() + text[1:]
    return text if text[-1] in ".!?…" else text + "."


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
        if present_members and len(present_members) <= MEMBERS_LISTED:
            p(f"Tham dự hội nghị có {len(present_members)}/{len(members)} đồng chí ủy viên "
              f"{kind}: {_names([g.name_with_title for g in present_members])}")
        else:
            p(f"Tham dự hội nghị có {len(present_members)}/{len(members)} đồng chí ủy viên {kind}")

    reports = [i for i in items if i.kind in (AgendaItem.Kind.REPORT, AgendaItem.Kind.PROPOSAL,
                                               AgendaItem.Kind.DRAFT_RESOLUTION)]
    figures = _figures_paragraph(conference)
    if reports or figures:
        h(f"Kết quả {conference.reviewed_period}" if conference.reviewed_period else "Nội dung hội nghị")
        for item in reports:
            presenter = item.presenter_text if item.presenter_id or item.presenter_title else ""
            who = f"{_comrade(presenter)} trình bày " if presenter else ""
            p(f"Hội nghị đã nghe {who}{_lower_first(item.title)}")
            p(item.summary)
        if figures:
            p(f"Theo báo cáo, {_lower_first(figures)}")

    contributions = [s for s in speeches if s.kind in (SpeechKind.CONTRIBUTION, SpeechKind.OPINION)]
    if contributions:
        p("Tại hội nghị, các đại biểu đã tập trung phân tích những kết quả đạt được, chỉ rõ những hạn chế, "
          "nguyên nhân và đề xuất giải pháp trong thời gian tới")
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
        p(f"{text} {_lower_first(speech.summary)}" if speech.summary else f"{text} đã ghi nhận kết quả đạt được "
          "và gợi mở nhiệm vụ trong thời gian tới")

    votes = list(conference.votes.all()) if hasattr(conference, "votes") else []  # the voting app
    for vote in votes:
        result = vote.result or {}
        if vote.status != "closed" or vote.kind != "question" or "passed" not in result:
            continue
        verdict = "thông qua" if result.get("passed") else "không thông qua"
        p(f"Hội nghị đã biểu quyết {verdict} {_lower_first(vote.subject)} với {result.get('for', 0)}/"
          f"{result.get('base', 0)} đồng chí tán thành")

    conclusions = [s for s in speeches if s.kind == SpeechKind.CONCLUSION]
    if conclusions or conference.conclusion:
        h("Kết luận hội nghị")
        for speech in conclusions:
            text = f"Phát biểu kết luận hội nghị, {speech.addressed}"
            p(f"{text} nhấn mạnh {_lower_first(speech.summary)}" if speech.summary else text + " kết luận hội nghị")
        said = " ".join(" ".join(s.summary.split()) for s in conclusions)
        for block in conference.conclusion.split("\n\n"):
            if " ".join(block.split()) not in said:  # the conclusion often repeats the closing speech
                p(block)

    for item in (i for i in items if i.kind == AgendaItem.Kind.COMMENDATION):
        p(f"Dịp này, {item.title}")
        p(item.summary)
    awards = list(conference.awards.select_related("person", "organization")) if hasattr(conference, "awards") else []
    if awards:
        from capuy.members.models import commendations_summary

        p(f"Dịp này, hội nghị đã {commendations_summary(awards)}")

    html = "\n\n".join(f"<{tag}>{escape(text)}</{tag}>" for tag, text in body if text)
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
