"""The number register (sổ đăng ký văn bản đi): one function gives every document its number."""

from django.db import transaction

from capuy.documents.models import CONGRESS_SYMBOL, NumberCounter


def sequence_key(document) -> str:
    """Which sequence a document takes its number from: its type's symbol (NQ, QĐ…), or one shared by all congress documents."""
    return CONGRESS_SYMBOL if document.congress else document.doc_type.symbol


def _scope(organization_id, term_id, key) -> str:
    return f"{organization_id}:{term_id or 0}:{key}"


def peek_number(organization, term, key: str) -> int:
    """The number the next document of this sequence would get (nothing is reserved)."""
    counter = NumberCounter.objects.filter(scope=_scope(organization.pk, term.pk if term else None, key)).first()
    return (counter.last_number if counter else 0) + 1


def issue_number(document) -> tuple[int, str]:
    """Give ``document`` the next number of its sequence and return ``(number, sequence_key)``.

    The rule (Hướng dẫn 36-HD/VPTW on the format of Party documents, numbering of documents):
    - documents are numbered per issuing organization (Quận ủy, Đảng ủy…), per document type and per
      committee term: the sequence restarts at 01 with each term;
    - secret documents share the sequence of ordinary ones (no separate register);
    - all documents of a congress share one sequence across types ("…/ĐH");
    - a number, once given, is never given again: the counter only goes up, and a document keeps its
      number when it is superseded.

    Issuing is atomic: the counter row is locked with ``SELECT … FOR UPDATE`` on PostgreSQL (on SQLite,
    whose transactions start IMMEDIATE in capuy's settings, the write lock serialises them), so two
    offices issuing at the same moment never get the same number. Call it inside the transaction that
    saves the document, so a failure rolls the counter back with it.
    """
    key = sequence_key(document)
    scope = _scope(document.organization_id, document.term_id, key)
    with transaction.atomic():
        counter, _ = NumberCounter.objects.select_for_update().get_or_create(
            scope=scope,
            defaults={"organization_id": document.organization_id, "term_id": document.term_id, "sequence_key": key},
        )
        counter.last_number += 1
        counter.save(update_fields=["last_number"])
    return counter.last_number, key
