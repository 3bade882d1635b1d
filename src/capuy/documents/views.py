"""Pages of the document library: list and search, a document, drafting and issuing, study."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from capuy.accounts import permissions
from capuy.core import confirm, files, inputs
from capuy.core.history import record_access
from capuy.documents import confirmations, generation, library, pdf, uploads
from capuy.documents.forms import DocumentForm, ReflectionForm, StudyAssignmentForm, UploadForm
from capuy.documents.models import Bookmark, Document, DocumentType, StudyAssignment, StudyRecord
from capuy.organizations.models import Organization


def visible_document_or_404(user, pk) -> Document:
    document = library.visible_documents(user).filter(pk=pk).first()
    if document is None:
        raise Http404("Không tìm thấy văn bản.")
    return document


def managed_document(user, pk) -> Document:
    document = visible_document_or_404(user, pk)
    if not permissions.can_manage(user, document.organization):
        raise PermissionDenied("Chỉ văn phòng cấp ủy ban hành mới được thay đổi văn bản này.")
    return document


def _messages_of(exc: ValidationError) -> str:
    return " ".join(exc.messages)


def _without_page(params) -> str:
    params = params.copy()
    params.pop("trang", None)
    return params.urlencode()


@login_required
def index(request):
    """The library: documents the user may see, filters and diacritic-insensitive search."""
    params = request.GET
    filters = {"q": params.get("q", "").strip(), "symbol": params.get("loai", ""),
               "organization_id": inputs.query_id(params.get("co-quan")),
               "year": inputs.query_year(params.get("nam")), "term_id": inputs.query_id(params.get("nhiem-ky")), "status": params.get("trang-thai", "")}
    documents = library.find(request.user, **filters)
    count, exact = library.capped_count(documents)
    page = Paginator(documents[:library.COUNT_CAP], 30).get_page(params.get("trang"))
    issuers = Organization.objects.filter(
        pk__in=library.visible_documents(request.user).values("organization_id")).order_by("path")
    issuer = next((o for o in issuers if o.pk == filters["organization_id"]), None)
    context = {
        "page": page, "count": count, "count_exact": exact, "filters": filters, "issuers": issuers,
        "terms": issuer.terms.all() if issuer else [],
        "symbols": sorted(set(DocumentType.objects.values_list("symbol", flat=True))),
        "statuses": Document.Status.choices,
        "bookmarked": set(Bookmark.objects.filter(user=request.user).values_list("document_id", flat=True)),
        "can_draft": permissions.readable_organizations(request.user, roles=permissions.MANAGE_ROLES).exists(),
        "query_string": _without_page(params),
    }
    return render(request, "documents/index.html", context)


@login_required
def detail(request, pk):
    document = visible_document_or_404(request.user, pk)
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
        **_pdf_context(document),
    }
    if document.is_secret:
        record_access(document)
    return render(request, "documents/detail.html", context)


@login_required
def create(request):
    if not permissions.readable_organizations(request.user, roles=permissions.MANAGE_ROLES).exists():
        raise PermissionDenied("Chỉ văn phòng cấp ủy mới được soạn văn bản.")
    form = DocumentForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            document = form.save(commit=False)
            document.created_by = request.user
            document.save()
            document.snapshot(request.user, "Tạo dự thảo")
        messages.success(request, "Đã lưu dự thảo văn bản.")
        return redirect(document)
    return render(request, "documents/form.html", {"form": form, "title": "Soạn văn bản", "back": "/van-ban/"})


@login_required
def edit(request, pk):
    document = managed_document(request.user, pk)
    if not document.editable():
        messages.error(request, "Văn bản đã ban hành không được sửa; hãy soạn văn bản thay thế.")
        return redirect(document)
    form = DocumentForm(request.POST or None, instance=document, user=request.user)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            document = form.save()
            document.snapshot(request.user, "Sửa dự thảo")
        messages.success(request, "Đã lưu dự thảo văn bản.")
        return redirect(document)
    return render(request, "documents/form.html",
                  {"form": form, "title": f"Sửa {document.doc_type.name.lower()}", "back": document.get_absolute_url()})


@login_required
@require_POST
def issue(request, pk):
    document = managed_document(request.user, pk)
    if not confirm.confirmed(request):
        return confirmations.ask_issue(request, document)
    try:
        document.issue(request.user)
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
        attachment = uploads.attach(document, form.cleaned_data["file"], request.user)
    except ValidationError as exc:
        messages.error(request, _messages_of(exc))
    else:
        messages.success(request, f"Đã đính kèm tệp “{attachment.original_name}”.")
    return redirect(document)


@login_required
@require_POST
def bookmark(request, pk):
    document = visible_document_or_404(request.user, pk)
    mark, created = Bookmark.objects.get_or_create(user=request.user, document=document)
    if not created:
        mark.delete()
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
    from capuy.conferences.models import Conference
    from capuy.documents.drafting import draft_from_conference

    conference = Conference.objects.visible_to(request.user).filter(pk=pk).first()
    if conference is None:
        raise Http404("Không tìm thấy hội nghị.")
    if not permissions.can_manage(request.user, conference.organization):
        raise PermissionDenied("Chỉ văn phòng cấp ủy mới được soạn văn bản của hội nghị.")
    try:
        documents = draft_from_conference(conference, request.user)
    except ValidationError as exc:
        messages.error(request, _messages_of(exc))
        return redirect(conference)
    messages.success(request, "Đã soạn dự thảo biên bản, nghị quyết và thông báo kết luận; hãy rà soát, "
                              "chỉnh sửa rồi ban hành.")
    return redirect(documents[1])


# --- study ----------------------------------------------------------------------------------------------------


@login_required
def assign_study(request, pk):
    document = visible_document_or_404(request.user, pk)
    if not permissions.readable_organizations(request.user, roles=permissions.MANAGE_ROLES).exists():
        raise PermissionDenied("Chỉ văn phòng cấp ủy mới được giao học tập, quán triệt.")
    form = StudyAssignmentForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            assignment = StudyAssignment.assign(document, data["organizations"], data["deadline"], data["kind"],
                                                request.user, data["note"], data["reflection_required"])
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, f"Đã giao cho {assignment.records.count()} đảng viên.")
            return redirect(assignment)
    return render(request, "documents/assign.html", {"form": form, "document": document})


@login_required
def study_report(request, pk):
    assignment = get_object_or_404(StudyAssignment.objects.select_related("document"), pk=pk)
    organizations = list(assignment.organizations.all())
    if not any(permissions.can_read(request.user, o) for o in organizations):
        raise Http404("Không tìm thấy đợt học tập.")
    if not all(permissions.can_manage(request.user, o) for o in organizations):
        raise PermissionDenied("Chỉ văn phòng cấp ủy giao học tập mới được xem kết quả của đợt này.")
    return render(request, "documents/study_report.html", {"assignment": assignment, "rows": assignment.report()})


@login_required
def my_study(request):
    records = StudyRecord.objects.filter(person_id=request.user.person_id).select_related(
        "assignment", "assignment__document", "assignment__document__doc_type",
        "assignment__document__organization").order_by("read_at", "assignment__deadline") if request.user.person_id else []
    return render(request, "documents/my_study.html", {"records": records, "form": ReflectionForm()})


def _own_record(request, pk) -> StudyRecord:
    record = StudyRecord.objects.filter(pk=pk, person_id=request.user.person_id).first() \
        if request.user.person_id else None
    if record is None:
        raise Http404("Không tìm thấy.")
    return record


@login_required
@require_POST
def mark_read(request, pk):
    _own_record(request, pk).mark_read()
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
        record.submit_reflection(form.cleaned_data["text"])
    except ValidationError as exc:
        messages.error(request, _messages_of(exc))
    else:
        messages.success(request, "Đã nộp bài thu hoạch.")
    return redirect("documents:my_study")
