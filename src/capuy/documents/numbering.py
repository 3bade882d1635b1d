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
    with transaction.atomic():
        counter = _locked_counter(document, key)
        counter.last_number += 1
        counter.save(update_fields=["last_number"])
    return counter.last_number, key


NUMBER_REFUSED = "Số văn bản phải là số nguyên dương (từ 1 đến 99999), ví dụ 12."
LARGEST_NUMBER = 99999


def valid_number(number) -> bool:
    """A number a document may be given by hand: a positive whole number up to ``LARGEST_NUMBER``."""
    return isinstance(number, int) and not isinstance(number, bool) and 1 <= number <= LARGEST_NUMBER


PAST_NUMBER_ONLY = ("Chỉ ghi số đã ban hành cho văn bản có ngày ban hành trước hôm nay; văn bản ban hành hôm nay "
                    "nhận số kế tiếp của sổ.")


def record_number(document, number: int, today) -> tuple[int, str]:
    """Record the number a past document was given on paper ("Số 12-NQ/QU"), instead of the register's next one.

    A document recorded after the fact already has its number: giving it the next one of the register would state a
    number nobody wrote (issue 13). Allowed only for a document dated before ``today`` (today's documents take the
    register's next number, so that none is skipped); refused when the sequence (organization, term, type) already
    holds that number. The counter goes up to it at least, so the register never gives it again.
    """
    from django.core.exceptions import ValidationError

    from capuy.documents.models import Document

    if document.issued_on is None or document.issued_on >= today:
        raise ValidationError(PAST_NUMBER_ONLY)
    if not valid_number(number):
        raise ValidationError(NUMBER_REFUSED)
    key = sequence_key(document)
    with transaction.atomic():
        counter = _locked_counter(document, key)
        taken = Document.objects.filter(organization_id=document.organization_id, term_id=document.term_id,
                                        sequence_key=key, number=number).exclude(pk=document.pk)
        if taken.exists():
            raise ValidationError(f"Số {number:02d} đã có văn bản khác trong sổ của nhiệm kỳ này; hãy kiểm tra lại.")
        if number > counter.last_number:
            counter.last_number = number
            counter.save(update_fields=["last_number"])
    return number, key


def _locked_counter(document, key: str) -> NumberCounter:
    counter, _ = NumberCounter.objects.select_for_update().get_or_create(
        scope=_scope(document.organization_id, document.term_id, key),
        defaults={"organization_id": document.organization_id, "term_id": document.term_id, "sequence_key": key},
    )
    return counter
