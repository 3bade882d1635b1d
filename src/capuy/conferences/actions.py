"""Actions on conferences that pages, the API, the import page and the demo share (``capuy.core.actions``).

Each checks the caller's right, validates with a Vietnamese message naming the field, and writes in one
transaction (the decorator); views and API handlers only translate.
"""

import datetime
import re

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from capuy.accounts import permissions
from capuy.conferences.models import (
    Attendance,
    Conference,
    ConferenceReference,
    Invitation,
    Speech,
    SpeechKind,
)
from capuy.core.actions import action
from capuy.organizations.models import Body

RECORD_REFUSED = "Bạn không có quyền ghi hội nghị của tổ chức này."


def _item_error(label: str, index: int, error: ValidationError) -> ValidationError:
    """Name the list and the row of a fact that failed: "Khen thưởng thứ 2: …"."""
    messages = error.messages if hasattr(error, "messages") else [str(error)]
    return ValidationError(f"{label} thứ {index}: " + " ".join(messages))


def _text(value) -> str:
    return " ".join(str(value or "").split())


def _time(value, field: str):
    if value in (None, ""):
        return None
    if isinstance(value, datetime.time):
        return value
    match = re.fullmatch(r"\s*(\d{1,2})\s*(?:[:hg]|giờ)\s*(\d{0,2})\s*(?:phút)?\s*", str(value))
    if match and int(match.group(1)) < 24 and int(match.group(2) or 0) < 60:
        return datetime.time(int(match.group(1)), int(match.group(2) or 0))
    raise ValidationError({field: f"Giờ không hợp lệ: \"{value}\" (ví dụ 8:00 hoặc 14 giờ 30)."})


SYMBOL = re.compile(r"(\d+)\s*-\s*([^/\s]+)\s*/\s*(\S+)")


def match_library_document(user, number: str):
    """The library's document whose number reads ``number`` ("09-QĐ/TU"), among those ``user`` may read."""
    from capuy.core import references
    from capuy.documents.models import Document

    found = SYMBOL.search(number or "")
    if not found:
        return None
    rows = references.readable_rows(user, Document).filter(
        number=int(found.group(1)), doc_type__symbol__iexact=found.group(2)).select_related("doc_type",
                                                                                           "organization")
    symbol = found.group(3).upper()
    return next((d for d in rows if d.issuer_symbol.upper() == symbol), None)


@action("Ghi lại hội nghị đã diễn ra", page=("conferences:record_past",), api=("api:conference_record_past",))
def record_past_conference(user, organization, **facts) -> Conference:
    """Record a conference that already took place (issue 13, section 1), closed and marked ``recorded_after``.

    Signature (every fact optional unless said)::

        record_past_conference(user, organization, *,
            date,                      # required, datetime.date, not in the future
            kind="regular",            # Conference.Kind value
            body=None,                 # organizations.Body (sets the term and the body kind)
            body_kind="",              # Body.Kind value when no Body is recorded ("bch", "btv", "chi_bo"…)
            term=None,                 # organizations.Term or None when the source does not say it
            number=None,               # int ≥ 1 set by hand (unique in its term), None = unnumbered
            name="",                   # the meeting's own name, e.g. "Hội nghị sơ kết 6 tháng đầu năm 2021"
            subject="", reviewed_period="", venue="", conclusion="",
            session="",                # "morning" | "afternoon" | "full_day" | "" (not recorded)
            start_time=None, end_time=None,   # datetime.time or "8:00" / "14 giờ 30"; None = not recorded
            theme="",                  # chủ đề năm
            source_url="",             # where the record comes from (a report's address)
            chairs=[{"person": Person, "title": "as printed that day"}],
            attendees=[{"person": Person | None, "group": "đại diện lãnh đạo các ban, ngành…",
                        "title": "", "role": "member" | "guest", "status": "present" | "excused" |
                        "unexcused", "reason": ""}],
            speeches=[{"person": Person | None, "group": "", "title": "", "kind": "tham_luan" | "y_kien" |
                       "chi_dao" | "ket_luan" | "bao_cao" | "khai_mac", "summary": ""}],
            references=[{"kind": "Quy định", "number": "09-QĐ/TU", "issuer": "Tỉnh ủy", "issued_on": date,
                         "title": "", "document": documents.Document | None}],
            awards=[{"form": "giay_khen" | "bang_khen" | …, "form_detail": "", "issuer": "Chủ tịch UBND phường",
                     "collective_count": 3, "individual_count": 5, "reason": "", "decision_number": "",
                     "decision_date": None, "person": None, "organization": None, "collective_name": ""}],
        ) -> Conference

    People and documents arrive as model instances: the caller has checked each id against the user's right
    to read it (``core.references.readable``). A reference without ``document`` is linked to the library's
    document of the same number when the user may read one. A speaker who is a person and not among the
    attendees is added as a guest who attended. Times are those recorded, never the clock: check-ins carry
    no arrival time, the opening and closing moments are the recorded start and end (or empty).

    Refusals: ``PermissionDenied`` when ``organization`` is outside the user's subtree (office staff only);
    ``ValidationError`` (Vietnamese, naming the field) for a number already taken in that term, a date in
    the future, a body or term of another organization, an unknown fact, or any invalid attendee, speech,
    reference or award. Nothing is saved on any refusal.
    """
    if not permissions.can_manage(user, organization):
        raise PermissionDenied(RECORD_REFUSED)
    known = {"date", "kind", "body", "body_kind", "term", "number", "name", "subject", "reviewed_period", "venue",
             "conclusion", "session", "start_time", "end_time", "theme", "source_url", "chairs", "attendees",
             "speeches", "references", "awards"}
    unknown = sorted(set(facts) - known)
    if unknown:
        raise ValidationError(f"Thông tin không hợp lệ: {', '.join(unknown)}.")
    date = facts.get("date")
    if isinstance(date, datetime.datetime):
        date = date.date()
    if not isinstance(date, datetime.date):
        raise ValidationError({"date": "Vui lòng ghi ngày họp."})
    if date > timezone.localdate():
        raise ValidationError({"date": "Hội nghị ghi lại sau khi họp không thể có ngày họp trong tương lai."})

    body, term = facts.get("body"), facts.get("term")
    body_kind = facts.get("body_kind") or ""
    if body_kind and body_kind not in Body.Kind.values:
        raise ValidationError({"body_kind": "Cơ quan họp không hợp lệ."})
    if body is None and term is not None and body_kind:
        # The body of that kind in that term, when capuy has it: the meeting then has its members' roll.
        body = Body.objects.filter(term=term, kind=body_kind).first()
    kind = facts.get("kind") or Conference.Kind.REGULAR
    if kind not in Conference.Kind.values:
        raise ValidationError({"kind": "Loại hội nghị không hợp lệ."})
    session = facts.get("session") or ""
    if session and session not in Conference.Session.values:
        raise ValidationError({"session": "Buổi họp chỉ là sáng, chiều hoặc cả ngày."})
    number = facts.get("number")
    if number is not None and (not isinstance(number, int) or isinstance(number, bool)):
        try:
            number = int(str(number).strip())
        except ValueError:
            raise ValidationError({"number": "Số thứ tự hội nghị phải là số."}) from None

    conference = Conference(
        organization=organization, body=body, body_kind=body.kind if body else body_kind,
        term=term or (body.term if body else None), numbered=number is not None, number=number, kind=kind,
        name=_text(facts.get("name")), subject=_text(facts.get("subject")),
        reviewed_period=_text(facts.get("reviewed_period")), date=date, session=session,
        start_time=_time(facts.get("start_time"), "start_time"), end_time=_time(facts.get("end_time"), "end_time"),
        venue=_text(facts.get("venue")), theme=_text(facts.get("theme")),
        source_url=(facts.get("source_url") or "").strip(), conclusion=(facts.get("conclusion") or "").strip(),
        recorded_after=True, status=Conference.Status.CLOSED, created_by=user)
    conference.opened_at = conference.moment(conference.start_time)
    conference.closed_at = conference.moment(conference.end_time)
    conference.full_clean()
    conference.save()

    chairs = {}
    for index, chair in enumerate(facts.get("chairs") or [], 1):
        person = chair.get("person")
        if person is None:
            raise ValidationError(f"Người chủ trì thứ {index}: chưa chọn người.")
        conference.chairs.add(person)
        chairs[str(person.pk)] = _text(chair.get("title")) or person.titles_text(date)
    conference.chair_titles = chairs

    invitations = {}
    for index, fact in enumerate(facts.get("attendees") or [], 1):
        invitations_key, invitation = _attend(conference, fact, index, user)
        invitations[invitations_key] = invitation

    for index, fact in enumerate(facts.get("speeches") or [], 1):
        person, group = fact.get("person"), _text(fact.get("group"))
        if person is not None and ("p", person.pk) not in invitations:
            key, invitation = _attend(conference, {"person": person, "role": "guest", "title": fact.get("title")},
                                      index, user)
            invitations[key] = invitation
        speech_kind = fact.get("kind") or SpeechKind.OPINION
        title = _text(fact.get("title"))
        if person is not None and not title:
            title = invitations[("p", person.pk)].printed_title
        speech = Speech(conference=conference, kind=speech_kind, speaker=person, speaker_group=group,
                        speaker_title=title, summary=(fact.get("summary") or "").strip(), order=index)
        try:
            if speech_kind not in SpeechKind.values:
                raise ValidationError({"kind": "Loại phát biểu không hợp lệ."})
            speech.full_clean()
        except ValidationError as error:
            raise _item_error("Phát biểu", index, error) from None
        speech.save()

    for index, fact in enumerate(facts.get("references") or [], 1):
        reference = ConferenceReference(
            conference=conference, order=index, kind=_text(fact.get("kind")), number=_text(fact.get("number")),
            issuer=_text(fact.get("issuer")), issued_on=fact.get("issued_on"), title=_text(fact.get("title")),
            document=fact.get("document") or match_library_document(user, fact.get("number")))
        try:
            reference.full_clean()
        except ValidationError as error:
            raise _item_error("Văn bản được nhắc đến", index, error) from None
        reference.save()

    _record_awards(user, conference, facts.get("awards") or [])
    conference.freeze_titles()
    conference.save(update_fields=["chair_titles"])
    return conference


def _attend(conference, fact, index, user):
    person, group = fact.get("person"), _text(fact.get("group"))
    role = fact.get("role") or (Invitation.Role.MEMBER if person is not None and conference.body_id and
                                conference.body.memberships.active_on(conference.date).filter(person=person).exists()
                                else Invitation.Role.GUEST)
    status = fact.get("status") or Attendance.Status.PRESENT
    try:
        if bool(person) == bool(group):
            raise ValidationError("chọn một người hoặc ghi tên tập thể, đại diện.")
        if role not in Invitation.Role.values:
            raise ValidationError({"role": "Tư cách dự không hợp lệ."})
        if status not in Attendance.Status.values:
            raise ValidationError({"status": "Tình trạng dự họp không hợp lệ."})
        if person is not None and conference.invitations.filter(person=person).exists():
            raise ValidationError(f"đồng chí {person.full_name} đã có trong danh sách dự.")
        reason = _text(fact.get("reason"))
        if status == Attendance.Status.EXCUSED and not reason:
            raise ValidationError({"reason": "Vắng có lý do cần ghi rõ lý do."})
        title = _text(fact.get("title")) or (person.titles_text(conference.date) if person is not None else "")
        invitation = Invitation(conference=conference, person=person, group_name=group, role=role,
                                guest_title=title, order=index,
                                answer=Invitation.Answer.ATTENDING if status == Attendance.Status.PRESENT
                                else Invitation.Answer.ABSENT, reason=reason if status != "present" else "")
        invitation.full_clean(exclude=["token"])
    except ValidationError as error:
        raise _item_error("Người dự", index, error) from None
    invitation.save()
    # A past arrival time is not known: the record leaves it empty rather than take the clock.
    Attendance.objects.create(invitation=invitation, conference=conference, status=status, arrived_at=None,
                              reason=invitation.reason, recorded_by=user)
    return (("p", person.pk) if person is not None else ("g", index)), invitation


def _record_awards(user, conference, awards):
    from capuy.members.models import Commendation

    for index, fact in enumerate(awards, 1):
        commendation = Commendation(
            conference=conference, recorded_by=user, form=fact.get("form") or "",
            form_detail=_text(fact.get("form_detail")), issuer=_text(fact.get("issuer")),
            collective_count=fact.get("collective_count"), individual_count=fact.get("individual_count"),
            reason=_text(fact.get("reason")), decision_number=_text(fact.get("decision_number")),
            decision_date=fact.get("decision_date"), person=fact.get("person"),
            organization=fact.get("organization"), collective_name=_text(fact.get("collective_name")),
            issuer_organization=fact.get("issuer_organization"))
        try:
            commendation.full_clean()
        except ValidationError as error:
            raise _item_error("Khen thưởng", index, error) from None
        commendation.save()


HEADER_FACTS = ("date", "kind", "number", "name", "subject", "reviewed_period", "session", "start_time", "end_time",
                "venue", "theme", "conclusion", "source_url", "term", "body_kind")


@action("Sửa hồ sơ hội nghị đã ghi lại", page=("conferences:edit",), api=("api:conference_correct_past",))
def correct_past_conference(user, conference, **facts) -> Conference:
    """Correct the header facts of a conference recorded after the fact (``HEADER_FACTS``, same meaning and
    checks as ``record_past_conference``); lists (attendees, speeches, awards…) are not changed here. A live
    conference's record stays final once closed (``Conference.ensure_editable``): refused."""
    if not permissions.can_manage(user, conference.organization):
        raise PermissionDenied(RECORD_REFUSED)
    if not conference.is_past:
        raise ValidationError("Chỉ sửa được theo cách này hội nghị ghi lại sau khi họp.")
    unknown = sorted(set(facts) - set(HEADER_FACTS))
    if unknown:
        raise ValidationError(f"Thông tin không hợp lệ: {', '.join(unknown)}.")
    for key in ("name", "subject", "reviewed_period", "venue", "theme"):
        if key in facts:
            facts[key] = _text(facts[key])
    for key in ("start_time", "end_time"):
        if key in facts:
            facts[key] = _time(facts[key], key)
    if "number" in facts:
        conference.numbered = facts["number"] is not None
    if conference.body_id and "term" in facts and facts["term"] != conference.body.term:
        conference.body = None  # the body belongs to its term: a corrected term leaves only its kind
    if facts.get("session") and facts["session"] not in Conference.Session.values:
        raise ValidationError({"session": "Buổi họp chỉ là sáng, chiều hoặc cả ngày."})
    for key, value in facts.items():
        setattr(conference, key, value if value is not None or key in ("number", "term", "start_time", "end_time")
                else "")
    conference.opened_at = conference.moment(conference.start_time)
    conference.closed_at = conference.moment(conference.end_time)
    conference.full_clean()
    conference.save()
    return conference
