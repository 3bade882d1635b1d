"""What a user can do with a conference: one function per action, shared by pages, the API, the import page
and the demo (``capuy.core.actions``).

Each checks the caller's right (``conferences.access``), validates (the model's rules of the meeting, with a
Vietnamese message naming the field), writes in one transaction and sends its live event after the commit
(``live.publish``), so the page and the API refuse alike with the same words and both refresh the screens.
Drafts put out for comment (góp ý dự thảo), their comments and the answers to them (tiếp thu, giải trình)
are actions too.
"""

import datetime
import decimal
import re

from django.apps import apps
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max, Q
from django.db.models.deletion import Collector, ProtectedError, RestrictedError
from django.http import Http404
from django.utils import timezone

from capuy.accounts import permissions
from capuy.conferences import access, imports, live
from capuy.conferences.imported import ImportedReport
from capuy.conferences.models import (
    AgendaItem,
    Attendance,
    Conference,
    ConferenceReference,
    Draft,
    DraftComment,
    Invitation,
    SpeakerRequest,
    Speech,
    SpeechKind,
)
from capuy.core import links, references, vietnamese
from capuy.core.actions import action
from capuy.organizations.models import Body, Person, Title
from capuy.targets.models import to_decimal

PREPARE_REFUSED = "Chỉ văn phòng cấp ủy của tổ chức này mới được chuẩn bị hội nghị."
ONLY_SELF = "Đồng chí chỉ được tự điểm danh cho mình."
BAD_ATTENDANCE = "Thao tác điểm danh không hợp lệ."
RECORD_REFUSED = "Bạn không có quyền ghi hội nghị của tổ chức này."
AGENDA_DISCUSSED = "Nội dung đã được thảo luận tại hội nghị, không thể xóa."
INVITEE_RECORDED = "Người này đã điểm danh hoặc phát biểu, không thể xóa khỏi danh sách mời."
INVITATION_NOT_FOUND = "Không tìm thấy giấy mời."
BAD_CONTROL = "Thao tác không hợp lệ."
NO_ITEM = "Hãy chọn nội dung trong chương trình hội nghị."
NO_PERSON_TO_COMMENT = "Tài khoản chưa gắn với nhân sự nên không thể góp ý."
DRAFT_CLOSED = "Dự thảo đã khóa góp ý."
EMPTY_COMMENT = "Vui lòng nhập nội dung góp ý."


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


def _passed(value) -> bool | None:
    if value is None or isinstance(value, bool):
        return value
    raise ValidationError({"resolution_passed": "Kết quả biểu quyết chỉ là “thông qua”, “không thông qua” hoặc "
                                                "để trống khi tư liệu không nêu."})


def _share(value) -> decimal.Decimal | None:
    """The share of the votes in favour as the source writes it ("100%", "98,5"), or None when it says none."""
    if value is None or value == "":
        return None
    share = to_decimal(value.strip().rstrip("%") if isinstance(value, str) else value)
    if share is None or not 0 <= share <= 100:
        raise ValidationError({"vote_share": "Tỷ lệ tán thành phải là số từ 0 đến 100."})
    return share.quantize(decimal.Decimal("0.01"))


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
             "conclusion", "session", "start_time", "end_time", "theme", "source_url", "resolution_passed",
             "vote_share", "chairs", "attendees", "speeches", "references", "awards"}
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
        resolution_passed=_passed(facts.get("resolution_passed")), vote_share=_share(facts.get("vote_share")),
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


def _attend(conference, fact, index, user, order=None):
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
                                guest_title=title, order=index if order is None else order,
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


PAST_ONLY = "Chỉ sửa được theo cách này hội nghị ghi lại sau khi họp."
HEADER_FACTS = ("date", "kind", "number", "name", "subject", "reviewed_period", "session", "start_time", "end_time",
                "venue", "theme", "conclusion", "source_url", "term", "body_kind", "resolution_passed", "vote_share")


@action("Sửa hồ sơ hội nghị đã ghi lại", page=("conferences:edit",), api=("api:conference_correct_past",))
def correct_past_conference(user, conference, **facts) -> Conference:
    """Correct the header facts of a conference recorded after the fact (``HEADER_FACTS``, same meaning and
    checks as ``record_past_conference``); lists (attendees, speeches, awards…) are not changed here. A live
    conference's record stays final once closed (``Conference.ensure_editable``): refused."""
    access.check_manage(user, conference)
    if not conference.is_past:
        raise ValidationError(PAST_ONLY)
    unknown = sorted(set(facts) - set(HEADER_FACTS))
    if unknown:
        raise ValidationError(f"Thông tin không hợp lệ: {', '.join(unknown)}.")
    for key in ("name", "subject", "reviewed_period", "venue", "theme"):
        if key in facts:
            facts[key] = _text(facts[key])
    for key in ("start_time", "end_time"):
        if key in facts:
            facts[key] = _time(facts[key], key)
    if "resolution_passed" in facts:
        facts["resolution_passed"] = _passed(facts["resolution_passed"])
    if "vote_share" in facts:
        facts["vote_share"] = _share(facts["vote_share"])
    if "number" in facts:
        conference.numbered = facts["number"] is not None
    if conference.body_id and "term" in facts and facts["term"] != conference.body.term:
        conference.body = None  # the body belongs to its term: a corrected term leaves only its kind
    if facts.get("session") and facts["session"] not in Conference.Session.values:
        raise ValidationError({"session": "Buổi họp chỉ là sáng, chiều hoặc cả ngày."})
    for key, value in facts.items():
        setattr(conference, key, value if value is not None or key in ("number", "term", "start_time", "end_time",
                                                                      "resolution_passed", "vote_share") else "")
    conference.opened_at = conference.moment(conference.start_time)
    conference.closed_at = conference.moment(conference.end_time)
    conference.full_clean()
    conference.save()
    return conference


@action("Sửa người chủ trì, người dự của hội nghị đã ghi lại", page=("conferences:past_people",),
        api=("api:conference_correct_past_people",))
def correct_past_people(user, conference, *, chairs=None, add=(), remove=()) -> Conference:
    """Correct who chaired and who attended a conference recorded after the fact.

    ``chairs`` (None leaves them as they are): the whole list, ``[{"person": Person, "title": "as printed that
    day"}]``; a chair not yet among the attendees is added as one, as ``record_past_conference`` does. ``add``:
    attendees as ``record_past_conference`` takes them (a person or a group). ``remove``: invitations of this
    conference. People arrive as model instances checked against the user's right to read them.

    Refusals (``ValidationError``, nothing saved): a conference recorded live (its closed record is final); an
    invitation of another conference; removing a chair or someone who spoke (the record would name a speaker
    or a chair who was not there); a person already among the attendees; a chair without a person.
    """
    access.check_manage(user, conference)
    if not conference.is_past:
        raise ValidationError(PAST_ONLY)
    chair_people = None
    if chairs is not None:
        chair_people = []
        for index, chair in enumerate(chairs, 1):
            if chair.get("person") is None:
                raise ValidationError(f"Người chủ trì thứ {index}: chưa chọn người.")
            chair_people.append(chair["person"])
    staying_chairs = set(chair_people if chair_people is not None else conference.chairs.all())
    speakers = set(conference.speeches.exclude(speaker=None).values_list("speaker_id", flat=True))
    for invitation in remove:
        if invitation.conference_id != conference.pk:
            raise ValidationError("Người dự không thuộc hội nghị này.")
        if invitation.person in staying_chairs:
            raise ValidationError(f"Không bỏ được {invitation.addressed} khỏi danh sách dự: đồng chí là người chủ "
                                  "trì hội nghị.")
        if invitation.person_id in speakers:
            raise ValidationError(f"Không bỏ được {invitation.addressed} khỏi danh sách dự: đồng chí đã phát biểu "
                                  "tại hội nghị.")
        invitation.delete()

    last = conference.invitations.aggregate(last=Max("order"))["last"] or 0
    for index, fact in enumerate(add, 1):
        _attend(conference, fact, index, user, order=last + index)
    if chairs is not None:
        frozen = conference.chair_titles or {}
        conference.chair_titles = {}
        conference.chairs.set(chair_people)
        for index, (chair, person) in enumerate(zip(chairs, chair_people, strict=True), 1):
            conference.chair_titles[str(person.pk)] = (_text(chair.get("title")) or frozen.get(str(person.pk))
                                                       or person.titles_text(conference.date))
            if not conference.invitations.filter(person=person).exists():
                _attend(conference, {"person": person}, index, user, order=last + len(add) + index)
    conference.freeze_titles()
    conference.save(update_fields=["chair_titles"])
    return conference


# ---------------------------------------------------------------------------------------------------------
# Importing reports (issue 13, part 2): ``read_report`` (what capuy reads in a report, nothing written),
# ``import_report`` (the clerk's confirmation: one transaction), ``undo_import``, ``stage_report`` and
# ``queue_reports`` (several reports at once, in the background).
# ---------------------------------------------------------------------------------------------------------

OFFICE_ONLY = "Chỉ văn phòng cấp ủy mới được nhập hội nghị từ bản tin."
KINDS = {"committee_plenary": "regular", "year_end_review": "year_end", "mid_term_review": "mid_term",
         "other": "thematic"}


def _require_office(user):
    """Office staff of some organization (or an administrator) import reports; anyone else is refused."""
    if not user.is_authenticated:
        raise PermissionDenied(OFFICE_ONLY)
    managed = permissions.organization_filter(user, permissions.MANAGE_ROLES)
    if managed is not None and not permissions.readable_organizations(user, permissions.MANAGE_ROLES).exists():
        raise PermissionDenied(OFFICE_ONLY)


def _clean_url(url) -> str:
    url = (url or "").strip()[:500]
    return url if url and links.is_safe(url) and re.match(r"https?://", url) else ""


# ---------------------------------------------------------------------------------------------------- reading
@action("Đọc bản tin hội nghị", page="conferences:import_start", api="api:conference_import_extract")
def read_report(user, text: str, source_url: str = "") -> dict:
    """What capuy reads in a report, and what it would match: nothing is written.

    Returns ``{"record", "text", "source_url", "marks", "organization", "outside", "people", "figures"}``."""
    _require_office(user)
    imports.check_text(text)
    record = imports.extract(text)
    url_line, shown = imports.shown_text(text)
    organization, outside = imports.match_organization(user, record.get("organization") or "")
    figures = imports.figure_candidates(record.get("indicators") or [])
    return {"record": record, "text": shown, "source_url": _clean_url(source_url or url_line),
            "marks": imports.marks(shown, record), "organization": organization, "outside": outside,
            "people": imports.match_people(user, record), "figures": figures}


# ---------------------------------------------------------------------------------------------------- importing
def _organization(user, record, organization_id, parent_id, imported):
    """The organization whose conference it is (issue 13 §2): the one the clerk chose, or the one the report
    names, within the clerk's subtree; a report of an organization outside it is refused; an organization
    capuy does not hold is created only under a parent the clerk's office manages."""
    from capuy.organizations.models import Organization

    name = str(record.get("organization") or "").strip()
    if organization_id:
        organization = references.readable(user, Organization, organization_id, "organization_id",
                                           within=permissions.readable_organizations(user))
        if not permissions.can_manage(user, organization):
            raise ValidationError({"organization_id": f"{organization.name} nằm ngoài phạm vi quản lý của đồng chí."})
        return organization
    matched, outside = imports.match_organization(user, name)
    if matched:
        return matched
    if outside:
        raise ValidationError({"organization": f"Bản tin là của {outside.display_committee}, ngoài phạm vi quản lý "
                                               "của đồng chí; không có gì được tạo."})
    if not parent_id:
        raise ValidationError({"organization": f"Không tìm thấy tổ chức “{name or '(trống)'}” trong phạm vi quản "
                                               "lý; hãy chọn tổ chức, hoặc chọn cấp trên để tạo tổ chức mới."})
    parent = references.readable(user, Organization, parent_id, "parent_id",
                                 within=permissions.readable_organizations(user))
    if not permissions.can_manage(user, parent):
        raise ValidationError({"parent_id": f"{parent.name} nằm ngoài phạm vi quản lý của đồng chí."})
    if not name:
        raise ValidationError({"organization": "Cần ghi tên tổ chức để tạo mới."})
    key = imports.organization_key(name)
    kind = {"province": "province", "district": "district", "cell": "cell"}.get(record.get("level"), "grassroots")
    committee = name if re.match(r"(?i)(?:thành|tỉnh|quận|huyện|thị|đảng|chi)\s+ủy", name) else ""
    organization = Organization(parent=parent, kind=kind, name=_organization_name(name, key), committee_name=committee)
    organization.full_clean(exclude=["path"])
    organization.save()
    imported.note_created(organization)
    return organization


def _organization_name(name: str, key: str) -> str:
    """ "Quận ủy Kiến An" → "Đảng bộ quận Kiến An": the organization, not its committee."""
    name = re.sub(r"^(?:Ban Chấp hành|Ban Thường vụ|BCH|BTV)\s+", "", name.strip())
    m = re.match(r"(?i)(thành|tỉnh|quận|huyện|thị|đảng)\s+ủy\s+(.*)", name)
    if not m:
        return name[:200]
    unit = {"thành": "thành phố ", "tỉnh": "tỉnh ", "quận": "quận ", "huyện": "huyện ", "thị": "thị xã ",
            "đảng": ""}[m.group(1).lower()]
    return f"Đảng bộ {unit}{m.group(2)}"[:200]


def _term(organization, record, date, imported):
    """The term the report names ("khóa VI", "nhiệm kỳ 2020-2025") or that covers the date; created when
    the report names it and it is not recorded yet. None when the report says nothing and none covers it."""
    from capuy.organizations.models import Term

    written = str(record.get("term") or "")
    roman = re.search(r"\b([IVXLC]+|\d{1,2})\b", written)
    congress = None
    if roman:
        congress = int(roman.group(1)) if roman.group(1).isdigit() else imports.extraction.roman_to_int(roman.group(1))
    years = re.fullmatch(r"\s*(\d{4})\s*[-–]\s*(\d{4})\s*", str(record.get("term_years") or ""))
    terms = Term.objects.filter(organization=organization)
    term = None
    if congress:
        term = terms.filter(congress_number=congress).first()
    if term is None and years:
        term = terms.filter(start_year=int(years.group(1)), end_year=int(years.group(2))).first()
    if term is None and not (congress or years):
        # a term whose end is not recorded still ends in its last year: a report of a later year that names no
        # term is filed under none rather than under a term long over
        term = terms.covering(date).filter(Q(end_date__isnull=False) | Q(end_year__gte=date.year)).first()
    if term is not None:
        if not term.covers(date):
            raise ValidationError({"event_date": f"Ngày họp nằm ngoài nhiệm kỳ {term}."})
        return term
    if not (congress and years):
        return None
    start_year, end_year = int(years.group(1)), int(years.group(2))
    term = Term(organization=organization, congress_number=congress, start_year=start_year, end_year=end_year,
                start_date=min(datetime.date(start_year, 1, 1), date), end_date=None)
    term.full_clean()
    term.save()
    imported.note_created(term)
    return term


def _meeting_body(organization) -> str:
    """Who meets when a report names an organization's conference: a cell has no Ban Chấp hành, its members meet
    (Điều lệ Đảng, Điều 24: the cell's meeting of members is its leading body)."""
    from capuy.organizations.models import Body, Organization

    cells = (Organization.Kind.CELL, Organization.Kind.GRASSROOTS_CELL)
    return Body.Kind.CELL_MEETING if organization.kind in cells else Body.Kind.EXECUTIVE


def _kind(record) -> str:
    kind = record.get("conference_kind") or "other"
    if kind in ("congress", "council_session"):
        raise ValidationError({"conference_kind": "Bản tin về đại hội hoặc kỳ họp HĐND: capuy chỉ nhập hội nghị của "
                                                  "cấp ủy; không có gì được tạo."})
    if kind == "periodic_review":  # by the months it reviews ("6 tháng đầu năm 2019" is not 9 months for its 9)
        period = str(record.get("period_reviewed") or "").lower()
        for pattern, review in ((r"(?<!\d)0?6 tháng|sáu tháng", "six_month"), (r"(?<!\d)0?9 tháng|chín tháng", "nine_month"),
                                (r"qu[ýí]\s", "quarter")):
            if re.search(pattern, period):
                return review
        return "regular"
    return KINDS.get(kind, "thematic")


_LISTS = {"chair": ("Người chủ trì", dict), "attendees": ("Đại biểu", dict), "indicators": ("Số liệu", dict),
          "awards": ("Khen thưởng", dict), "tasks": ("Nhiệm vụ", str)}


def _check_shape(extracted) -> None:
    """The record has the keys of LABELS.md with lists where lists belong (a client may send anything)."""
    if not isinstance(extracted, dict):
        raise ValidationError({"extracted": "Thiếu nội dung hội nghị đã đọc."})
    for key, (label, kind) in _LISTS.items():
        value = extracted.get(key)
        if value is not None and not (isinstance(value, list) and all(isinstance(v, kind) for v in value)):
            raise ValidationError({key: f"{label}: cần một danh sách đúng dạng."})
    for key in ("organization", "term", "term_years", "event_date", "period_reviewed", "conference_kind", "level"):
        if extracted.get(key) is not None and not isinstance(extracted[key], str):
            raise ValidationError({key: "Giá trị phải là chuỗi ký tự."})


def _date(record) -> datetime.date:
    """The meeting day (issue 13 "Bad input"): a whole date, never in the future (only past meetings)."""
    written = record.get("event_date")
    date = imports.parse_date(written)
    if date is None:
        raise ValidationError({"event_date": "Cần ghi ngày họp đủ ngày, tháng, năm" +
                               (f" (bản tin chỉ ghi “{written}”)." if written else ".")})
    if date > timezone.localdate():
        raise ValidationError({"event_date": f"Ngày họp {vietnamese.numeric_date(date)} chưa đến; chỉ nhập hội nghị "
                                             "đã diễn ra."})
    return date


def _ordinal(record) -> int | None:
    ordinal = record.get("ordinal")
    if ordinal in (None, ""):
        return None
    try:
        ordinal = int(ordinal)
    except (TypeError, ValueError):
        raise ValidationError({"ordinal": "Số thứ tự hội nghị phải là số."}) from None
    if not 1 <= ordinal <= 999:
        raise ValidationError({"ordinal": "Số thứ tự hội nghị phải từ 1 đến 999."})
    return ordinal


def _person(user, organization, person, choice, date, imported):
    """The person a report names: the clerk's choice, the sure match, or a new person (never a silent merge)."""
    from capuy.organizations.models import Person, Title

    if choice == "skip":
        return None
    if isinstance(choice, int) or (isinstance(choice, str) and choice.isdigit()):
        return references.readable(user, Person, int(choice), "people")
    if choice in (None, "", "auto"):
        if person.match is not None:
            return person.match
        if person.ambiguous:
            raise ValidationError({"people": f"Có {len(person.candidates)} người tên {person.name} trong hồ sơ mà "
                                             "chức danh không khớp chắc chắn: hãy chọn đúng người hoặc tạo người mới."})
    elif choice != "new":
        raise ValidationError({"people": f"Lựa chọn “{choice}” cho {person.name} không hợp lệ."})
    created = Person(full_name=person.name, organization=organization)
    created.full_clean()
    created.save()
    imported.note_created(created)
    for order, name in enumerate(Person.normalize_title_names(person.titles), 1):
        title = Title.objects.create(person=created, name=name, order=order)
        imported.note_created(title)
    return created


def _people(user, organization, record, choices, date, imported) -> tuple[list, list]:
    """(chairs, attendees) as ``record_past_conference`` takes them, each person matched or created."""
    people = imports.match_people(user, record)
    choices = list(choices or [])
    if len(choices) > len(people):
        raise ValidationError({"people": "Danh sách lựa chọn người nhiều hơn số người trong bản tin."})
    choices += [None] * (len(people) - len(choices))
    chairs, attendees, seen = [], [], set()
    for person, choice in zip(people, choices, strict=True):
        found = _person(user, organization, person, choice, date, imported)
        if found is None or found.pk in seen:
            continue
        seen.add(found.pk)
        fact = {"person": found, "title": ", ".join(person.titles)[:300]}
        (chairs if person.chair else attendees).append(fact)
    return chairs, attendees


AWARD_COUNT = r"\d+\s+(?:tập thể|cá nhân|đảng viên|chi bộ|đảng bộ|đơn vị|đồng chí)"
_AWARD_FORMS = [("bằng khen", "bang_khen"), ("giấy khen", "giay_khen"), ("huy hiệu", "huy_hieu")]


def award_facts(record, source: str = "", committee: str = "") -> list[dict]:
    """The awards of a report as counted awards: "Giấy khen của Chủ tịch UBND huyện" for "03 tập thể và 05 cá
    nhân" → form, issuer and counts (names and decision may come later, issue 13 §1). The issuer is the one the
    report states (``imports.award_issuer``); an award whose issuer nobody wrote is refused, never assumed."""
    out = []
    for index, award in enumerate(record.get("awards") or [], 1):
        if not isinstance(award, dict):
            continue
        form_text = " ".join(str(award.get("form") or "").split())
        recipient = " ".join(str(award.get("recipient") or "").split())
        if not (form_text or recipient):
            continue
        lowered = form_text.lower()
        form = next((code for word, code in _AWARD_FORMS if lowered.startswith(word)), "khac")
        issuer = imports.award_issuer(award, source, committee)
        collectives = re.search(r"(\d+)\s+(?:tập thể|chi bộ|đảng bộ|đơn vị)", recipient)
        individuals = re.search(r"(\d+)\s+(?:cá nhân|đảng viên|đồng chí)", recipient)
        # the achievement after the counts ("có thành tích xuất sắc"): the counts are their own fields
        reason = re.sub(rf"^(?:{AWARD_COUNT})(?:\s*(?:,|và)\s*(?:{AWARD_COUNT}))*\s*", "", recipient)
        if not reason and recipient and (said := re.search(
                rf"{re.escape(recipient)}\s+((?:đã\s+)?(?:có|vì)\s+thành tích[^.;\n]*)", source or "")):
            reason = said.group(1).strip()  # the report's words after the counts, which the record keeps apart
        fact = {"form": form, "form_detail": form_text[:200] if form == "khac" else "", "issuer": issuer[:200],
                "reason": (reason if collectives or individuals else "")[:500]}
        if collectives or individuals:
            fact["collective_count"] = int(collectives.group(1)) if collectives else None
            fact["individual_count"] = int(individuals.group(1)) if individuals else None
        else:
            fact["collective_name"] = recipient[:200]
        if not fact["issuer"]:
            raise ValidationError({"awards": f"Khen thưởng thứ {index}: cần ghi cơ quan, người khen thưởng "
                                             "(ví dụ Chủ tịch UBND huyện), hoặc bỏ chọn khen thưởng này."})
        out.append(fact)
    return out


def _note_conference(conference, imported) -> None:
    """The conference and every row recorded with it (attendance, speeches, references, awards)."""
    from capuy.members.models import Commendation

    imported.note_created(conference)
    for queryset in (conference.invitations.all(), conference.attendances.all(), conference.speeches.all(),
                     conference.references.all() if hasattr(conference, "references") else [],
                     Commendation.objects.filter(conference=conference)):
        for row in queryset:
            imported.note_created(row)


def _figures(user, conference, organization, record, choices, imported):
    """Each figure kept becomes the organization's result for the reviewed period (targets app)."""
    from capuy.targets.models import Indicator, Result, to_decimal

    figures = list(record.get("indicators") or [])
    choices = list(choices or []) + [None] * max(0, len(figures) - len(choices or []))
    kept = [(i, f, c) for i, (f, c) in enumerate(zip(figures, choices[:len(figures)], strict=True)) if c != "skip"]
    if not kept:
        return
    period = imports.period_of(str(record.get("period_reviewed") or ""))
    if period is None:
        raise ValidationError({"period_reviewed": "Không xác định được kỳ báo cáo (ví dụ “9 tháng năm 2023”) để "
                                                  "lưu số liệu vào chỉ tiêu; hãy ghi kỳ đánh giá hoặc bỏ chọn số liệu."})
    kind, year, number = period
    names = imports.figure_names(figures)
    for i, figure, choice in kept:
        name = names[i][:300]
        unit = " ".join(str(figure.get("unit") or "").split())[:40]
        if not name or not unit:
            raise ValidationError({"indicators": f"Số liệu thứ {i + 1} cần có tên chỉ tiêu và đơn vị tính."})
        value = to_decimal(figure.get("value"))
        if value is None:
            raise ValidationError({"indicators": f"Giá trị của số liệu “{name}” không phải là số."})
        if isinstance(choice, int) or (isinstance(choice, str) and choice.isdigit()):
            indicator = Indicator.objects.filter(pk=int(choice)).first()
            if indicator is None:
                raise ValidationError({"indicators": f"Không tìm thấy chỉ tiêu có mã {choice}."})
        elif choice in (None, "", "auto", "new"):
            found = imports.indicator_candidates(name, unit) if choice != "new" else []
            indicator = found[0] if len(found) == 1 else None
            if indicator is None:
                indicator = Indicator(code=f"NB{imported.pk}-{i + 1}", name=name, report_name=name, unit=unit,
                                      value_type=Indicator.ValueType.NUMBER, rollup=Indicator.Rollup.NONE,
                                      report_as=Indicator.ReportAs.VALUE)
                indicator.full_clean()
                indicator.save()
                imported.note_created(indicator)
        else:
            raise ValidationError({"indicators": f"Lựa chọn “{choice}” cho số liệu thứ {i + 1} không hợp lệ."})
        if not indicator.reporters.filter(pk=organization.pk).exists():
            indicator.reporters.add(organization)
            imported.added_links.append(["targets.indicator.reporters", indicator.pk, organization.pk])
        result = Result(organization=organization, indicator=indicator, period_kind=kind, year=year,
                        period_number=number, value=value,
                        note=str(figure.get("comparison") or "")[:500], status=Result.Status.APPROVED,
                        entered_by=user, approved_by=user, approved_at=timezone.now())
        try:
            result.full_clean()
        except ValidationError as exc:
            raise ValidationError({"indicators": [f"Số liệu thứ {i + 1} (“{name}”): {m}" for m in exc.messages]}) from None
        result.save()
        imported.note_created(result)


def _tasks(user, conference, organization, record, deadline, imported):
    """The report's tasks, with the deadline the clerk typed; none typed (the report names none): tasks without
    a deadline ("chưa có thời hạn", issue 13), never an invented one such as the end of the meeting's year."""
    from capuy.tasks.models import SourceKind, Task

    if deadline:
        deadline = imports.parse_date(deadline)
        if deadline is None or deadline < conference.date:
            raise ValidationError({"task_deadline": "Thời hạn của các nhiệm vụ phải là một ngày từ ngày họp trở đi."})
    else:
        deadline = None
    for text in record.get("tasks") or []:
        text = " ".join(str(text).split())
        if not text:
            continue
        task = Task(organization=organization, source_kind=SourceKind.CONFERENCE, conference=conference,
                    source_text=f"{conference.short_title}"[:300], title=text[:500], content=text,
                    lead_organization=organization, start_date=conference.date, deadline=deadline, created_by=user)
        task.full_clean()
        task.save()
        imported.note_created(task)


@action("Nhập hội nghị từ bản tin", page="conferences:import_confirm", api="api:conference_import_confirm")
def import_report(user, extracted: dict, source_text: str, source_url: str = "", *, organization_id=None,
                  parent_id=None, people=None, figures=None, task_deadline=None, pending=None,
                  file_name: str = "", session=None) -> ImportedReport:
    """Turn a report the clerk has checked into records, in one transaction (issue 13, part 2).

    Creates or matches the organization (only within the clerk's subtree), the term, the people (matched by
    name and title; an ambiguous name is the clerk's choice), the past conference with its chairs and
    attendees, the figures as results of indicators, the tasks, and keeps the report (text, address, who,
    when, what was created) as an ``ImportedReport``. Refuses, with nothing created: an empty text, a text
    that is no conference report, an organization outside the subtree, a number already taken in the term,
    a date in the future or without a year. ``session`` ("morning", "afternoon", "full_day", "" for not
    recorded) defaults to the part of the day the text writes before the date, never to a guess."""
    _require_office(user)
    source_text = imports.check_text(source_text)
    imports.extract(source_text)  # the text itself must be a report, whatever the clerk typed
    _check_shape(extracted)
    date = _date(extracted)
    number = _ordinal(extracted)
    kind = _kind(extracted)
    if pending is not None:
        imported = ImportedReport.objects.select_for_update().filter(pk=pending.pk).first()
        if imported is None or imported.created_by_id != user.pk:
            raise Http404("Không tìm thấy bản tin chờ xác nhận.")
        if imported.status != ImportedReport.Status.PENDING:
            raise ValidationError("Bản tin này đã được xác nhận hoặc đã hoàn tác.")
    else:
        imported = ImportedReport(created_by=user, file_name=file_name[:255], extracted=extracted)
    imported.source_text, imported.source_url = source_text, _clean_url(source_url)
    earlier = ImportedReport.objects.visible_to(user).filter(status=ImportedReport.Status.CONFIRMED,
                                                            source_url=imported.source_url)
    if imported.source_url and earlier.exclude(pk=imported.pk).exists():
        # the same article twice would record the same meeting twice (an unnumbered one passes every other check)
        raise ValidationError({"source_url": "Bản tin ở địa chỉ này đã được nhập; hãy hoàn tác lần nhập trước nếu "
                                             "muốn nhập lại."})
    imported.status, imported.confirmed, imported.confirmed_at = ImportedReport.Status.CONFIRMED, extracted, timezone.now()
    imported.created_rows, imported.added_links = [], []
    imported.save()
    organization = _organization(user, extracted, organization_id, parent_id, imported)
    term = _term(organization, extracted, date, imported)
    period = str(extracted.get("period_reviewed") or "")
    subject = ""  # a report rarely states it as such: the record keeps what was written, the period
    chairs, attendees = _people(user, organization, extracted, people, date, imported)
    conference = record_past_conference(
        user, organization, date=date, kind=kind, term=term, body_kind=_meeting_body(organization), number=number,
        subject=subject,
        session=imports.session_of(source_text, extracted.get("event_date")) if session is None else session,
        reviewed_period=period, source_url=imported.source_url, chairs=chairs, attendees=attendees,
        resolution_passed=extracted.get("resolution_passed"), vote_share=extracted.get("vote_share"),
        awards=award_facts(extracted, source_text, organization.display_committee))
    _note_conference(conference, imported)
    _figures(user, conference, organization, extracted, figures, imported)
    _tasks(user, conference, organization, extracted, task_deadline, imported)
    imported.organization, imported.organization_name = organization, organization.name
    imported.conference, imported.conference_title = conference, conference.title[:500]
    imported.confirmed = extracted
    imported.save()
    return imported


# ---------------------------------------------------------------------------------------------------- undoing
IMPORT_NOT_FOUND = "Không tìm thấy bản tin đã nhập."


def imported_for(user, pk) -> ImportedReport:
    """The import ``pk`` if ``user`` may read it (pages and API look it up here), else 404."""
    found = ImportedReport.objects.visible_to(user).select_related("conference", "organization").filter(pk=pk).first()
    if found is None:
        raise Http404(IMPORT_NOT_FOUND)
    return found


def _readable_import(user, imported) -> ImportedReport:
    return imported_for(user, imported.pk)


class _DryRun(Exception):
    def __init__(self, refusal):
        self.refusal = refusal


def undo_refusal(imported: ImportedReport) -> str | None:
    """Why the import cannot be undone (something else refers to what it created), or None.

    Rule (issue 13): an import is undone as a whole or not at all, and only while nothing recorded later
    refers to its records: deleting them must not delete or change any row the import did not create. Tried
    for real in a transaction that is always rolled back."""
    try:
        with transaction.atomic():
            raise _DryRun(_delete_created(imported))
    except _DryRun as outcome:
        return outcome.refusal


def _delete_created(imported) -> str | None:
    """Delete the created rows newest first; the first row another record refers to stops it (returned)."""
    rows = _created_objects(imported)
    created = {(obj._meta.label_lower, obj.pk) for obj in rows}
    if apps.is_installed("capuy.documents"):
        # documents drafted from an imported conference name it by its id, which no foreign key guards
        drafted = apps.get_model("documents", "Document").objects.filter(
            source_conference_id__in=[pk for label, pk in created if label == "conferences.conference"]).first()
        if drafted is not None:
            return _refusal(drafted)
    for label, indicator_pk, organization_pk in imported.added_links:
        if label == "targets.indicator.reporters":
            apps.get_model("targets.indicator").reporters.through.objects.filter(
                indicator_id=indicator_pk, organization_id=organization_pk).delete()
    for obj in reversed(rows):
        collector = Collector(using="default")
        try:
            collector.collect([obj])
        except (ProtectedError, RestrictedError) as exc:
            blocking = exc.protected_objects if isinstance(exc, ProtectedError) else exc.restricted_objects
            return _refusal(next(iter(blocking)))
        for model, instances in collector.data.items():
            for other in instances:
                if (model._meta.label_lower, other.pk) not in created and not model._meta.auto_created:
                    return _refusal(other)
        for queryset in collector.fast_deletes:
            if not queryset.model._meta.auto_created:  # links of a many-to-many field go with the row
                for other in queryset:
                    if (other._meta.label_lower, other.pk) not in created:
                        return _refusal(other)
        for (field, _value), updates in collector.field_updates.items():
            if field.model is ImportedReport:
                continue
            for update in updates:
                for other in (update if hasattr(update, "model") else [update]):
                    return _refusal(other)
        collector.delete()
    return None


def _refusal(obj) -> str:
    return (f"Không thể hoàn tác: {obj._meta.verbose_name} “{str(obj)[:100]}” được ghi sau đó đang tham chiếu đến "
            "dữ liệu của lần nhập này. Hãy xóa hoặc sửa dữ liệu đó trước.")


def _created_objects(imported) -> list:
    out = []
    for label, pk, _ in imported.created_rows:
        model = apps.get_model(label)
        obj = model.objects.filter(pk=pk).first()
        if obj is not None:
            out.append(obj)
    return out


@action("Hoàn tác lần nhập bản tin", page="conferences:import_undo", api="api:conference_import_undo")
def undo_import(user, imported: ImportedReport) -> ImportedReport:
    """Delete everything the import created, as a whole, or refuse with the reason (``undo_refusal``)."""
    _readable_import(user, imported)
    imported = ImportedReport.objects.select_for_update().get(pk=imported.pk)
    if imported.organization_id and not permissions.can_manage(user, imported.organization):
        raise PermissionDenied("Chỉ văn phòng cấp ủy của tổ chức này mới được hoàn tác lần nhập.")
    if imported.status != ImportedReport.Status.CONFIRMED:
        raise ValidationError("Chỉ hoàn tác được bản tin đã nhập và chưa hoàn tác.")
    refusal = _delete_created(imported)
    if refusal:
        raise ValidationError(refusal)
    ImportedReport.objects.filter(pk=imported.pk).update(status=ImportedReport.Status.UNDONE, undone_by=user,
                                                         undone_at=timezone.now(), conference=None)
    imported.refresh_from_db()
    return imported


# ---------------------------------------------------------------------------------------------------- batches
@action("Đọc một bản tin để chờ xác nhận", page="conferences:import_start")
def stage_report(user, text: str, source_url: str = "", file_name: str = "") -> ImportedReport:
    """Keep a report read in a batch for the clerk to check and confirm later (``import_report(pending=…)``)."""
    read = read_report(user, text, source_url)
    return ImportedReport.objects.create(created_by=user, file_name=file_name[:255], source_text=text,
                                         source_url=read["source_url"], extracted=read["record"],
                                         organization=read["organization"],
                                         organization_name=str(read["record"].get("organization") or "")[:300])


@action("Bỏ bản tin chờ xác nhận", page="conferences:import_discard")
def discard_pending(user, imported: ImportedReport) -> None:
    """A report read in a batch and not wanted: its pending record goes (nothing else was created)."""
    if imported.created_by_id != user.pk:
        raise Http404("Không tìm thấy bản tin chờ xác nhận.")
    if imported.status != ImportedReport.Status.PENDING:
        raise ValidationError("Chỉ bỏ được bản tin đang chờ xác nhận.")
    imported.delete()


@action("Nhập nhiều bản tin cùng lúc", page="conferences:import_start")
def queue_reports(user, reports: list[tuple[str, str, str]]):
    """Read several reports in the background; each becomes a report waiting for the clerk's confirmation.
    ``reports``: [(file name, text, source address)]. Returns the background job."""
    from capuy.core import jobs

    _require_office(user)
    if not reports:
        raise ValidationError({"files": imports.EMPTY_MESSAGE})
    if len(reports) > imports.MAX_REPORTS_AT_ONCE:
        raise ValidationError({"files": f"Mỗi lần chỉ nhập tối đa {imports.MAX_REPORTS_AT_ONCE} bản tin."})
    from django.urls import reverse

    return jobs.start("import_reports", f"Đọc {len(reports)} bản tin hội nghị", "capuy.conferences.actions.run_batch",
                      user.pk, [list(r) for r in reports], owner=user, total=len(reports),
                      result_url=reverse("conferences:import_start") + "?cho=1")


def run_batch(job, user_id: int, reports: list) -> dict:
    """The worker's side of ``queue_reports``: each report read and kept apart, one outcome row per report."""
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.get(pk=user_id)
    rows, staged = [], 0
    job.progress(0, len(reports), "Đang đọc các bản tin…", force=True)
    for n, (name, text, url) in enumerate(reports, 1):
        try:
            imported = stage_report(user, text, url, name)
        except (ValidationError, PermissionDenied) as exc:
            rows.append([name, "Lỗi", " ".join(getattr(exc, "messages", [str(exc)]))])
        else:
            staged += 1
            record = imported.extracted
            what = " – ".join(str(v) for v in (record.get("organization"), record.get("ordinal") and
                                                 f"lần thứ {record['ordinal']}", record.get("event_date")) if v)
            rows.append([name, "Chờ xác nhận", what])
        job.progress(n, len(reports), f"Đã đọc {n}/{len(reports)} bản tin")
    return {"rows": rows, "message": f"Đã đọc {staged}/{len(reports)} bản tin; hãy kiểm tra và xác nhận từng bản."}


def _invitation(user, conference: Conference) -> Invitation:
    access.check_read(user, conference)
    invitation = conference.invitation_for(user.person) if user.person_id else None
    if invitation is None:
        raise PermissionDenied(access.NOT_INVITED)
    return invitation


@action("Chuẩn bị hội nghị mới", page="conferences:create", api="api:create_conference")
def create_conference(user, conference: Conference, chairs=None) -> Conference:
    """Save the new ``conference`` (its body set; the form or the API set its fields) with its chairs."""
    body = conference.body
    if not permissions.can_read(user, body.organization):
        raise Http404("Không tìm thấy cơ quan.")
    if not permissions.can_manage(user, body.organization):
        raise PermissionDenied(PREPARE_REFUSED)
    conference.organization, conference.term, conference.created_by = body.organization, body.term, user
    conference.full_clean(exclude=["number"])
    conference.save()
    if chairs is not None:
        conference.chairs.set(chairs)
    return conference


@action("Sửa thông tin hội nghị", page="conferences:edit", api="api:update_conference")
def update_conference(user, conference: Conference, fields: dict | None = None, chairs=None) -> Conference:
    access.check_manage(user, conference)
    conference.ensure_editable()
    for name, value in (fields or {}).items():
        setattr(conference, name, value)
    conference.full_clean(exclude=["number"])
    conference.save()
    if chairs is not None:
        conference.chairs.set(chairs)
    live.publish(conference.pk, "conference", {})
    return conference


@action("Thêm nội dung vào chương trình hội nghị", page="conferences:agenda_add", api="api:add_agenda_item")
def add_agenda_item(user, conference: Conference, item: AgendaItem) -> AgendaItem:
    access.check_manage(user, conference)
    conference.ensure_editable()
    item.conference = conference
    item.full_clean()
    item.save()
    live.publish(conference.pk, "agenda", {})
    return item


@action("Mời các thành viên cơ quan dự hội nghị", page="conferences:invite_members", api="api:invite_members")
def invite_members(user, conference: Conference) -> int:
    access.check_manage(user, conference)
    return conference.invite_body_members()


@action("Mời khách dự hội nghị", page="conferences:invite_guest", api="api:invite_guest")
def invite_guest(user, conference: Conference, person=None, title: str = "", full_name: str = "",
                 email: str = "") -> Invitation:
    """Invite ``person``, or a guest not yet on record (created from ``full_name`` and ``email``)."""
    access.check_manage(user, conference)
    if person is None:
        conference.ensure_editable()
        person = Person.objects.create(full_name=full_name.strip(), email=email, organization=conference.organization)
        if title:
            Title.objects.create(person=person, name=title, order=1)
    return conference.invite_guest(person, title)


@action("Gửi giấy mời", page="conferences:send_invitations", api="api:send_invitations")
def send_invitations(user, conference: Conference, base_url: str) -> int:
    access.check_manage(user, conference)
    return conference.send_invitations(base_url=base_url)


@action("Trả lời giấy mời", page="conferences:answer", api="api:answer_invitation")
def answer_invitation(user, conference: Conference, answer: str, reason: str = "") -> Invitation:
    invitation = _invitation(user, conference)
    invitation.answer_with(answer, reason)
    return invitation


@action("Điểm danh, ghi nhận vắng mặt hoặc về sớm",
        page=("conferences:self_check_in", "conferences:attendance_action"), api="api:record_attendance")
def record_attendance(user, conference: Conference, person=None, what: str = "check_in", reason: str = "",
                      self_service: bool = False, method: str | None = None):
    """The office records any invitee (arrived, left early, absent with or without reason, or undoes a mistaken
    entry: ``clear``); an invitee may
    only check themself in (``person`` None or their own), on the meeting day (``Conference.check_in``)."""
    access.check_read(user, conference)
    staff = access.can_manage(user, conference) and not self_service
    if not staff:
        own = _invitation(user, conference)
        if (person is not None and own.person_id != person.pk) or what != "check_in":
            raise PermissionDenied(ONLY_SELF)
        person = own.person
    if what == "check_in":
        method = method or (Attendance.Method.STAFF if staff else Attendance.Method.SELF)
        return conference.check_in(person, method=method, user=user, self_service=not staff)
    if what == "left":
        return conference.mark_left(person, reason)
    if what in ("excused", "unexcused"):
        return conference.mark_absent(person, what == "excused", reason, user=user)
    if what == "clear":
        return conference.clear_attendance(person)
    raise ValidationError(BAD_ATTENDANCE)


@action("Ghi nhận phát biểu", page="conferences:speech_add", api="api:add_speech")
def record_speech(user, conference: Conference, speaker, kind: str, summary: str, item=None, title: str = ""):
    access.check_manage(user, conference)
    return conference.record_speech(speaker, kind, summary, item=item, title=title)


@action("Đăng ký phát biểu", page="conferences:speak", api="api:register_speaker")
def register_speaker(user, conference: Conference, item: AgendaItem, kind: str, topic: str = ""):
    invitation = _invitation(user, conference)
    return conference.register_speaker(item, invitation.person, kind, topic)


@action("Bế mạc hội nghị", page="conferences:close", api="api:close_conference")
def close_conference(user, conference: Conference, conclusion: str) -> Conference:
    access.check_manage(user, conference)
    conference.close(conclusion, user)
    return conference


def _own(conference: Conference, record, what: str):
    """``record`` (an agenda item, invitation, draft…) must belong to ``conference``: an id of another
    meeting is answered as not found."""
    if record is None or record.conference_id != conference.pk:
        raise Http404(f"Không tìm thấy {what}.")
    return record


def _managed_item(user, conference: Conference, item: AgendaItem) -> AgendaItem:
    """An agenda item the office may still change: the conference is run by ``user``, still editable, and the
    item is one of its own."""
    access.check_manage(user, conference)
    conference.ensure_editable()
    return _own(conference, item, "nội dung trong chương trình")


@action("Sửa nội dung chương trình hội nghị", page="conferences:agenda_edit", api="api:update_agenda_item")
def update_agenda_item(user, conference: Conference, item: AgendaItem) -> AgendaItem:
    """Save ``item`` as changed by the page's form."""
    _managed_item(user, conference, item)
    item.full_clean()
    item.save()
    live.publish(conference.pk, "agenda", {})
    return item


@action("Xóa nội dung khỏi chương trình hội nghị", page="conferences:agenda_delete", api="api:delete_agenda_item")
def delete_agenda_item(user, conference: Conference, item: AgendaItem) -> None:
    """An item already discussed at the meeting stays: the minutes refer to it."""
    _managed_item(user, conference, item)
    if item.started_at:
        raise ValidationError(AGENDA_DISCUSSED)
    item.delete()
    live.publish(conference.pk, "agenda", {})


@action("Đính kèm tài liệu vào nội dung chương trình", page="conferences:attachment_add")
def add_attachment(user, conference: Conference, item: AgendaItem, attachment):
    """``attachment`` comes from the page's form, its file already checked (``core.uploads``)."""
    _managed_item(user, conference, item)
    attachment.item = item
    attachment.full_clean()
    attachment.save()
    live.publish(conference.pk, "agenda", {})
    return attachment


@action("Xóa người khỏi danh sách mời", page="conferences:invitation_delete")
def delete_invitation(user, conference: Conference, invitation: Invitation) -> None:
    """Someone who checked in or spoke stays on the list: the attendance and the minutes name them."""
    access.check_manage(user, conference)
    conference.ensure_editable()
    _own(conference, invitation, "giấy mời")
    if hasattr(invitation, "attendance") or (
            invitation.person_id and Speech.objects.filter(conference=conference, speaker=invitation.person).exists()):
        raise ValidationError(INVITEE_RECORDED)
    invitation.delete()


@action("Điểm danh bằng mã QR trên giấy mời", page="conferences:check_in_token")
def check_in_by_token(user, token: str) -> Attendance:
    """The QR code of an invitation: the office checks its bearer in on any day; the invitee checks themself
    in on the meeting day (``Conference.check_in``). Anyone else is told the invitation does not exist."""
    invitation = Invitation.objects.select_related("conference", "person").filter(token=token).first()
    if invitation is None or not token:
        raise Http404(INVITATION_NOT_FOUND)
    conference = invitation.conference
    if not access.can_read(user, conference):
        raise Http404(INVITATION_NOT_FOUND)
    manage = access.can_manage(user, conference)
    if not (manage or (user.person_id and invitation.person_id == user.person_id)):
        raise Http404(INVITATION_NOT_FOUND)
    return conference.check_in(invitation, method=Attendance.Method.QR, user=user, self_service=not manage)


CONTROL_STEPS = ("open", "next", "previous", "goto", "end_speech", "close_list", "open_list", "order", "give_floor",
                 "up")


@action("Điều hành hội nghị (khai mạc, chuyển nội dung, mời phát biểu)", page="conferences:control_action",
        api="api:control_conference")
def control_conference(user, conference: Conference, step: str, item: AgendaItem | None = None,
                       speaker_request: SpeakerRequest | None = None, order=()) -> Conference:
    """One step of running the meeting: ``open``, ``next``, ``previous``, ``goto`` (``item``), ``end_speech``,
    ``close_list``/``open_list`` (``item``'s list of speakers), ``order`` (``item``'s waiting requests in the
    order of the ids ``order``), ``give_floor`` (``speaker_request``), ``up`` (move ``speaker_request`` one
    place earlier). The model methods hold the rules of the meeting and send the live events."""
    access.check_manage(user, conference)
    if step not in CONTROL_STEPS:
        raise ValidationError(BAD_CONTROL)
    if step in ("goto", "close_list", "open_list", "order"):
        if item is None:
            raise ValidationError({"item": NO_ITEM})
        _own(conference, item, "nội dung trong chương trình")
    if step in ("give_floor", "up"):
        _own(conference, speaker_request, "đăng ký phát biểu")
    if step == "open":
        conference.open()
    elif step == "next":
        conference.next_item()
    elif step == "previous":
        conference.previous_item()
    elif step == "goto":
        conference.go_to_item(item)
    elif step == "end_speech":
        conference.end_speech()
    elif step in ("close_list", "open_list"):
        conference.close_speaker_list(item, step == "close_list")
    elif step == "order":
        conference.order_speakers(item, [int(x) for x in order])
    elif step == "give_floor":
        conference.start_speech(speaker_request.person, speaker_request.kind, request=speaker_request)
    else:  # up
        ids = list(speaker_request.agenda_item.speaker_requests.filter(status=SpeakerRequest.Status.WAITING)
                   .values_list("pk", flat=True))
        if speaker_request.pk in ids:
            index = ids.index(speaker_request.pk)
            if index:
                ids[index - 1], ids[index] = ids[index], ids[index - 1]
        conference.order_speakers(speaker_request.agenda_item, ids)
    return conference


@action("Ghi tóm tắt phát biểu", page="conferences:speech_summary", api="api:summarize_speech")
def summarize_speech(user, conference: Conference, speech: Speech, summary: str) -> Speech:
    access.check_manage(user, conference)
    conference.ensure_editable()
    _own(conference, speech, "phát biểu")
    speech.summary = (summary or "").strip()
    speech.save(update_fields=["summary"])
    live.publish(conference.pk, "speech", {"recorded": speech.pk})
    return speech


@action("Đăng dự thảo để lấy ý kiến", page="conferences:draft_create", api="api:add_draft")
def add_draft(user, conference: Conference, draft: Draft, text: str = "", file=None) -> Draft:
    """Save the new ``draft`` (its kind, title, agenda item, comment deadline set) with its first version."""
    access.check_manage(user, conference)
    conference.ensure_editable()
    draft.conference = conference
    if draft.agenda_item_id and draft.agenda_item.conference_id != conference.pk:
        raise ValidationError({"agenda_item": "Nội dung không thuộc chương trình hội nghị này."})
    draft.full_clean()
    draft.save()
    draft.add_version(text, user, "Phiên bản đầu", file)
    return draft


@action("Đăng phiên bản mới của dự thảo", page="conferences:draft_version", api="api:add_version")
def add_version(user, conference: Conference, draft: Draft, text: str = "", note: str = "", file=None):
    access.check_manage(user, conference)
    _own(conference, draft, "dự thảo")
    return draft.add_version(text, user, note, file)


@action("Mở hoặc khóa việc lấy ý kiến dự thảo", page="conferences:draft_status")
def toggle_draft_status(user, conference: Conference, draft: Draft) -> Draft:
    access.check_manage(user, conference)
    conference.ensure_editable()
    _own(conference, draft, "dự thảo")
    draft.status = Draft.Status.CLOSED if draft.status == Draft.Status.OPEN else Draft.Status.OPEN
    draft.save(update_fields=["status"])
    return draft


@action("Góp ý dự thảo", page="conferences:comment_add", api="api:add_comment")
def add_comment(user, conference: Conference, draft: Draft, text: str, paragraph: int | None = None) -> DraftComment:
    """Whoever reads the conference (its invitees too) comments on the latest version, on the whole text or
    on one paragraph (its section and words are kept, as the version may change)."""
    access.check_read(user, conference)
    _own(conference, draft, "dự thảo")
    if user.person_id is None:
        raise PermissionDenied(NO_PERSON_TO_COMMENT)
    if not draft.is_open:
        raise ValidationError(DRAFT_CLOSED)
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": EMPTY_COMMENT})
    version = draft.latest_version()
    anchor = next((p for p in version.paragraphs() if p["number"] == paragraph), None) if paragraph else None
    if paragraph and anchor is None:
        raise ValidationError({"paragraph": f"Dự thảo không có đoạn số {paragraph}."})
    return DraftComment.objects.create(
        draft=draft, version=version, author_id=user.person_id, paragraph=paragraph,
        section=anchor["section"] if anchor else "", quote=anchor["text"][:500] if anchor else "", text=text)


@action("Tiếp thu, giải trình ý kiến góp ý", page="conferences:comment_answer", api="api:answer_comment")
def answer_comment(user, conference: Conference, comment: DraftComment, answer: str, text: str = "") -> DraftComment:
    access.check_manage(user, conference)
    if comment is None or comment.draft.conference_id != conference.pk:
        raise Http404("Không tìm thấy ý kiến góp ý.")
    comment.answer_with(answer, text, user)
    return comment


@action("Công bố tổng hợp tiếp thu, giải trình", page="conferences:draft_publish", api="api:publish_summary")
def publish_summary(user, conference: Conference, draft: Draft) -> Draft:
    """Published once every comment is answered; the invitees then read the summary."""
    access.check_manage(user, conference)
    conference.ensure_editable()
    _own(conference, draft, "dự thảo")
    pending = draft.comments.filter(answer=DraftComment.Answer.PENDING).count()
    if pending:
        raise ValidationError(f"Còn {pending} ý kiến chưa được trả lời.")
    draft.summary_published_at = timezone.now()
    draft.save(update_fields=["summary_published_at"])
    return draft


# -- the guest link (issue 17): an invitee without a login, identified by the signed link alone ----------


@action("Khách mời trả lời giấy mời qua đường dẫn riêng", page="conferences:guest_answer")
def answer_as_guest(user, signed_token: str, answer: str, reason: str = "") -> Invitation:
    """``user`` is whoever holds the link (usually anonymous); the link, not the login, names the invitee."""
    from capuy.conferences import guest

    invitation = guest.invitation_for(signed_token)
    invitation.answer_with(answer, reason)
    return invitation


@action("Khách mời tự điểm danh qua đường dẫn riêng", page="conferences:guest_check_in")
def check_in_as_guest(user, signed_token: str) -> Attendance:
    """Self check-in through the guest link: only on the meeting day, as for a logged-in invitee."""
    from capuy.conferences import guest

    invitation = guest.invitation_for(signed_token)
    return invitation.conference.check_in(invitation, method=Attendance.Method.SELF,
                                         user=user if user.is_authenticated else None, self_service=True)
