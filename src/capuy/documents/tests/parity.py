"""Parity cases of the documents actions (run by ``core/tests/test_action_parity.py``)."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from capuy.core.tests.parity import Scenario
from capuy.documents import access, actions
from capuy.documents.models import StudyAssignment
from capuy.documents.tests.helpers import DEFAULT_DAY, doc_type, make_document


def _later():
    return timezone.localdate() + datetime.timedelta(days=30)


def _draft(t):
    return make_document(t.district, signer=t.secretary, user=t.district_staff)


def create_document(t):
    fields = {"title": "về công tác xây dựng Đảng", "content": "Đoạn một.", "authority": "tm_bch",
              "secrecy": "thuong", "recipients": "- Lưu VP."}
    page = {**fields, "doc_type": doc_type("NQ").pk, "organization": t.district.pk, "signer": t.secretary.pk}
    api = {**fields, "type_id": doc_type("NQ").pk, "organization_id": t.district.pk, "signer_id": t.secretary.pk}
    url = reverse("documents:create")
    return [Scenario(t.committee_member, url, ("post", "/documents/"), page, api, refused=actions.DRAFT_REFUSED),
            Scenario(t.district_staff, url, ("post", "/documents/"), page, api)]


def update_document(t):
    issued = make_document(t.district, signer=t.secretary, issued_on=DEFAULT_DAY)
    return [Scenario(t.district_staff, reverse("documents:edit", args=[issued.pk]), ("patch", f"/documents/{issued.pk}/"),
                     {"title": "khác"}, {"title": "khác"}, refused=actions.ISSUED_NOT_EDITABLE),
            Scenario(t.committee_member, reverse("documents:edit", args=[issued.pk]),
                     ("patch", f"/documents/{issued.pk}/"), {"title": "khác"}, {"title": "khác"},
                     refused=access.MANAGE_REFUSED)]


def issue_document(t):
    draft = _draft(t)
    url, api = reverse("documents:issue", args=[draft.pk]), ("post", f"/documents/{draft.pk}/issue/")
    return [Scenario(t.committee_member, url, api, refused=access.MANAGE_REFUSED),
            Scenario(t.district_staff, url, api)]


def attach_file(t):
    draft = _draft(t)
    url, api = reverse("documents:upload", args=[draft.pk]), ("post", f"/documents/{draft.pk}/attachments/")

    def not_a_pdf():
        return {"file": SimpleUploadedFile("bao-cao.pdf", b"just text, not a PDF", "application/pdf")}

    return [Scenario(t.committee_member, url, api, not_a_pdf(), api_files=not_a_pdf(), refused=access.MANAGE_REFUSED)]


def draft_from_conference(t):
    return [Scenario(t.district_staff, reverse("documents:from_conference", args=[999999]),
                     ("post", "/documents/from-conference/999999/"), refused="Không tìm thấy hội nghị.")]


def set_bookmark(t):
    draft = _draft(t)
    return [Scenario(t.district_staff, reverse("documents:bookmark", args=[draft.pk]),
                     ("put", f"/documents/{draft.pk}/bookmark/")),
            Scenario(t.district_staff, reverse("documents:bookmark", args=[999999]),
                     ("put", "/documents/999999/bookmark/"), refused=access.NOT_FOUND)]


def assign_study(t):
    document = make_document(t.district, signer=t.secretary, issued_on=DEFAULT_DAY)
    page = {"kind": StudyAssignment.Kind.STUDY, "organizations": [t.ward.pk], "deadline": _later().isoformat()}
    api = {"document_id": document.pk, "organization_ids": [t.ward.pk], "deadline": _later().isoformat()}
    url = reverse("documents:assign_study", args=[document.pk])
    return [Scenario(t.committee_member, url, ("post", "/documents/study-assignments/"), page, api,
                     refused=actions.STUDY_REFUSED),
            Scenario(t.district_staff, url, ("post", "/documents/study-assignments/"), page, api)]


def _record(t):
    document = make_document(t.district, signer=t.secretary, issued_on=DEFAULT_DAY)
    assignment = StudyAssignment.assign(document, [t.ward], _later(), user=t.district_staff)
    return assignment, assignment.records.get(person=t.member_person)


def mark_read(t):
    assignment, record = _record(t)
    return [Scenario(t.party_member, reverse("documents:mark_read", args=[record.pk]),
                     ("post", f"/documents/study-assignments/{assignment.pk}/read/")),
            Scenario(t.district_staff, reverse("documents:mark_read", args=[record.pk]),
                     ("post", f"/documents/study-assignments/{assignment.pk}/read/"), refused=access.NOT_ASSIGNED)]


def submit_reflection(t):
    assignment, record = _record(t)
    url, api = reverse("documents:reflect", args=[record.pk]), (
        "post", f"/documents/study-assignments/{assignment.pk}/reflection/")
    return [Scenario(t.party_member, url, api, {"text": "Bài thu hoạch"}, {"text": "Bài thu hoạch"}),
            Scenario(t.party_member, url, api, {"text": " "}, {"text": " "},
                     refused="Bài thu hoạch không được để trống.")]


CASES = {f"documents.{f.__name__}": f for f in (
    create_document, update_document, issue_document, attach_file, draft_from_conference, set_bookmark,
    assign_study, mark_read, submit_reflection)}
