"""Parity cases of the conference actions (run by ``core/tests/test_action_parity.py``).

The committee member of the district reads the district's conferences but does not prepare or run them;
the district office reads them but is not invited. The page and the API refuse both alike.
"""

import datetime

from django.urls import reverse
from django.utils import timezone

from capuy.conferences import access, actions
from capuy.conferences.models import AgendaItem, Conference, Draft, DraftComment, Speech, SpeechKind
from capuy.core.tests.parity import Scenario

DAY = datetime.date(2023, 10, 5)


def _conference(t, invited=False):
    conference = Conference.objects.create(body=t.bch, date=DAY, subject="Kết quả 9 tháng")
    AgendaItem.objects.create(conference=conference, order=1, kind=AgendaItem.Kind.REPORT, title="Báo cáo")
    if invited:
        conference.invite_body_members()
        conference.send_invitations()
        conference.refresh_from_db()
    return conference


def _refused_to_the_committee_member(t, url_name, api, page_data=None, api_data=None, invited=False):
    conference = _conference(t, invited)
    return [Scenario(t.committee_member, reverse(url_name, args=[conference.pk]),
                     (api[0], api[1].format(pk=conference.pk)), page_data or {}, api_data or {},
                     refused=access.MANAGE_REFUSED)]


def create_conference(t):
    api = {"body_id": t.bch.pk, "date": "2023-10-05", "subject": "Kết quả 9 tháng"}
    return [Scenario(t.committee_member, reverse("conferences:create"), ("post", "/conferences/"), {}, api,
                     refused=actions.PREPARE_REFUSED)]


def update_conference(t):
    return _refused_to_the_committee_member(t, "conferences:edit", ("patch", "/conferences/{pk}/"),
                                            {"venue": "Hội trường A"}, {"venue": "Hội trường A"})


def add_agenda_item(t):
    data = {"order": 2, "kind": AgendaItem.Kind.REPORT, "title": "Tờ trình"}
    return _refused_to_the_committee_member(t, "conferences:agenda_add", ("post", "/conferences/{pk}/agenda/"),
                                            data, data)


def update_agenda_item(t):
    conference = _conference(t)
    item = conference.agenda_items.get()
    url, api = reverse("conferences:agenda_edit", args=[conference.pk, item.pk]), (
        "patch", f"/conferences/{conference.pk}/agenda/{item.pk}/")
    page = {"order": 1, "kind": AgendaItem.Kind.REPORT, "title": "Báo cáo 9 tháng"}
    return [Scenario(t.committee_member, url, api, page, {"title": "Báo cáo 9 tháng"}, refused=access.MANAGE_REFUSED),
            Scenario(t.district_staff, url, api, page, {"title": "Báo cáo 9 tháng"})]


def delete_agenda_item(t):
    conference = _conference(t)
    item = conference.agenda_items.get()
    url, api = reverse("conferences:agenda_delete", args=[conference.pk, item.pk]), (
        "delete", f"/conferences/{conference.pk}/agenda/{item.pk}/")
    discussed = _conference(t)
    started = discussed.agenda_items.get()
    AgendaItem.objects.filter(pk=started.pk).update(started_at=timezone.now())
    return [Scenario(t.committee_member, url, api, refused=access.MANAGE_REFUSED),
            Scenario(t.district_staff, url, api),
            Scenario(t.district_staff, reverse("conferences:agenda_delete", args=[discussed.pk, started.pk]),
                     ("delete", f"/conferences/{discussed.pk}/agenda/{started.pk}/"), refused=actions.AGENDA_DISCUSSED)]


def summarize_speech(t):
    conference = _conference(t, invited=True)
    speech = Speech.objects.create(conference=conference, speaker=t.secretary, kind=SpeechKind.OPINION)
    url, api = reverse("conferences:speech_summary", args=[conference.pk, speech.pk]), (
        "patch", f"/conferences/{conference.pk}/speeches/{speech.pk}/")
    data = {"summary": "Đồng chí nhấn mạnh giải phóng mặt bằng."}
    return [Scenario(t.committee_member, url, api, data, data, refused=access.MANAGE_REFUSED),
            Scenario(t.district_staff, url, api, data, data)]


def invite_members(t):
    conference = _conference(t)
    url, api = reverse("conferences:invite_members", args=[conference.pk]), (
        "post", f"/conferences/{conference.pk}/invitations/members/")
    return [Scenario(t.committee_member, url, api, refused=access.MANAGE_REFUSED),
            Scenario(t.district_staff, url, api)]


def invite_guest(t):
    return _refused_to_the_committee_member(t, "conferences:invite_guest", ("post", "/conferences/{pk}/invitations/"),
                                            {"person": t.member_person.pk}, {"person_id": t.member_person.pk})


def send_invitations(t):
    return _refused_to_the_committee_member(t, "conferences:send_invitations",
                                            ("post", "/conferences/{pk}/invitations/send/"))


def answer_invitation(t):
    conference = _conference(t, invited=True)
    data = {"answer": "attending"}
    url, api = reverse("conferences:answer", args=[conference.pk]), (
        "post", f"/conferences/{conference.pk}/invitations/mine/answer/")
    return [Scenario(t.district_staff, url, api, data, data, refused=access.NOT_INVITED),
            Scenario(t.committee_member, url, api, data, data)]


def record_attendance(t):
    conference = _conference(t, invited=True)  # 5 October 2023: not today
    api = ("post", f"/conferences/{conference.pk}/attendance/")
    return [Scenario(t.committee_member, reverse("conferences:self_check_in", args=[conference.pk]), api,
                     {}, {"person_id": t.committee_person.pk}, refused="Chỉ tự điểm danh được trong ngày họp.")]


def record_speech(t):
    data = {"kind": SpeechKind.OPINION, "summary": "Ý kiến"}
    return _refused_to_the_committee_member(t, "conferences:speech_add", ("post", "/conferences/{pk}/speeches/"),
                                            {**data, "speaker": t.secretary.pk}, {**data, "speaker_id": t.secretary.pk},
                                            invited=True)


def register_speaker(t):
    conference = _conference(t, invited=True)
    item = conference.agenda_items.first()
    return [Scenario(t.district_staff, reverse("conferences:speak", args=[conference.pk]),
                     ("post", f"/conferences/{conference.pk}/speakers/"), {"item": item.pk, "kind": SpeechKind.OPINION},
                     {"agenda_item_id": item.pk, "kind": SpeechKind.OPINION}, refused=access.NOT_INVITED)]


def close_conference(t):
    data = {"conclusion": "Kết luận"}
    return _refused_to_the_committee_member(t, "conferences:close", ("post", "/conferences/{pk}/close/"), data, data,
                                            invited=True)


def record_past_conference(t):
    page = {"organization": t.district.pk, "date": "2021-06-10", "kind": Conference.Kind.SIX_MONTH}
    api = {"organization_id": t.district.pk, "date": "2021-06-10", "kind": Conference.Kind.SIX_MONTH}
    return [Scenario(t.committee_member, reverse("conferences:record_past"), ("post", "/conferences/past/"),
                     page, api, refused=actions.RECORD_REFUSED)]


def correct_past_conference(t):
    past = Conference.objects.create(organization=t.district, body=t.bch, date=datetime.date(2021, 6, 10),
                                     subject="Sơ kết 6 tháng", recorded_after=True, status=Conference.Status.CLOSED)
    data = {"venue": "Hội trường A"}
    return [Scenario(t.committee_member, reverse("conferences:edit", args=[past.pk]),
                     ("patch", f"/conferences/{past.pk}/past/"), data, data, refused=access.MANAGE_REFUSED)]


def correct_past_people(t):
    past = Conference.objects.create(organization=t.district, body=t.bch, date=datetime.date(2021, 6, 10),
                                     subject="Sơ kết 6 tháng", recorded_after=True, status=Conference.Status.CLOSED)
    chair = past.invitations.create(person=t.secretary)
    past.chairs.set([t.secretary])
    url, api = reverse("conferences:past_people", args=[past.pk]), ("post", f"/conferences/{past.pk}/past/people/")
    group = "Đại diện Ủy ban MTTQ quận"
    removed = ({"chairs": [t.secretary.pk], "remove": [chair.pk]},
               {"chairs": [{"person_id": t.secretary.pk}], "remove": [chair.pk]})
    return [Scenario(t.committee_member, url, api, {"groups": group}, {"add": [{"group": group}]},
                     refused=access.MANAGE_REFUSED),
            Scenario(t.district_staff, url, api, *removed, refused="Không bỏ được đồng chí Lê Thị Thu Hằng khỏi "
                     "danh sách dự: đồng chí là người chủ trì hội nghị."),
            Scenario(t.district_staff, url, api, {"chairs": [t.secretary.pk], "groups": group},
                     {"add": [{"group": group}]})]


def read_report(t):
    data = {"text": "Sáng 05/10/2023, Ban Chấp hành Đảng bộ quận Tây Hồ tổ chức Hội nghị lần thứ 7."}
    return [Scenario(t.party_member, reverse("conferences:import_start"), ("post", "/conferences/imports/extract"),
                     data, data, refused=actions.OFFICE_ONLY)]


def import_report(t):
    text = "Sáng 05/10/2023, Ban Chấp hành Đảng bộ quận Tây Hồ tổ chức Hội nghị lần thứ 7."
    return [Scenario(t.party_member, reverse("conferences:import_confirm"), ("post", "/conferences/imports/confirm"),
                     {"source_text": text}, {"source_text": text, "extracted": {}}, refused=actions.OFFICE_ONLY)]


def undo_import(t):
    from capuy.conferences.imported import ImportedReport

    imported = ImportedReport.objects.create(source_text="Bản tin", organization=t.district,
                                             status=ImportedReport.Status.CONFIRMED, created_by=t.district_staff)
    return [Scenario(t.other_ward_staff, reverse("conferences:import_undo", args=[imported.pk]),
                     ("post", f"/conferences/imports/{imported.pk}/undo"), refused=actions.IMPORT_NOT_FOUND)]


def _draft(t, comment=False):
    conference = _conference(t, invited=True)
    draft = Draft.objects.create(conference=conference, title="Báo cáo chính trị")
    draft.add_version("Đoạn một.\n\nĐoạn hai.", t.district_staff, "Phiên bản đầu")
    if comment:
        DraftComment.objects.create(draft=draft, version=draft.latest_version(), author=t.committee_person,
                                    text="Bổ sung số liệu")
    return conference, draft


def control_conference(t):
    conference = _conference(t, invited=True)
    url, api = reverse("conferences:control_action", args=[conference.pk]), (
        "post", f"/conferences/{conference.pk}/control/")
    return [Scenario(t.committee_member, url, api, {"action": "open"}, {"action": "open"},
                     refused=access.MANAGE_REFUSED),
            Scenario(t.district_staff, url, api, {"action": "nhay"}, {"action": "nhay"}, refused=actions.BAD_CONTROL),
            Scenario(t.district_staff, url, api, {"action": "open"}, {"action": "open"})]


def add_draft(t):
    conference = _conference(t, invited=True)
    data = {"kind": Draft.Kind.REPORT, "title": "Báo cáo chính trị", "text": "Đoạn một."}
    url, api = reverse("conferences:draft_create", args=[conference.pk]), (
        "post", f"/conferences/{conference.pk}/drafts/")
    return [Scenario(t.committee_member, url, api, data, data, refused=access.MANAGE_REFUSED),
            Scenario(t.district_staff, url, api, data, data)]


def add_version(t):
    conference, draft = _draft(t)
    data = {"text": "Đoạn một, đã sửa.", "note": "Sửa"}
    url, api = reverse("conferences:draft_version", args=[conference.pk, draft.pk]), (
        "post", f"/conferences/{conference.pk}/drafts/{draft.pk}/versions/")
    return [Scenario(t.committee_member, url, api, data, data, refused=access.MANAGE_REFUSED),
            Scenario(t.district_staff, url, api, data, data)]


def add_comment(t):
    conference, draft = _draft(t)
    url, api = reverse("conferences:comment_add", args=[conference.pk, draft.pk]), (
        "post", f"/conferences/{conference.pk}/drafts/{draft.pk}/comments/")
    data = {"text": "Bổ sung số liệu"}
    return [Scenario(t.committee_member, url, api, {**data, "paragraph": 9}, {**data, "paragraph": 9},
                     refused="Dự thảo không có đoạn số 9."),
            Scenario(t.committee_member, url, api, data, data)]


def answer_comment(t):
    conference, draft = _draft(t, comment=True)
    comment = draft.comments.get()
    url, api = reverse("conferences:comment_answer", args=[conference.pk, draft.pk, comment.pk]), (
        "post", f"/conferences/{conference.pk}/drafts/{draft.pk}/comments/{comment.pk}/answer/")
    accepted = {"answer": DraftComment.Answer.ACCEPTED, "answer_text": ""}
    return [Scenario(t.committee_member, url, api, accepted, accepted, refused=access.MANAGE_REFUSED),
            Scenario(t.district_staff, url, api, accepted, accepted)]


def publish_summary(t):
    conference, draft = _draft(t, comment=True)
    url, api = reverse("conferences:draft_publish", args=[conference.pk, draft.pk]), (
        "post", f"/conferences/{conference.pk}/drafts/{draft.pk}/publish-summary/")
    return [Scenario(t.committee_member, url, api, refused=access.MANAGE_REFUSED),
            Scenario(t.district_staff, url, api, refused="Còn 1 ý kiến chưa được trả lời.")]


CASES = {f"conferences.{f.__name__}": f for f in (
    control_conference, add_draft, add_version, add_comment, answer_comment, publish_summary,
    create_conference, update_conference, add_agenda_item, update_agenda_item, delete_agenda_item, summarize_speech,
    invite_members, invite_guest, send_invitations,
    answer_invitation, record_attendance, record_speech, register_speaker, close_conference, record_past_conference,
    correct_past_conference, correct_past_people, read_report, import_report, undo_import)}
