"""Pages of the conferences app: thin views over the model methods in ``models.py``.

Permissions (``capuy.accounts.permissions``): a conference is read by those who may read its organization
and by its invitees (404 for anyone else); only the organization's office staff prepare and run it (403).
"""

import time

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.handlers.asgi import ASGIRequest
from django.core.paginator import Paginator
from django.db import connection, transaction
from django.db.models import Prefetch, Q
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from capuy.accounts import permissions
from capuy.conferences import access as access_rules
from capuy.conferences import actions, confirmations, forms, listings, live, panels
from capuy.conferences.models import (
    AgendaAttachment,
    AgendaItem,
    Attendance,
    Conference,
    Draft,
    DraftComment,
    Invitation,
    SpeakerRequest,
    Speech,
    SpeechKind,
)
from capuy.conferences.roll import counts_recorded, quorum
from capuy.core import confirm, inputs, paging
from capuy.core.files import download
from capuy.core.history import history_answer
from capuy.organizations.models import Title

HEARTBEAT_SECONDS = 20  # a comment line keeps proxies from closing an idle stream
WSGI_STREAM_SECONDS = 60  # over WSGI a stream ends after this; EventSource reconnects by itself


# -- access --------------------------------------------------------------------------------------------------


Access = access_rules.Access


def conference_or_404(request, pk, manage=False) -> tuple[Conference, Access]:
    return access_rules.conference_or_404(request.user, pk, manage)


def _act(request, conference, action, success: str, to: str | None = None):
    """Run a model action; a ValidationError becomes a Vietnamese message and nothing is changed."""
    try:
        with transaction.atomic():
            action()
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        if success:
            messages.success(request, success)
    return redirect(to or request.POST.get("next") or conference.get_absolute_url())


def _form_error(form) -> str:
    errors = [e for errs in form.errors.values() for e in errs]
    return " ".join(errors) or "Dữ liệu không hợp lệ."


def _page(request, template, context, status=200):
    return render(request, f"conferences/{template}", context, status=status)


def _safe_next(request, default):
    nxt = request.POST.get("next") or request.GET.get("next") or ""
    return nxt if nxt.startswith("/") and not nxt.startswith("//") else default


# -- lists ---------------------------------------------------------------------------------------------------


@login_required
def index(request):
    listing = listings.ConferenceList(request.user, request.GET)
    if request.GET.get("xuat"):
        return paging.export_response(request, listing)
    managed = permissions.organization_filter(request.user, permissions.MANAGE_ROLES)
    can_create = managed is None or managed != Q(pk__in=[])
    return _page(request, "index.html", {"listing": listing, "page": listing.page(),
                                         "statuses": Conference.Status.choices,
                                         "status": listing.value("trang-thai", ""), "can_create": can_create,
                                         "preparing": listing.value("chuan-bi", False)})


@login_required
def mine(request):
    """Hội nghị của tôi: every conference the user's person is invited to."""
    invitations = []
    if request.user.person_id:
        invitations = (Invitation.objects.filter(person_id=request.user.person_id)
                       .select_related("conference__body__organization", "conference__term", "attendance")
                       .order_by("-conference__date"))
    return _page(request, "mine.html", {"invitations": invitations, "today": timezone.localdate()})


# -- preparation -------------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def create(request):
    form = forms.ConferenceForm(request.POST or None, user=request.user)
    if not form.fields["body"].queryset.exists():
        raise PermissionDenied(actions.PREPARE_REFUSED)
    if request.method == "POST" and form.is_valid():
        try:
            conference = actions.create_conference(request.user, form.save(commit=False))
        except ValidationError as exc:
            form.add_error(None, exc.messages)
        else:
            messages.success(request, f"Đã tạo {conference.short_title}.")
            return redirect("conferences:prepare", conference.pk)
    return _page(request, "form.html", {"form": form, "title": "Chuẩn bị hội nghị mới",
                                        "back": reverse("conferences:index"),
                                        "alternative": {"url": reverse("conferences:record_past"),
                                                        "label": "Hội nghị đã diễn ra? Ghi lại theo tư liệu"}},
                 status=400 if request.method == "POST" else 200)


@login_required
@require_http_methods(["GET", "POST"])
def record_past(request):
    """Ghi lại hội nghị đã diễn ra: the form translated into ``actions.record_past_conference``."""
    form = forms.PastConferenceForm(request.POST or None, user=request.user)
    if not form.fields["organization"].queryset.exists():
        raise PermissionDenied(actions.RECORD_REFUSED)
    if request.method == "POST" and form.is_valid():
        try:
            organization, facts = form.facts()
            conference = actions.record_past_conference(request.user, organization, **facts)
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, f"Đã ghi lại {conference.title}.")
            return redirect(conference)
    return _page(request, "form.html", {"form": form, "title": "Ghi lại hội nghị đã diễn ra",
                                        "back": reverse("conferences:index")},
                 status=400 if request.method == "POST" else 200)


def _edit_past(request, conference):
    """The header facts of a past record, corrected through ``actions.correct_past_conference``."""
    form = forms.PastHeaderForm(request.POST or None, user=request.user, conference=conference)
    if request.method == "POST" and form.is_valid():
        try:
            actions.correct_past_conference(request.user, conference, **form.facts())
        except ValidationError as error:
            conference.refresh_from_db()
            _form_errors(form, error)
        else:
            messages.success(request, "Đã lưu hồ sơ hội nghị.")
            return redirect(conference)
    return _page(request, "form.html", {"form": form, "title": f"Sửa {conference.short_title}",
                                        "back": conference.get_absolute_url(),
                                        "alternative": {"url": reverse("conferences:past_people", args=[conference.pk]),
                                                        "label": "Sửa người chủ trì, người dự"}},
                 status=400 if request.method == "POST" else 200)


@login_required
@require_http_methods(["GET", "POST"])
def past_people(request, pk):
    """Who chaired and who attended a past record, corrected through ``actions.correct_past_people``."""
    conference, _ = conference_or_404(request, pk, manage=True)
    if request.method == "GET" and not conference.is_past:
        messages.error(request, actions.PAST_ONLY)
        return redirect(conference)
    form = forms.PastPeopleForm(request.POST or None, user=request.user, conference=conference)
    if request.method == "POST" and form.is_valid():
        try:
            actions.correct_past_people(request.user, conference, **form.facts())
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, "Đã lưu người chủ trì, người dự.")
            return redirect(conference)
    return _page(request, "form.html", {"form": form, "title": f"Người chủ trì, người dự – {conference.short_title}",
                                        "back": conference.get_absolute_url()},
                 status=400 if request.method == "POST" else 200)


def _form_errors(form, error):
    """Put an action's ValidationError on the form: on its field when the form has it, else on the form."""
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


@login_required
@require_http_methods(["GET", "POST"])
def edit(request, pk):
    conference, _ = conference_or_404(request, pk, manage=True)
    if conference.is_past:
        return _edit_past(request, conference)
    if conference.is_closed:
        messages.error(request, "Hội nghị đã bế mạc, không thể thay đổi hồ sơ.")
        return redirect(conference)
    form = forms.ConferenceForm(request.POST or None, instance=conference, user=request.user)
    chairs = forms.ChairsForm(request.POST or None, conference=conference,
                              initial={"chairs": list(conference.chairs.all())})
    if request.method == "POST" and form.is_valid() and chairs.is_valid():
        try:
            actions.update_conference(request.user, form.instance, chairs=chairs.cleaned_data["chairs"])
        except ValidationError as exc:
            form.add_error(None, exc.messages)
        else:
            messages.success(request, "Đã lưu thông tin hội nghị.")
            return redirect("conferences:prepare", conference.pk)
    return _page(request, "form.html", {"form": form, "extra_form": chairs, "title": f"Sửa {conference.short_title}",
                                        "back": conference.get_absolute_url()},
                 status=400 if request.method == "POST" else 200)


@login_required
def prepare(request, pk):
    """The office's preparation page: agenda, invitations, drafts."""
    conference, access = conference_or_404(request, pk, manage=True)
    return _prepare_page(request, conference, access)


def _prepare_page(request, conference, access, item_form=None, guest_form=None):
    """The preparation page; a form sent back with its errors is shown as typed, the errors at its fields (400)."""
    invitations = list(conference.invitations.select_related("person", "person__user", "attendance"))
    from capuy.conferences import delivery

    # What became of each e-mail, as the mail queue recorded it (issue 17: not "sent" for everyone).
    delivery_counts = delivery.count_rows(delivery.annotate(invitations))
    items = list(conference.agenda_items.select_related("presenter").prefetch_related("attachments"))
    for item in items:  # one attachment form per item, each with ids of its own
        item.attachment_form = forms.AttachmentForm(auto_id=f"tai-lieu-{item.pk}-%s")
    return _page(request, "prepare.html", {
        "conference": conference, "access": access, "items": items, "invitations": invitations,
        "item_form": item_form or forms.AgendaItemForm(conference=conference,
                                                       initial={"order": conference.agenda_items.count() + 1}),
        "guest_form": guest_form or forms.GuestForm(user=request.user, conference=conference),
        "drafts": conference.drafts.all(), "delivery_counts": delivery_counts,
    }, status=400 if item_form or guest_form else 200)


@login_required
@require_POST
def agenda_add(request, pk):
    conference, access = conference_or_404(request, pk, manage=True)
    form = forms.AgendaItemForm(request.POST, conference=conference)
    back = reverse("conferences:prepare", args=[pk])
    if not form.is_valid():
        return _prepare_page(request, conference, access, item_form=form)

    return _act(request, conference, lambda: actions.add_agenda_item(request.user, conference, form.save(commit=False)),
                "Đã thêm nội dung vào chương trình.", back)


@login_required
@require_http_methods(["GET", "POST"])
def agenda_edit(request, pk, item):
    conference, _ = conference_or_404(request, pk, manage=True)
    item = get_object_or_404(AgendaItem, pk=item, conference=conference)
    form = forms.AgendaItemForm(request.POST or None, instance=item, conference=conference)
    back = reverse("conferences:prepare", args=[pk])
    if request.method == "POST" and form.is_valid():
        return _act(request, conference, lambda: actions.update_agenda_item(request.user, conference,
                                                                            form.save(commit=False)),
                    "Đã lưu nội dung chương trình.", back)
    return _page(request, "form.html", {"form": form, "title": f"Sửa nội dung: {item.title}", "back": back},
                 status=400 if request.method == "POST" else 200)


@login_required
@require_POST
def agenda_delete(request, pk, item):
    conference, _ = conference_or_404(request, pk, manage=True)
    item = get_object_or_404(AgendaItem, pk=item, conference=conference)
    return _act(request, conference, lambda: actions.delete_agenda_item(request.user, conference, item),
                "Đã xóa nội dung khỏi chương trình.",
                reverse("conferences:prepare", args=[pk]))


@login_required
@require_POST
def attachment_add(request, pk, item):
    conference, _ = conference_or_404(request, pk, manage=True)
    item = get_object_or_404(AgendaItem, pk=item, conference=conference)
    form = forms.AttachmentForm(request.POST, request.FILES)
    back = reverse("conferences:prepare", args=[pk])
    if not form.is_valid():
        messages.error(request, _form_error(form))
        return redirect(back)
    return _act(request, conference, lambda: actions.add_attachment(request.user, conference, item,
                                                                    form.save(commit=False)),
                "Đã đính kèm tài liệu.", back)


@login_required
@require_POST
def invite_members(request, pk):
    conference, _ = conference_or_404(request, pk, manage=True)
    result = {}

    def invite():
        result["n"] = actions.invite_members(request.user, conference)
    response = _act(request, conference, invite, "", reverse("conferences:prepare", args=[pk]))
    if "n" in result:
        messages.success(request, f"Đã mời {result['n']} thành viên {conference.body_kind_display}.")
    return response


@login_required
@require_POST
def invite_guest(request, pk):
    conference, access = conference_or_404(request, pk, manage=True)
    form = forms.GuestForm(request.POST, user=request.user, conference=conference)
    back = reverse("conferences:prepare", args=[pk])
    if not form.is_valid():
        return _prepare_page(request, conference, access, guest_form=form)

    d = form.cleaned_data
    return _act(request, conference, lambda: actions.invite_guest(
        request.user, conference, d["person"], d["title"], d["full_name"] or "", d["email"] or ""),
        "Đã thêm khách mời.", back)


@login_required
@require_POST
def invitation_delete(request, pk, invitation):
    conference, _ = conference_or_404(request, pk, manage=True)
    invitation = get_object_or_404(Invitation, pk=invitation, conference=conference)
    return _act(request, conference, lambda: actions.delete_invitation(request.user, conference, invitation),
                "Đã xóa khỏi danh sách mời.", reverse("conferences:prepare", args=[pk]))


@login_required
@require_POST
def send_invitations(request, pk):
    conference, _ = conference_or_404(request, pk, manage=True)
    result = {}

    def send():
        result["n"] = actions.send_invitations(request.user, conference, request.build_absolute_uri("/").rstrip("/"))
    response = _act(request, conference, send, "", reverse("conferences:prepare", args=[pk]))
    if "n" in result:
        messages.success(request, f"Đã phát hành giấy mời; {result['n']} thư điện tử được đưa vào hàng gửi. Tình trạng gửi của từng người ở bảng dưới.")
    return response


# -- invitees ------------------------------------------------------------------------------------------------


@login_required
def invitation(request, pk):
    """The invitee's own invitation: answer, documents, QR code for check-in."""
    conference, access = conference_or_404(request, pk)
    return _invitation_page(request, conference, access)


def _invitation_page(request, conference, access, answer_form=None):
    """The invitation; an answer sent back with its errors is shown as chosen, the errors beside it (400)."""
    if not access.invited:
        raise Http404("Bạn không có giấy mời dự hội nghị này.")
    return _page(request, "invitation.html", {
        "conference": conference, "invitation": access.invitation, "access": access,
        "answer_form": answer_form or forms.AnswerForm(initial={"answer": access.invitation.answer,
                                                                "reason": access.invitation.reason}),
        "items": conference.agenda_items.prefetch_related("attachments"),
        "drafts": conference.drafts.all(),
        "speak_form": forms.SpeakForm(conference=conference),
        "check_in_url": request.build_absolute_uri(access.invitation.check_in_url()),
        "today": timezone.localdate(),
    }, status=400 if answer_form is not None else 200)


@login_required
def invitation_qr(request, pk):
    conference, access = conference_or_404(request, pk)
    invitation = access.invitation
    if request.GET.get("giay-moi") and access.manage:
        invitation = get_object_or_404(Invitation, pk=inputs.query_id(request.GET["giay-moi"]), conference=conference)
    if invitation is None:
        raise Http404("Không có giấy mời.")
    import io

    import segno

    buffer = io.BytesIO()
    segno.make(request.build_absolute_uri(invitation.check_in_url()), error="m").save(
        buffer, kind="svg", scale=4, border=2, title="Mã QR điểm danh")
    return HttpResponse(buffer.getvalue(), content_type="image/svg+xml")


@login_required
@require_POST
def answer(request, pk):
    conference, access = conference_or_404(request, pk)
    form = forms.AnswerForm(request.POST)
    own_page = reverse("conferences:invitation", args=[pk])
    back = _safe_next(request, own_page)  # "Trang của tôi" answers too
    if form.is_valid():
        try:
            with transaction.atomic():
                actions.answer_invitation(request.user, conference, form.cleaned_data["answer"],
                                          form.cleaned_data["reason"])
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, "Đã ghi nhận trả lời của đồng chí.")
            return redirect(back)
    if back != own_page:  # answered from another page: the message there
        messages.error(request, _form_error(form))
        return redirect(back)
    return _invitation_page(request, conference, access, answer_form=form)


@login_required
@require_POST
def self_check_in(request, pk):
    conference, _ = conference_or_404(request, pk)

    def check_in():
        actions.record_attendance(request.user, conference, None, "check_in", self_service=True)
    return _act(request, conference, check_in, "Đã điểm danh. Chào mừng đồng chí dự hội nghị.",
                _safe_next(request, reverse("conferences:follow", args=[pk])))


@login_required
@require_http_methods(["GET", "POST"])
def check_in_token(request, token):
    """The URL in the invitation's QR code: the office checks the bearer in, or the invitee checks in."""
    invitation = get_object_or_404(Invitation.objects.select_related("conference", "person"), token=token)
    conference, access = conference_or_404(request, invitation.conference_id)
    own = access.invitation is not None and access.invitation.pk == invitation.pk
    if not (access.manage or own):
        raise Http404(actions.INVITATION_NOT_FOUND)
    if request.method == "POST":
        def check_in():
            actions.check_in_by_token(request.user, token)
        to = reverse("conferences:attendance", args=[conference.pk]) if access.manage else \
            reverse("conferences:follow", args=[conference.pk])
        return _act(request, conference, check_in, f"Đã điểm danh đồng chí {invitation.person.full_name}.", to)
    return _page(request, "check_in_token.html", {"conference": conference, "invitation": invitation,
                                                  "attendance": getattr(invitation, "attendance", None)})


@login_required
@require_POST
def speak(request, pk):
    """An invitee registers to speak on an agenda item."""
    conference, _ = conference_or_404(request, pk)
    form = forms.SpeakForm(request.POST, conference=conference)
    back = _safe_next(request, reverse("conferences:follow", args=[pk]))
    if not form.is_valid():
        messages.error(request, _form_error(form))
        return redirect(back)
    data = form.cleaned_data
    return _act(request, conference, lambda: actions.register_speaker(request.user, conference, data["item"],
                                                                      data["kind"], data["topic"]),
                "Đã đăng ký phát biểu.", back)


# -- drafts --------------------------------------------------------------------------------------------------


def _draft(conference, pk) -> Draft:
    return get_object_or_404(Draft, pk=pk, conference=conference)


@login_required
@require_http_methods(["GET", "POST"])
def draft_create(request, pk):
    conference, _ = conference_or_404(request, pk, manage=True)
    form = forms.DraftForm(request.POST or None, request.FILES or None, conference=conference)
    if request.method == "POST" and form.is_valid():
        try:
            draft = actions.add_draft(request.user, conference, form.save(commit=False), form.cleaned_data["text"],
                                      form.cleaned_data["file"])
        except ValidationError as exc:
            form.add_error(None, " ".join(exc.messages))
        else:
            messages.success(request, "Đã đăng dự thảo để lấy ý kiến.")
            return redirect(draft)
    return _page(request, "form.html", {"form": form, "title": "Thêm dự thảo", "multipart": True,
                                        "back": reverse("conferences:prepare", args=[pk])},
                 status=400 if request.method == "POST" else 200)


@login_required
def attachment_file(request, pk, attachment):
    """An agenda item's uploaded document, for whoever may see the conference."""
    conference, _ = conference_or_404(request, pk)
    item = get_object_or_404(AgendaAttachment, pk=attachment, item__conference=conference)
    return download(item.file)


@login_required
def draft_version_file(request, pk, draft, number):
    """The uploaded file of one version of a draft, for whoever may see the conference."""
    conference, _ = conference_or_404(request, pk)
    version = get_object_or_404(_draft(conference, draft).versions, number=number)
    return download(version.file)


PARAGRAPHS_PER_PAGE = 120


@login_required
def draft_detail(request, pk, draft):
    conference, access = conference_or_404(request, pk)
    draft = _draft(conference, draft)
    versions = list(draft.versions.defer("text"))  # only the version shown is read whole
    version = next((v for v in versions if str(v.number) == request.GET.get("phien-ban")), versions[-1] if versions else None)
    # A long draft is shown a page of paragraphs at a time, never as one giant page.
    paragraphs = Paginator(version.paragraphs() if version else [], PARAGRAPHS_PER_PAGE).get_page(
        request.GET.get("trang"))
    comments = draft.comments.select_related("author", "version")
    if not access.manage and not access.read:
        # An invitee sees their own comments and, once published, the answers to all.
        comments = comments if draft.summary_published_at else comments.filter(author_id=request.user.person_id)
    return _page(request, "draft.html", {
        "conference": conference, "draft": draft, "access": access, "versions": versions, "version": version,
        "paragraphs": paragraphs, "comments": comments,
        "comment_form": forms.CommentForm(), "answer_form": forms.CommentAnswerForm(),
        "version_form": forms.VersionForm(initial={"text": version.text if version else ""}),
        "can_comment": draft.is_open and (access.invited or access.read) and request.user.person_id is not None,
    })


@login_required
def draft_diff(request, pk, draft):
    conference, access = conference_or_404(request, pk)
    draft = _draft(conference, draft)
    versions = {v.number: v for v in draft.versions.all()}
    try:
        new = versions[int(request.GET.get("moi") or max(versions))]
        old = versions.get(int(request.GET["cu"])) if request.GET.get("cu") else new.previous()
    except (ValueError, KeyError):
        raise Http404("Không tìm thấy phiên bản.") from None
    return _page(request, "draft_diff.html", {"conference": conference, "draft": draft, "new": new, "old": old,
                                              "rows": new.diff_from(old), "versions": sorted(versions.values(),
                                                                                             key=lambda v: v.number)})


@login_required
@require_POST
def draft_version(request, pk, draft):
    conference, _ = conference_or_404(request, pk, manage=True)
    draft = _draft(conference, draft)
    form = forms.VersionForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _form_error(form))
        return redirect(draft)
    data = form.cleaned_data
    result = {}

    def add():
        result["v"] = actions.add_version(request.user, conference, draft, data["text"], data["note"], data["file"])
    response = _act(request, conference, add, "", draft.get_absolute_url())
    if "v" in result:
        messages.success(request, f"Đã đăng phiên bản {result['v'].number}.")
        return redirect(reverse("conferences:draft_diff", args=[pk, draft.pk]) + f"?moi={result['v'].number}")
    return response


@login_required
@require_POST
def draft_status(request, pk, draft):
    conference, _ = conference_or_404(request, pk, manage=True)
    draft = _draft(conference, draft)
    return _act(request, conference, lambda: actions.toggle_draft_status(request.user, conference, draft), "Đã cập nhật trạng thái lấy ý kiến.", draft.get_absolute_url())


@login_required
@require_POST
def comment_add(request, pk, draft):
    conference, access = conference_or_404(request, pk)
    draft = _draft(conference, draft)
    form = forms.CommentForm(request.POST)
    if not form.is_valid():
        messages.error(request, _form_error(form))
        return redirect(draft)
    return _act(request, conference, lambda: actions.add_comment(
        request.user, conference, draft, form.cleaned_data["text"], form.cleaned_data["paragraph"]),
        "Đã gửi ý kiến góp ý.", draft.get_absolute_url())


@login_required
@require_POST
def comment_answer(request, pk, draft, comment):
    conference, _ = conference_or_404(request, pk, manage=True)
    draft = _draft(conference, draft)
    comment = get_object_or_404(DraftComment, pk=comment, draft=draft)
    form = forms.CommentAnswerForm(request.POST)
    if not form.is_valid():
        messages.error(request, _form_error(form))
        return redirect(draft)
    return _act(request, conference, lambda: actions.answer_comment(
        request.user, conference, comment, form.cleaned_data["answer"], form.cleaned_data["answer_text"]),
                "Đã trả lời ý kiến.", draft.get_absolute_url())


@login_required
@require_POST
def draft_publish_summary(request, pk, draft):
    conference, _ = conference_or_404(request, pk, manage=True)
    draft = _draft(conference, draft)
    return _act(request, conference, lambda: actions.publish_summary(request.user, conference, draft), "Đã công bố tổng hợp tiếp thu, giải trình.",
                reverse("conferences:draft_summary", args=[pk, draft.pk]))


@login_required
def draft_summary(request, pk, draft):
    conference, access = conference_or_404(request, pk)
    draft = _draft(conference, draft)
    if not draft.summary_published_at and not access.manage:
        raise Http404("Tổng hợp tiếp thu, giải trình chưa được công bố.")
    comments = draft.comments.select_related("author")
    groups = [(label, [c for c in comments if c.answer == value]) for value, label in DraftComment.Answer.choices]
    return _page(request, "draft_summary.html", {"conference": conference, "draft": draft, "groups": groups,
                                                 "counts": draft.answer_counts(), "access": access})


# -- the meeting ---------------------------------------------------------------------------------------------


@login_required
def attendance(request, pk):
    conference, access = conference_or_404(request, pk, manage=True)
    invitations = conference.invitations.select_related("person", "attendance")
    check = quorum(conference)
    return _page(request, "attendance.html", {"conference": conference, "invitations": invitations,
                                              "quorum": check, "counts_recorded": counts_recorded(conference, check.base),
                                              "access": access})


@login_required
@require_POST
def attendance_action(request, pk, invitation):
    conference, _ = conference_or_404(request, pk, manage=True)
    invitation = get_object_or_404(Invitation.objects.select_related("person"), pk=invitation, conference=conference)
    what = request.POST.get("action", "")
    back = _safe_next(request, reverse("conferences:attendance", args=[pk]))
    name = invitation.person.full_name
    success = {"check_in": f"Đã điểm danh đồng chí {name}.", "left": f"Đã ghi nhận đồng chí {name} về sớm.",
               "clear": f"Đã hủy điểm danh đồng chí {name}."}.get(what, f"Đã ghi nhận đồng chí {name} vắng mặt.")
    return _act(request, conference, lambda: actions.record_attendance(
        request.user, conference, invitation.person, what, request.POST.get("reason", "")), success, back)


def _live_context(conference, access=None):
    items = list(conference.agenda_items.select_related("presenter"))
    current = next((i for i in items if i.pk == conference.current_item_id), None)
    speech = conference.current_speech
    waiting = []
    if current is not None:
        waiting = list(current.speaker_requests.filter(status=SpeakerRequest.Status.WAITING).select_related("person"))
    present = (Attendance.objects.filter(conference=conference, status=Attendance.Status.PRESENT, left_at__isnull=True)
               .select_related("invitation__person"))
    return {"conference": conference, "items": items, "current": current, "speech": speech, "waiting": waiting,
            "quorum": quorum(conference), "present_count": present.count(), "access": access,
            "votes": _votes(conference, current) if current is not None else [],
            "open_votes": _open_votes(conference),
            "invited_count": conference.invitations.count()}


@login_required
def control(request, pk):
    """The office's control panel during the meeting: agenda, speakers, speeches, closing."""
    conference, access = conference_or_404(request, pk, manage=True)
    context = _live_context(conference, access)
    context.update({
        "speech_form": forms.SpeechForm(conference=conference, user=request.user, initial={"agenda_item": conference.current_item_id}),
        "close_form": forms.CloseForm(initial={"conclusion": conference.conclusion}),
        "speeches": conference.speeches.select_related("speaker", "agenda_item"),
        "requests": SpeakerRequest.objects.filter(conference=conference).select_related("person", "agenda_item"),
        "speech_kinds": SpeechKind.choices,
    })
    return _page(request, "control.html", context)


@login_required
@require_POST
def control_action(request, pk):
    conference, _ = conference_or_404(request, pk, manage=True)
    step = request.POST.get("action")
    back = reverse("conferences:control", args=[pk])
    post = request.POST
    done = {
        "open": "Đã khai mạc hội nghị.",
        "next": "Đã chuyển sang nội dung tiếp theo.",
        "previous": "Đã quay lại nội dung trước.",
        "goto": "Đã chuyển nội dung.",
        "end_speech": "Đã kết thúc phát biểu.",
        "close_list": "Đã khóa danh sách đăng ký phát biểu.",
        "open_list": "Đã mở lại danh sách đăng ký phát biểu.",
        "order": "Đã sắp xếp danh sách phát biểu.",
        "up": "Đã sắp xếp danh sách phát biểu.",
    }
    item = speaker_request = None
    if step in ("goto", "close_list", "open_list", "order"):
        item = get_object_or_404(AgendaItem, pk=inputs.query_id(post.get("item")) or 0, conference=conference)
    if step in ("give_floor", "up"):
        speaker_request = get_object_or_404(SpeakerRequest, pk=inputs.query_id(post.get("request")) or 0,
                                            conference=conference)
        done["give_floor"] = f"Mời đồng chí {speaker_request.person.full_name} phát biểu."
    if step == "open" and not confirm.confirmed(request):
        try:
            conference.check_can_open()  # a refusal comes before the question "open without a quorum?"
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect(back)
        return confirmations.ask_open(request, conference)
    order = [int(x) for x in post.getlist("request") if x.isdigit()] if step == "order" else ()
    return _act(request, conference, lambda: actions.control_conference(
        request.user, conference, step or "", item=item, speaker_request=speaker_request, order=order),
        done.get(step, ""), back)


@login_required
@require_POST
def speech_add(request, pk):
    conference, _ = conference_or_404(request, pk, manage=True)
    form = forms.SpeechForm(request.POST, conference=conference, user=request.user)
    back = reverse("conferences:control", args=[pk])
    if not form.is_valid():
        messages.error(request, _form_error(form))
        return redirect(back)
    d = form.cleaned_data
    return _act(request, conference, lambda: actions.record_speech(
        request.user, conference, d["speaker"], d["kind"], d["summary"], item=d["agenda_item"],
        title=d["speaker_title"]), "Đã ghi nhận phát biểu.", back)


@login_required
@require_POST
def speech_summary(request, pk, speech):
    conference, _ = conference_or_404(request, pk, manage=True)
    speech = get_object_or_404(Speech, pk=speech, conference=conference)
    return _act(request, conference, lambda: actions.summarize_speech(request.user, conference, speech,
                                                                      request.POST.get("summary", "")), "Đã lưu tóm tắt phát biểu.", reverse("conferences:control", args=[pk]))


@login_required
@require_POST
def close(request, pk):
    conference, _ = conference_or_404(request, pk, manage=True)
    form = forms.CloseForm(request.POST)
    back = reverse("conferences:control", args=[pk])
    if not form.is_valid():
        messages.error(request, _form_error(form))
        return redirect(back)
    if not confirm.confirmed(request):
        return confirmations.ask_close(request, conference)
    return _act(request, conference, lambda: actions.close_conference(request.user, conference,
                                                                      form.cleaned_data["conclusion"]),
                "Hội nghị đã bế mạc.", conference.get_absolute_url())


@login_required
def screen(request, pk):
    """The presiding screen for the hall's projector."""
    conference, access = conference_or_404(request, pk)
    if not (access.read or access.manage):
        raise Http404("Không tìm thấy hội nghị.")
    return _page(request, "screen.html", {**_live_context(conference, access), "mode": "screen"})


@login_required
def follow(request, pk):
    """The follow view for members' phones."""
    conference, access = conference_or_404(request, pk)
    return _page(request, "follow.html", {**_live_context(conference, access), "mode": "follow",
                                          "speak_form": forms.SpeakForm(conference=conference),
                                          "today": timezone.localdate()})


@login_required
def live_panel(request, pk):
    conference, access = conference_or_404(request, pk)
    mode = "screen" if request.GET.get("che-do") == "screen" and (access.read or access.manage) else "follow"
    return _page(request, "live_panel.html", {**_live_context(conference, access), "mode": mode})


@login_required
def events(request, pk):
    """Server-Sent Events for one conference; async on the ASGI server, a bounded thread stream over WSGI."""
    conference, _ = conference_or_404(request, pk)
    if live.is_authorize_request(request):
        return HttpResponse(status=200)  # nginx holds the stream (live.nginx_publisher): the page may follow
    conference_id = conference.pk
    if not connection.in_atomic_block:
        connection.close()  # a stream must not hold a database connection
    hello = {"event": "hello", "data": {"conference": conference_id}}

    if isinstance(request, ASGIRequest):
        async def stream():
            yield "retry: 3000\n\n"
            async for message in live.subscribe(conference_id, first=hello, timeout=HEARTBEAT_SECONDS):
                yield live.sse(message)
        content = stream()
    else:
        def stream():
            yield "retry: 3000\n\n"
            deadline = time.monotonic() + WSGI_STREAM_SECONDS
            for message in live.subscribe_sync(conference_id, timeout=5, first=hello):
                yield live.sse(message)
                if time.monotonic() > deadline:
                    return
        content = stream()
    response = StreamingHttpResponse(content, content_type="text/event-stream")
    response["Cache-Control"] = "no-cache"
    response["X-Accel-Buffering"] = "no"
    return response


@login_required
def my_events(request):
    """Server-Sent Events of every conference that changes what awaits the user (the home page and the menu's
    count reload on them, ``core/static/capuy/inbox-live.js``); 204 when there is none to follow."""
    from capuy.conferences.inbox import followed_ids
    from capuy.core.inbox import Viewer

    ids = followed_ids(Viewer.of(request.user))
    if not ids:
        return HttpResponse(status=204)  # EventSource stops reconnecting
    if not connection.in_atomic_block:
        connection.close()  # a stream must not hold a database connection
    hello = {"event": "hello", "data": {"conferences": len(ids)}}
    if isinstance(request, ASGIRequest):
        async def stream():
            yield "retry: 3000\n\n"
            async for message in live.subscribe_many(ids, first=hello, timeout=HEARTBEAT_SECONDS):
                yield live.sse(message)
    else:
        def stream():
            yield "retry: 3000\n\n"
            deadline = time.monotonic() + WSGI_STREAM_SECONDS
            for message in live.subscribe_many_sync(ids, timeout=5, first=hello):
                yield live.sse(message)
                if time.monotonic() > deadline:
                    return
    response = StreamingHttpResponse(stream(), content_type="text/event-stream")
    response["Cache-Control"] = "no-cache"
    response["X-Accel-Buffering"] = "no"
    return response


# -- the record ----------------------------------------------------------------------------------------------


def _record_context(conference):
    invitations = list(conference.invitations.select_related("person", "attendance")
                       .prefetch_related(Prefetch("person__titles", queryset=Title.objects.order_by("order"))))
    present = [i for i in invitations if getattr(i, "attendance", None) and i.attendance.status == Attendance.Status.PRESENT]
    absent = [i for i in invitations if getattr(i, "attendance", None) and i.attendance.status != Attendance.Status.PRESENT]
    speeches = list(conference.speeches.select_related("speaker", "agenda_item"))
    items = list(conference.agenda_items.select_related("presenter").prefetch_related("attachments", "drafts"))
    check = quorum(conference)
    return {
        "conference": conference, "chairs": list(conference.chairs.all()), "items": items, "speeches": speeches,
        "chair_lines": [f"{p.full_name}, {conference.chair_title(p)}" if conference.chair_title(p) else p.full_name
                        for p in conference.chairs.all()],
        "references": list(conference.references.select_related("document")),
        "awards": list(conference.awards.select_related("person", "organization")),
        "invitations": invitations, "present": present, "absent": absent,
        "members_present": [i for i in present if i.role == Invitation.Role.MEMBER],
        "members_absent": [i for i in absent if i.role == Invitation.Role.MEMBER],
        # summoned, and no attendance recorded yet: neither present nor absent in the record
        "members_unrecorded": [i for i in invitations if i.role == Invitation.Role.MEMBER and
                               getattr(i, "attendance", None) is None],
        "guests_present": [i for i in present if i.role == Invitation.Role.GUEST],
        "quorum": check, "counts_recorded": counts_recorded(conference, check.base),
        "drafts": list(conference.drafts.all()),
        "directions": [s for s in speeches if s.kind == SpeechKind.DIRECTIONS],
        "conclusions": [s for s in speeches if s.kind == SpeechKind.CONCLUSION],
        "votes": _votes(conference),
    }


def _votes(conference, item=None) -> list[str]:
    recorded = [conference.recorded_vote_text] if item is None and conference.recorded_vote_text else []
    return panels.vote_lines(conference, item) + recorded


def _open_votes(conference) -> list[dict]:
    return panels.open_votes(conference)


@login_required
def detail(request, pk):
    conference, access = conference_or_404(request, pk)
    if answer := history_answer(request, conference):
        return answer
    context = _record_context(conference)
    context["access"] = access
    context["articles"] = _articles(request.user, conference)
    context["documents"] = _documents(request.user, conference)
    return _page(request, "detail.html", context)


def _documents(user, conference):
    """The minutes, resolution and notice drafted from the conference (the chain conference → resolution), as far as
    the documents app lets ``user`` read them."""
    from capuy.documents import access as documents

    return list(documents.readable(user).filter(source_conference_id=conference.pk).select_related("doc_type")
                .order_by("pk"))


def _articles(user, conference):
    """The news written from the conference (the chain conference → article), as the portal lets ``user`` open it."""
    from django.apps import apps as registry

    if not registry.is_installed("capuy.portal"):
        return []
    from capuy.portal.editorial import articles_of_conference

    return articles_of_conference(user, conference.pk)


@login_required
def minutes(request, pk):
    """Biên bản hội nghị as a printable page, generated from the record."""
    conference, access = conference_or_404(request, pk)
    if not (access.read or access.manage):
        raise Http404("Không tìm thấy biên bản.")
    context = _record_context(conference)
    context["now"] = timezone.localtime()
    context["secretary_note"] = request.GET.get("thu-ky", "")
    return _page(request, "minutes.html", context)
