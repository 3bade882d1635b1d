"""REST endpoints of the documents app, mounted under /api/: documents, numbering, search, study."""

import datetime

from django.core.exceptions import ValidationError
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import File, Router, Schema
from ninja.files import UploadedFile

from capuy.accounts import permissions
from capuy.conferences import access as conference_access
from capuy.core import paging, references
from capuy.core.api import require_visible
from capuy.documents import access, actions, generation, library, numbering, pdf
from capuy.documents.models import Document, DocumentType, StudyAssignment, StudyRecord
from capuy.organizations.models import Organization

router = Router(tags=["Văn bản"])


# --- schemas ------------------------------------------------------------------------------------------------


class TypeIn(Schema):
    symbol: str
    name: str
    order: int = 0


class TypeOut(TypeIn):
    id: int


class DocumentIn(Schema):
    type_id: int
    organization_id: int
    title: str
    content: str = ""
    body_id: int | None = None
    term_id: int | None = None
    congress: bool = False
    issuer_name: str = ""
    authority: str = "tm_btv"
    deputy_signs: bool = False
    signer_id: int | None = None
    signer_position: str = ""
    secretary_name: str = ""
    recipients: str = ""
    secrecy: str = "thuong"
    replaces_id: int | None = None


class DocumentPatch(Schema):
    type_id: int | None = None
    title: str | None = None
    content: str | None = None
    body_id: int | None = None
    term_id: int | None = None
    congress: bool | None = None
    issuer_name: str | None = None
    authority: str | None = None
    deputy_signs: bool | None = None
    signer_id: int | None = None
    signer_position: str | None = None
    secretary_name: str | None = None
    recipients: str | None = None
    secrecy: str | None = None
    replaces_id: int | None = None


class AttachmentOut(Schema):
    id: int
    original_name: str
    kind: str
    size: int
    url: str

    @staticmethod
    def resolve_url(obj):
        return obj.file.url


class DocumentSummaryOut(Schema):
    id: int
    type_id: int
    type_symbol: str
    type_name: str
    organization_id: int
    organization_name: str
    number: int | None
    number_label: str
    issued_on: datetime.date | None
    title: str
    secrecy: str
    status: str

    @staticmethod
    def resolve_type_id(obj):
        return obj.doc_type_id

    @staticmethod
    def resolve_type_symbol(obj):
        return obj.doc_type.symbol

    @staticmethod
    def resolve_type_name(obj):
        return obj.doc_type.name

    @staticmethod
    def resolve_organization_name(obj):
        return obj.organization.display_committee


class DocumentOut(DocumentSummaryOut):
    body_id: int | None
    term_id: int | None
    congress: bool
    issuer_name: str
    place_date_line: str
    content: str
    authority: str
    deputy_signs: bool
    signature_lines: list[str]
    signer_id: int | None
    signer_name: str
    signer_position: str
    secretary_name: str
    recipients: str
    replaces_id: int | None
    attachments: list[AttachmentOut]

    @staticmethod
    def resolve_signature_lines(obj):
        return obj.signature_lines()

    @staticmethod
    def resolve_attachments(obj):
        return list(obj.attachments.all())


class DocumentPage(Schema):
    count: int
    count_exact: bool  # always True now: every match is counted (kept for clients that read it)
    items: list[DocumentSummaryOut]


def _page(documents, limit: int, offset: int) -> dict:
    """One page of documents and how many match in all; an offset deeper than ``CAPUY_LIST_MAX_OFFSET`` is
    refused with a message (narrow the filters instead of making the database skip that many rows)."""
    if offset > paging.max_offset():
        raise ValidationError({"offset": f"offset tối đa là {paging.max_offset()}; hãy thu hẹp bằng bộ lọc "
                                         "(năm, loại, cơ quan ban hành) hoặc từ tìm kiếm."})
    limit = max(1, min(limit, 200))
    offset = max(0, offset)
    return {"count": documents.order_by().count(), "count_exact": True,
            "items": list(documents[offset:offset + limit])}


class IssueIn(Schema):
    issued_on: datetime.date | None = None
    number: int | None = None  # a past document's number as written on it; else the register's next


class VersionOut(Schema):
    number: int
    title: str
    content: str
    recipients: str
    note: str
    created_at: datetime.datetime


class NextNumberOut(Schema):
    number: int
    label: str
    term_id: int | None


class AssignmentIn(Schema):
    document_id: int
    organization_ids: list[int]
    deadline: datetime.date
    kind: str = StudyAssignment.Kind.STUDY
    note: str = ""
    reflection_required: bool = False


class AssignmentOut(Schema):
    id: int
    document_id: int
    kind: str
    deadline: datetime.date
    note: str
    reflection_required: bool
    organization_ids: list[int]
    members: int

    @staticmethod
    def resolve_organization_ids(obj):
        return [o.pk for o in obj.organizations.all()]

    @staticmethod
    def resolve_members(obj):
        return obj.records.count()


class PersonRowOut(Schema):
    person_id: int
    full_name: str
    read_at: datetime.datetime | None
    reflection_submitted_at: datetime.datetime | None


class CellReportOut(Schema):
    organization_id: int
    organization_name: str
    total: int
    read: int
    reflections: int
    done: list[PersonRowOut]
    pending: list[PersonRowOut]


class ReflectionIn(Schema):
    text: str


class RecordOut(Schema):
    id: int
    assignment_id: int
    document_id: int
    document_title: str
    deadline: datetime.date
    read_at: datetime.datetime | None
    reflection: str
    reflection_submitted_at: datetime.datetime | None

    @staticmethod
    def resolve_document_id(obj):
        return obj.assignment.document_id

    @staticmethod
    def resolve_document_title(obj):
        return str(obj.assignment.document)

    @staticmethod
    def resolve_deadline(obj):
        return obj.assignment.deadline


# --- helpers ------------------------------------------------------------------------------------------------


def _visible(request, pk) -> Document:
    """The document if the user may see it; 404 otherwise (secret documents included)."""
    return access.document_or_404(request.user, pk)


def _managed(request, pk) -> Document:
    return access.managed_or_404(request.user, pk)


def _row(record) -> dict:
    return {"person_id": record.person_id, "full_name": record.person.full_name, "read_at": record.read_at,
            "reflection_submitted_at": record.reflection_submitted_at}


# --- types --------------------------------------------------------------------------------------------------


@router.get("/documents/types/", response=list[TypeOut])
def list_types(request):
    return DocumentType.objects.all()


@router.post("/documents/types/", response={201: TypeOut})
def create_type(request, data: TypeIn):
    return 201, actions.create_type(request.user, **data.dict())


# --- library and search -------------------------------------------------------------------------------------


@router.get("/documents/", response=DocumentPage)
def list_documents(request, q: str = "", type: str = "", organization_id: int | None = None,
                   year: int | None = None, term_id: int | None = None, status: str = "",
                   limit: int = 50, offset: int = 0):
    documents = library.find(request.user, q=q, symbol=type, organization_id=organization_id, year=year,
                             term_id=term_id, status=status)
    return _page(documents, limit, offset)


@router.get("/documents/search/", response=DocumentPage)
def search_documents(request, q: str, limit: int = 20, offset: int = 0):
    return _page(library.find(request.user, q=q), limit, offset)


# --- numbering ----------------------------------------------------------------------------------------------


@router.get("/documents/numbering/next/", response=NextNumberOut)
def next_number(request, organization_id: int, type_id: int, on: datetime.date | None = None,
                congress: bool = False):
    """The number the next document would get (nothing is reserved; numbers are given on issue)."""
    organization = get_object_or_404(Organization, pk=organization_id)
    require_visible(permissions.can_read(request.user, organization), "Không tìm thấy tổ chức.")
    doc_type = get_object_or_404(DocumentType, pk=type_id)
    term = organization.current_term(on or timezone.localdate())
    probe = Document(organization=organization, doc_type=doc_type, congress=congress, term=term)
    key = numbering.sequence_key(probe)
    probe.number = numbering.peek_number(organization, term, key)
    return {"number": probe.number, "label": probe.number_label, "term_id": term.pk if term else None}


# --- documents ----------------------------------------------------------------------------------------------


@router.post("/documents/", response={201: DocumentOut})
def create_document(request, data: DocumentIn):
    organization = get_object_or_404(Organization, pk=data.organization_id)
    require_visible(permissions.can_read(request.user, organization), "Không tìm thấy tổ chức.")
    fields = data.dict()
    del fields["organization_id"]
    return 201, actions.create_document(request.user, organization, fields)


@router.get("/documents/{int:pk}/", response=DocumentOut)
def get_document(request, pk: int):
    return _visible(request, pk)


@router.patch("/documents/{int:pk}/", response=DocumentOut)
def update_document(request, pk: int, data: DocumentPatch):
    document = _managed(request, pk)
    if not document.editable():
        raise ValidationError(actions.ISSUED_NOT_EDITABLE)
    return actions.update_document(request.user, document, data.dict(exclude_unset=True))


@router.post("/documents/{int:pk}/issue/", response=DocumentOut)
def issue_document(request, pk: int, data: IssueIn):
    return actions.issue_document(request.user, _visible(request, pk), on=data.issued_on, number=data.number)


@router.get("/documents/{int:pk}/versions/", response=list[VersionOut])
def list_versions(request, pk: int):
    """The draft history: for the office that manages the document, as on its page."""
    return _managed(request, pk).versions.all()


@router.get("/documents/{int:pk}/docx/")
def download_docx(request, pk: int):
    document = _visible(request, pk)
    response = HttpResponse(generation.build_docx(document), content_type=generation.DOCX_MIME)
    response["Content-Disposition"] = f'attachment; filename="{generation.filename(document, "docx")}"'
    return response


@router.get("/documents/{int:pk}/pdf/")
def download_pdf(request, pk: int):
    """The stored PDF; while it is being made (in the background), 202 with the conversion's progress."""
    from capuy.core.files import download

    document = _visible(request, pk)
    stored = pdf.current_pdf(document)
    if stored is not None:
        return download(stored, generation.filename(document, "pdf"), inline=True)
    previous = document.pdf_job
    job = pdf.request_pdf(document, request.user)
    body = {"detail": "Bản PDF đang được chuẩn bị, vui lòng thử lại sau ít giây.",
            "job": {"id": job.pk, "status": job.status, "done": job.done, "total": job.total, "message": job.message}}
    if previous is not None and previous.status == previous.Status.FAILED:
        body["previous_error"] = previous.error
    response = JsonResponse(body, status=202)
    response["Retry-After"] = "2"
    return response


@router.post("/documents/{int:pk}/attachments/", response={201: AttachmentOut})
def upload_attachment(request, pk: int, file: UploadedFile = File(...)):  # noqa: B008 - ninja's File marker
    return 201, actions.attach_file(request.user, _visible(request, pk), file)


# --- drafting from a conference ------------------------------------------------------------------------------


@router.post("/documents/from-conference/{int:conference_id}/", response={201: list[DocumentOut]})
def draft_from_conference(request, conference_id: int):
    """Draft the minutes, resolution and notice of conclusions of a closed conference (for the office)."""
    conference, _ = conference_access.conference_or_404(request.user, conference_id)
    return 201, actions.draft_from_conference(request.user, conference)


# --- bookmarks ----------------------------------------------------------------------------------------------


@router.get("/documents/bookmarks/", response=list[DocumentSummaryOut])
def list_bookmarks(request):
    return library.visible_documents(request.user).filter(bookmarks__user=request.user).select_related(
        "doc_type", "organization").order_by("-bookmarks__created_at")


@router.put("/documents/{int:pk}/bookmark/", response={204: None})
def add_bookmark(request, pk: int):
    actions.set_bookmark(request.user, _visible(request, pk), True)
    return 204, None


@router.delete("/documents/{int:pk}/bookmark/", response={204: None})
def remove_bookmark(request, pk: int):
    actions.set_bookmark(request.user, _visible(request, pk), False)
    return 204, None


# --- study assignments --------------------------------------------------------------------------------------


def _managed_assignment(request, pk) -> StudyAssignment:
    return access.managed_assignment_or_404(request.user, pk)


def _own_record(request, pk) -> StudyRecord:
    return access.own_record_or_404(request.user, assignment_id=pk)


@router.post("/documents/study-assignments/", response={201: AssignmentOut})
def create_assignment(request, data: AssignmentIn):
    document = references.readable(request.user, Document, data.document_id, "document_id")
    organizations = list(Organization.objects.filter(pk__in=data.organization_ids))
    if len(organizations) != len(set(data.organization_ids)):
        raise ValidationError({"organization_ids": ["Có chi bộ, đảng bộ không tồn tại."]})
    return 201, actions.assign_study(request.user, document, organizations, data.deadline, data.kind, data.note,
                                     data.reflection_required)


@router.get("/documents/study-assignments/", response=list[AssignmentOut])
def list_assignments(request, document_id: int | None = None):
    """Assignments the user's offices made (for members: use /documents/study/mine/)."""
    managed = permissions.readable_organizations(request.user, roles=permissions.MANAGE_ROLES)
    assignments = StudyAssignment.objects.filter(organizations__in=managed).distinct()
    if document_id:
        assignments = assignments.filter(document_id=document_id)
    return assignments.prefetch_related("organizations")


@router.get("/documents/study-assignments/{int:pk}/report/", response=list[CellReportOut])
def assignment_report(request, pk: int):
    assignment = _managed_assignment(request, pk)
    return [{"organization_id": row["organization"].pk, "organization_name": row["organization"].name,
             "total": row["total"], "read": row["read"], "reflections": row["reflections"],
             "done": [_row(r) for r in row["done"]], "pending": [_row(r) for r in row["pending"]]}
            for row in assignment.report()]


@router.get("/documents/study/mine/", response=list[RecordOut])
def my_study(request):
    if not request.user.person_id:
        return []
    return StudyRecord.objects.filter(person_id=request.user.person_id).select_related(
        "assignment", "assignment__document", "assignment__document__doc_type",
        "assignment__document__organization").order_by("assignment__deadline")


@router.post("/documents/study-assignments/{int:pk}/read/", response=RecordOut)
def mark_read(request, pk: int):
    return actions.mark_read(request.user, _own_record(request, pk))


@router.post("/documents/study-assignments/{int:pk}/reflection/", response=RecordOut)
def submit_reflection(request, pk: int, data: ReflectionIn):
    return actions.submit_reflection(request.user, _own_record(request, pk), data.text)

