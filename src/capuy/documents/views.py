"""Pages of the document library: list and search, a document, drafting and issuing, study."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from capuy.accounts import permissions
from capuy.conferences import access as conference_access
from capuy.core import confirm, files, paging
from capuy.core.history import history_answer, record_access
from capuy.documents import access, actions, confirmations, generation, library, listings, numbering, pdf
from capuy.documents.forms import DocumentForm, ReflectionForm, StudyAssignmentForm, UploadForm
from capuy.documents.models import Bookmark, Document, DocumentType, StudyRecord
from capuy.organizations.models import Organization


def visible_document_or_404(user, pk) -> Document:
    return access.document_or_404(user, pk)


def managed_document(user, pk) -> Document:
    return access.managed_or_404(user, pk)


def _messages_of(exc: ValidationError) -> str:
    return " ".join(exc.messages)


def _issuer_picker(issuer):
    """The "Cơ quan ban hành" box: searched as you type among the user's organizations and those above them
    (a <select> of every issuer would list a province's thousands). An issuer the user cannot see simply
    finds no document."""
    from capuy.organizations.choosers import choose_organizations, search_box

    return search_box(choose_organizations, Organization.objects.filter(pk=issuer.pk if issuer else 0), "co-quan",
                      issuer.pk if issuer else None, "co-quan", ca_cap_tren=1)


@login_required
def index(request):
    """The library: documents the user may see, filters and diacritic-insensitive search."""
    listing = listings.DocumentList(request.user, request.GET)
    if request.GET.get("xuat"):
        return paging.export_response(request, listing)
    filters = {"q": listing.value("q", ""), "symbol": listing.value("loai", ""),
               "organization_id": listing.value("co-quan"), "year": listing.value("nam"),
               "term_id": listing.value("nhiem-ky"), "status": listing.value("trang-thai", "")}
    # Named back only when the user sees a document of it (the name of another ward's office is not shown).
    issuer = Organization.objects.filter(pk=filters["organization_id"] or 0, pk__in=library.visible_documents(
        request.user).values("organization_id")).first()
    context = {
        "listing": listing, "page": listing.page(), "filters": filters, "issuer_picker": _issuer_picker(issuer),
        "terms": issuer.terms.all() if issuer else [],
        "symbols": sorted(set(DocumentType.objects.values_list("symbol", flat=True))),
        "statuses": Document.Status.choices,
        "bookmarked": set(Bookmark.objects.filter(user=request.user).values_list("document_id", flat=True)),
        "can_draft": permissions.readable_organizations(request.user, roles=permissions.MANAGE_ROLES).exists(),
    }
    return render(request, "documents/index.html", context)


@login_required
def detail(request, pk):
    document = visible_document_or_404(request.user, pk)
    if answer := history_answer(request, document):
        return answer
    can_manage = permissions.can_manage(request.user, document.organization)
    context = {
        "document": document,
        "can_manage": can_manage,
        "bookmarked": Bookmark.objects.filter(user=request.user, document=document).exists(),
        "attachments": document.attachments.all(),
        "versions": document.versions.all()[:20] if can_manage else [],
        "assignments": document.study_assignments.all() if can_manage else [],
        "upload_form": UploadForm(),
        "replaced_by": document.replaced_by.filter(status=Document.Status.ISSUED).first(),
        "tasks": _tasks_set(request.user, document),
        "source_conference": _source_conference(request.user, document),
        **_pdf_context(document),
    }
    if document.is_secret:
        record_access(document)
    return render(request, "documents/detail.html", context)


def _source_conference(user, document):
    """The conference the document was drafted from, when ``user`` may read it (the chain conference → resolution)."""
    if not document.source_conference_id:
        return None
    from capuy.conferences.models import Conference

    return Conference.objects.visible_to(user).filter(pk=document.source_conference_id).first()


def _tasks_set(user, document):
    """The tasks the document sets that ``user`` may read (the tasks app decides who reads a task)."""
    tasks = document.tasks_set()
    if tasks is None:
        return []
    from capuy.tasks.models import BY_DEADLINE
    from capuy.tasks.rules import visible_tasks

    return list(visible_tasks(user, tasks).order_by(BY_DEADLINE, "pk"))  # a conference sets tens of tasks, not more


@login_required
def create(request):
    if not permissions.readable_organizations(request.user, roles=permissions.MANAGE_ROLES).exists():
        raise PermissionDenied(actions.DRAFT_REFUSED)
    form = DocumentForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            fields = dict(form.cleaned_data)
            document = actions.create_document(request.user, fields.pop("organization"), fields)
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, "Đã lưu dự thảo văn bản.")
            return redirect(document)
    return render(request, "documents/form.html", {"form": form, "title": "Soạn văn bản", "back": "/van-ban/"})


def _add_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


@login_required
def edit(request, pk):
    document = managed_document(request.user, pk)
    if not document.editable():
        messages.error(request, actions.ISSUED_NOT_EDITABLE)
        return redirect(document)
    form = DocumentForm(request.POST or None, instance=document, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            document = actions.update_document(request.user, form.instance)
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, "Đã lưu dự thảo văn bản.")
            return redirect(document)
    return render(request, "documents/form.html",
                  {"form": form, "title": f"Sửa {document.doc_type.name.lower()}", "back": document.get_absolute_url()})


@login_required
@require_POST
def issue(request, pk):
    document = managed_document(request.user, pk)
    written = request.POST.get("so-van-ban", "").strip()
    number = int(written) if written.isascii() and written.isdigit() else None  # "²" is a digit int() refuses
    if written and not numbering.valid_number(number):  # "0", "12a", "99999999999": refused before the confirmation
        messages.error(request, numbering.NUMBER_REFUSED)
        return redirect(document)
    if not confirm.confirmed(request):
        return confirmations.ask_issue(request, document, number)
    try:
        actions.issue_document(request.user, document, number=number)
    except ValidationError as exc:
        messages.error(request, _messages_of(exc))
    else:
        messages.success(request, f"Đã ban hành văn bản {document.number_label}.")
    return redirect(document)


@login_required
def download(request, pk, extension):
    document = visible_document_or_404(request.user, pk)
    if extension == "docx":
        response = HttpResponse(generation.build_docx(document), content_type=generation.DOCX_MIME)
        response["Content-Disposition"] = f'attachment; filename="{generation.filename(document, "docx")}"'
        return response
    stored = pdf.current_pdf(document)
    if stored is not None:
        return files.download(stored, generation.filename(document, "pdf"), inline=True)
    # Never converted inside the request: queue it (or find it queued) and show its progress on the page.
    pdf.request_pdf(document, request.user)
    messages.info(request, "Bản PDF đang được chuẩn bị; trang văn bản hiện tiến độ và nút “Xem PDF” khi xong.")
    return redirect(document)


def _pdf_context(document) -> dict:
    return {"pdf_ready": pdf.current_pdf(document) is not None, "pdf_job": document.pdf_job}


@login_required
def pdf_status(request, pk):
    """The PDF part of a document's page, re-fetched by htmx while the conversion runs."""
    document = visible_document_or_404(request.user, pk)
    return render(request, "documents/_pdf.html", {"document": document, **_pdf_context(document)})


@login_required
def attachment(request, pk, attachment):
    """An attachment, for whoever may see the document (secrecy included)."""
    document = visible_document_or_404(request.user, pk)
    item = get_object_or_404(document.attachments, pk=attachment)
    return files.download(item.file, item.original_name)


@login_required
@require_POST
def upload(request, pk):
    document = managed_document(request.user, pk)
    form = UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, " ".join(e for errs in form.errors.values() for e in errs))
        return redirect(document)
    try:
        attachment = actions.attach_file(request.user, document, form.cleaned_data["file"])
    except ValidationError as exc:
        messages.error(request, _messages_of(exc))
    else:
        messages.success(request, f"Đã đính kèm tệp “{attachment.original_name}”.")
    return redirect(document)


@login_required
@require_POST
def bookmark(request, pk):
    document = visible_document_or_404(request.user, pk)
    marked = not Bookmark.objects.filter(user=request.user, document=document).exists()
    created = actions.set_bookmark(request.user, document, marked)
    if request.htmx:
        return render(request, "documents/_bookmark.html", {"document": document, "bookmarked": created})
    return redirect(request.POST.get("next") or document.get_absolute_url())


@login_required
def bookmarks(request):
    documents = library.visible_documents(request.user).filter(bookmarks__user=request.user).order_by(
        "-bookmarks__created_at")
    return render(request, "documents/bookmarks.html", {"documents": documents})


# --- drafting from a conference --------------------------------------------------------------------------------


def _managed_closed_conferences(user):
    from capuy.conferences.models import Conference

    return permissions.filter_by_organization(
        Conference.objects.filter(status=Conference.Status.CLOSED), user, roles=permissions.MANAGE_ROLES)


@login_required
def from_conference_list(request):
    """Closed conferences whose minutes, resolution and notice the office may draft."""
    conferences = _managed_closed_conferences(request.user).select_related("body", "term", "organization")[:100]
    drafted = set(Document.objects.filter(source_conference_id__in=[c.pk for c in conferences])
                  .values_list("source_conference_id", flat=True))
    return render(request, "documents/from_conference.html", {"conferences": conferences, "drafted": drafted})


@login_required
@require_POST
def from_conference(request, pk):
    conference, _ = conference_access.conference_or_404(request.user, pk)
    try:
        documents = actions.draft_from_conference(request.user, conference)
    except ValidationError as exc:
        messages.error(request, _messages_of(exc))
        return redirect(conference)
    names = {"BB": "biên bản", "NQ": "nghị quyết", "TB": "thông báo kết luận"}
    *rest, last = [names.get(d.doc_type.symbol, d.doc_type.name.lower()) for d in documents]
    said = f"{', '.join(rest)} và {last}" if rest else last
    unvoted = "" if "nghị quyết" in (*rest, last) else " (không soạn nghị quyết: hội nghị không có biểu quyết)"
    messages.success(request, f"Đã soạn dự thảo {said}{unvoted}; hãy rà soát, chỉnh sửa rồi ban hành.")
    return redirect(next((d for d in documents if d.doc_type.symbol == "NQ"), documents[0]))


# --- study ----------------------------------------------------------------------------------------------------


@login_required
def assign_study(request, pk):
    document = visible_document_or_404(request.user, pk)
    if not permissions.readable_organizations(request.user, roles=permissions.MANAGE_ROLES).exists():
        raise PermissionDenied(actions.STUDY_REFUSED)
    form = StudyAssignmentForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            assignment = actions.assign_study(request.user, document, data["organizations"], data["deadline"],
                                              data["kind"], data["note"], data["reflection_required"])
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, f"Đã giao cho {assignment.records.count()} đảng viên.")
            return redirect(assignment)
    return render(request, "documents/assign.html", {"form": form, "document": document})


@login_required
def study_report(request, pk):
    assignment = access.managed_assignment_or_404(request.user, pk)
    return render(request, "documents/study_report.html", {"assignment": assignment, "rows": assignment.report()})


@login_required
def my_study(request):
    records = StudyRecord.objects.filter(person_id=request.user.person_id).select_related(
        "assignment", "assignment__document", "assignment__document__doc_type",
        "assignment__document__organization").order_by("read_at", "assignment__deadline") if request.user.person_id else []
    return render(request, "documents/my_study.html", {"records": records, "form": ReflectionForm()})


def _own_record(request, pk) -> StudyRecord:
    return access.own_record_or_404(request.user, pk=pk)


@login_required
@require_POST
def mark_read(request, pk):
    actions.mark_read(request.user, _own_record(request, pk))
    messages.success(request, "Đã ghi nhận bạn đã đọc văn bản.")
    return redirect("documents:my_study")


@login_required
@require_POST
def reflect(request, pk):
    record = _own_record(request, pk)
    form = ReflectionForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(form.errors["text"])
        actions.submit_reflection(request.user, record, form.cleaned_data["text"])
    except ValidationError as exc:
        messages.error(request, _messages_of(exc))
    else:
        messages.success(request, "Đã nộp bài thu hoạch.")
    return redirect("documents:my_study")
