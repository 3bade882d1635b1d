"""Shared test data for the documents app: the base tree of ``CapuyTestCase`` plus document helpers."""

import datetime
from importlib import import_module

from capuy.core.testing import CapuyTestCase
from capuy.documents.models import Authority, Document, DocumentType, Secrecy

D = datetime.date
DEFAULT_DAY = D(2023, 10, 5)
SEEDED = import_module("capuy.documents.migrations.0002_search_and_types").TYPES


def doc_type(symbol, name=None):
    """The seeded type (created again if a transactional test flushed the table)."""
    default = next(n for s, n in SEEDED if s == symbol) if name is None else name
    return DocumentType.objects.get_or_create(symbol=symbol, name=default)[0]


def make_document(organization, symbol="NQ", title="về phát triển kinh tế – xã hội năm 2024", issued_on=None,
                  secrecy=Secrecy.NORMAL, content="", signer=None, user=None, **fields):
    document = Document(doc_type=doc_type(symbol), organization=organization, title=title, content=content,
                        secrecy=secrecy, signer=signer, authority=fields.pop("authority", Authority.STANDING),
                        created_by=user, **fields)
    document.full_clean()
    document.save()
    if issued_on is not None:
        document.issue(user, on=issued_on)
    return document


class DocumentsTestCase(CapuyTestCase):
    """The base tree; Quận ủy Tây Hồ issues documents ("QU"), its term khóa VI runs 2020–2025."""

    def issue(self, symbol="NQ", day=DEFAULT_DAY, organization=None, **fields):
        return make_document(organization or self.district, symbol, issued_on=day,
                             signer=fields.pop("signer", self.secretary), **fields)
