"""Who may read and change documents: one place for pages, the API and the actions.

Reading follows ``DocumentQuerySet.visible_to`` (secret documents only for those cleared); changing is for
the office of the issuing organization.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from capuy.accounts import permissions
from capuy.documents import library
from capuy.documents.models import Document, StudyAssignment, StudyRecord

NOT_FOUND = "Không tìm thấy văn bản."
MANAGE_REFUSED = "Chỉ văn phòng cấp ủy ban hành mới được thay đổi văn bản này."
ASSIGNMENT_NOT_FOUND = "Không tìm thấy đợt học tập."
NOT_ASSIGNED = "Bạn không được giao học tập văn bản này."
ASSIGNMENT_REFUSED = "Chỉ văn phòng cấp ủy giao học tập mới được xem kết quả của đợt này."


def readable(user):
    """The documents ``user`` may read."""
    return library.visible_documents(user)


def can_read(user, document: Document) -> bool:
    return readable(user).filter(pk=document.pk).exists()


def document_or_404(user, pk) -> Document:
    document = readable(user).filter(pk=pk).first()
    if document is None:
        raise Http404(NOT_FOUND)
    return document


def check_manage(user, document: Document) -> Document:
    """``document`` if ``user`` may change it: 404 when unreadable, 403 when only readable."""
    if not can_read(user, document):
        raise Http404(NOT_FOUND)
    if not permissions.can_manage(user, document.organization):
        raise PermissionDenied(MANAGE_REFUSED)
    return document


def managed_or_404(user, pk) -> Document:
    return check_manage(user, document_or_404(user, pk))


def managed_assignment_or_404(user, pk) -> StudyAssignment:
    """A study assignment whose report ``user`` may read: every organization it covers is managed by them."""
    assignment = StudyAssignment.objects.select_related("document").filter(pk=pk).first()
    organizations = list(assignment.organizations.all()) if assignment else []
    if not any(permissions.can_read(user, o) for o in organizations):
        raise Http404(ASSIGNMENT_NOT_FOUND)
    if not all(permissions.can_manage(user, o) for o in organizations):
        raise PermissionDenied(ASSIGNMENT_REFUSED)
    return assignment


def own_record_or_404(user, **lookup) -> StudyRecord:
    """The caller's own study record (``lookup`` picks it: ``pk=`` on pages, ``assignment_id=`` in the API)."""
    record = StudyRecord.objects.select_related("assignment", "assignment__document").filter(
        person_id=user.person_id, **lookup).first() if user.person_id else None
    if record is None:
        raise Http404(NOT_ASSIGNED)
    return record
