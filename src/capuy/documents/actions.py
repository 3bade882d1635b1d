"""What a user can do with documents: one function per action, shared by pages, the API and the demo.

Each checks the caller's right, validates, and writes in one transaction (``capuy.core.actions.action``);
views and API handlers only translate requests and responses, so both refuse alike with the same words.
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from capuy.accounts import permissions
from capuy.core import references
from capuy.core.actions import action
from capuy.documents import access, library, uploads
from capuy.documents.models import Bookmark, Document, DocumentType, StudyAssignment, StudyRecord

DRAFT_REFUSED = "Chỉ văn phòng cấp ủy mới được soạn văn bản của tổ chức này."
ISSUED_NOT_EDITABLE = "Văn bản đã ban hành không được sửa; hãy soạn văn bản thay thế."
CONFERENCE_DRAFT_REFUSED = "Chỉ văn phòng cấp ủy mới được soạn văn bản của hội nghị."
STUDY_REFUSED = "Chỉ văn phòng cấp ủy mới được giao học tập, quán triệt."
TYPE_REFUSED = "Chỉ quản trị hệ thống mới được thêm loại văn bản."


def _checked_references(user, data: dict) -> dict:
    """Turn ``*_id`` keys (from the API) into model fields, refusing what does not exist or the caller may
    not name: the same choices as the drafting form (signers and bodies of managed organizations, documents
    the caller may read). Model instances (from the form, already limited to those choices) pass as they are."""
    from capuy.organizations.models import Body, Person, Term

    if data.get("signer_id") is not None:
        references.readable(user, Person, data["signer_id"], "signer_id", within=library.possible_signers(user))
    if data.get("body_id") is not None:
        references.readable(user, Body, data["body_id"], "body_id", within=library.possible_bodies(user))
    if data.get("term_id") is not None:
        terms = Term.objects.filter(organization__in=permissions.readable_organizations(user))
        references.readable(user, Term, data["term_id"], "term_id", within=terms)
    if data.get("replaces_id") is not None:
        references.readable(user, Document, data["replaces_id"], "replaces_id")
    if data.get("type_id") is not None:
        references.readable(user, DocumentType, data["type_id"], "type_id", within=DocumentType.objects.all())
    mapping = {"type_id": "doc_type_id"}
    return {mapping.get(k, k): v for k, v in data.items()}


def _save(document: Document, user, note: str) -> Document:
    document.full_clean()
    document.save()
    document.snapshot(user, note)
    return document


@action("Soạn dự thảo văn bản", page="documents:create", api="api:create_document")
def create_document(user, organization, fields: dict) -> Document:
    """Save a new draft of ``organization`` with ``fields`` (the form's cleaned data or the API's payload)."""
    if not permissions.can_read(user, organization):
        raise Http404("Không tìm thấy tổ chức.")
    if not permissions.can_manage(user, organization):
        raise PermissionDenied(DRAFT_REFUSED)
    document = Document(organization=organization, created_by=user, **_checked_references(user, fields))
    return _save(document, user, "Tạo dự thảo")


@action("Sửa dự thảo văn bản", page="documents:edit", api="api:update_document")
def update_document(user, document: Document, fields: dict | None = None) -> Document:
    """Change a draft (``fields`` from the API; the page's form has already set them); an issued document
    is never edited: a replacing document is drafted instead."""
    access.check_manage(user, document)
    if not Document.objects.filter(pk=document.pk, status=Document.Status.DRAFT).exists():
        raise ValidationError(ISSUED_NOT_EDITABLE)
    for name, value in _checked_references(user, fields or {}).items():
        setattr(document, name, value)
    return _save(document, user, "Sửa dự thảo")


@action("Ban hành văn bản", page="documents:issue", api="api:issue_document")
def issue_document(user, document: Document, on: datetime.date | None = None, number: int | None = None) -> Document:
    """Issue a draft with the register's next number, or, for a document of a past date, the ``number`` written on
    it (``numbering.record_number``)."""
    access.check_manage(user, document)
    return document.issue(user, on=on, number=number)


@action("Đính kèm tệp vào văn bản", page="documents:upload", api="api:upload_attachment")
def attach_file(user, document: Document, uploaded):
    """Keep ``uploaded`` with the document after checking its content (``documents.uploads``)."""
    access.check_manage(user, document)
    return uploads.attach(document, uploaded, user)


@action("Soạn biên bản, nghị quyết, thông báo kết luận từ hội nghị", page="documents:from_conference",
        api="api:draft_from_conference")
def draft_from_conference(user, conference) -> list[Document]:
    from capuy.conferences import access as conference_access
    from capuy.documents.drafting import draft_from_conference as draft

    conference_access.check_read(user, conference)
    if not conference_access.can_manage(user, conference):
        raise PermissionDenied(CONFERENCE_DRAFT_REFUSED)
    return draft(conference, user)


@action("Đánh dấu hoặc bỏ đánh dấu văn bản", page="documents:bookmark",
        api=("api:add_bookmark", "api:remove_bookmark"))
def set_bookmark(user, document: Document, marked: bool) -> bool:
    if not access.can_read(user, document):
        raise Http404(access.NOT_FOUND)
    if marked:
        Bookmark.objects.get_or_create(user=user, document=document)
    else:
        Bookmark.objects.filter(user=user, document=document).delete()
    return marked


@action("Giao học tập, quán triệt văn bản", page="documents:assign_study", api="api:create_assignment")
def assign_study(user, document: Document, organizations, deadline, kind=StudyAssignment.Kind.STUDY, note="",
                 reflection_required=False) -> StudyAssignment:
    if not access.can_read(user, document):
        raise Http404(access.NOT_FOUND)
    if not permissions.readable_organizations(user, roles=permissions.MANAGE_ROLES).exists():
        raise PermissionDenied(STUDY_REFUSED)
    for organization in organizations:
        if not permissions.can_read(user, organization):
            raise Http404("Không tìm thấy tổ chức.")
        if not permissions.can_manage(user, organization):
            raise PermissionDenied(f"Bạn không có quyền giao học tập cho {organization.name}.")
    return StudyAssignment.assign(document, organizations, deadline, kind, user, note, reflection_required)


def _own(user, record: StudyRecord) -> StudyRecord:
    if not user.person_id or record.person_id != user.person_id:
        raise Http404(access.NOT_ASSIGNED)
    return record


@action("Xác nhận đã đọc văn bản được giao học tập", page="documents:mark_read", api="api:mark_read")
def mark_read(user, record: StudyRecord) -> StudyRecord:
    return _own(user, record).mark_read()


@action("Nộp bài thu hoạch", page="documents:reflect", api="api:submit_reflection")
def submit_reflection(user, record: StudyRecord, text: str) -> StudyRecord:
    return _own(user, record).submit_reflection(text)


@action("Thêm loại văn bản", api="api:create_type")
def create_type(user, symbol: str, name: str, order: int = 0) -> DocumentType:
    if not permissions.is_admin(user):
        raise PermissionDenied(TYPE_REFUSED)
    doc_type = DocumentType(symbol=symbol, name=name, order=order)
    doc_type.full_clean()
    doc_type.save()
    return doc_type
