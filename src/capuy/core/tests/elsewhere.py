"""Records of another ward and another province, every text marked, beside the Quảng An ward's own records.

The access tests ask for the marked records through every page, operation and id field, as the Quảng An
office or one of its members, and check that the marker never comes back; the ward's own records fill the
addresses and id fields that must be accepted, so that a refusal comes from the one id that changed.
"""

import datetime

from capuy.conferences.models import AgendaItem, Conference
from capuy.core.testing import make_person
from capuy.documents.models import Document, DocumentType
from capuy.organizations.models import Body, Organization, Term
from capuy.tasks.models import Task

MARKER = "BÍ MẬT NƠI KHÁC"
D = datetime.date


def foreign_records(case) -> dict:
    """Another province and a person in it; another ward's term, body, member, conference, item, document, task."""
    province = Organization.objects.create(kind=Organization.Kind.PROVINCE, name=f"Đảng bộ tỉnh {MARKER}",
                                           issuer_symbol="TU")
    term = Term.objects.create(organization=case.other_ward, congress_number=1, start_year=2020, end_year=2025,
                               start_date=D(2020, 1, 1))
    body = Body.objects.create(organization=case.other_ward, term=term, kind=Body.Kind.EXECUTIVE)
    stranger = make_person(f"Người {MARKER}", province, [f"Chức danh {MARKER}"], card="09000001")
    neighbour = make_person(f"Láng giềng {MARKER}", case.other_cell, card="09000002")
    conference = Conference.objects.create(body=body, date=D(2023, 10, 5), subject=f"Hội nghị {MARKER}")
    item = AgendaItem.objects.create(conference=conference, order=1, kind=AgendaItem.Kind.REPORT,
                                     title=f"Nội dung {MARKER}", presenter=neighbour)
    doc_type, _ = DocumentType.objects.get_or_create(symbol="NQ", defaults={"name": "Nghị quyết"})
    document = Document.objects.create(doc_type=doc_type, organization=case.other_ward, term=term,
                                       title=f"về {MARKER}", content=MARKER)
    task = Task.objects.create(organization=case.other_ward, lead_organization=case.other_ward,
                               title=f"Nhiệm vụ {MARKER}", start_date=D(2024, 1, 1), deadline=D(2024, 12, 31))
    return {"province": province, "term": term, "body": body, "stranger": stranger, "neighbour": neighbour,
            "conference": conference, "item": item, "doc_type": doc_type, "document": document, "task": task}


def own_records(case, doc_type) -> dict:
    """The Quảng An ward's own term (2020–2025, ended), body, invited conference with an item, document, task."""
    term = Term.objects.create(organization=case.ward, congress_number=1, start_year=2020, end_year=2025,
                               start_date=D(2020, 1, 1), end_date=D(2025, 7, 31))
    body = Body.objects.create(organization=case.ward, term=term, kind=Body.Kind.EXECUTIVE)
    conference = Conference.objects.create(body=body, date=D(2023, 10, 5), subject="Hội nghị phường",
                                           status=Conference.Status.INVITED)
    item = AgendaItem.objects.create(conference=conference, order=1, kind=AgendaItem.Kind.REPORT, title="Báo cáo")
    document = Document.objects.create(doc_type=doc_type, organization=case.ward, term=term,
                                       title="về công tác phường")
    task = Task.objects.create(organization=case.ward, lead_organization=case.ward, title="Nhiệm vụ phường",
                               start_date=D(2024, 1, 1), deadline=D(2024, 12, 31))
    return {"term": term, "body": body, "conference": conference, "item": item, "document": document, "task": task}
