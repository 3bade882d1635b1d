"""What a user can do with votes and elections: one function per action, shared by pages and the API.

Each checks the caller's right (``voting.access``: reading a vote follows who may read its conference,
running it is for the office) and calls the operation in ``ballots.py``, which validates and writes; the
decorator runs both in one transaction. Casting a ballot (``ballots.cast``) is not wrapped: it is the hot
path of a congress and manages its own transaction and locks (see ``core/tests/test_action_layer.py``).
"""

from capuy.core.actions import action
from capuy.voting import access, ballots
from capuy.voting.models import Election, Vote


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
