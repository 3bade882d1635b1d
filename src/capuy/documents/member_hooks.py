"""What the documents app adds to the member's own page (``capuy.members.hooks``): documents to read."""

from django.urls import reverse

from capuy.core.vietnamese import numeric_date


def member_page_section(person, user) -> dict | None:
    from capuy.documents.models import StudyRecord

    records = list(StudyRecord.objects.filter(person=person)
                   .select_related("assignment__document__doc_type", "assignment__document__organization")
                   .order_by("read_at", "assignment__deadline")[:20])
    if not records:
        return None
    items = []
    for record in records:
        assignment, document = record.assignment, record.assignment.document
        if record.read_at:
            note = f"đã đọc {numeric_date(record.read_at.date())}"
        else:
            note = f"{assignment.get_kind_display().lower()}, hạn {numeric_date(assignment.deadline)}"
            if assignment.is_overdue:
                note += " (quá hạn)"
        items.append({"title": f"{document.number_label} – {document.doc_type.name} {document.title}",
                      "url": document.get_absolute_url(), "note": note})
    return {"title": "Văn bản được giao đọc, học tập", "template": "documents/_member_section.html",
            "context": {"items": items, "more": reverse("documents:my_study")}, "order": 20}
