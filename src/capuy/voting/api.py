"""REST endpoints of the voting app, mounted under /api/: /api/voting/…

Reading a vote: readers of the organization and invitees (404 for others). Running it: office staff (403).
Casting: the signed-in user's own ballot; refusals (twice, not eligible, closed, bad names) are 400 with a
Vietnamese message and change nothing.
"""

import os

from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema
from pydantic import ConfigDict

from capuy.conferences.models import AgendaItem, Conference
from capuy.core import references
from capuy.organizations.models import Person
from capuy.voting import access, actions, ballots
from capuy.voting.base import may_cast
from capuy.voting.models import BenchRow, Candidate, Election, Vote, VoterRegister

router = Router(tags=["Biểu quyết và bầu cử"])


class VoteOut(Schema):
    id: int
    conference_id: int
    agenda_item_id: int
    subject: str
    kind: str
    method: str
    status: str
    base_kind: str
    base: int
    eligible: int
    voted: int
    election_id: int | None
    round: int
    seats: int
    choices: list[str]
    result: dict
    awaiting_tellers: bool
    tellers_needed: int


def vote_out(vote: Vote) -> dict:
    return {"id": vote.pk, "conference_id": vote.conference_id, "agenda_item_id": vote.agenda_item_id,
            "subject": vote.subject, "kind": vote.kind, "method": vote.method, "status": vote.status,
            "base_kind": vote.base_kind, "base": vote.base, "eligible": vote.eligible_count,
            "voted": ballots.voted_count(vote), "election_id": vote.election_id, "round": vote.round,
            "seats": vote.seats, "choices": vote.choices_snapshot or ballots.ballot_keys(vote),
            "result": vote.result if vote.is_counted else {}, "awaiting_tellers": vote.awaiting_tellers,
            "tellers_needed": ballots.tellers_needed(vote)}


class SubjectIn(Schema):
    person_id: int
    position: str = ""


class VoteIn(Schema):
    agenda_item_id: int
    subject: str
    method: str = Vote.Method.OPEN
    kind: str = Vote.Kind.QUESTION
    base_kind: str = ""
    subjects: list[SubjectIn] = []


class BallotIn(Schema):
    choice: str | None = None  # question: for / against / abstain
    marks: list[str] | None = None  # election: "c:<candidate id>" kept; confidence: "s:<subject id>:<level>"


class ReceiptOut(Schema):
    vote: int
    received: bool
    message: str
    choice: str | None = None


class ProgressOut(Schema):
    vote: int
    status: str
    voted: int
    eligible: int
    base: int


class TellerIn(Schema):
    person_id: int


class TellerOut(Schema):
    id: int
    person_id: int
    name: str
    has_key: bool


class CodeIn(Schema):
    code: str


class NewCodeIn(Schema):
    lost: bool = False  # the old code is lost: replace it even though it holds a share not yet used


def teller_out(teller) -> dict:
    return {"id": teller.pk, "person_id": teller.person_id, "name": teller.person.full_name,
            "has_key": teller.has_key}


class CountsIn(Schema):
    model_config = ConfigDict(populate_by_name=True)

    for_: int = Field(0, alias="for")
    against: int = 0
    abstain: int = 0


class PaperIn(Schema):
    number: int
    marks: list[str] = []


class ElectionIn(Schema):
    agenda_item_id: int
    title: str
    seats: int
    position: str = Election.Position.COMMITTEE
    base_kind: str = ""


class CandidateIn(Schema):
    person_id: int
    source: str = Candidate.Source.PREPARED
    agreeing: int | None = None


class ReasonIn(Schema):
    reason: str


class RoundIn(Schema):
    method: str = Vote.Method.SECRET
    candidate_ids: list[int] | None = None


def _people(request, conference, pks, field: str) -> list[Person]:
    """People a vote or an election may name: the conference's invitees and whoever the office may read."""
    return references.readable_many(request.user, Person, pks, field, within=access.nameable_people(request.user,
                                                                                                       conference))


def _vote(request, pk: int, manage: bool = False) -> Vote:
    vote = get_object_or_404(Vote.objects.select_related("conference__organization"), pk=pk)
    (access.require_manage if manage else access.require_read)(request.user, vote.conference)
    return vote


def _item(request, pk: int) -> AgendaItem:
    item = get_object_or_404(AgendaItem.objects.select_related("conference__organization"), pk=pk)
    access.require_manage(request.user, item.conference)
    return item


def _election(request, pk: int) -> Election:
    election = get_object_or_404(Election.objects.select_related("conference__organization"), pk=pk)
    access.require_manage(request.user, election.conference)
    return election


@router.get("/voting/conferences/{conference_id}/votes/", response=list[VoteOut])
def list_votes(request, conference_id: int):
    conference = get_object_or_404(Conference.objects.select_related("organization"), pk=conference_id)
    access.require_read(request.user, conference)
    return [vote_out(v) for v in conference.votes.all()]


@router.post("/voting/votes/", response={201: VoteOut})
def create_vote(request, data: VoteIn):
    item = _item(request, data.agenda_item_id)
    ids = [s.person_id for s in data.subjects]
    if len(set(ids)) != len(ids):
        raise ValidationError({"subjects": ["Mỗi đồng chí chỉ được ghi một lần trong danh sách lấy phiếu tín nhiệm."]})
    if data.kind == Vote.Kind.CONFIDENCE:  # the same action as the page's confidence vote
        vote = actions.create_confidence_vote(request.user, item.conference, item.pk, data.subject, data.method,
                                              [(s.person_id, s.position) for s in data.subjects], data.base_kind)
        return 201, vote_out(vote)
    people = _people(request, item.conference, ids, "subjects")
    subjects = [(person, s.position) for person, s in zip(people, data.subjects, strict=True)]
    vote = actions.create_vote(request.user, item, data.subject, data.method, data.kind, data.base_kind, subjects)
    return 201, vote_out(vote)


@router.get("/voting/votes/{pk}/", response=VoteOut)
def get_vote(request, pk: int):
    return vote_out(_vote(request, pk))


@router.get("/voting/votes/{pk}/progress/", response=ProgressOut)
def progress(request, pk: int):
    vote = _vote(request, pk)
    return {"vote": vote.pk, "status": vote.status, "voted": ballots.voted_count(vote),
            "eligible": vote.eligible_count, "base": vote.base}


@router.post("/voting/votes/{pk}/open/", response=VoteOut)
def open_vote(request, pk: int):
    return vote_out(actions.open_vote(request.user, _vote(request, pk, manage=True)))


@router.post("/voting/votes/{pk}/close/", response=VoteOut)
def close_vote(request, pk: int):
    return vote_out(actions.close_vote(request.user, _vote(request, pk, manage=True)))


@router.post("/voting/votes/{pk}/ballot/", response={201: ReceiptOut})
def cast_ballot(request, pk: int, data: BallotIn):
    """Cast the signed-in member's ballot. Fast path: one query decides (a seat of the base, present now)."""
    person_id = request.user.person_id
    if person_id is None:
        raise ValidationError("Tài khoản chưa gắn với nhân sự nên không thể biểu quyết.")
    marks = data.marks if data.marks is not None else data.choice
    try:
        return 201, ballots.cast(pk, person_id, marks)
    except ValidationError:
        vote = Vote.objects.filter(pk=pk).select_related("conference__organization").first()
        if vote is None or not access.can_read(request.user, vote.conference):
            raise Http404("Không tìm thấy nội dung biểu quyết.") from None
        raise


@router.get("/voting/votes/{pk}/ballot/", response=dict)
def my_ballot(request, pk: int):
    """Has the signed-in member voted? (For a secret vote only that, never what.)"""
    vote = _vote(request, pk)
    voted = bool(request.user.person_id) and VoterRegister.objects.filter(
        vote=vote, person_id=request.user.person_id).exists()
    eligible = bool(request.user.person_id) and bool(may_cast(vote.pk, vote.conference_id, request.user.person_id))
    return {"vote": vote.pk, "voted": voted, "eligible": eligible, "status": vote.status}


@router.post("/voting/votes/{pk}/counts/", response=VoteOut)
def enter_counts(request, pk: int, data: CountsIn):
    vote = _vote(request, pk, manage=True)
    counts = {"for": data.for_, "against": data.against, "abstain": data.abstain}
    return vote_out(actions.enter_counts(request.user, vote, counts))


@router.post("/voting/votes/{pk}/paper/", response={201: dict})
def enter_paper(request, pk: int, data: PaperIn):
    vote = _vote(request, pk, manage=True)
    entry = actions.enter_paper_ballot(request.user, vote, data.number, data.marks)
    return 201, {"number": entry.number, "marks": entry.marks}


@router.get("/voting/votes/{pk}/paper/", response=dict)
def paper_status(request, pk: int):
    return ballots.paper_comparison(_vote(request, pk, manage=True))


@router.post("/voting/votes/{pk}/paper/accept/", response=VoteOut)
def accept_paper(request, pk: int):
    return vote_out(actions.accept_paper_count(request.user, _vote(request, pk, manage=True)))


@router.get("/voting/conferences/{conference_id}/tellers/", response=list[TellerOut])
def list_tellers(request, conference_id: int):
    """The counting board (ban kiểm phiếu) of a conference and whether each member has created a teller code."""
    conference = get_object_or_404(Conference.objects.select_related("organization"), pk=conference_id)
    access.require_read(request.user, conference)
    return [teller_out(t) for t in conference.tellers.select_related("person")]


@router.post("/voting/conferences/{conference_id}/tellers/", response={201: TellerOut})
def appoint_teller(request, conference_id: int, data: TellerIn):
    """Add an invitee of the conference to its counting board (office staff)."""
    conference = get_object_or_404(Conference.objects.select_related("organization"), pk=conference_id)
    access.require_manage(request.user, conference)
    person = references.readable(request.user, Person, data.person_id, "person_id",
                                 within=Person.objects.filter(conference_invitations__conference=conference))
    return 201, teller_out(actions.appoint_teller(request.user, conference, person))


@router.post("/voting/conferences/{conference_id}/tellers/code/", response={201: dict})
def create_teller_code(request, conference_id: int, data: NewCodeIn | None = None):
    """The signed-in member of the counting board creates their teller code. Returned once, never stored:
    only its public key is kept."""
    conference = get_object_or_404(Conference.objects.select_related("organization"), pk=conference_id)
    access.require_read(request.user, conference)
    lost = bool(data and data.lost)
    return 201, {"code": actions.create_teller_code(request.user, conference, lost=lost)}


@router.post("/voting/votes/{pk}/key-share/", response=VoteOut)
def submit_share(request, pk: int, data: CodeIn):
    """A member of the counting board enters their teller code after the close; the totals are decrypted when
    enough members have done so. The code is used in memory and never stored."""
    return vote_out(actions.submit_share(request.user, _vote(request, pk), data.code))


@router.post("/voting/elections/", response={201: dict})
def create_election(request, data: ElectionIn):
    item = _item(request, data.agenda_item_id)
    election = actions.create_election(request.user, item, data.title, data.seats, data.position, data.base_kind)
    return 201, {"id": election.pk, "title": election.title, "seats": election.seats}


@router.post("/voting/elections/{pk}/candidates/", response={201: dict})
def add_candidate(request, pk: int, data: CandidateIn):
    election = _election(request, pk)
    person = _people(request, election.conference, [data.person_id], "person_id")[0]
    candidate = actions.add_candidate(request.user, election, person, data.source, data.agreeing)
    return 201, {"id": candidate.pk, "person_id": candidate.person_id, "order": candidate.order}


@router.post("/voting/elections/{pk}/cancel/", response=dict)
def cancel_election(request, pk: int, data: ReasonIn):
    election = actions.cancel_election(request.user, _election(request, pk), data.reason)
    return {"id": election.pk, "title": election.title, "cancelled_at": election.cancelled_at,
            "cancel_reason": election.cancel_reason}


@router.post("/voting/candidates/{pk}/withdraw/", response=dict)
def remove_candidate(request, pk: int, data: ReasonIn):
    candidate = get_object_or_404(Candidate.objects.select_related("election__conference__organization", "person"),
                                  pk=pk)
    candidate = actions.remove_candidate(request.user, candidate, data.reason)  # the action checks the right
    return {"id": candidate.pk, "person_id": candidate.person_id, "withdrawn": candidate.withdrawn,
            "withdrawn_reason": candidate.withdrawn_reason}


@router.post("/voting/elections/{pk}/rounds/", response={201: VoteOut})
def start_round(request, pk: int, data: RoundIn):
    election = _election(request, pk)
    candidates = None
    if data.candidate_ids is not None:
        candidates = list(Candidate.objects.filter(election=election, pk__in=data.candidate_ids))
        if len(candidates) != len(set(data.candidate_ids)):
            raise ValidationError("Chỉ được bầu trong số ứng cử viên có tên trong danh sách và chưa trúng cử.")
    return 201, vote_out(actions.start_round(request.user, election, data.method, candidates))


if os.environ.get("CAPUY_BENCH") == "1":

    @router.post("/voting/bench/baseline/", response={201: dict})
    def bench_baseline(request):
        """Benchmark baseline (only with CAPUY_BENCH=1): the same authentication, one row inserted."""
        row = BenchRow.objects.create(user=request.user)
        return 201, {"id": str(row.pk)}
