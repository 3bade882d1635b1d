"""What the office is asked before issuing a document and giving it its number (``capuy.core.confirm``)."""

from django.utils import timezone

from capuy.core import confirm
from capuy.documents.numbering import peek_number, sequence_key


def ask_issue(request, document, written: int | None = None):
    # The same term as ``Document.issue`` will choose: the draft's, if it covers the issue date.
    day = document.issued_on or timezone.localdate()
    term = document.term if document.term_id and document.term.covers(day) else document.organization.current_term(day)
    number = written or peek_number(document.organization, term, sequence_key(document))
    label = f"{number:02d}-{document.doc_type.symbol}/{document.issuer_symbol}"
    given = (f"Văn bản được ghi số {label} như đã ban hành ngày {day:%d/%m/%Y}." if written else
             f"Văn bản sẽ được cấp số {label} (số đã cấp không thu hồi, không cấp lại).")
    return confirm.ask(
        request, title="Xác nhận ban hành văn bản",
        question=f"Ban hành {document.doc_type.name.lower()} “{document.title}”?",
        facts=[given, "Sau khi ban hành, văn bản không sửa được nữa."],
        confirm_label="Ban hành và cấp số", cancel_url=document.get_absolute_url())
