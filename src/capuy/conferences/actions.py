"""What a user can do with a conference: one function per action, shared by pages, the API and the demo.

Each checks the caller's right (``conferences.access``), validates (the model's rules of the meeting),
writes in one transaction (``capuy.core.actions.action``) and sends its live event after the commit
(``live.publish``), so the page and the API refuse alike with the same words and both refresh the screens.
Not yet here (still in ``views.py``/``api.py``): agenda edit and delete, attachments, invitation delete,
QR check-in, the meeting's control panel, speech summaries, drafts and comments.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from capuy.accounts import permissions
from capuy.conferences import access, live
from capuy.conferences.models import AgendaItem, Attendance, Conference, Invitation
from capuy.core.actions import action
from capuy.organizations.models import Person, Title

PREPARE_REFUSED = "Chỉ văn phòng cấp ủy của tổ chức này mới được chuẩn bị hội nghị."
ONLY_SELF = "Đồng chí chỉ được tự điểm danh cho mình."
BAD_ATTENDANCE = "Thao tác điểm danh không hợp lệ."


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
    """The office records any invitee (arrived, left early, absent with or without reason); an invitee may
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
