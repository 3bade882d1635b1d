"""Pages of the guest link (``capuy.conferences.guest``): no login; the signed link is the only key."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from capuy.conferences import actions, forms, guest
from capuy.conferences.models import AgendaAttachment
from capuy.core.files import download


def _closed(request, error: PermissionDenied):
    return render(request, "conferences/guest_closed.html", {"message": str(error)}, status=403)


def guest_invitation(request, signed):
    """The invitation as its invitee sees it: programme, documents, answer, check-in on the meeting day."""
    try:
        invitation = guest.invitation_for(signed)
    except PermissionDenied as error:
        return _closed(request, error)
    conference = invitation.conference
    return render(request, "conferences/guest_invitation.html", {
        "conference": conference, "invitation": invitation, "signed": signed,
        "answer_form": forms.AnswerForm(initial={"answer": invitation.answer, "reason": invitation.reason}),
        "items": conference.agenda_items.prefetch_related("attachments"),
        "attendance": getattr(invitation, "attendance", None),
        "today": timezone.localdate(),
    })


def _run(request, signed, call, success: str):
    try:
        call()
    except PermissionDenied as error:
        return _closed(request, error)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, success)
    return redirect("conferences:guest_invitation", signed)


@require_POST
def guest_answer(request, signed):
    form = forms.AnswerForm(request.POST)
    if not form.is_valid():
        guest.invitation_for(signed)  # a forged link learns nothing about the form
        messages.error(request, "Vui lòng chọn tham dự hoặc vắng mặt.")
        return redirect("conferences:guest_invitation", signed)
    return _run(request, signed, lambda: actions.answer_as_guest(
        request.user, signed, form.cleaned_data["answer"], form.cleaned_data["reason"]), "Đã ghi nhận trả lời. Xin cảm ơn.")


@require_POST
def guest_check_in(request, signed):
    return _run(request, signed, lambda: actions.check_in_as_guest(request.user, signed),
                "Đã điểm danh. Chào mừng đồng chí dự hội nghị.")


def guest_attachment(request, signed, attachment):
    """A document attached to the programme of this invitation's conference, and nothing else."""
    try:
        invitation = guest.invitation_for(signed)
    except PermissionDenied as error:
        return _closed(request, error)
    item = get_object_or_404(AgendaAttachment, pk=attachment, item__conference_id=invitation.conference_id)
    return download(item.file)
