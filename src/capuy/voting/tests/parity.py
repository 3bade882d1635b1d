"""Parity cases of the voting actions (run by ``core/tests/test_action_parity.py``).

The committee member of the district reads its conferences and votes but does not run them: the page and the
API refuse alike with the same message. The counting board's code and share are refused alike to someone
who is not on the board.
"""

import datetime

from django.urls import reverse

from capuy.conferences.models import AgendaItem, Conference
from capuy.core.tests.parity import Scenario
from capuy.voting import access, ballots
from capuy.voting.models import Vote

DAY = datetime.date(2023, 10, 5)


def _item(t):
    conference = Conference.objects.create(body=t.bch, date=DAY, subject="Kết quả 9 tháng")
    conference.invite_body_members()
    return AgendaItem.objects.create(conference=conference, order=1, kind=AgendaItem.Kind.REPORT, title="Báo cáo")


def _vote(t, method=Vote.Method.HANDS):
    return ballots.create_vote(_item(t), "Thông qua Nghị quyết", method)


def _election(t):
    return ballots.create_election(_item(t), "Bầu Ban Thường vụ", 3)


def _refused(t, page, api, page_data=None, api_data=None, message=access.MANAGE_MESSAGE, user=None):
    return [Scenario(user or t.committee_member, page, api, page_data or {}, api_data or {}, refused=message)]


def create_vote(t):
    item = _item(t)
    return _refused(t, reverse("voting:conference", args=[item.conference_id]), ("post", "/voting/votes/"),
                    {"agenda_item": item.pk, "subject": "Biểu quyết", "method": Vote.Method.HANDS},
                    {"agenda_item_id": item.pk, "subject": "Biểu quyết", "method": Vote.Method.HANDS})


def create_election(t):
    item = _item(t)
    return _refused(t, reverse("voting:conference", args=[item.conference_id]), ("post", "/voting/elections/"),
                    {"what": "election", "agenda_item": item.pk, "subject": "Bầu", "seats": 3},
                    {"agenda_item_id": item.pk, "title": "Bầu", "seats": 3})


def appoint_teller(t):
    item = _item(t)
    return _refused(t, reverse("voting:conference", args=[item.conference_id]),
                    ("post", f"/voting/conferences/{item.conference_id}/tellers/"),
                    {"what": "teller", "person": t.secretary.pk}, {"person_id": t.secretary.pk})


def add_candidate(t):
    election = _election(t)
    return _refused(t, reverse("voting:election_action", args=[election.pk]),
                    ("post", f"/voting/elections/{election.pk}/candidates/"),
                    {"action": "candidate", "person": t.secretary.pk}, {"person_id": t.secretary.pk})


def start_round(t):
    election = _election(t)
    return _refused(t, reverse("voting:election_action", args=[election.pk]),
                    ("post", f"/voting/elections/{election.pk}/rounds/"), {"action": "round"}, {})


def _vote_action(t, what, api_path, api_data=None):
    vote = _vote(t)
    return _refused(t, reverse("voting:action", args=[vote.pk]), ("post", f"/voting/votes/{vote.pk}/{api_path}"),
                    {"action": what}, api_data or {})


def open_vote(t):
    return _vote_action(t, "open", "open/")


def close_vote(t):
    return _vote_action(t, "close", "close/")


def enter_counts(t):
    return _vote_action(t, "counts", "counts/")


def enter_paper_ballot(t):
    return _vote_action(t, "paper", "paper/", {"number": 1})


def accept_paper_count(t):
    return _vote_action(t, "accept", "paper/accept/")


def create_teller_code(t):
    item = _item(t)
    message = _refusal(lambda: ballots.create_teller_code(item.conference, t.committee_person.pk))
    return [Scenario(t.committee_member, reverse("voting:teller_code", args=[item.conference_id]),
                     ("post", f"/voting/conferences/{item.conference_id}/tellers/code/"), refused=message)]


def submit_share(t):
    vote = _vote(t)
    message = _refusal(lambda: ballots.submit_share(vote, t.committee_person.pk, "sai-ma"))
    return [Scenario(t.committee_member, reverse("voting:teller_share", args=[vote.pk]),
                     ("post", f"/voting/votes/{vote.pk}/key-share/"), {"code": "sai-ma"}, {"code": "sai-ma"},
                     refused=message)]


def _refusal(call) -> str:
    """The message the operation gives (tried and undone), which both entry points must show."""
    from django.core.exceptions import ValidationError
    from django.db import transaction

    try:
        with transaction.atomic():
            call()
    except ValidationError as exc:
        return " ".join(exc.messages)
    raise AssertionError("the operation was expected to refuse")


def create_confidence_vote(t):
    item = _item(t)
    url = reverse("voting:confidence_create", args=[item.conference_id])
    page = {"agenda_item": item.pk, "subject": "Lấy phiếu tín nhiệm", "method": Vote.Method.SECRET,
            "nguoi": [t.secretary.pk], f"chuc-vu-{t.secretary.pk}": "Bí thư Quận ủy"}
    api = {"agenda_item_id": item.pk, "subject": "Lấy phiếu tín nhiệm", "method": Vote.Method.SECRET,
           "kind": Vote.Kind.CONFIDENCE, "subjects": [{"person_id": t.secretary.pk, "position": "Bí thư Quận ủy"}]}
    open_ballot = "Lấy phiếu tín nhiệm phải bỏ phiếu kín (điện tử hoặc phiếu giấy)."
    return [*_refused(t, url, ("post", "/voting/votes/"), page, api),
            Scenario(t.district_staff, url, ("post", "/voting/votes/"), page, api),
            Scenario(t.district_staff, url, ("post", "/voting/votes/"), {**page, "method": Vote.Method.HANDS},
                     {**api, "method": Vote.Method.HANDS}, refused=open_ballot)]


def remove_candidate(t):
    election = _election(t)
    candidate = ballots.add_candidate(election, t.secretary, "prepared")
    url, api = reverse("voting:candidate_remove", args=[candidate.pk]), ("post", f"/voting/candidates/{candidate.pk}/withdraw/")
    reason = {"reason": "Đồng chí xin rút, được đại hội chấp thuận"}
    return [*_refused(t, url, api, reason, reason),
            Scenario(t.district_staff, url, api, reason, reason),
            Scenario(t.district_staff, url, api, {"reason": " "}, {"reason": " "},
                     refused="Vui lòng ghi lý do (được lưu vào hồ sơ bầu cử).")]


def cancel_election(t):
    election = _election(t)
    url, api = reverse("voting:election_cancel", args=[election.pk]), ("post", f"/voting/elections/{election.pk}/cancel/")
    reason = {"reason": "Danh sách không đạt tỷ lệ 30% số dư"}
    return [*_refused(t, url, api, reason, reason),
            Scenario(t.district_staff, url, api, reason, reason)]


CASES = {f"voting.{f.__name__}": f for f in (
    create_confidence_vote, remove_candidate, cancel_election,
    create_vote, create_election, appoint_teller, add_candidate, start_round, open_vote, close_vote, enter_counts,
    enter_paper_ballot, accept_paper_count, create_teller_code, submit_share)}
