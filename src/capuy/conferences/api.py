"""REST endpoints of the conferences app, mounted under /api/: /api/conferences/…

Reading follows the pages: readers of the organization and invitees (404 for others); changes need the
organization's office staff (403), except an invitee's own answer, check-in, registration and comments.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from ninja import Router, Schema

from capuy.accounts import permissions
from capuy.conferences import access as access_rules
from capuy.conferences import actions
from capuy.conferences.models import (
    AgendaItem,
    Attendance,
    Conference,
    Draft,
    DraftComment,
    Invitation,
    SpeakerRequest,
    Speech,
)
from capuy.conferences.roll import counts_recorded, quorum
from capuy.core import paging, references
from capuy.core.api import require, require_visible
from capuy.organizations.models import Body, Person

router = Router(tags=["Hội nghị"])


# --- schemas -------------------------------------------------------------------------------------------------


class ReferenceOut(Schema):
    kind: str
    number: str
    issuer: str
    issued_on: datetime.date | None
    title: str
    text: str
    document_id: int | None


class AwardOut(Schema):
    id: int
    form: str
    form_display: str
    issuer: str
    recipient: str
    collective_count: int | None
    individual_count: int | None
    decision_number: str
    decision_date: datetime.date | None
    reason: str

    @staticmethod
    def resolve_recipient(obj):
        return obj.recipient_name


class ConferenceOut(Schema):
    id: int
    organization_id: int
    body_id: int | None
    body_kind: str
    term_id: int | None
    number: int | None
    title: str
    short_title: str
    name: str
    kind: str
    subject: str
    reviewed_period: str
    date: datetime.date
    session: str
    start_time: datetime.time | None
    end_time: datetime.time | None
    venue: str
    status: str
    recorded_after: bool
    theme: str
    source_url: str
    resolution_passed: bool | None
    vote_share: float | None
    chair_ids: list[int]
    conclusion: str
    current_item_id: int | None
    references: list[ReferenceOut]
    awards: list[AwardOut]

    @staticmethod
    def resolve_chair_ids(obj):
        return [p.pk for p in obj.chairs.all()]

    @staticmethod
    def resolve_references(obj):
        return list(obj.references.all())

    @staticmethod
    def resolve_awards(obj):
        return list(obj.awards.select_related("person", "organization"))


class ConferenceIn(Schema):
    body_id: int
    kind: str = Conference.Kind.REGULAR
    numbered: bool = True  # False: a review or other meeting that carries no number
    name: str = ""
    theme: str = ""
    end_time: datetime.time | None = None
    subject: str = ""
    reviewed_period: str = ""
    date: datetime.date
    session: str = Conference.Session.MORNING
    start_time: datetime.time | None = None
    venue: str = ""
    chair_ids: list[int] = []


class ConferencePatch(Schema):
    kind: str | None = None
    name: str | None = None
    theme: str | None = None
    end_time: datetime.time | None = None
    subject: str | None = None
    reviewed_period: str | None = None
    date: datetime.date | None = None
    session: str | None = None
    start_time: datetime.time | None = None
    venue: str | None = None
    chair_ids: list[int] | None = None


class AgendaItemOut(Schema):
    id: int
    order: int
    kind: str
    title: str
    presenter_id: int | None
    presenter_text: str
    planned_minutes: int | None
    summary: str
    speakers_closed: bool
    attachments: list[dict]

    @staticmethod
    def resolve_attachments(obj):
        return [{"title": a.title, "url": a.file.url if a.file else a.url} for a in obj.attachments.all()]


class AgendaItemIn(Schema):
    order: int = 0
    kind: str = AgendaItem.Kind.REPORT
    title: str
    presenter_id: int | None = None
    presenter_title: str = ""
    planned_minutes: int | None = None
    summary: str = ""


class AgendaItemPatch(Schema):
    """The fields sent are changed; the others stay."""

    order: int | None = None
    kind: str | None = None
    title: str | None = None
    presenter_id: int | None = None
    presenter_title: str | None = None
    planned_minutes: int | None = None
    summary: str | None = None


class InvitationOut(Schema):
    id: int
    person_id: int | None
    group_name: str
    full_name: str
    role: str
    title: str
    answer: str
    reason: str
    sent_at: datetime.datetime | None

    @staticmethod
    def resolve_full_name(obj):
        return obj.attendee_name

    @staticmethod
    def resolve_title(obj):
        return obj.printed_title


class GuestIn(Schema):
    person_id: int
    title: str = ""


class InvitationAnswerIn(Schema):
    answer: str
    reason: str = ""


class AttendanceOut(Schema):
    invitation_id: int
    person_id: int | None
    full_name: str
    status: str
    arrived_at: datetime.datetime | None
    late: bool
    left_at: datetime.datetime | None
    reason: str
    method: str

    @staticmethod
    def resolve_person_id(obj):
        return obj.invitation.person_id

    @staticmethod
    def resolve_full_name(obj):
        return obj.invitation.attendee_name


class QuorumOut(Schema):
    base: int
    present: int
    required: int
    reached: bool | None  # None: a meeting recorded afterwards whose roll was not recorded for every member
    fraction: str
    excluded: int
    recorded: bool


class AttendanceListOut(Schema):
    quorum: QuorumOut
    attendance: list[AttendanceOut]


class AttendanceIn(Schema):
    person_id: int
    action: str = "check_in"  # check_in, left, excused, unexcused
    reason: str = ""


class SpeechOut(Schema):
    id: int
    agenda_item_id: int | None
    kind: str
    speaker_id: int | None
    speaker_group: str
    speaker_text: str
    summary: str
    order: int


class SpeechIn(Schema):
    speaker_id: int
    kind: str
    summary: str = ""
    agenda_item_id: int | None = None
    speaker_title: str = ""


class SpeechSummaryIn(Schema):
    summary: str


class SpeakerRequestIn(Schema):
    agenda_item_id: int
    kind: str = "y_kien"
    topic: str = ""


class DraftOut(Schema):
    id: int
    kind: str
    title: str
    status: str
    agenda_item_id: int | None
    comment_deadline: datetime.date | None
    summary_published_at: datetime.datetime | None
    versions: list[dict]

    @staticmethod
    def resolve_versions(obj):
        return [{"number": v.number, "note": v.note, "text": v.text, "created_at": v.created_at}
                for v in obj.versions.all()]


class DraftIn(Schema):
    kind: str = Draft.Kind.REPORT
    title: str
    text: str
    agenda_item_id: int | None = None
    comment_deadline: datetime.date | None = None


class VersionIn(Schema):
    text: str
    note: str = ""


class CommentOut(Schema):
    id: int
    author_id: int
    author: str
    version: int
    section: str
    paragraph: int | None
    text: str
    answer: str
    answer_text: str

    @staticmethod
    def resolve_author(obj):
        return obj.author.full_name

    @staticmethod
    def resolve_version(obj):
        return obj.version.number


class CommentIn(Schema):
    text: str
    paragraph: int | None = None


class CommentAnswerIn(Schema):
    answer: str
    answer_text: str = ""


class CloseIn(Schema):
    conclusion: str


class ControlIn(Schema):
    action: str  # one of actions.CONTROL_STEPS
    item_id: int | None = None
    request_id: int | None = None
    request_ids: list[int] = []


# --- helpers -------------------------------------------------------------------------------------------------


class _Access(access_rules.Access):
    def __init__(self, request, pk):
        conference, _ = access_rules.conference_or_404(request.user, pk)
        super().__init__(request.user, conference)


def _person(request, conference, pk, field: str) -> Person:
    """One of the conference's invitees (the only people a conference's records may name, as on its pages)."""
    invitees = Person.objects.filter(conference_invitations__conference=conference)
    return references.readable(request.user, Person, pk, field, within=invitees)


# --- conferences ---------------------------------------------------------------------------------------------


@router.get("/conferences/", response=list[ConferenceOut], description=paging.API_PAGING_DOC)
def list_conferences(request, response: HttpResponse, status: str = "", organization_id: int | None = None,
                     limit: int = paging.api_limit(), offset: int = paging.api_offset(),
                     cursor: str = paging.api_cursor()):
    conferences = Conference.objects.visible_to(request.user).select_related("body__organization", "term")
    if status:
        conferences = conferences.filter(status=status)
    if organization_id:
        conferences = conferences.filter(organization_id=organization_id)
    return paging.api_page(response, request.user, conferences.prefetch_related("chairs"), ("-date", "-pk"),
                           limit, offset, cursor)


@router.get("/conferences/mine/", response=list[ConferenceOut])
def my_conferences(request):
    if not request.user.person_id:
        return []
    return Conference.objects.filter(invitations__person_id=request.user.person_id).select_related(
        "body__organization", "term").prefetch_related("chairs")


@router.post("/conferences/", response={201: ConferenceOut})
def create_conference(request, data: ConferenceIn):
    body = Body.objects.select_related("organization", "term").filter(pk=data.body_id).first()
    require_visible(body is not None and permissions.can_read(request.user, body.organization), "Không tìm thấy cơ quan.")
    fields = data.dict(exclude={"chair_ids", "body_id"})
    chairs = references.readable_many(request.user, Person, data.chair_ids, "chair_ids")
    return 201, actions.create_conference(request.user, Conference(body=body, **fields), chairs)


class PastPersonIn(Schema):
    person_id: int | None = None
    group: str = ""
    title: str = ""
    role: str = ""
    status: str = "present"
    reason: str = ""


class PastSpeechIn(Schema):
    person_id: int | None = None
    group: str = ""
    title: str = ""
    kind: str = "y_kien"
    summary: str = ""


class PastReferenceIn(Schema):
    kind: str = ""
    number: str = ""
    issuer: str = ""
    issued_on: datetime.date | None = None
    title: str = ""
    document_id: int | None = None


class PastAwardIn(Schema):
    form: str
    form_detail: str = ""
    issuer: str
    collective_count: int | None = None
    individual_count: int | None = None
    reason: str = ""
    decision_number: str = ""
    decision_date: datetime.date | None = None


class PastConferenceIn(Schema):
    organization_id: int
    date: datetime.date
    kind: str = Conference.Kind.REGULAR
    body_id: int | None = None
    body_kind: str = ""
    term_id: int | None = None
    number: int | None = None
    name: str = ""
    subject: str = ""
    reviewed_period: str = ""
    session: str = ""
    start_time: datetime.time | None = None
    end_time: datetime.time | None = None
    venue: str = ""
    theme: str = ""
    conclusion: str = ""
    source_url: str = ""
    resolution_passed: bool | None = None  # as the source reports the vote; None when it says nothing
    vote_share: float | None = None  # the share of the votes in favour, %
    chairs: list[PastPersonIn] = []
    attendees: list[PastPersonIn] = []
    speeches: list[PastSpeechIn] = []
    references: list[PastReferenceIn] = []
    awards: list[PastAwardIn] = []


def _with_people(user, organization, rows: list[dict], field: str) -> list[dict]:
    """``rows`` with each ``person_id`` turned into the person, checked against those a conference of ``organization``
    may list for the user (``access.attendable_people``: as the forms offer, guests from above too)."""
    people = access_rules.attendable_people(user, organization)
    for row in rows:
        pk = row.pop("person_id", None)
        row["person"] = references.readable(user, Person, pk, field, within=people) if pk is not None else None
    return rows


def past_facts(user, data: dict):
    """The organization and the facts of ``record_past_conference`` from ids, each checked against the user's
    right to read it (shared by the API and the form)."""
    from capuy.documents.models import Document
    from capuy.organizations.models import Organization, Term

    organization = Organization.objects.filter(pk=data.pop("organization_id")).first()
    require_visible(organization is not None and permissions.can_read(user, organization),
                    "Không tìm thấy tổ chức.")
    body_id, term_id = data.pop("body_id", None), data.pop("term_id", None)
    if body_id is not None:
        data["body"] = Body.objects.filter(organization=organization, pk=body_id).first()
        if data["body"] is None:
            raise ValidationError({"body_id": "Cơ quan lãnh đạo không thuộc tổ chức này."})
    if term_id is not None:
        data["term"] = Term.objects.filter(organization=organization, pk=term_id).first()
        if data["term"] is None:
            raise ValidationError({"term_id": "Nhiệm kỳ không thuộc tổ chức này."})

    for field in ("chairs", "attendees", "speeches"):
        data[field] = _with_people(user, organization, data.get(field) or [], field)
    for row in data.get("references") or []:
        pk = row.pop("document_id", None)
        row["document"] = references.readable(user, Document, pk, "references") if pk is not None else None
    return organization, data


@router.post("/conferences/past/", response={201: ConferenceOut})
def conference_record_past(request, data: PastConferenceIn):
    """Ghi lại hội nghị đã diễn ra (``actions.record_past_conference``)."""
    from capuy.conferences.actions import record_past_conference

    organization, facts = past_facts(request.user, data.dict())
    return 201, record_past_conference(request.user, organization, **facts)


class PastCorrectionIn(Schema):
    date: datetime.date | None = None
    kind: str | None = None
    number: int | None = None
    name: str | None = None
    subject: str | None = None
    reviewed_period: str | None = None
    session: str | None = None
    start_time: datetime.time | None = None
    end_time: datetime.time | None = None
    venue: str | None = None
    theme: str | None = None
    conclusion: str | None = None
    source_url: str | None = None
    term_id: int | None = None
    body_kind: str | None = None
    resolution_passed: bool | None = None
    vote_share: float | None = None


@router.patch("/conferences/{pk}/past/", response=ConferenceOut)
def conference_correct_past(request, pk: int, data: PastCorrectionIn):
    """Sửa hồ sơ hội nghị đã ghi lại (``actions.correct_past_conference``); only the fields sent change."""
    from capuy.conferences.actions import correct_past_conference
    from capuy.organizations.models import Term

    conference = _Access(request, pk).require_manage()
    facts = data.dict(exclude_unset=True)
    if "term_id" in facts:
        term_id = facts.pop("term_id")
        facts["term"] = Term.objects.filter(organization=conference.organization, pk=term_id).first() \
            if term_id is not None else None
        if term_id is not None and facts["term"] is None:
            raise ValidationError({"term_id": "Nhiệm kỳ không thuộc tổ chức này."})
    return correct_past_conference(request.user, conference, **facts)


class PastPeopleIn(Schema):
    chairs: list[PastPersonIn] | None = None  # the whole list; left out, the chairs stay as they are
    add: list[PastPersonIn] = []
    remove: list[int] = []  # invitation ids of this conference


@router.post("/conferences/{pk}/past/people/", response=ConferenceOut)
def conference_correct_past_people(request, pk: int, data: PastPeopleIn):
    """Sửa người chủ trì, người dự của hội nghị đã ghi lại (``actions.correct_past_people``)."""
    from capuy.conferences.actions import correct_past_people

    conference = _Access(request, pk).require_manage()
    facts, organization = data.dict(), conference.organization
    chairs = None if facts["chairs"] is None else _with_people(request.user, organization, facts["chairs"], "chairs")
    remove = references.readable_many(request.user, Invitation, facts["remove"], "remove",
                                      within=conference.invitations.all())
    return correct_past_people(request.user, conference, chairs=chairs,
                               add=_with_people(request.user, organization, facts["add"], "add"), remove=remove)


@router.get("/conferences/{pk}/", response=ConferenceOut)
def get_conference(request, pk: int):
    return _Access(request, pk).conference


@router.patch("/conferences/{pk}/", response=ConferenceOut)
def update_conference(request, pk: int, data: ConferencePatch):
    conference = _Access(request, pk).require_manage()
    fields = data.dict(exclude_unset=True)
    chairs = references.readable_many(request.user, Person, fields.pop("chair_ids", None), "chair_ids",
                                      within=Person.objects.filter(conference_invitations__conference=conference))
    return actions.update_conference(request.user, conference, fields, chairs)


@router.post("/conferences/{pk}/control/", response=ConferenceOut)
def control_conference(request, pk: int, data: ControlIn):
    """Run the meeting (``actions.control_conference``): open, next, previous, goto, end_speech,
    close_list/open_list/order (item_id; order: request_ids), give_floor/up (request_id)."""
    conference = _Access(request, pk).conference
    item = speaker_request = None
    if data.item_id is not None:
        item = get_object_or_404(AgendaItem, pk=data.item_id, conference=conference)
    if data.request_id is not None:
        speaker_request = get_object_or_404(SpeakerRequest, pk=data.request_id, conference=conference)
    return actions.control_conference(request.user, conference, data.action, item=item,
                                      speaker_request=speaker_request, order=data.request_ids)


@router.post("/conferences/{pk}/close/", response=ConferenceOut)
def close_conference(request, pk: int, data: CloseIn):
    return actions.close_conference(request.user, _Access(request, pk).conference, data.conclusion)


# --- agenda --------------------------------------------------------------------------------------------------


@router.get("/conferences/{pk}/agenda/", response=list[AgendaItemOut])
def list_agenda(request, pk: int):
    conference = _Access(request, pk).conference
    return conference.agenda_items.select_related("presenter", "conference").prefetch_related("attachments")


@router.post("/conferences/{pk}/agenda/", response={201: AgendaItemOut})
def add_agenda_item(request, pk: int, data: AgendaItemIn):
    conference = _Access(request, pk).require_manage()
    _person(request, conference, data.presenter_id, "presenter_id")
    return 201, actions.add_agenda_item(request.user, conference, AgendaItem(**data.dict()))


@router.patch("/conferences/{pk}/agenda/{item_id}/", response=AgendaItemOut)
def update_agenda_item(request, pk: int, item_id: int, data: AgendaItemPatch):
    conference = _Access(request, pk).require_manage()
    item = get_object_or_404(AgendaItem, pk=item_id, conference=conference)
    fields = data.dict(exclude_unset=True)
    if fields.get("presenter_id") is not None:
        _person(request, conference, fields["presenter_id"], "presenter_id")
    for name, value in fields.items():
        setattr(item, name, value)
    return actions.update_agenda_item(request.user, conference, item)


@router.delete("/conferences/{pk}/agenda/{item_id}/", response={204: None})
def delete_agenda_item(request, pk: int, item_id: int):
    conference = _Access(request, pk).require_manage()
    actions.delete_agenda_item(request.user, conference, get_object_or_404(AgendaItem, pk=item_id,
                                                                           conference=conference))
    return 204, None


# --- invitations and attendance ------------------------------------------------------------------------------


@router.get("/conferences/{pk}/invitations/", response=list[InvitationOut])
def list_invitations(request, pk: int):
    access = _Access(request, pk)
    invitations = access.conference.invitations.select_related("person", "conference")
    if not access.read:
        invitations = invitations.filter(pk=access.invitation.pk)
    return invitations


@router.post("/conferences/{pk}/invitations/members/", response=list[InvitationOut])
def invite_members(request, pk: int):
    conference = _Access(request, pk).conference
    actions.invite_members(request.user, conference)
    return conference.invitations.select_related("person", "conference")


@router.post("/conferences/{pk}/invitations/", response={201: InvitationOut})
def invite_guest(request, pk: int, data: GuestIn):
    conference = _Access(request, pk).require_manage()
    person = references.readable(request.user, Person, data.person_id, "person_id")
    return 201, actions.invite_guest(request.user, conference, person, data.title)


@router.post("/conferences/{pk}/invitations/send/", response=ConferenceOut)
def send_invitations(request, pk: int):
    conference = _Access(request, pk).conference
    actions.send_invitations(request.user, conference, request.build_absolute_uri("/").rstrip("/"))
    return conference


@router.post("/conferences/{pk}/invitations/mine/answer/", response=InvitationOut)
def answer_invitation(request, pk: int, data: InvitationAnswerIn):
    return actions.answer_invitation(request.user, _Access(request, pk).conference, data.answer, data.reason)


@router.get("/conferences/{pk}/attendance/", response=AttendanceListOut)
def list_attendance(request, pk: int):
    access = _Access(request, pk)
    rows = Attendance.objects.filter(conference=access.conference).select_related("invitation__person")
    if not access.read:
        rows = rows.filter(invitation=access.invitation)
    check = quorum(access.conference)
    recorded = counts_recorded(access.conference, check.base)
    return {"quorum": {**check.as_dict(), "recorded": recorded, "reached": check.reached if recorded else None},
            "attendance": list(rows)}


class RollExcludedOut(Schema):
    person_id: int
    full_name: str
    reason: str


class RollOut(Schema):
    kind: str
    rule: str
    base: int
    present: int
    required: int
    reached: bool
    fraction: str
    counted: list[int]
    seats: list[int]
    excluded: list[RollExcludedOut]


@router.get("/conferences/{pk}/roll/", response=RollOut)
def conference_roll(request, pk: int, kind: str = "", at: datetime.datetime | None = None):
    """The meeting roll (``capuy.conferences.roll``): the base for ``kind`` (body, members_meeting, congress;
    default by the body), who is counted or left out and why, present at ``at`` (now) and the quorum.
    Readers of the organization only (an invitee reads the quorum through the attendance list)."""
    from capuy.conferences.roll import BaseKind, roll

    access = _Access(request, pk)
    require(access.read, "Chỉ người có quyền xem hồ sơ tổ chức mới xem được danh sách cơ sở tính.")
    if kind and kind not in dict(BaseKind.choices):
        raise ValidationError({"kind": "Cơ sở tính không hợp lệ (body, members_meeting, congress)."})
    current = roll(access.conference, kind or None, at)
    check = current.quorum()
    return {"kind": current.kind, "rule": current.base.rule, "base": check.base, "present": check.present,
            "required": check.required, "reached": check.reached, "fraction": str(check.fraction),
            "counted": current.base.counted, "seats": current.seats,
            "excluded": [{"person_id": key, "full_name": current.names.get(key, ""), "reason": reason}
                         for key, reason in current.base.excluded]}


@router.post("/conferences/{pk}/attendance/", response=AttendanceOut)
def record_attendance(request, pk: int, data: AttendanceIn):
    """Staff record any invitee; an invitee may only check themself in."""
    conference = _Access(request, pk).conference
    person = _person(request, conference, data.person_id, "person_id")
    return actions.record_attendance(request.user, conference, person, data.action, data.reason)


# --- speakers and speeches -------------------------------------------------------------------------------------


@router.get("/conferences/{pk}/speeches/", response=list[SpeechOut])
def list_speeches(request, pk: int):
    conference = _Access(request, pk).conference
    return conference.speeches.select_related("speaker", "conference")


@router.patch("/conferences/{pk}/speeches/{speech_id}/", response=SpeechOut)
def summarize_speech(request, pk: int, speech_id: int, data: SpeechSummaryIn):
    conference = _Access(request, pk).require_manage()
    speech = get_object_or_404(Speech, pk=speech_id, conference=conference)
    return actions.summarize_speech(request.user, conference, speech, data.summary)


@router.post("/conferences/{pk}/speeches/", response={201: SpeechOut})
def add_speech(request, pk: int, data: SpeechIn):
    conference = _Access(request, pk).require_manage()
    item = get_object_or_404(AgendaItem, pk=data.agenda_item_id, conference=conference) if data.agenda_item_id else None
    # As on the page: an invitee, or anyone whose record the office may read.
    speakers = Person.objects.filter(Q(conference_invitations__conference=conference)
                                     | Q(pk__in=permissions.visible_people(request.user).order_by().values("pk")))
    speaker = references.readable(request.user, Person, data.speaker_id, "speaker_id", within=speakers.distinct())
    return 201, actions.record_speech(request.user, conference, speaker, data.kind, data.summary, item=item,
                                      title=data.speaker_title)


@router.post("/conferences/{pk}/speakers/", response={201: dict})
def register_speaker(request, pk: int, data: SpeakerRequestIn):
    conference = _Access(request, pk).conference
    item = AgendaItem.objects.filter(pk=data.agenda_item_id, conference=conference).first()
    require_visible(item is not None, "Không tìm thấy nội dung trong chương trình hội nghị.")
    speaker_request = actions.register_speaker(request.user, conference, item, data.kind, data.topic)
    return 201, {"id": speaker_request.pk, "order": speaker_request.order}


# --- drafts and comments -------------------------------------------------------------------------------------


@router.get("/conferences/{pk}/drafts/", response=list[DraftOut])
def list_drafts(request, pk: int):
    return _Access(request, pk).conference.drafts.prefetch_related("versions")


@router.post("/conferences/{pk}/drafts/", response={201: DraftOut})
def add_draft(request, pk: int, data: DraftIn):
    conference = _Access(request, pk).conference
    fields = data.dict(exclude={"text"})
    if fields.get("agenda_item_id"):
        get_object_or_404(AgendaItem, pk=fields["agenda_item_id"], conference=conference)
    return 201, actions.add_draft(request.user, conference, Draft(conference=conference, **fields), data.text)


@router.post("/conferences/{pk}/drafts/{draft_id}/versions/", response={201: DraftOut})
def add_version(request, pk: int, draft_id: int, data: VersionIn):
    conference = _Access(request, pk).conference
    draft = get_object_or_404(Draft, pk=draft_id, conference=conference)
    actions.add_version(request.user, conference, draft, data.text, data.note)
    return 201, draft


@router.get("/conferences/{pk}/drafts/{draft_id}/comments/", response=list[CommentOut])
def list_comments(request, pk: int, draft_id: int):
    access = _Access(request, pk)
    draft = get_object_or_404(Draft, pk=draft_id, conference=access.conference)
    comments = draft.comments.select_related("author", "version")
    if not access.read and not draft.summary_published_at:
        comments = comments.filter(author_id=request.user.person_id)
    return comments


@router.post("/conferences/{pk}/drafts/{draft_id}/comments/", response={201: CommentOut})
def add_comment(request, pk: int, draft_id: int, data: CommentIn):
    conference = _Access(request, pk).conference
    draft = get_object_or_404(Draft, pk=draft_id, conference=conference)
    return 201, actions.add_comment(request.user, conference, draft, data.text, data.paragraph)


@router.post("/conferences/{pk}/drafts/{draft_id}/comments/{comment_id}/answer/", response=CommentOut)
def answer_comment(request, pk: int, draft_id: int, comment_id: int, data: CommentAnswerIn):
    conference = _Access(request, pk).conference
    comment = get_object_or_404(DraftComment, pk=comment_id, draft_id=draft_id, draft__conference=conference)
    return actions.answer_comment(request.user, conference, comment, data.answer, data.answer_text)


@router.post("/conferences/{pk}/drafts/{draft_id}/publish-summary/", response=DraftOut)
def publish_summary(request, pk: int, draft_id: int):
    conference = _Access(request, pk).conference
    draft = get_object_or_404(Draft, pk=draft_id, conference=conference)
    return actions.publish_summary(request.user, conference, draft)



# Importing reports (issue 13, part 2) lives in its own module; its paths start with /conferences/imports/.
from capuy.conferences import import_api  # noqa: E402

router.add_router("", import_api.router)
