"""Pages: the votes of a conference, the presiding screen, the voter's ballot, results (CSV, print), live events."""

import time

from asgiref.sync import sync_to_async
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.handlers.asgi import ASGIRequest
from django.db.models import Exists, OuterRef
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from capuy.conferences import live
from capuy.conferences.models import AgendaItem, Conference
from capuy.core import confirm, inputs, references
from capuy.core.history import history_answer
from capuy.organizations.models import Person
from capuy.voting import access, actions, ballots, confirmations, results
from capuy.voting.actions import named_ballots
from capuy.voting.base import attending_now, may_cast
from capuy.voting.models import Candidate, Election, KeyShare, Vote, VoterRegister
from capuy.voting.rules import Confidence


def _error_text(exc: ValidationError) -> str:
    return " ".join(exc.messages)


def _vote(request, pk) -> Vote:
    vote = get_object_or_404(Vote.objects.select_related("conference__organization", "conference__body__term",
                                                         "agenda_item", "election"), pk=pk)
    access.require_read(request.user, vote.conference)
    return vote


def _context(request, vote: Vote) -> dict:
    person_id = request.user.person_id
    voted = ballots.voted_count(vote)
    return {
        "vote": vote, "conference": vote.conference, "manage": access.can_manage(request.user, vote.conference),
        "voted": voted,
        # None: holds no seat of the base; False: holds one but is not present now; True: may cast.
        "eligible_me": may_cast(vote.pk, vote.conference_id, person_id) if person_id else None,
        "voted_me": bool(person_id) and VoterRegister.objects.filter(vote=vote, person_id=person_id).exists(),
        "summary": results.summary_rows(vote) if vote.is_counted and vote.kind == Vote.Kind.QUESTION else [],
        "candidates": results.candidate_rows(vote) if vote.is_counted else [],
        "subjects": vote.result.get("subjects", []) if vote.is_counted else [],
        "share": results.share(vote.result.get("for", 0), vote.base) if vote.is_counted else "",
        "tellers_needed": ballots.tellers_needed(vote),
        # The signed-in teller still has to enter their code for this vote.
        "my_share_pending": vote.awaiting_tellers and bool(person_id) and KeyShare.objects.filter(
            vote=vote, teller__person_id=person_id, partial=b"").exists(),
        "percent_voted": results.share(voted, vote.eligible_count or 1),
    }


@login_required
def conference_votes(request, conference_id):
    conference = get_object_or_404(Conference.objects.select_related("organization", "body__term"), pk=conference_id)
    access.require_read(request.user, conference)
    manage = access.can_manage(request.user, conference)
    if request.method == "POST":
        if not manage:
            raise PermissionDenied(access.MANAGE_MESSAGE)
        if request.POST.get("what") == "teller":
            person = get_object_or_404(Person, pk=request.POST.get("person") or 0,
                                       conference_invitations__conference=conference)
            try:
                actions.appoint_teller(request.user, conference, person)
                messages.success(request, f"Đã thêm đồng chí {person.full_name} vào Ban kiểm phiếu.")
            except ValidationError as exc:
                messages.error(request, _error_text(exc))
            return redirect("voting:conference", conference.pk)
        item = get_object_or_404(AgendaItem, pk=request.POST.get("agenda_item"), conference=conference)
        try:
            if request.POST.get("what") == "election":
                election = actions.create_election(request.user, item, request.POST.get("subject", ""),
                                                   int(request.POST.get("seats") or 0),
                                                   request.POST.get("position") or Election.Position.COMMITTEE,
                                                   request.POST.get("base_kind", ""))
                messages.success(request, f"Đã tạo cuộc bầu cử: {election.title}.")
            else:
                vote = actions.create_vote(request.user, item, request.POST.get("subject", ""),
                                           request.POST.get("method", ""), base_kind=request.POST.get("base_kind", ""))
                return redirect(vote.get_absolute_url())
        except (ValidationError, ValueError) as exc:
            messages.error(request, _error_text(exc) if isinstance(exc, ValidationError) else "Số lượng không hợp lệ.")
        return redirect("voting:conference", conference.pk)
    elections = list(conference.elections.prefetch_related("candidates__person", "rounds"))
    if manage:
        for election in elections:
            election.person_picker = _invitee_picker(conference, f"ung-cu-vien-{election.pk}")
    return render(request, "voting/conference.html", {
        "conference": conference, "manage": manage, "votes": conference.votes.select_related("agenda_item"),
        "elections": elections, "teller_picker": _invitee_picker(conference, "thanh-vien-bkp") if manage else "",
        "items": conference.agenda_items.all(), "methods": Vote.Method.choices,
        "tellers": conference.tellers.select_related("person"),
        "me_teller": bool(request.user.person_id) and conference.tellers.filter(person_id=request.user.person_id).exists(),
        "positions": Election.Position.choices,
    })


def _invitee_picker(conference, element_id):
    """A search box over the conference's invitees (a congress has hundreds), posting ``person``."""
    from capuy.organizations.choosers import choose_people, search_box

    return search_box(choose_people, Person.objects.filter(conference_invitations__conference=conference), "person",
                      None, element_id, hoi_nghi=conference.pk)


@login_required
@require_POST
def election_action(request, pk):
    election = get_object_or_404(Election.objects.select_related("conference__organization"), pk=pk)
    access.require_manage(request.user, election.conference)
    try:
        if request.POST.get("action") == "candidate":
            person = references.readable(request.user, Person, inputs.query_id(request.POST.get("person")), "person",
                                         within=access.nameable_people(request.user, election.conference))
            if person is None:
                raise ValidationError("Vui lòng chọn người ứng cử.")
            source = request.POST.get("source") or Candidate.Source.PREPARED
            agreeing = request.POST.get("agreeing")
            number = inputs.query_int(agreeing, 0) if agreeing else None
            if agreeing and number is None:
                raise ValueError(agreeing)
            actions.add_candidate(request.user, election, person, source, number)
        elif request.POST.get("action") == "round":
            vote = actions.start_round(request.user, election, request.POST.get("method") or Vote.Method.SECRET)
            return redirect(vote.get_absolute_url())
    except ValidationError as exc:
        messages.error(request, _error_text(exc))
    except ValueError:
        messages.error(request, "Số đại biểu đồng ý phải là số nguyên.")
    return redirect("voting:conference", election.conference_id)


@login_required
def detail(request, pk):
    """The presiding screen: progress while open, result when closed; the office runs the vote from here."""
    vote = _vote(request, pk)
    if answer := history_answer(request, vote):
        return answer
    context = _context(request, vote)
    if context["manage"] and vote.method == Vote.Method.PAPER:
        context["paper"] = ballots.paper_comparison(vote)
    context["choices"] = _choices(vote)
    context["named_ballots"] = named_ballots(vote)
    return render(request, "voting/detail.html", context)


@login_required
def panel(request, pk):
    """The live part of the presiding screen and the phones (reloaded on every live event)."""
    vote = _vote(request, pk)
    return render(request, "voting/_panel.html", _context(request, vote))


@login_required
@require_POST
def action(request, pk):
    vote = _vote(request, pk)
    access.require_manage(request.user, vote.conference)
    what = request.POST.get("action")
    if what == "close" and not confirm.confirmed(request):
        return confirmations.ask_close(request, vote)
    try:
        if what == "open":
            actions.open_vote(request.user, vote)
        elif what == "close":
            actions.close_vote(request.user, vote)
            messages.success(request, "Đã kết thúc biểu quyết.")
        elif what == "counts":
            actions.enter_counts(request.user, vote, {k: request.POST.get(k) for k in ("for", "against", "abstain")})
            messages.success(request, "Đã ghi số phiếu của Ban kiểm phiếu.")
        elif what == "paper":
            try:
                number = int(request.POST.get("number") or 0)
            except ValueError as exc:
                raise ValidationError("Số thứ tự phiếu phải là số nguyên.") from exc
            actions.enter_paper_ballot(request.user, vote, number, request.POST.getlist("marks"))
            messages.success(request, f"Đã nhập phiếu số {number}.")
        elif what == "accept":
            actions.accept_paper_count(request.user, vote)
            messages.success(request, "Kết quả nhập phiếu đã thống nhất và được chấp nhận.")
        else:
            raise ValidationError("Thao tác không hợp lệ.")
    except ValidationError as exc:
        messages.error(request, _error_text(exc))
    return redirect(vote.get_absolute_url())


@login_required
@sensitive_post_parameters("code")
@require_POST
def teller_share(request, pk):
    """A member of the counting board enters their teller code to decrypt the totals of a closed vote."""
    vote = _vote(request, pk)
    try:
        actions.submit_share(request.user, vote, request.POST.get("code", ""))
        messages.success(request, "Đã nhận phần khóa của đồng chí.")
    except ValidationError as exc:
        messages.error(request, _error_text(exc))
    return redirect(vote.get_absolute_url())


@login_required
@never_cache
@require_POST
def teller_code(request, conference_id):
    """The signed-in member of the counting board creates their teller code: shown on this page once."""
    conference = get_object_or_404(Conference.objects.select_related("organization"), pk=conference_id)
    access.require_read(request.user, conference)
    try:
        code = actions.create_teller_code(request.user, conference, lost=request.POST.get("lost") == "1")
    except ValidationError as exc:
        messages.error(request, _error_text(exc))
        return redirect("voting:conference", conference.pk)
    return render(request, "voting/teller_code.html", {"conference": conference, "code": code})


def _choices(vote: Vote) -> list[dict]:
    """What the ballot form offers: [{"key", "label"}] or, for confidence, per person the three levels."""
    if vote.kind == Vote.Kind.ELECTION:
        return [{"key": f"c:{c.pk}", "label": c.person.full_name}
                for c in vote.candidates.select_related("person").order_by("order", "pk")]
    if vote.kind == Vote.Kind.CONFIDENCE:
        return [{"label": f"{s.person.full_name}{', ' + s.position if s.position else ''}",
                 "levels": [{"key": f"s:{s.pk}:{k}", "label": label} for k, label in Confidence.choices],
                 "name": f"s{s.pk}"} for s in vote.subjects.select_related("person")]
    return [{"key": k, "label": label} for k, label in ballots.QUESTION_CHOICES]


@login_required
def ballot(request, pk):
    """The voter's ballot, for phone and desktop: one ballot, only while open, a receipt, no changes."""
    vote = _vote(request, pk)
    receipt = None
    if request.method == "POST":
        if request.user.person_id is None:
            messages.error(request, "Tài khoản chưa gắn với nhân sự nên không thể biểu quyết.")
        else:
            if vote.kind == Vote.Kind.QUESTION:
                marks = request.POST.get("choice")
            elif vote.kind == Vote.Kind.ELECTION:
                marks = request.POST.getlist("keep")
            else:
                marks = [v for k, v in request.POST.items() if k.startswith("s")]
            try:
                receipt = ballots.cast(vote.pk, request.user.person_id, marks)
            except ValidationError as exc:
                messages.error(request, _error_text(exc))
    context = _context(request, vote)
    context.update({"choices": _choices(vote), "receipt": receipt})
    return render(request, "voting/ballot.html", context, status=201 if receipt else 200)


@login_required
def result_csv(request, pk):
    vote = _vote(request, pk)
    if not vote.is_counted:
        raise Http404("Biểu quyết chưa có kết quả.")
    response = HttpResponse("\ufeff" + results.to_csv(vote), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="ket-qua-bieu-quyet-{vote.pk}.csv"'
    return response


@login_required
def printable(request, pk):
    vote = _vote(request, pk)
    if not vote.is_counted:
        raise Http404("Biểu quyết chưa có kết quả.")
    context = _context(request, vote)
    context["minutes"] = results.minutes_text(vote)
    return render(request, "voting/print.html", context)


@login_required
def mine(request):
    """Open votes the signed-in member may cast a ballot in (holds a seat of the base and is present now)."""
    votes = []
    if request.user.person_id:
        votes = Vote.objects.filter(status=Vote.Status.OPEN, eligible__person_id=request.user.person_id).filter(
            Exists(attending_now(OuterRef("conference_id"), request.user.person_id))
        ).select_related("conference__body__term", "conference__body__organization")
    return render(request, "voting/mine.html", {"votes": votes})


WSGI_STREAM_SECONDS = 60  # over WSGI (tests, development) a stream ends after this; EventSource reconnects


def _frame(message, vote_pk: int) -> str | None:
    """The SSE text for a live message of the vote's conference, or None when it is not for this page."""
    if message is None:
        return live.sse(None)  # a comment line keeps proxies from closing an idle stream
    if message["event"] == "vote" and message["data"].get("vote") == vote_pk:
        return live.sse(message)
    if message["event"] == "hello":  # the channel came back after a fault: fetch the state again
        return live.sse({"event": "vote", "data": {"vote": vote_pk, "resync": True}})
    return None


async def events(request, pk):
    """Server-Sent Events for one vote, through the conferences live module (``vote`` events only): async on
    the ASGI server; over WSGI a thread's stream that ends after ``WSGI_STREAM_SECONDS`` (WSGI would otherwise
    hold a thread for ever, and the test server could never stop)."""
    user = await request.auser()
    if not user.is_authenticated:
        raise Http404
    vote = await sync_to_async(_vote_for_events)(user, pk)
    if live.is_authorize_request(request):
        return HttpResponse(status=200)  # nginx holds the stream (live.nginx_publisher): the page may follow

    async def stream():
        yield "retry: 3000\n\n"
        yield live.sse(None)
        # Ends when the browser leaves (Django cancels it) or the server shuts down (live.stop_streams).
        async for message in live.subscribe(vote.conference_id, timeout=15):
            if (frame := _frame(message, vote.pk)) is not None:
                yield frame

    def bounded_stream():
        yield "retry: 3000\n\n"
        yield live.sse(None)
        deadline = time.monotonic() + WSGI_STREAM_SECONDS
        for message in live.subscribe_sync(vote.conference_id, timeout=5):
            if (frame := _frame(message, vote.pk)) is not None:
                yield frame
            if time.monotonic() > deadline:
                return

    content = stream() if isinstance(request, ASGIRequest) else bounded_stream()
    response = StreamingHttpResponse(content, content_type="text/event-stream")
    response["Cache-Control"] = "no-cache"
    response["X-Accel-Buffering"] = "no"
    return response


def _vote_for_events(user, pk) -> Vote:
    vote = Vote.objects.select_related("conference__organization").filter(pk=pk).first()
    if vote is None or not access.can_read(user, vote.conference):
        raise Http404("Không tìm thấy nội dung biểu quyết.")
    return vote
