"""What a user can do with votes and elections: one function per action, shared by pages and the API.

Each checks the caller's right (``voting.access``: reading a vote follows who may read its conference,
running it is for the office) and calls the operation in ``ballots.py``, which validates and writes; the
decorator runs both in one transaction. Casting a ballot (``ballots.cast``) is not wrapped: it is the hot
path of a congress and manages its own transaction and locks (see ``core/tests/test_action_layer.py``).

The office's corrections are kept in the record: a removed candidate stays on the list marked withdrawn with
the reason, a cancelled election stays with its reason and date; nothing is deleted.
"""

from django.core.exceptions import ValidationError
from django.utils import timezone

from capuy.conferences.models import AgendaItem
from capuy.core import references
from capuy.core.actions import action
from capuy.organizations.models import Person
from capuy.voting import access, ballots
from capuy.voting.models import Candidate, Election, Vote


@action("Tạo biểu quyết", page="voting:conference", api="api:create_vote")
def create_vote(user, item, subject: str, method: str, kind: str = Vote.Kind.QUESTION, base_kind: str = "",
                subjects=None) -> Vote:
    access.require_manage(user, item.conference)
    return ballots.create_vote(item, subject, method, kind, base_kind, user, subjects or ())


@action("Tạo cuộc bầu cử", page="voting:conference", api="api:create_election")
def create_election(user, item, title: str, seats: int, position: str = Election.Position.COMMITTEE,
                    base_kind: str = "") -> Election:
    access.require_manage(user, item.conference)
    return ballots.create_election(item, title, seats, position, base_kind)


@action("Thêm thành viên Ban kiểm phiếu", page="voting:conference", api="api:appoint_teller")
def appoint_teller(user, conference, person):
    access.require_manage(user, conference)
    return ballots.appoint_teller(conference, person, user)


@action("Thêm người ứng cử", page="voting:election_action", api="api:add_candidate")
def add_candidate(user, election: Election, person, source: str, agreeing: int | None = None):
    access.require_manage(user, election.conference)
    return ballots.add_candidate(election, person, source, agreeing)


@action("Mở vòng bầu cử", page="voting:election_action", api="api:start_round")
def start_round(user, election: Election, method: str = Vote.Method.SECRET, candidates=None) -> Vote:
    access.require_manage(user, election.conference)
    return ballots.start_round(election, method, candidates, user)


@action("Mở biểu quyết", page="voting:action", api="api:open_vote")
def open_vote(user, vote: Vote) -> Vote:
    access.require_manage(user, vote.conference)
    return ballots.open_vote(vote, user)


@action("Kết thúc biểu quyết", page="voting:action", api="api:close_vote")
def close_vote(user, vote: Vote) -> Vote:
    access.require_manage(user, vote.conference)
    return ballots.close_vote(vote, user)


@action("Ghi số phiếu của Ban kiểm phiếu", page="voting:action", api="api:enter_counts")
def enter_counts(user, vote: Vote, counts: dict) -> Vote:
    access.require_manage(user, vote.conference)
    return ballots.enter_counts(vote, counts, user)


@action("Nhập phiếu bầu giấy", page="voting:action", api="api:enter_paper")
def enter_paper_ballot(user, vote: Vote, number: int, marks):
    access.require_manage(user, vote.conference)
    return ballots.enter_paper_ballot(vote, user, number, marks)


@action("Chấp nhận kết quả nhập phiếu giấy", page="voting:action", api="api:accept_paper")
def accept_paper_count(user, vote: Vote) -> Vote:
    access.require_manage(user, vote.conference)
    return ballots.accept_paper_count(vote, user)


@action("Nộp phần khóa của thành viên Ban kiểm phiếu", page="voting:teller_share", api="api:submit_share")
def submit_share(user, vote: Vote, code: str) -> Vote:
    access.require_read(user, vote.conference)
    return ballots.submit_share(vote, user.person_id, code)


@action("Tạo mã của thành viên Ban kiểm phiếu", page="voting:teller_code", api="api:create_teller_code")
def create_teller_code(user, conference, lost: bool = False) -> str:
    access.require_read(user, conference)
    return ballots.create_teller_code(conference, user.person_id, lost=lost)


REASON_MAX = 500


def _reason(text: str, field: str = "reason") -> str:
    text = " ".join((text or "").split())
    if not text:
        raise ValidationError({field: "Vui lòng ghi lý do (được lưu vào hồ sơ bầu cử)."})
    if len(text) > REASON_MAX:
        raise ValidationError({field: f"Lý do không quá {REASON_MAX} ký tự."})
    return text


@action("Tạo cuộc lấy phiếu tín nhiệm", page="voting:confidence_create", api="api:create_vote")
def create_confidence_vote(user, conference, agenda_item_id, subject, method, subjects, base_kind: str = "") -> Vote:
    """A confidence vote (Quy định 96-QĐ/TW) on an agenda item of ``conference``: ``subjects`` are
    ``[(person_id, position)]``, each person one the office may name at this conference; secret ballot only."""
    access.require_manage(user, conference)
    errors = {}
    item = None
    try:
        item = references.readable(user, AgendaItem, agenda_item_id, "agenda_item",
                                   within=conference.agenda_items.all())
        if item is None:
            errors["agenda_item"] = ["Vui lòng chọn nội dung chương trình."]
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if method not in Vote.SECRET_METHODS:
        errors["method"] = ["Lấy phiếu tín nhiệm phải bỏ phiếu kín (điện tử hoặc phiếu giấy)."]
    people = []
    if not subjects:
        errors["subjects"] = ["Vui lòng chọn ít nhất một người được lấy phiếu tín nhiệm."]
    else:
        try:
            people = references.readable_many(user, Person, [pk for pk, _ in subjects], "subjects",
                                              within=access.nameable_people(user, conference))
        except ValidationError as exc:
            errors.update(exc.message_dict)
        if any(len(position or "") > 300 for _, position in subjects):
            errors["subjects"] = ["Chức vụ được lấy phiếu không quá 300 ký tự."]
    if not (subject or "").strip():
        errors["subject"] = ["Vui lòng nhập nội dung biểu quyết."]
    if errors:
        raise ValidationError(errors)
    positions = dict(subjects)
    return ballots.create_vote(item, subject, method, kind=Vote.Kind.CONFIDENCE, base_kind=base_kind, user=user,
                               subjects=[(p, " ".join((positions.get(p.pk) or "").split())) for p in people])


@action("Rút tên khỏi danh sách bầu cử", page="voting:candidate_remove", api="api:remove_candidate")
def remove_candidate(user, candidate: Candidate, reason: str) -> Candidate:
    """Take a name off the list before voting starts (an approved withdrawal, a list corrected to meet the
    limits): the candidate stays, marked withdrawn, with the reason and time."""
    election = candidate.election
    access.require_manage(user, election.conference)
    election.conference.ensure_editable()
    election.ensure_active()
    if candidate.withdrawn:
        raise ValidationError(f"Đồng chí {candidate.person.full_name} đã được rút khỏi danh sách.")
    if election.rounds.exclude(status=Vote.Status.DRAFT).exists():
        raise ValidationError("Đã bắt đầu bỏ phiếu, không thể rút tên khỏi danh sách; nếu cần, hãy hủy cuộc bầu cử.")
    candidate.withdrawn, candidate.withdrawn_reason = True, _reason(reason)
    candidate.withdrawn_at = timezone.now()
    candidate.save(update_fields=["withdrawn", "withdrawn_reason", "withdrawn_at"])
    # A draft round lists the old names: it follows the corrected list.
    for draft in election.rounds.filter(status=Vote.Status.DRAFT):
        draft.candidates.remove(candidate)
    return candidate


@action("Hủy cuộc bầu cử", page="voting:election_cancel", api="api:cancel_election")
def cancel_election(user, election: Election, reason: str) -> Election:
    """Cancel an election that cannot go on (a list that fails the limits, a decision of the congress): it stays
    in the record with its rounds, the reason and the time, and takes no candidate or round afterwards."""
    access.require_manage(user, election.conference)
    election.conference.ensure_editable()
    election.ensure_active()
    if election.rounds.filter(status=Vote.Status.OPEN).exists():
        raise ValidationError("Một vòng bầu đang bỏ phiếu; hãy kết thúc vòng đó trước khi hủy cuộc bầu cử.")
    election.cancel_reason, election.cancelled_at = _reason(reason), timezone.now()
    election.save(update_fields=["cancel_reason", "cancelled_at"])
    return election


def named_ballots(vote: Vote) -> list[dict]:
    """Who chose what in an open electronic vote (the choice is public by the method); [] for every other method,
    so a secret ballot never reaches a page."""
    from capuy.voting.models import OpenBallot

    if vote.method != Vote.Method.OPEN:
        return []
    labels = dict(ballots.QUESTION_CHOICES)
    return [{"name": b.person.full_name, "choice": labels.get(b.choice, b.choice)}
            for b in OpenBallot.objects.filter(vote=vote).select_related("person").order_by("person__sort_key")]
