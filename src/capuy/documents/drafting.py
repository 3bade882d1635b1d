"""From a closed conference, draft its minutes (biên bản), resolution (nghị quyết) and notice of conclusions
(thông báo kết luận) out of the record: attendance, agenda, speeches, votes, the adopted draft, the
conclusion and the tasks. The office edits the drafts and issues them (they get their numbers then).
"""

import re

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F

from capuy.core import vietnamese
from capuy.documents import structure
from capuy.documents.models import Authority, Document, DocumentType
from capuy.organizations.models import Body, BodyMembership

AUTHORITY_OF_BODY = {
    Body.Kind.EXECUTIVE: Authority.EXECUTIVE,
    Body.Kind.STANDING: Authority.STANDING,
    Body.Kind.PERMANENT: Authority.STANDING,
    Body.Kind.CELL_COMMITTEE: Authority.CELL_COMMITTEE,
    Body.Kind.CELL_MEETING: Authority.CELL,
}


def _type(symbol: str, name: str) -> DocumentType:
    return DocumentType.objects.filter(symbol=symbol).order_by("order").first() or \
        DocumentType.objects.create(symbol=symbol, name=name)


def _names(people) -> str:
    return ", ".join(people)


def _secretary(conference):
    """Who signs for the body, as its memberships on the meeting's day record it: the secretary, else a deputy
    (who signs "K/T BÍ THƯ"). Nobody when none is recorded: the draft leaves the signature blank for the clerk,
    never a chair named as "BÍ THƯ" that the record does not make one (issue 13)."""
    if not conference.body_id:
        return None, False
    memberships = conference.body.memberships.active_on(conference.date).select_related("person")
    for role in (BodyMembership.Role.SECRETARY, BodyMembership.Role.STANDING_DEPUTY, BodyMembership.Role.DEPUTY):
        found = next((m for m in memberships if m.role == role), None)
        if found:
            return found.person, role != BodyMembership.Role.SECRETARY
    return None, False


def _vote_lines(item) -> list[str]:
    """The closed votes of an agenda item, worded as the voting app words them for the minutes."""
    from capuy.voting.models import Vote
    from capuy.voting.results import minutes_text

    return [minutes_text(v) for v in Vote.objects.filter(agenda_item=item, status=Vote.Status.CLOSED).order_by("pk")]


def _tasks_of(conference) -> list[str]:
    if not apps.is_installed("capuy.tasks"):
        return []
    Task = apps.get_model("tasks", "Task")
    lines = []
    # tasks without a deadline (imported from a report that named none) last, and with no deadline clause:
    # the documents state only what was recorded (issue 13)
    tasks = Task.objects.filter(conference=conference, parent__isnull=True)
    for task in tasks.order_by(F("deadline").asc(nulls_last=True), "pk"):
        lead = getattr(task, "lead_unit", "") or (task.lead_organization.display_committee
                                                  if getattr(task, "lead_organization_id", None) else "")
        lines.append(f"{task.title}" + (f" – chủ trì: {lead}" if lead else "") +
                     (f"; thời hạn hoàn thành {vietnamese.numeric_date(task.deadline)}." if task.deadline else "."))
    return lines


def vote_held(conference) -> bool:
    """Whether the record holds a vote, so that a resolution may say "QUYẾT NGHỊ" (issue 13).

    Điều lệ Đảng art. 10 (a resolution is adopted by the vote of the meeting): a passed question vote of the
    voting app, a vote held as an agenda item ("Biểu quyết") of a conference run in capuy, or a passed vote
    that the source of a past record reports (``Conference.resolution_passed``). A meeting whose
    record holds no vote (a review recorded after the fact from its report) gets minutes and a notice of
    conclusions, never a resolution that says it "thông qua" anything.
    """
    from capuy.conferences.models import AgendaItem

    if conference.resolution_passed:  # the vote as the source of a past record reports it
        return True
    if conference.agenda_items.filter(kind=AgendaItem.Kind.VOTE).exists():
        return True
    if not apps.is_installed("capuy.voting"):
        return False
    Vote = apps.get_model("voting", "Vote")
    return any((v.result or {}).get("passed") for v in Vote.objects.filter(
        conference=conference, status=Vote.Status.CLOSED, kind=Vote.Kind.QUESTION))


def _numbered(lines: list[str]) -> list[str]:
    """The points of a resolution numbered once, in order: the conclusion's own numbers ("1. …") give way to the
    running count (else "1. Thông qua …" of the agenda would be followed by the conclusion's "1. …"); its bullets
    ("- …") stay under the point before them."""
    out, count = [], 0
    for line in lines:
        if re.match(r"\s*[-+•–]\s", line):
            out.append(line)
            continue
        count += 1
        text = re.sub(r"^\s*\d+\s*[.)/]\s*", "", line)
        out.append(f"{count}. {text}")
    return out


def _attendance(conference) -> list[str]:
    from capuy.conferences.models import Attendance, Invitation
    from capuy.conferences.roll import counts_recorded, quorum

    check = quorum(conference) if conference.body_id else None
    if not counts_recorded(conference, check.base if check else None):
        # Recorded after the fact without every member's attendance: the counts are the clerk's to fill in.
        return _attendance_as_recorded(conference)
    members = conference.invitations.filter(role=Invitation.Role.MEMBER).select_related("person", "attendance")
    present, excused, unexcused = [], [], []
    for invitation in members:
        attendance = getattr(invitation, "attendance", None)
        status = attendance.status if attendance else Attendance.Status.UNEXCUSED
        name = invitation.attendee_name
        if status == Attendance.Status.PRESENT:
            present.append(name)
        elif status == Attendance.Status.EXCUSED:
            reason = attendance.reason if attendance else ""
            excused.append(f"{name} ({reason})" if reason else name)
        else:
            unexcused.append(name)
    total = len(present) + len(excused) + len(unexcused)
    lines = [f"{conference.body.get_kind_display()} có {total} đồng chí; có mặt {len(present)} đồng chí, vắng "
             f"{len(excused) + len(unexcused)} đồng chí."]
    if excused:
        lines.append(f"Vắng có lý do: {_names(excused)}.")
    if unexcused:
        lines.append(f"Vắng không có lý do: {_names(unexcused)}.")
    guests = conference.invitations.filter(role=Invitation.Role.GUEST, attendance__status=Attendance.Status.PRESENT)
    guest_line = _guests_line(guests.select_related("person"))
    if guest_line:
        lines.append(guest_line)
    if check.base:
        lines.append(f"Số thành viên có mặt khi bế mạc: {check.present}/{check.base} (yêu cầu tối thiểu {check.required}); "
                     f"hội nghị {'đủ' if check.reached else 'không đủ'} số lượng theo quy định.")
    return lines


def _guests_line(guests) -> str:
    """ "Khách mời: các đồng chí A, …; đại diện lãnh đạo các ban, ngành…": groups never become "đồng chí"."""
    people = [g.name_with_title for g in guests if not g.is_group]
    groups = [g.name_with_title for g in guests if g.is_group]
    parts = ([f"các đồng chí {'; '.join(people)}" if len(people) > 1 else f"đồng chí {people[0]}"] if people else [])
    parts += groups
    return f"Khách mời: {'; '.join(parts)}." if parts else ""


def _attendance_as_recorded(conference) -> list[str]:
    """Attendance of a conference recorded without its body: who the record says attended, and blanks for the
    counts it does not hold."""
    from capuy.conferences.models import Attendance, Invitation

    invitations = list(conference.invitations.select_related("person", "attendance"))
    present = [i for i in invitations if getattr(i, "attendance", None) and i.attendance.status == Attendance.Status.PRESENT]
    absent = [i for i in invitations if getattr(i, "attendance", None) and i.attendance.status != Attendance.Status.PRESENT]
    members = [i for i in present if i.role == Invitation.Role.MEMBER]
    kind = conference.body_kind_display or "Cấp ủy"
    lines = [f"{kind} có …… đồng chí; có mặt {len(members) if members else '……'} đồng chí, vắng "
             f"{len(absent) if absent else '……'} đồng chí."]
    if members:
        lines.append("Có mặt: " + "; ".join(i.name_with_title for i in members) + ".")
    if absent:
        lines.append("Vắng: " + "; ".join(i.attendee_name for i in absent) + ".")
    guest_line = _guests_line([i for i in present if i.role == Invitation.Role.GUEST])
    if guest_line:
        lines.append(guest_line)
    return lines


def _speech_line(speech, conference) -> str | None:
    if conference.conclusion.strip() and speech.summary.strip() == conference.conclusion.strip():
        return None  # the closing speech is the conclusion, written once in part III
    summary = f": {speech.summary}" if speech.summary else "."
    return f"{_upper_first(speech.addressed)} – {speech.get_kind_display().lower()}{summary}"


def _upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def _agenda(conference) -> list[str]:
    lines = []
    speeches = list(conference.speeches.select_related("speaker", "agenda_item").order_by("order", "pk"))
    for number, item in enumerate(conference.agenda_items.all(), 1):
        presenter = f" (đồng chí {item.presenter_text} trình bày)" if item.presenter_text else ""
        lines.append(f"{number}. {item.title}{presenter}.")
        if item.summary:
            lines.append(item.summary)
        lines += [line for line in (_speech_line(s, conference) for s in speeches if s.agenda_item_id == item.pk)
                  if line]
        lines.extend(_vote_lines(item))
    # Speeches recorded without an agenda item (a conference recorded from its report), and the vote it reports.
    lines += [line for line in (_speech_line(s, conference) for s in speeches if not s.agenda_item_id) if line]
    if conference.recorded_vote_text:
        lines.append(conference.recorded_vote_text)
    return lines


def _adopted_resolution_text(conference) -> list[str]:
    """The last version of the conference's draft resolution, one line per heading, item and paragraph, without
    the marks of a draft (``structure.draft_lines``)."""
    from capuy.conferences.models import Draft

    draft = conference.drafts.filter(kind=Draft.Kind.RESOLUTION).order_by("-pk").first()
    version = draft.latest_version() if draft else None
    if version is None:
        return []
    return structure.draft_lines(version.text, drop_titles=("Nghị quyết", draft.title))


def _recipients(conference) -> str:
    organization = conference.organization
    lines = []
    if organization.parent_id:
        lines.append(f"- {organization.parent.display_committee} (để báo cáo),")
    kind = conference.body_kind_display or "Cấp ủy"
    lines += [f"- Các đồng chí Ủy viên {kind} {organization.name},",
              "- Các tổ chức đảng trực thuộc,",
              f"- Lưu Văn phòng {organization.display_committee}."]
    return "\n".join(lines)


def draft_from_conference(conference, user=None) -> list[Document]:
    """Draft the minutes, resolution and notice of conclusions of a closed conference; return them
    (minutes, resolution, notice), or (minutes, notice) when the record holds no vote (``vote_held``).

    Only what the record holds is stated (issue 13): no time, number, term or vote it does not hold; a
    missing time is a visible blank ("…… giờ ……") for the clerk. Refused (Vietnamese ``ValidationError``, nothing saved) when the conference is not closed, when its
    organization has no issuer symbol, or when they were drafted before (edit those instead).
    """
    if not conference.is_closed:
        raise ValidationError("Chỉ soạn biên bản, nghị quyết, thông báo kết luận từ hội nghị đã bế mạc.")
    if Document.objects.filter(source_conference_id=conference.pk).exists():
        raise ValidationError("Các văn bản của hội nghị này đã được soạn; hãy sửa các dự thảo đã có.")
    body, organization = conference.body, conference.organization
    signer, deputy = _secretary(conference)
    authority = AUTHORITY_OF_BODY.get(conference.body_kind_value, Authority.NONE)
    body_name = conference.body_name
    name = conference.title if conference.name and not conference.is_numbered else \
        f"{conference.short_title} {body_name}".strip()
    subject = f" để {conference.subject[0].lower()}{conference.subject[1:]}" if conference.subject else ""
    opening = f"Ngày {vietnamese.numeric_date(conference.date)}, {body_name} họp {conference.short_title}{subject}." \
        if not (conference.name and not conference.is_numbered) else \
        f"Ngày {vietnamese.numeric_date(conference.date)}, {organization.display_committee} tổ chức " \
        f"{conference.short_title[0].lower()}{conference.short_title[1:]}{subject}."
    chairs = conference.chairs_text()
    conclusion = [p.strip() for p in conference.conclusion.splitlines() if p.strip()]
    tasks = _tasks_of(conference)
    common = {"organization": organization, "body": body, "term": conference.term, "signer": signer,
              # The documents of a past conference carry its date, never the day they are drafted.
              "issued_on": conference.date if conference.is_past else None,
              "created_by": user if user is not None and user.is_authenticated else None,
              "source_conference_id": conference.pk, "recipients": _recipients(conference)}

    minutes = [f"Thời gian: {conference.when_text}, bắt đầu lúc {conference.start_text}, tại "
               f"{conference.venue or '……………………'}."]
    if conference.theme:
        minutes.append(f"Chủ đề năm: {conference.theme}.")
    if chairs:
        minutes.append(f"Chủ trì: đồng chí {chairs}.")
    minutes += ["I. THÀNH PHẦN THAM DỰ", *_attendance(conference), "II. NỘI DUNG HỘI NGHỊ", *_agenda(conference),
                "III. KẾT LUẬN CỦA HỘI NGHỊ", *(conclusion or ["……………………………………"])]
    # The closing time as recorded (a live meeting's own closing moment); never the clock of the drafting day.
    minutes.append(f"Hội nghị bế mạc lúc {conference.end_text} cùng ngày.")

    resolution = [opening, "QUYẾT NGHỊ:"]
    adopted = _adopted_resolution_text(conference)
    if adopted:
        resolution += adopted
    else:
        resolution += _numbered(
            [f"Thông qua {item.title[0].lower()}{item.title[1:]}."
             for item in conference.agenda_items.filter(kind__in=["bao_cao", "to_trinh", "du_thao_nq"])] + conclusion)
    if tasks:
        resolution.append("Giao nhiệm vụ:")
        resolution += [f"- {t}" for t in tasks]
    resolution.append(f"Giao Ban Thường vụ {organization.display_committee} lãnh đạo, chỉ đạo tổ chức thực hiện "
                      "Nghị quyết.")

    reports = [item.title for item in conference.agenda_items.filter(kind__in=["bao_cao", "to_trinh", "du_thao_nq"])]
    notice = [opening + (f" Đồng chí {chairs} chủ trì hội nghị." if chairs else "")]
    if reports:
        notice.append("Sau khi nghe " + "; ".join(r[0].lower() + r[1:] for r in reports)
                      + " và ý kiến thảo luận của các đại biểu, Hội nghị kết luận như sau:")
    notice += conclusion
    if tasks:
        notice.append("Phân công thực hiện:")
        notice += [f"- {t}" for t in tasks]

    specs = [
        # the minutes are signed by the chair the record names, or left blank: never someone else as its chair
        ("BB", "Biên bản", name, minutes, {"authority": Authority.NONE, "signer_position": "CHỦ TRÌ HỘI NGHỊ",
                                            "signer": conference.chairs.first()}),
        ("NQ", "Nghị quyết", name, resolution, {"authority": authority, "deputy_signs": deputy}),
        ("TB", "Thông báo", f"Kết luận của {name}", notice, {"authority": authority, "deputy_signs": deputy}),
    ]
    if not vote_held(conference):
        specs = [spec for spec in specs if spec[0] != "NQ"]
    documents = []
    with transaction.atomic():
        for symbol, type_name, title, paragraphs, fields in specs:
            document = Document(doc_type=_type(symbol, type_name), title=title, content="\n".join(paragraphs),
                                **{**common, **fields})
            document.full_clean()
            document.save()
            document.snapshot(user, f"Soạn tự động từ {conference.short_title}")
            documents.append(document)
    return documents
