"""Running a vote: create, open, cast, enter counts and paper ballots, close and count.

Every function validates first and raises a Vietnamese ``ValidationError``; nothing changes on error.
"""

import threading
import time

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import Count, F, Sum

from capuy.conferences import live
from capuy.conferences.models import AgendaItem, Conference
from capuy.conferences.roll import default_base_kind, roll
from capuy.voting import crypto, rules
from capuy.voting.base import may_cast
from capuy.voting.models import (
    Candidate,
    ConfidenceSubject,
    Election,
    EligibleVoter,
    EntryLog,
    KeyShare,
    OpenBallot,
    PaperEntry,
    SealedBallot,
    TallyCell,
    Teller,
    Vote,
    VoterRegister,
)

QUESTION_CHOICES = [("for", "Tán thành"), ("against", "Không tán thành"), ("abstain", "Không biểu quyết")]
QUESTION_KEYS = [k for k, _ in QUESTION_CHOICES]

MSG_CLOSED = "Biểu quyết đã kết thúc, không nhận thêm phiếu."
MSG_NOT_OPEN = "Biểu quyết chưa mở, chưa nhận phiếu."
MSG_TWICE = "Đồng chí đã bỏ phiếu cho nội dung này; mỗi người chỉ bỏ một phiếu và không được thay đổi."
MSG_NOT_ELIGIBLE = "Đồng chí không có tên trong danh sách được biểu quyết (không thuộc cơ sở tính)."
MSG_NOT_TELLER = "Đồng chí không phải thành viên Ban kiểm phiếu giữ phần khóa của biểu quyết này."
MSG_NO_TELLERS = ("Bỏ phiếu kín điện tử cần Ban kiểm phiếu: chưa có thành viên nào của Ban kiểm phiếu tạo mã khóa "
                  "kiểm phiếu. Vui lòng chỉ định Ban kiểm phiếu và đề nghị các thành viên tạo mã khóa.")
MSG_NOT_PRESENT = ("Đồng chí chưa điểm danh có mặt tại hội nghị (hoặc đã rời hội nghị) nên chưa thể bỏ phiếu; "
                   "vui lòng điểm danh rồi bỏ phiếu.")


def paper_operators_required() -> int:
    """Paper ballots are entered by this many independent operators who must agree (setting, default 2)."""
    return max(2, min(3, int(getattr(settings, "CAPUY_PAPER_OPERATORS", 2))))


# ---------------------------------------------------------------------------------------------------------
# Creating
# ---------------------------------------------------------------------------------------------------------


def _editable(conference: Conference):
    conference.ensure_editable()


@transaction.atomic
def create_vote(item: AgendaItem, subject: str, method: str, kind: str = Vote.Kind.QUESTION, base_kind: str = "",
                user=None, subjects=()) -> Vote:
    """A question or confidence vote on ``item``; ``subjects`` are the people assessed in a confidence vote."""
    _editable(item.conference)
    subject = (subject or "").strip()
    if not subject:
        raise ValidationError({"subject": "Vui lòng nhập nội dung biểu quyết."})
    if kind == Vote.Kind.ELECTION:
        raise ValidationError("Vòng bầu cử được tạo từ cuộc bầu cử.")
    if method not in Vote.Method.values:
        raise ValidationError({"method": "Hình thức biểu quyết không hợp lệ."})
    if base_kind and base_kind not in dict(rules.BaseKind.choices):
        raise ValidationError({"base_kind": "Cơ sở tính không hợp lệ."})
    vote = Vote(agenda_item=item, conference=item.conference, subject=subject, method=method, kind=kind,
                base_kind=base_kind or default_base_kind(item.conference), created_by=user)
    vote.full_clean(exclude=["conference", "candidates"])
    if kind == Vote.Kind.CONFIDENCE and not subjects:
        raise ValidationError("Vui lòng chọn người được lấy phiếu tín nhiệm.")
    vote.save()
    for order, (person, position) in enumerate(subjects, 1):
        ConfidenceSubject.objects.create(vote=vote, person=person, position=position, order=order)
    return vote


@transaction.atomic
def create_election(item: AgendaItem, title: str, seats: int, position: str = Election.Position.COMMITTEE,
                    base_kind: str = "") -> Election:
    _editable(item.conference)
    if not (title or "").strip():
        raise ValidationError({"title": "Vui lòng nhập tên cuộc bầu cử."})
    if not seats or seats < 1:
        raise ValidationError({"seats": "Số lượng cần bầu phải từ 1 trở lên."})
    return Election.objects.create(agenda_item=item, conference=item.conference, title=title.strip(), seats=seats,
                                   position=position, base_kind=base_kind or default_base_kind(item.conference))


def _election_base(election: Election) -> int:
    return roll(election.conference, election.base_kind).base.size


@transaction.atomic
def add_candidate(election: Election, person, source: str = Candidate.Source.PREPARED,
                  agreeing: int | None = None) -> Candidate:
    """Add a candidate; a nominee from the floor only when more than 30% of the delegates agree (rules)."""
    _editable(election.conference)
    election.ensure_active()
    if election.rounds.exclude(status=Vote.Status.DRAFT).exists():
        raise ValidationError("Đã bắt đầu bỏ phiếu, không thể bổ sung danh sách bầu cử.")
    if election.candidates.filter(person=person).exists():
        raise ValidationError(f"Đồng chí {person.full_name} đã có trong danh sách bầu cử.")
    if agreeing is not None and agreeing < 0:
        raise ValidationError({"agreeing": "Số đại biểu đồng ý không được âm."})
    if source == Candidate.Source.FLOOR:
        if agreeing is None:
            raise ValidationError({"agreeing": "Vui lòng nhập số đại biểu đồng ý đưa vào danh sách."})
        try:
            admitted, _, rule = rules.floor_nominee_admitted(_election_base(election), agreeing)
        except rules.CountError as exc:
            raise ValidationError(str(exc)) from exc
        if not admitted:
            raise ValidationError(rule)
    order = election.candidates.count() + 1
    return Candidate.objects.create(election=election, person=person, source=source, floor_support=agreeing,
                                    order=order)


@transaction.atomic
def start_round(election: Election, method: str = Vote.Method.SECRET, candidates=None, user=None) -> Vote:
    """The next round of ``election``: the first among the whole list (checked against the list limits),
    later ones for the seats still unfilled among the candidates the congress names (default: those tied at
    the last seat, else everyone not yet elected)."""
    _editable(election.conference)
    election.ensure_active()
    if election.rounds.exclude(status=Vote.Status.CLOSED).exists():
        raise ValidationError("Vòng bầu trước chưa kết thúc.")
    if any(r.awaiting_tellers for r in election.rounds.all()):
        raise ValidationError("Ban kiểm phiếu chưa giải mã kết quả vòng bầu trước.")
    if method not in Vote.SECRET_METHODS:
        raise ValidationError({"method": "Bầu cử phải bỏ phiếu kín (điện tử hoặc phiếu giấy)."})
    elected = {c.pk for c in election.elected()}
    seats = election.seats - len(elected)
    if seats <= 0:
        raise ValidationError("Đã bầu đủ số lượng.")
    previous = election.rounds.order_by("-round").first()
    listed = list(election.candidates.filter(withdrawn=False).exclude(pk__in=elected))
    if candidates is not None:
        ids = {c.pk for c in candidates}
        if not ids <= {c.pk for c in listed}:
            raise ValidationError("Chỉ được bầu trong số ứng cử viên có tên trong danh sách và chưa trúng cử.")
        listed = [c for c in listed if c.pk in ids]
    elif previous is not None and previous.result.get("revote_among"):
        listed = [c for c in listed if c.pk in previous.result["revote_among"]]
    if previous is None:
        check = rules.check_candidate_list(seats, len(listed))
        if not check.ok:
            raise ValidationError(check.message)
    elif len(listed) < seats:
        raise ValidationError("Số ứng cử viên ít hơn số lượng còn phải bầu.")
    number = (previous.round + 1) if previous else 1
    subject = election.title if number == 1 else f"{election.title} (vòng {number})"
    vote = Vote.objects.create(agenda_item=election.agenda_item, conference=election.conference, subject=subject,
                               kind=Vote.Kind.ELECTION, method=method, base_kind=election.base_kind,
                               election=election, round=number, seats=seats, created_by=user)
    vote.candidates.set(listed)
    return vote


# ---------------------------------------------------------------------------------------------------------
# Ballot keys
# ---------------------------------------------------------------------------------------------------------


def ballot_keys(vote: Vote) -> list[str]:
    """The keys a ballot of ``vote`` may carry."""
    if vote.kind == Vote.Kind.ELECTION:
        return [f"c:{c.pk}" for c in vote.candidates.order_by("order", "pk")]
    if vote.kind == Vote.Kind.CONFIDENCE:
        return [f"s:{s.pk}:{level}" for s in vote.subjects.all() for level, _ in rules.Confidence.choices]
    return list(QUESTION_KEYS)


def normalize_marks(vote: Vote, marks, paper: bool = False) -> tuple[list[str], bool]:
    """Check a ballot and return (keys, valid).

    Question: exactly one of for / against / abstain. Confidence: one level per person assessed. Election:
    the candidates kept (names not crossed out); an electronic ballot keeping more names than seats is refused,
    a paper ballot doing so is entered and counted invalid (DOMAIN.md "Elections").
    """
    allowed = set(vote.choices_snapshot or ballot_keys(vote))
    if isinstance(marks, str):
        marks = [marks]
    marks = [str(m) for m in (marks or [])]
    if len(set(marks)) != len(marks):
        raise ValidationError("Phiếu có nội dung bị lặp lại.")
    if any(m not in allowed for m in marks):
        if vote.kind == Vote.Kind.ELECTION:
            raise ValidationError("Phiếu có tên người không có trong danh sách bầu cử.")
        raise ValidationError("Nội dung phiếu không hợp lệ.")
    if vote.kind == Vote.Kind.QUESTION:
        if len(marks) != 1:
            raise ValidationError("Vui lòng chọn một trong: tán thành, không tán thành, không biểu quyết.")
        return marks, True
    if vote.kind == Vote.Kind.CONFIDENCE:
        subjects = {k.split(":")[1] for k in allowed}
        chosen = [m.split(":")[1] for m in marks]
        if sorted(chosen) != sorted(subjects):
            raise ValidationError("Vui lòng chọn một mức tín nhiệm cho mỗi người được lấy phiếu.")
        return marks, True
    if not rules.ballot_valid(marks, vote.seats, allowed):  # the one rule; duplicates and unknown names refused above
        if paper:
            return marks, False
        raise ValidationError(f"Phiếu giữ lại {len(marks)} tên, nhiều hơn số lượng cần bầu ({vote.seats}); "
                              f"vui lòng gạch bớt tên.")
    return marks, True


# ---------------------------------------------------------------------------------------------------------
# Opening and closing
# ---------------------------------------------------------------------------------------------------------


@transaction.atomic
def open_vote(vote: Vote, user=None) -> Vote:
    """Open ``vote``: snapshot the base (its seats, for electronic votes) and the ballot keys.

    The base stays fixed while the vote is open; who may cast follows presence at the moment of casting
    (``base.may_cast``), so a member of the base who checks in late may vote and one who left may not.

    Refused when the conference is not in progress or not quorate (the roll's quorum, ``capuy.conferences.roll``;
    two thirds present for a confidence vote, Quy định 96-QĐ/TW).
    """
    vote = Vote.objects.select_for_update().get(pk=vote.pk)
    conference = vote.conference
    _editable(conference)
    if vote.election_id:
        vote.election.ensure_active()
    if vote.status != Vote.Status.DRAFT:
        raise ValidationError("Biểu quyết này đã được mở.")
    if conference.status != Conference.Status.IN_PROGRESS:
        raise ValidationError("Hội nghị chưa khai mạc, chưa thể biểu quyết.")
    current = roll(conference, vote.base_kind)
    check = current.quorum(confidence=vote.kind == Vote.Kind.CONFIDENCE)
    if not check.reached:
        raise ValidationError(f"Chưa đủ số lượng để biểu quyết. {check.rule}")
    vote.base = current.base.size
    vote.base_rule = current.base.rule
    vote.excluded = [{"person": key, "name": current.names.get(key, ""), "reason": reason}
                     for key, reason in current.base.excluded]
    vote.choices_snapshot = ballot_keys(vote)
    vote.status, vote.opened_at = Vote.Status.OPEN, conference.moment()  # never the clock for a past record
    if vote.method == Vote.Method.SECRET:
        tellers = list(Teller.objects.filter(conference=conference).exclude(public_key=b"").order_by("pk"))
        if not tellers:
            raise ValidationError(MSG_NO_TELLERS)
        vote.threshold = rules.teller_threshold(len(tellers))
        vote.public_key, shares = crypto.split_key(len(tellers), vote.threshold)
    if vote.is_electronic:
        EligibleVoter.objects.bulk_create([EligibleVoter(vote=vote, person_id=p) for p in dict.fromkeys(current.seats)])
    vote.eligible_count = len(current.voters)
    vote.save()
    if vote.method == Vote.Method.SECRET:
        # Each share sealed to its teller's code; the private key itself was never more than memory.
        KeyShare.objects.bulk_create([
            KeyShare(vote=vote, teller=teller, index=index, verification=verification,
                     sealed=crypto.seal_share(bytes(teller.public_key), share, _share_context(vote.pk, index)))
            for teller, (index, share, verification) in zip(tellers, shares, strict=True)])
        shares.clear()
    live.publish(conference.pk, "vote", {"vote": vote.pk, "status": vote.status, "voted": 0,
                                         "eligible": vote.eligible_count})
    return vote


_last_progress: dict[int, float] = {}
_trailing: set[int] = set()
_trailing_lock = threading.Lock()


def progress_event(vote_id: int, eligible: int) -> dict:
    """The "vote" event of an open vote with its count, read now (inside a ballot's transaction: with it)."""
    voted = VoterRegister.objects.filter(vote_id=vote_id).count()
    return {"vote": vote_id, "status": "open", "voted": voted, "eligible": eligible}


PROGRESS_SECONDS = 1  # at most one progress event per vote per second, across all server processes


def _progress_slot(vote_id: int) -> bool:
    """True for the one ballot (in any process) that publishes the progress of this second.

    The slot is a key in the shared cache (Redis in production: one event per second for the whole cluster,
    whatever the number of workers); without a shared cache, or when Redis is down, each process throttles
    itself.
    """
    from django.core.cache import cache

    now = time.monotonic()
    if now - _last_progress.get(vote_id, 0.0) < PROGRESS_SECONDS:
        return False
    try:
        won = cache.add(f"voting:progress:{vote_id}", 1, timeout=PROGRESS_SECONDS)
    except Exception:  # noqa: BLE001 - the cache is down: fall back to this process's own throttle
        won = True
    if won:
        _last_progress[vote_id] = now
    return won


def _publish_progress(vote_id: int, conference_id: int, eligible: int):
    """A "vote" event carrying the count, at most once a second per vote (``_progress_slot``).

    The event carries what changed (``voted``/``eligible``), so an open page updates itself without asking the
    server: a ballot costs the same queries whether ten or 1,600 pages are open. A ballot that finds the slot
    taken leaves one trailing event behind (``_publish_trailing``), so that the last ballots are shown too.
    """
    if _progress_slot(vote_id):
        live.publish(conference_id, "vote", progress_event(vote_id, eligible))
    else:
        transaction.on_commit(lambda: _publish_trailing(vote_id, conference_id, eligible, PROGRESS_SECONDS))


def _publish_trailing(vote_id: int, conference_id: int, eligible: int, delay: float):
    with _trailing_lock:
        if vote_id in _trailing:
            return
        _trailing.add(vote_id)

    def send():
        from django.db import connection as thread_connection

        try:
            with _trailing_lock:
                _trailing.discard(vote_id)
            if not Vote.objects.filter(pk=vote_id, status=Vote.Status.OPEN).exists():
                return
            if _progress_slot(vote_id):
                live._send(conference_id, {"event": "vote", "data": progress_event(vote_id, eligible)})
            else:  # another process published meanwhile, perhaps before this process's last ballot: try again
                _publish_trailing(vote_id, conference_id, eligible, delay)
        except Exception as exc:  # noqa: BLE001 - a missed progress event must never disturb voting
            live.log.warning("Không gửi được tiến độ biểu quyết %s: %s", vote_id, exc)
        finally:
            thread_connection.close()  # this thread's connection goes back to the pool

    timer = threading.Timer(delay + 0.05, send)
    timer.name = "capuy-vote-progress"
    timer.daemon = True
    timer.start()


def cast(vote_id: int, person_id: int, marks) -> dict:
    """Cast an electronic ballot for ``person_id``; returns the receipt.

    One transaction: the vote row is read under a share lock (closing waits for ballots in flight and no
    ballot lands after the close), eligibility is checked (a seat of the base fixed at opening, present now:
    ``base.may_cast``), the register row is inserted (the database's
    unique constraint refuses a second ballot, even from two tabs at once), then the named ballot (open vote)
    or the tally counters (secret vote) are updated. Any refusal rolls everything back.
    """
    try:
        with transaction.atomic():
            vote = _locked_vote(vote_id)
            if vote is None:
                raise ValidationError("Không tìm thấy nội dung biểu quyết.")
            if vote.status == Vote.Status.CLOSED:
                raise ValidationError(MSG_CLOSED)
            if vote.status != Vote.Status.OPEN:
                raise ValidationError(MSG_NOT_OPEN)
            if not vote.is_electronic:
                raise ValidationError("Nội dung này không biểu quyết điện tử.")
            keys, _ = normalize_marks(vote, marks)
            allowed = may_cast(vote_id, vote.conference_id, person_id)
            if not allowed:
                raise ValidationError(MSG_NOT_ELIGIBLE if allowed is None else MSG_NOT_PRESENT)
            VoterRegister.objects.create(vote_id=vote_id, person_id=person_id)
            if vote.is_sealed:
                # The choice lives only in this process's memory: what is written is its encryption.
                bits = [int(k in keys) for k in vote.choices_snapshot]
                SealedBallot.objects.create(vote_id=vote_id, data=crypto.encrypt(bytes(vote.public_key), bits))
            elif vote.is_secret:  # opened before ballots were encrypted: the old counters
                shard = TallyCell.random_shard()
                TallyCell.objects.filter(vote_id=vote_id, shard=shard, key__in=[*keys, "ballots", "valid"]).update(
                    count=F("count") + 1)
            else:
                OpenBallot.objects.create(vote_id=vote_id, person_id=person_id, choice=keys[0])
            _publish_progress(vote_id, vote.conference_id, vote.eligible_count)
    except IntegrityError as exc:
        raise ValidationError(MSG_TWICE) from exc
    receipt = {"vote": vote_id, "received": True, "message": "Đã nhận phiếu của đồng chí. Phiếu không thể thay đổi."}
    if not vote.is_secret:
        receipt["choice"] = keys[0]
    return receipt


def _locked_vote(vote_id: int) -> Vote | None:
    qs = Vote.objects.only("id", "status", "kind", "method", "seats", "choices_snapshot", "conference_id",
                           "public_key", "eligible_count")
    if connection.vendor == "postgresql":
        # FOR SHARE: ballots do not wait for each other, closing (FOR UPDATE) waits for them.
        rows = list(Vote.objects.raw(
            "SELECT id, status, kind, method, seats, choices_snapshot, conference_id, public_key, eligible_count FROM voting_vote "
            "WHERE id = %s FOR SHARE", [vote_id]))
        return rows[0] if rows else None
    # SQLite runs write transactions one at a time (settings: IMMEDIATE), which gives the same guarantee.
    return qs.filter(pk=vote_id).order_by().first()


def close_vote(vote: Vote, user=None) -> Vote:
    """Close ``vote`` and count it; the result is stored on the vote. Returns the vote."""
    with transaction.atomic():
        vote = Vote.objects.select_for_update().get(pk=vote.pk)
        _editable(vote.conference)
        if vote.status != Vote.Status.OPEN:
            raise ValidationError("Chỉ kết thúc được biểu quyết đang mở." if vote.status == Vote.Status.DRAFT
                                  else "Biểu quyết đã kết thúc.")
        if not vote.is_electronic and not vote.result.get("accepted"):
            raise ValidationError("Ban kiểm phiếu chưa nhập (hoặc chưa thống nhất) kết quả kiểm phiếu.")
        vote.status, vote.closed_at = Vote.Status.CLOSED, vote.conference.moment()
        if vote.is_sealed:
            _seal_totals(vote)
        else:
            vote.result = compute_result(vote)
        vote.save(update_fields=["status", "closed_at", "result", "sealed_totals"])
        if vote.is_electronic:
            vote_id = vote.pk
            transaction.on_commit(lambda: _rewrite_rows_later(vote_id))
        live.publish(vote.conference_id, "vote", {"vote": vote.pk, "status": vote.status,
                                                  "voted": vote.result.get("ballots"), "eligible": vote.eligible_count})
    return vote


def _share_context(vote_id: int, index: int) -> bytes:
    """Binds a sealed share to its vote and index: copied to another row, it no longer opens."""
    return f"capuy-vote:{vote_id}:{index}".encode()


def _seal_totals(vote: Vote):
    """At close: add up the encrypted ballots (the encrypted totals); the counting board decrypts them."""
    data = list(SealedBallot.objects.filter(vote=vote).values_list("data", flat=True))
    totals = crypto.add_ballots(data, len(vote.choices_snapshot))
    ballots = len(data)  # what is in the box is what is counted (the register holds as many voters)
    vote.sealed_totals = crypto.pack(totals)
    if not totals:  # no ballot: nothing to decrypt
        vote.result = compute_result(vote, {"ballots": 0, "valid": 0})
        KeyShare.objects.filter(vote=vote).update(sealed=b"")
        return
    vote.result = {"awaiting_tellers": True, "base": vote.base, "ballots": ballots, "eligible": vote.eligible_count,
                   "threshold": vote.threshold, "tellers_done": 0}


def submit_share(vote: Vote, person_id: int | None, code: str) -> Vote:
    """A member of the counting board enters their teller code after the close.

    The code opens the teller's sealed share in memory; the share is checked against its verification key
    (a wrong code is refused) and turned into its partial decryption of the totals, which alone is stored.
    When ``vote.threshold`` tellers have done so the totals are decrypted, the result is computed and the
    sealed shares are erased. The share and the code are never written anywhere.
    """
    with transaction.atomic():
        vote = Vote.objects.select_for_update().get(pk=vote.pk)
        if vote.status != Vote.Status.CLOSED:
            raise ValidationError("Chỉ giải mã kết quả sau khi kết thúc biểu quyết.")
        if not vote.awaiting_tellers:
            raise ValidationError("Kết quả đã được giải mã và công bố.")
        share = KeyShare.objects.filter(vote=vote, teller__person_id=person_id).first() if person_id else None
        if share is None:
            raise ValidationError(MSG_NOT_TELLER)
        if bytes(share.partial):
            raise ValidationError("Đồng chí đã nhập mã khóa kiểm phiếu cho biểu quyết này.")
        if not crypto.normalize_code(code):
            raise ValidationError({"code": "Vui lòng nhập mã khóa kiểm phiếu."})
        totals = crypto.unpack(bytes(vote.sealed_totals))
        try:
            secret = crypto.open_share(code, bytes(share.sealed), _share_context(vote.pk, share.index))
        except crypto.CryptoError as exc:
            raise ValidationError(str(exc)) from exc
        if not crypto.share_matches(secret, bytes(share.verification)):
            raise ValidationError({"code": "Mã khóa kiểm phiếu không đúng."})
        share.partial = crypto.partial_decrypt(secret, totals)
        del secret
        share.save(update_fields=["partial"])
        partials = {index: bytes(p) for index, p in vote.key_shares.values_list("index", "partial") if bytes(p)}
        if len(partials) >= vote.threshold:
            try:
                values = crypto.decrypt_totals(totals, partials, vote.result["ballots"])
            except crypto.CryptoError as exc:
                raise ValidationError(str(exc)) from exc
            counts = dict(zip(vote.choices_snapshot, values, strict=True))
            counts["ballots"] = counts["valid"] = vote.result["ballots"]
            vote.result = compute_result(vote, counts)
            KeyShare.objects.filter(vote=vote).update(sealed=b"")
        else:
            vote.result = {**vote.result, "tellers_done": len(partials)}
        vote.save(update_fields=["result"])
        live.publish(vote.conference_id, "vote", {"vote": vote.pk, "status": vote.status})
    return vote


def tellers_needed(vote: Vote) -> int:
    """How many more codes the counting board must enter before the totals can be decrypted."""
    if not vote.awaiting_tellers:
        return 0
    return max(0, vote.threshold - int(vote.result.get("tellers_done", 0)))


@transaction.atomic
def appoint_teller(conference: Conference, person, user=None) -> Teller:
    """Add ``person`` to the counting board (ban kiểm phiếu) of ``conference``; they then create their code."""
    _editable(conference)
    if Teller.objects.filter(conference=conference, person=person).exists():
        raise ValidationError(f"Đồng chí {person.full_name} đã có trong Ban kiểm phiếu.")
    return Teller.objects.create(conference=conference, person=person)


@transaction.atomic
def create_teller_code(conference: Conference, person_id: int | None, lost: bool = False) -> str:
    """A new teller code for the signed-in member of the counting board: returned once, only its public key is
    kept. While the old code still holds a share of a vote not yet decrypted, a new one is refused unless the
    member says the old code is lost (``lost``): that share then stays unusable."""
    teller = Teller.objects.select_for_update().filter(conference=conference, person_id=person_id).first() \
        if person_id else None
    if teller is None:
        raise ValidationError("Đồng chí không có tên trong Ban kiểm phiếu của hội nghị này.")
    pending = [s.vote.subject for s in KeyShare.objects.filter(teller=teller, partial=b"").select_related("vote")
               if bytes(s.sealed)]
    if pending and not lost:
        raise ValidationError("Mã khóa hiện tại còn giữ phần khóa của biểu quyết chưa giải mã ("
                              + "; ".join(pending) + "). Chỉ tạo mã mới khi đồng chí đã mất mã cũ: phần khóa đó "
                              "sẽ không dùng được nữa.")
    code, public = crypto.new_teller_code()
    teller.public_key = public
    teller.save(update_fields=["public_key"])
    return code


def rewrite_rows(vote_id: int):
    """Rewrite the register and the tally of a closed vote in one transaction, so that the row versions left
    behind no longer carry the transaction of each ballot (PostgreSQL ``xmin``); README.md, "Secret ballots"."""
    with transaction.atomic():
        VoterRegister.objects.filter(vote_id=vote_id).update(person_id=F("person_id"))
        SealedBallot.objects.filter(vote_id=vote_id).update(data=F("data"))
        TallyCell.objects.filter(vote_id=vote_id).update(count=F("count"))


def _rewrite_rows_later(vote_id: int):
    """After the close commits, in a thread: the result is not delayed by the rewrite."""
    import threading

    from django.db import connections

    def job():
        try:
            rewrite_rows(vote_id)
        finally:
            connections.close_all()

    if connection.vendor == "postgresql":
        threading.Thread(target=job, name="capuy-vote-rewrite", daemon=True).start()
    else:
        rewrite_rows(vote_id)  # SQLite has no xmin; kept for the same final state


# ---------------------------------------------------------------------------------------------------------
# Counting
# ---------------------------------------------------------------------------------------------------------


def tallies(vote: Vote) -> dict[str, int]:
    """Totals per key: from the ballot box (secret), the named ballots (open) or the board's entries."""
    if vote.method == Vote.Method.OPEN:
        counts = {k: 0 for k in vote.choices_snapshot}
        for row in OpenBallot.objects.filter(vote=vote).values("choice").annotate(n=Count("pk")):
            counts[row["choice"]] = row["n"]
        total = sum(counts.values())
        counts["ballots"] = counts["valid"] = total
        return counts
    counts = {}
    for row in TallyCell.objects.filter(vote=vote).values("key").annotate(n=Sum("count")):
        counts[row["key"]] = row["n"]
    return counts


def voted_count(vote: Vote) -> int:
    if vote.is_closed and "ballots" in vote.result:
        return int(vote.result["ballots"])
    if vote.is_electronic:
        return VoterRegister.objects.filter(vote=vote).count()
    return int(vote.result.get("ballots", 0)) if vote.result.get("accepted") else 0


def compute_result(vote: Vote, counts: dict | None = None) -> dict:
    """The result as stored and shown: base, counts, shares, passed / elected and the rule that decided.

    ``counts``: the decrypted totals of a secret electronic vote; otherwise read from ``tallies``."""
    counts = tallies(vote) if counts is None else counts
    ballots = counts.get("ballots", 0)
    result = {"base": vote.base, "ballots": ballots, "eligible": vote.eligible_count,
              "not_voted": max(0, vote.base - ballots), "accepted": True}
    if vote.kind == Vote.Kind.QUESTION:
        outcome = rules.decide(vote.base, counts.get("for", 0), counts.get("against", 0), counts.get("abstain", 0))
        result.update({"for": outcome.votes_for, "against": outcome.against, "abstain": outcome.abstain,
                       "not_voted": outcome.not_voted, "required": outcome.required, "passed": outcome.passed,
                       "rule": outcome.rule})
    elif vote.kind == Vote.Kind.ELECTION:
        ids = [int(k[2:]) for k in vote.choices_snapshot]
        votes = {i: counts.get(f"c:{i}", 0) for i in ids}
        outcome = rules.count_tallies(vote.base, vote.seats, ids, votes, ballots, counts.get("valid", 0))
        names = dict(Candidate.objects.filter(pk__in=ids).values_list("pk", "person__full_name"))
        result.update({
            "valid": outcome.valid, "invalid": outcome.invalid, "required": outcome.required, "seats": vote.seats,
            "candidates": [{"id": r.key, "name": names.get(r.key, ""), "votes": r.votes,
                            "share": float(r.share), "elected": r.elected, "reason": r.reason} for r in outcome.rows],
            "elected": outcome.elected, "unfilled": outcome.unfilled, "revote_among": outcome.revote_among,
            "rule": outcome.rule, "passed": not outcome.unfilled})
    else:
        rows = []
        for s in vote.subjects.select_related("person"):
            c = {level: counts.get(f"s:{s.pk}:{level}", 0) for level, _ in rules.Confidence.choices}
            o = rules.confidence_outcome(vote.base, c["high"], c["confident"], c["low"])
            rows.append({"id": s.pk, "name": s.person.full_name, "position": s.position, **c,
                         "low_share": float(o.low / vote.base) if vote.base else 0.0,
                         "review": o.review, "dismissal": o.dismissal, "rule": o.rule})
        result.update({"subjects": rows, "rule": "Quy định 96-QĐ/TW: quá nửa phiếu tín nhiệm thấp thì xem xét; "
                                                 "từ hai phần ba trở lên thì xem xét miễn nhiệm."})
    return result


# ---------------------------------------------------------------------------------------------------------
# Counting board: show of hands and paper ballots
# ---------------------------------------------------------------------------------------------------------


def present_for_count(vote: Vote) -> int:
    """The most ballots or raised hands a vote counted by the board can have: the members of its base present.

    Those present when the vote opened (``eligible_count``) may all have voted even if some left since; a
    member of the base who checked in later may vote too, so the larger of the two (the roll, now).
    """
    return max(vote.eligible_count, len(roll(vote.conference, vote.base_kind).voters))


@transaction.atomic
def enter_counts(vote: Vote, counts: dict, user=None) -> Vote:
    """Counts of a show of hands / raised card, entered by the counting board (for, against, abstain)."""
    vote = Vote.objects.select_for_update().get(pk=vote.pk)
    _editable(vote.conference)
    if vote.method not in Vote.COUNTED_BY_BOARD:
        raise ValidationError("Chỉ nhập số phiếu với hình thức giơ tay hoặc giơ thẻ.")
    if vote.status != Vote.Status.OPEN:
        raise ValidationError(MSG_NOT_OPEN if vote.status == Vote.Status.DRAFT else MSG_CLOSED)
    try:
        values = {k: int(counts.get(k) or 0) for k in QUESTION_KEYS}
    except (TypeError, ValueError) as exc:
        raise ValidationError("Số phiếu phải là số nguyên.") from exc
    try:
        rules.check_counts(vote.base, values, present=present_for_count(vote))
    except rules.CountError as exc:
        raise ValidationError(str(exc)) from exc
    TallyCell.objects.filter(vote=vote).delete()
    total = sum(values.values())
    TallyCell.objects.bulk_create([TallyCell(vote=vote, key=k, count=n) for k, n in
                                   [*values.items(), ("ballots", total), ("valid", total)]])
    vote.result = {"accepted": True, "ballots": total}
    vote.save(update_fields=["result"])
    EntryLog.objects.create(vote=vote, user=user, action="counts", data=values)
    return vote


@transaction.atomic
def enter_paper_ballot(vote: Vote, operator, number: int, marks) -> PaperEntry:
    """One operator enters paper ballot ``number``; each operator enters every ballot independently.

    A ballot keeping too many names is entered as it is and counted invalid. Re-entering a number corrects
    the operator's own entry; every entry and correction is kept in the log.
    """
    vote = Vote.objects.select_for_update().get(pk=vote.pk)
    _editable(vote.conference)
    if vote.method != Vote.Method.PAPER:
        raise ValidationError("Nội dung này không bỏ phiếu giấy.")
    if vote.status != Vote.Status.OPEN:
        raise ValidationError(MSG_NOT_OPEN if vote.status == Vote.Status.DRAFT else MSG_CLOSED)
    if vote.result.get("accepted"):
        raise ValidationError("Kết quả kiểm phiếu đã được chấp nhận, không nhập thêm.")
    if not isinstance(number, int) or number < 1:
        raise ValidationError({"number": "Số thứ tự phiếu phải từ 1 trở lên."})
    if number > vote.base:
        raise ValidationError(f"Số thứ tự phiếu ({number}) vượt quá cơ sở tính ({vote.base}).")
    present = present_for_count(vote)
    if number > present:
        raise ValidationError(f"Số thứ tự phiếu ({number}) vượt quá số người được bỏ phiếu có mặt ({present}): "
                              f"số phiếu thu vào không thể nhiều hơn số người có mặt.")
    keys, _ = normalize_marks(vote, marks, paper=True)
    entry, created = PaperEntry.objects.update_or_create(vote=vote, operator=operator, number=number,
                                                         defaults={"marks": sorted(keys)})
    EntryLog.objects.create(vote=vote, user=operator, action="entry" if created else "correction", number=number,
                            data={"marks": sorted(keys)})
    return entry


def paper_comparison(vote: Vote) -> dict:
    """Do the operators agree? {operators, ballots, mismatches: [numbers], missing: {operator: [numbers]}}."""
    by_operator: dict = {}
    for e in PaperEntry.objects.filter(vote=vote):
        by_operator.setdefault(e.operator_id, {})[e.number] = e.marks
    numbers = set().union(*[set(d) for d in by_operator.values()]) if by_operator else set()
    mismatches, missing = [], {}
    for op, entries in by_operator.items():
        if lacking := sorted(numbers - set(entries)):
            missing[op] = lacking
    for n in sorted(numbers):
        seen = {tuple(d[n]) for d in by_operator.values() if n in d}
        if len(seen) > 1:
            mismatches.append(n)
    return {"operators": len(by_operator), "ballots": len(numbers), "mismatches": mismatches, "missing": missing,
            "required": paper_operators_required(),
            "agreed": len(by_operator) >= paper_operators_required() and not mismatches and not missing
            and bool(numbers)}


@transaction.atomic
def accept_paper_count(vote: Vote, user=None) -> Vote:
    """Accept the paper count once the operators agree on every ballot; the tally is built from it."""
    vote = Vote.objects.select_for_update().get(pk=vote.pk)
    _editable(vote.conference)
    if vote.method != Vote.Method.PAPER or vote.status != Vote.Status.OPEN:
        raise ValidationError("Chỉ chấp nhận kết quả nhập phiếu giấy của nội dung đang kiểm phiếu.")
    check = paper_comparison(vote)
    if check["operators"] < check["required"]:
        raise ValidationError(f"Cần {check['required']} người nhập phiếu độc lập; mới có {check['operators']}.")
    if check["missing"]:
        raise ValidationError("Các người nhập chưa nhập đủ cùng một bộ phiếu.")
    if check["mismatches"]:
        shown = ", ".join(str(n) for n in check["mismatches"][:20])
        raise ValidationError(f"Nội dung nhập không khớp ở phiếu số: {shown}. Vui lòng đối chiếu phiếu gốc.")
    operator = PaperEntry.objects.filter(vote=vote).values_list("operator_id", flat=True).first()
    counts = {k: 0 for k in vote.choices_snapshot}
    ballots = valid = 0
    for entry in PaperEntry.objects.filter(vote=vote, operator_id=operator):
        ballots += 1
        keys, ok = normalize_marks(vote, entry.marks, paper=True)
        if ok:
            valid += 1
            for k in keys:
                counts[k] += 1
    present = present_for_count(vote)
    if ballots > present:
        raise ValidationError(f"Số phiếu thu vào ({ballots}) vượt quá số người được bỏ phiếu có mặt ({present}).")
    TallyCell.objects.filter(vote=vote).delete()
    TallyCell.objects.bulk_create([TallyCell(vote=vote, key=k, count=n) for k, n in
                                   [*counts.items(), ("ballots", ballots), ("valid", valid)]])
    vote.result = {"accepted": True, "ballots": ballots}
    vote.save(update_fields=["result"])
    EntryLog.objects.create(vote=vote, user=user, action="accepted", data={"ballots": ballots, "valid": valid})
    return vote
