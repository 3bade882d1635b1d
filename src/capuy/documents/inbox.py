"""What awaits people in the documents app, for the home page (``capuy.core.inbox``).

- Office staff: drafts of their subtree's issuers waiting to be issued: without a signer ("chờ ký") or
  signed off and waiting for a number ("chờ cấp số"; the number is given only on issue,
  ``numbering.issue_number``).
- A person: documents assigned to them to study (học tập, quán triệt) not yet read, or whose required
  reflection (bài thu hoạch) is not yet handed in.
"""

from django.db.models import Q
from django.urls import reverse

from capuy.core.inbox import OFFICE, PERSONAL, ROLE_OFFICE, Block, Item, first
from capuy.core.vietnamese import short_date
from capuy.documents.models import Document, StudyRecord


def blocks(viewer) -> list[Block]:
    result = []
    scope = viewer.subtree_q("organization__", ROLE_OFFICE)
    if scope is not None:
        drafts = Document.objects.filter(scope, status=Document.Status.DRAFT)
        count = drafts.count()
        if count:
            rows = first(drafts.select_related("doc_type", "organization").only(
                "pk", "title", "signer_id", "organization__name", "doc_type__name").order_by("pk"))
            result.append(Block(
                key="van-ban-cho-ban-hanh", section=OFFICE, title="Văn bản chờ ký, chờ cấp số", count=count,
                items=[Item(title=f"{d.doc_type.name} {d.title}", url=d.get_absolute_url(),
                            note=("Chờ cấp số, ban hành" if d.signer_id else "Chưa có người ký")
                            + f" – {d.organization.name}") for d in rows],
                more_url=reverse("documents:index") + "?trang-thai=draft", more_label="Tất cả dự thảo văn bản",
                order=40))
    if viewer.person_id:
        todo = StudyRecord.objects.filter(person_id=viewer.person_id).filter(
            Q(read_at__isnull=True)
            | Q(assignment__reflection_required=True, reflection_submitted_at__isnull=True))
        count = todo.count()
        if count:
            rows = first(todo.select_related("assignment__document__doc_type").order_by("assignment__deadline", "pk"))
            items = []
            for record in rows:
                assignment, document = record.assignment, record.assignment.document
                step = "Chưa đọc" if record.read_at is None else "Chưa nộp bài thu hoạch"
                items.append(Item(
                    title=f"{assignment.get_kind_display()}: {document.doc_type.name} {document.title}",
                    url=reverse("documents:my_study"), when=assignment.deadline,
                    note=f"{step}; hạn {short_date(assignment.deadline, True)}",
                    urgent=assignment.deadline < viewer.today))
            result.append(Block(
                key="hoc-tap", section=PERSONAL, title="Văn bản cần học tập, quán triệt", items=items, count=count,
                more_url=reverse("documents:my_study"), more_label="Học tập của tôi", order=30))
    return result
