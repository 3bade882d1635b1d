"""Every id field of every API write refuses a record the caller may not read, and writes nothing.

The operations and their fields come from /api/openapi.json, so a new endpoint or field is covered without
writing a test: a field whose kind of record is not known here fails the test until it is named below.
Each write has a valid body below (``VALID``; a write with id fields and no entry fails the test): first it
is sent as it is, with the ward office's own records in every id field, and must be accepted, which shows
that a later refusal comes from the one field changed. Then, for each id field in turn, a record of another
ward or province goes in that field: the answer must be a 4xx, the history of changes must not grow (every
write of capuy's records is recorded there), and the other ward's marker must not come back. Each request
runs in a savepoint that is rolled back, so the writes do not depend on one another.
"""

import datetime
import json
import re

from django.db import transaction
from django.utils import timezone

from capuy.api import api
from capuy.conferences.imported import ImportedReport
from capuy.conferences.models import Conference, Invitation, SpeakerRequest
from capuy.core.models import HistoryEntry
from capuy.core.testing import CapuyTestCase
from capuy.core.tests.elsewhere import MARKER, foreign_records, own_records
from capuy.documents.models import Document
from capuy.members.models import CriteriaList, Rating, RatingCampaign
from capuy.organizations.models import BodyMembership, Organization
from capuy.portal.models import Article, Category
from capuy.targets.models import Indicator
from capuy.voting.models import Candidate, Election

D = datetime.date
# Registrations of difficult tasks close on 31 January: the valid body registers for next year.
NEXT_YEAR = datetime.date.today().year + 1

# Field name → kind of record it refers to. ``(path prefix, field)`` entries override by address.
KINDS = {
    "organization_id": "organization", "parent_id": "organization", "lead_organization_id": "organization",
    "merged_into_id": "organization", "to_organization_id": "organization", "issuer_organization_id": "organization",
    "from_organization_id": "organization", "organization_ids": "organization",
    "person_id": "person", "presenter_id": "person", "speaker_id": "person", "signer_id": "person",
    "responsible_id": "person", "chair_ids": "person",
    "member_id": "member", "term_id": "term", "body_id": "body", "conference_id": "conference",
    "agenda_item_id": "item", "item_id": "item", "document_id": "document", "replaces_id": "document",
    "rating_id": "rating", "criteria_list_id": "criteria_list", "candidate_ids": "candidate",
    ("/api/tasks/", "parent_id"): "task", "pending_id": "imported_report",
    "request_id": "speaker_request", "request_ids": "speaker_request", "cell_id": "cell",
    "cell_ids": "cell", "person_ids": "person", "target_id": "organization",
}
# Fields that refer to records every signed-in user may read (shared catalogues), with the reason.
SHARED = {
    "type_id": "loại văn bản: danh mục chung",
    "category_id": "chuyên mục của cổng thông tin: danh mục chung",
    "indicator_id": "chỉ tiêu: danh mục chung, quyền nằm ở tổ chức báo cáo",
    "numerator_id": "chỉ tiêu: danh mục chung", "denominator_id": "chỉ tiêu: danh mục chung",
    "weight_id": "chỉ tiêu: danh mục chung", "indicator_ids": "chỉ tiêu: danh mục chung",
    "reporter_ids": "tổ chức báo cáo chỉ tiêu: chỉ quản trị hệ thống tạo chỉ tiêu",
}
# (method, path, field) whose foreign value is lawful, with the reason.
LAWFUL = {
    ("post", "/api/members/{pk}/transfers/", "to_organization_id"):
        "chuyển sinh hoạt đảng đi tổ chức khác: nơi đến thuộc quyền của cấp nhận, không của nơi đi",
}


# A valid body for each write that takes ids, without its id fields (filled with the ward's own records),
# and the kind of the record in its address when that is not the segment before it.
VALID = {
    ("post", "/api/organizations/"): {"kind": "cell", "name": "Chi bộ mới"},
    ("patch", "/api/organizations/{pk}/"): {"name": "Đảng bộ phường Quảng An"},
    ("post", "/api/organizations/{pk}/dissolve/"): {"date": "2025-07-01"},
    ("post", "/api/terms/"): {"congress_number": 2, "start_year": 2025, "end_year": 2030, "start_date": "2025-08-01"},
    ("patch", "/api/terms/{pk}/"): {"congress_number": 1, "start_year": 2020, "end_year": 2025,
                                    "start_date": "2020-01-02", "end_date": "2025-07-31"},
    ("post", "/api/bodies/"): {"kind": "btv"},
    ("post", "/api/memberships/"): {"role": "uy_vien", "start_date": "2021-01-01"},
    ("post", "/api/people/"): {"full_name": "Trần Văn Mới", "gender": "", "email": "", "phone": "", "titles": []},
    ("post", "/api/members/{pk}/transfers/"): {"date": "2024-05-01"},
    ("post", "/api/members/"): {"full_name": "Đinh Văn Hải", "admission_date": "2015-05-19", "card_number": ""},
    ("patch", "/api/members/{pk}/"): {"phone": "0912345678"},
    ("post", "/api/organizations/{pk}/move/"): {"date": "2025-07-01"},
    ("post", "/api/members/opinions/"): {"subject": "Góp ý", "text": "Nội dung góp ý"},
    ("post", "/api/members/campaigns/"): {"year": 2023},
    ("post", "/api/members/campaigns/{pk}/decisions/"): {"decisions": [{"level": "tot"}]},
    ("post", "/api/members/commendations/"): {"form": "giay_khen", "issuer": "Đảng ủy phường", "decision_number":
                                              "12-QĐ/ĐU", "decision_date": "2024-01-02"},
    ("post", "/api/members/criteria-lists/"): {"name": "Tiêu chí mới", "subject": "members", "criteria": ["Một"]},
    ("post", "/api/members/criteria-results/"): {"year": 2024, "met": []},
    ("post", "/api/conferences/"): {"date": "2024-03-05", "start_time": None},
    ("patch", "/api/conferences/{pk}/"): {"venue": "Hội trường", "start_time": None},
    ("post", "/api/conferences/{pk}/control/"): {"action": "goto"},
    ("post", "/api/conferences/{pk}/agenda/"): {"title": "Báo cáo mới", "planned_minutes": None},
    ("patch", "/api/conferences/{pk}/agenda/{item_id}/"): {"title": "Báo cáo mới", "planned_minutes": None},
    ("post", "/api/conferences/{pk}/invitations/"): {"title": ""},
    ("post", "/api/conferences/{pk}/attendance/"): {"action": "check_in"},
    ("post", "/api/conferences/{pk}/speeches/"): {"kind": "tham_luan", "summary": "Tóm tắt"},
    ("post", "/api/conferences/{pk}/speakers/"): {"topic": "Xin phát biểu"},
    ("post", "/api/conferences/{pk}/drafts/"): {"title": "Dự thảo", "text": "Nội dung", "comment_deadline": None},
    ("post", "/api/voting/votes/"): {"subject": "Lấy phiếu tín nhiệm", "kind": "confidence", "method": "secret",
                                     "base_kind": "body", "subjects": [{"position": "Bí thư"}]},
    ("post", "/api/voting/conferences/{conference_id}/tellers/"): {},
    ("post", "/api/voting/elections/"): {"title": "Bầu Ban Thường vụ", "seats": 1},
    ("post", "/api/voting/elections/{pk}/candidates/"): {"agreeing": None},
    ("post", "/api/voting/elections/{pk}/rounds/"): {},
    ("post", "/api/documents/"): {"title": "về công tác mới"},
    ("patch", "/api/documents/{pk}/"): {"title": "về công tác phường năm 2024", "congress": False,
                                        "deputy_signs": False},
    ("post", "/api/documents/study-assignments/"): {"deadline": "2030-01-01"},
    ("post", "/api/targets/indicators/"): {"code": "CT-MOI", "name": "Chỉ tiêu mới", "unit": "tỷ đồng"},
    ("post", "/api/targets/targets/"): {"year": 2024, "period_kind": "year", "period_number": 0, "value": "10"},
    ("post", "/api/targets/results/"): {"period_kind": "year", "year": 2024, "period_number": 0, "value": "10",
                                        "unit": None},
    ("post", "/api/tasks/"): {"title": "Nhiệm vụ mới", "start_date": "2024-01-01", "deadline": "2024-12-31"},
    ("patch", "/api/tasks/{task_id}/"): {"title": "Nhiệm vụ phường năm 2024"},
    ("post", "/api/tasks/registrations/"): {"year": NEXT_YEAR, "content": "Việc khó", "expected_result": "Xong",
                                            "deadline": f"{NEXT_YEAR}-12-31", "milestones": []},
    ("post", "/api/tasks/registrations/approve/"): {"year": 2024, "approved_on": "2024-02-01"},
    ("post", "/api/conferences/past/"): {
        "date": "2021-06-10", "body_kind": "bch", "number": 7, "start_time": None, "end_time": None,
        "chairs": [{"title": "Bí thư Đảng ủy phường"}], "attendees": [{"title": ""}],
        "speeches": [{"kind": "tham_luan", "summary": "Tóm tắt"}],
        "references": [{"kind": "Quy định", "number": "12-QĐ/TW", "issuer": "Trung ương", "issued_on": None}],
        "awards": []},
    ("patch", "/api/conferences/{pk}/past/"): {"venue": "Hội trường phường", "number": None},
    ("post", "/api/conferences/{pk}/past/people/"): {"chairs": [{"title": "Bí thư Đảng ủy phường"}],
                                                     "add": [{"title": ""}], "remove": []},
    ("post", "/api/conferences/imports/confirm"): {"source_text": "Bản tin", "extracted": {}, "people": [],
                                                   "figures": [], "task_deadline": None, "session": None},
    ("post", "/api/portal/editor/articles/"): {"title": "Tin mới", "slug": "tin-moi", "published_at": None, "tags": []},
    ("patch", "/api/portal/editor/articles/{pk}/"): {"title": "Tin phường mới", "published_at": None},
}
# Writes whose valid body cannot be accepted from this fixture alone; their refusals are still checked.
NOT_ACCEPTED_HERE = {
    ("post", "/api/conferences/{pk}/control/"): "điều hành hội nghị chỉ khi hội nghị đang diễn ra",
    ("post", "/api/conferences/{pk}/speakers/"): "đăng ký phát biểu là việc của đại biểu được mời, không của văn phòng",
    ("post", "/api/tasks/registrations/approve/"): "cần một bản đăng ký đang chờ phê duyệt",
    ("post", "/api/conferences/imports/confirm"): "cần một bản tin đã đọc và một bản ghi chờ xác nhận",
}
# Writes to records that stay out of the history on purpose (voting's allow-list keeps the counting board out).
UNRECORDED = {("post", "/api/voting/conferences/{conference_id}/tellers/"): "tổ kiểm phiếu: ngoài lịch sử thay đổi"}
# Addresses whose record is not the usual kind of the segment before them.
ADDRESS_OWN = {"/api/conferences/{pk}/past/": "past_conference", "/api/conferences/{pk}/past/people/": "past_conference", "/api/organizations/{pk}/move/": "organization"}
ADDRESS_KINDS = {"members": "member", "campaigns": "campaign", "elections": "election", "articles": "article",
                 "organizations": "cell", "agenda": "item"}
# The own record for a field at one address when it is not the field's usual kind.
FIELD_OWN = {
    ("/api/organizations/{pk}/dissolve/", "merged_into_id"): "cell2",
    ("/api/organizations/{pk}/move/", "target_id"): "cell2",
    ("/api/organizations/{pk}/move/", "person_ids"): "person2",
    ("/api/organizations/{pk}/", "parent_id"): "organization",
    ("/api/voting/elections/{pk}/candidates/", "person_id"): "person2",
    ("/api/documents/study-assignments/", "document_id"): "issued_document",
    ("/api/documents/study-assignments/", "organization_ids"): "cell",
    ("/api/documents/", "replaces_id"): "issued_document",
    ("/api/documents/{pk}/", "replaces_id"): "issued_document",
    ("/api/memberships/", "person_id"): "person2",
    ("/api/conferences/{pk}/invitations/", "person_id"): "person2",
}
# Fields of which a body names only one: the first is sent in the valid body, the one changed replaces it.
ONE_OF = {
    ("post", "/api/members/commendations/"): ("person_id", "organization_id"),
    ("post", "/api/members/criteria-results/"): ("member_id", "organization_id"),
}


def _resolve(schema, components):
    if "$ref" in schema:
        return _resolve(components[schema["$ref"].rsplit("/", 1)[-1]], components)
    if "anyOf" in schema:
        return _resolve(next((s for s in schema["anyOf"] if s.get("type") != "null"), schema["anyOf"][0]), components)
    return schema


def _id_fields(schema, components, depth=0):
    """Names of the id fields in ``schema``, its nested objects and the items of its lists."""
    schema = _resolve(schema, components)
    if "items" in schema:
        return _id_fields(schema["items"], components, depth + 1) if depth < 4 else set()
    found = set()
    for name, sub in schema.get("properties", {}).items():
        if name.endswith(("_id", "_ids")):
            found.add(name)
        elif depth < 4:
            found |= _id_fields(sub, components, depth + 1)
    return found


def _merge(example, valid):
    """``example`` with the values of ``valid`` laid over it (dicts key by key, lists item by item)."""
    if isinstance(example, dict) and isinstance(valid, dict):
        return {**example, **{k: _merge(example.get(k), v) for k, v in valid.items()}}
    if isinstance(example, list) and isinstance(valid, list) and example and valid:
        return [_merge(example[0], v) for v in valid]
    return valid


def _said(response) -> str:
    try:
        return json.dumps(response.json(), ensure_ascii=False)[:300]
    except ValueError:
        return response.content.decode("utf-8", "replace")[:300]


def kind_of(path: str, field: str) -> str | None:
    for key, kind in KINDS.items():
        if isinstance(key, tuple) and path.startswith(key[0]) and field == key[1]:
            return kind
    return KINDS.get(field)


class ReferenceFieldTests(CapuyTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        f = foreign_records(cls)
        province, term, body, stranger, neighbour, conference, item, doc_type, document, task = (
            f[k] for k in ("province", "term", "body", "stranger", "neighbour", "conference", "item", "doc_type",
                           "document", "task"))
        campaign = RatingCampaign.objects.create(organization=cls.other_ward, year=2024)
        rating = Rating.objects.create(campaign=campaign, member=neighbour.party_member)
        criteria = CriteriaList.objects.create(name=f"Tiêu chí {MARKER}", subject=CriteriaList.Subject.MEMBERS,
                                               organization=cls.other_ward)
        election = Election.objects.create(conference=conference, agenda_item=item, title=f"Bầu {MARKER}", seats=1)
        candidate = Candidate.objects.create(election=election, person=neighbour)
        speaker_request = SpeakerRequest.objects.create(conference=conference, agenda_item=item, person=neighbour,
                                                        order=1)
        foreign_import = ImportedReport.objects.create(source_text=f"Bản tin {MARKER}", organization=cls.other_ward)
        cls.foreign = {
            "organization": [province.pk, cls.other_ward.pk], "person": [stranger.pk, neighbour.pk],
            "member": [neighbour.party_member.pk], "term": [term.pk], "body": [body.pk],
            "conference": [conference.pk], "item": [item.pk], "document": [document.pk], "task": [task.pk],
            "rating": [rating.pk], "criteria_list": [criteria.pk], "candidate": [candidate.pk],
            "imported_report": [foreign_import.pk], "speaker_request": [speaker_request.pk],
            "cell": [cls.other_cell.pk],
        }
        o = own_records(cls, doc_type)
        own_term, own_body, own_conference, own_item, own_document, own_task = (
            o[k] for k in ("term", "body", "conference", "item", "document", "task"))
        cell2 = Organization.objects.create(parent=cls.ward, kind=Organization.Kind.CELL, name="Chi bộ tổ dân phố số 2")
        BodyMembership.objects.create(body=own_body, person=cls.member_person, start_date=D(2020, 1, 1))
        Invitation.objects.create(conference=own_conference, person=cls.member_person, sent_at=timezone.now())
        issued = Document.objects.create(doc_type=doc_type, organization=cls.ward, term=own_term, title="về học tập",
                                         signer=cls.member_person, authority="tm_bch", signer_position="Bí thư")
        issued.issue(cls.ward_staff, on=D(2024, 1, 5))
        indicator = Indicator.objects.create(code="THU-NS", name="Thu ngân sách", unit="tỷ đồng")
        indicator.reporters.add(cls.ward)
        past = Conference.objects.create(body=own_body, date=D(2021, 6, 10), subject="Hội nghị sơ kết",
                                         recorded_after=True, status=Conference.Status.CLOSED)
        own_campaign = RatingCampaign.objects.create(organization=cls.ward, year=2024)
        own_rating = Rating.objects.create(campaign=own_campaign, member=cls.member_person.party_member,
                                           step=Rating.Step.APPRAISED, appraisal_level="tot",
                                           appraisal_score=85)
        own_criteria = CriteriaList.objects.create(name="Tiêu chí phường", subject=CriteriaList.Subject.MEMBERS,
                                                   organization=cls.ward)
        own_election = Election.objects.create(conference=own_conference, agenda_item=own_item, title="Bầu", seats=1)
        own_candidate = Candidate.objects.create(election=own_election, person=cls.member_person)
        category = Category.objects.create(name="Tin tức sự kiện")
        own_article = Article.objects.create(organization=cls.ward, category=category, title="Tin phường")
        cls.own = {
            "organization": cls.ward.pk, "person": cls.member_person.pk, "member": cls.member_person.party_member.pk,
            "term": own_term.pk, "body": own_body.pk, "conference": own_conference.pk, "item": own_item.pk,
            "document": own_document.pk, "task": own_task.pk, "rating": own_rating.pk,
            "criteria_list": own_criteria.pk, "candidate": own_candidate.pk, "campaign": own_campaign.pk,
            "election": own_election.pk, "article": own_article.pk, "cell": cls.cell.pk, "cell2": cell2.pk,
            "person2": cls.ward_staff.person_id, "issued_document": issued.pk, "past_conference": past.pk,
        }
        cls.shared = {"type_id": doc_type.pk, "category_id": category.pk, "indicator_id": indicator.pk}

    def _example(self, schema, name, path, components, field, value, depth=0):
        """A body for ``schema``: own records in every id field, ``value`` in ``field``."""
        schema = _resolve(schema, components)
        if name.endswith(("_id", "_ids")) and name not in SHARED:
            if name == field:
                chosen = value
            else:
                kind = FIELD_OWN.get((path, name)) or kind_of(path, name)
                chosen = self.own.get(kind, 1) if kind else 1
            return [chosen] if name.endswith("_ids") else chosen
        if name in SHARED:
            return self.shared.get(name, [] if name.endswith("_ids") else None)
        if "default" in schema and schema["default"] not in (None, "", []):
            return schema["default"]
        kind = schema.get("type")
        if kind == "object" or "properties" in schema:
            # Required fields and id fields only: optional text is left to its default.
            required = set(schema.get("required", ()))
            return {k: self._example(v, k, path, components, field, value, depth + 1)
                    for k, v in schema.get("properties", {}).items()
                    if k in required or k.endswith(("_id", "_ids")) or _id_fields(v, components)} if depth < 4 else {}
        if kind == "array":
            return [self._example(schema.get("items", {}), name, path, components, field, value, depth + 1)]
        if "enum" in schema:
            return schema["enum"][0]
        return {"integer": 1, "number": 1.0, "boolean": False}.get(kind) or {
            "date": "2024-01-01", "date-time": "2024-01-01T08:00:00+07:00"}.get(schema.get("format"), "Thử")

    def _address(self, path):
        """The address with the ward's own record in each ``{…}``, named by the path segment before it."""
        def own(match):
            before = path[:match.start()].rstrip("/").rsplit("/", 1)[-1]
            kind = ADDRESS_OWN.get(path) or ADDRESS_KINDS.get(before, before.rstrip("s"))
            return str(self.own[kind])
        return re.sub(r"\{\w+\}", own, path)

    def _body(self, path, method, schema, components, field="", value=None):
        """The valid body of the write, with ``value`` in ``field``."""
        body = _merge(self._example(schema, "", path, components, field, value), VALID[(method, path)])
        one_of = ONE_OF.get((method, path), ())
        for other in one_of:
            if other != (field if field in one_of else one_of[0]):
                body[other] = None
        return body

    def _send(self, method, url, data):
        """One request in a savepoint that is rolled back; the answer and whether history grew."""
        with transaction.atomic():
            before = HistoryEntry.objects.count()
            response = getattr(self.client, method)(url, data=data, content_type="application/json")
            wrote = HistoryEntry.objects.count() != before
            transaction.set_rollback(True)
        return response, wrote

    def _writes(self):
        """(path, method, body schema, components, id fields) of every write that takes ids."""
        schema = api.get_openapi_schema()
        components = schema["components"]["schemas"]
        for path, operations in schema["paths"].items():
            for method, operation in operations.items():
                body = operation.get("requestBody", {}).get("content", {}).get("application/json", {}).get("schema")
                fields = _id_fields(body, components) - set(SHARED) if body and method != "get" else set()
                if fields:
                    yield path, method, body, components, sorted(fields)

    def test_every_id_field_names_a_known_kind_of_record(self):
        unknown = sorted({(path, field) for path, method, body, components, fields in self._writes()
                          for field in fields if kind_of(path, field) is None})
        self.assertEqual(unknown, [], "id fields of unknown kind: name them in KINDS or SHARED")

    def test_every_write_that_takes_ids_has_a_valid_body_here(self):
        missing = sorted((method, path) for path, method, *_ in self._writes() if (method, path) not in VALID)
        self.assertEqual(missing, [], "add a valid body to VALID")

    def test_the_ward_office_may_write_with_its_own_records(self):
        """The valid bodies are accepted, so the refusals below come from the one field that changed."""
        self.client.force_login(self.ward_staff)
        for path, method, body, components, _ in self._writes():
            url = self._address(path)
            response, wrote = self._send(method, url, self._body(path, method, body, components))
            if (method, path) in NOT_ACCEPTED_HERE:
                continue
            with self.subTest(f"{method.upper()} {url}"):
                self.assertLess(response.status_code, 300, _said(response))
                self.assertTrue(wrote or (method, path) in UNRECORDED, "accepted but recorded nothing in the history")

    def test_no_write_takes_a_record_of_another_ward_in_any_id_field(self):
        checked = 0
        for user in (self.ward_staff, self.party_member):
            self.client.force_login(user)
            for path, method, body, components, fields in self._writes():
                url = self._address(path)
                for field in fields:
                    if (method, path, field) in LAWFUL:
                        continue
                    for value in self.foreign[kind_of(path, field)]:
                        data = self._body(path, method, body, components, field, value)
                        self.assertIn(f'"{field}": {value}', json.dumps(data).replace(f"[{value}]", str(value)),
                                      "the valid body must not drop the field under test")
                        response, wrote = self._send(method, url, data)
                        where = f"{user} {method.upper()} {url} {field}={value}: {response.status_code}"
                        with self.subTest(where):
                            self.assertTrue(400 <= response.status_code < 500, _said(response))
                            self.assertFalse(wrote, "wrote something")
                            self.assertNotIn(MARKER, json.dumps(response.json(), ensure_ascii=False))
                        checked += 1
        self.assertGreater(checked, 60)
