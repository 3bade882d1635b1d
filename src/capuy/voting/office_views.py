"""Pages for the office's voting jobs added by issue 17: confidence votes, list corrections, cancellation.

Views only translate; the rules are in ``capuy.voting.actions``.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from capuy.conferences.models import Conference, Invitation
from capuy.core import inputs
from capuy.voting import access, actions
from capuy.voting.models import Candidate, Election, Vote


def _errors(exc: ValidationError) -> list[str]:
    if hasattr(exc, "error_dict"):
        return [m for msgs in exc.message_dict.values() for m in msgs]
    return exc.messages


@login_required
@require_http_methods(["GET", "POST"])
def confidence_create(request, conference_id):
    conference = get_object_or_404(Conference.objects.select_related("organization", "body"), pk=conference_id)
    access.require_manage(request.user, conference)
    invitees = [i.person for i in conference.invitations.filter(role=Invitation.Role.MEMBER)
                .select_related("person").order_by("person__sort_key")]
    form = {"agenda_item": "", "subject": "Lấy phiếu tín nhiệm đối với người giữ chức vụ do "
            f"{conference.body} bầu", "method": Vote.Method.SECRET, "chosen": set(), "positions": {}}
    errors = []
    if request.method == "POST":
        chosen = request.POST.getlist("nguoi")
        form = {"agenda_item": request.POST.get("agenda_item", ""), "subject": request.POST.get("subject", ""),
                "method": request.POST.get("method", ""), "chosen": set(chosen),
                "positions": {k[len("chuc-vu-"):]: v for k, v in request.POST.items() if k.startswith("chuc-vu-")}}
        try:
            subjects = []
            for value in chosen:
                pk = inputs.query_id(value)
                if pk is None:
                    raise ValidationError({"subjects": f"Mã nhân sự không hợp lệ: {value}."})
                subjects.append((pk, form["positions"].get(value, "")))
            vote = actions.create_confidence_vote(request.user, conference, inputs.query_id(form["agenda_item"]),
                                                  form["subject"], form["method"], subjects)
        except ValidationError as exc:
            errors = _errors(exc)
        else:
            messages.success(request, f"Đã tạo cuộc lấy phiếu tín nhiệm đối với {vote.subjects.count()} đồng chí.")
            return redirect(vote.get_absolute_url())
    rows = [{"person": p, "chosen": str(p.pk) in form["chosen"], "position": form["positions"].get(str(p.pk), "")}
            for p in invitees]
    return render(request, "voting/confidence_create.html", {
        "conference": conference, "items": conference.agenda_items.all(), "rows": rows, "form": form,
        "errors": errors, "methods": [(m, Vote.Method(m).label) for m in Vote.SECRET_METHODS],
    }, status=400 if errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def candidate_remove(request, pk):
    candidate = get_object_or_404(Candidate.objects.select_related("election__conference__organization", "person"),
                                  pk=pk)
    conference = candidate.election.conference
    access.require_manage(request.user, conference)
    reason, errors = "", []
    if request.method == "POST":
        reason = request.POST.get("reason", "")
        try:
            actions.remove_candidate(request.user, candidate, reason)
        except ValidationError as exc:
            errors = _errors(exc)
        else:
            messages.success(request, f"Đã rút đồng chí {candidate.person.full_name} khỏi danh sách bầu cử; "
                                      "việc rút tên được lưu trong hồ sơ.")
            return redirect("voting:conference", conference.pk)
    return render(request, "voting/correction.html", {
        "conference": conference, "title": "Rút tên khỏi danh sách bầu cử",
        "question": f"Rút đồng chí {candidate.person.full_name} khỏi danh sách “{candidate.election.title}”?",
        "button": "Rút khỏi danh sách", "reason": reason, "errors": errors,
    }, status=400 if errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def election_cancel(request, pk):
    election = get_object_or_404(Election.objects.select_related("conference__organization"), pk=pk)
    conference = election.conference
    access.require_manage(request.user, conference)
    reason, errors = "", []
    if request.method == "POST":
        reason = request.POST.get("reason", "")
        try:
            actions.cancel_election(request.user, election, reason)
        except ValidationError as exc:
            errors = _errors(exc)
        else:
            messages.success(request, f"Đã hủy cuộc bầu cử “{election.title}”; hồ sơ được giữ lại cùng lý do.")
            return redirect("voting:conference", conference.pk)
    return render(request, "voting/correction.html", {
        "conference": conference, "title": "Hủy cuộc bầu cử",
        "question": f"Hủy cuộc bầu cử “{election.title}”? Cuộc bầu cử và các vòng đã có vẫn được lưu trong hồ sơ.",
        "button": "Hủy cuộc bầu cử", "reason": reason, "errors": errors,
    }, status=400 if errors else 200)
