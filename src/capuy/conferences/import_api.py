"""``/api/conferences/imports/…``: the same import of a report as the page "Nhập từ bản tin" (issue 13, part 2),
through the same actions, so the same input is refused with the same Vietnamese words.

``POST extract`` {text, source_url} → what capuy read, where each value was found, what it would match;
``POST confirm`` {source_text, extracted, choices…} → 201 with what was created; ``GET {id}``;
``POST {id}/undo``."""

import datetime

from django.shortcuts import get_object_or_404
from ninja import Router, Schema

from capuy.conferences import actions
from capuy.conferences.imported import ImportedReport

router = Router(tags=["Nhập hội nghị từ bản tin"])


class ExtractIn(Schema):
    text: str
    source_url: str = ""


class ConfirmIn(Schema):
    source_text: str
    source_url: str = ""
    extracted: dict
    organization_id: int | None = None
    parent_id: int | None = None
    people: list[int | str | None] = []
    figures: list[int | str | None] = []
    task_deadline: datetime.date | None = None
    pending_id: int | None = None
    session: str | None = None  # "morning" | "afternoon" | "full_day" | "" (not recorded); absent: as written


class ImportOut(Schema):
    id: int
    status: str
    organization_id: int | None
    conference_id: int | None
    conference_title: str
    source_url: str
    created: list[list]
    created_at: datetime.datetime
    undone_at: datetime.datetime | None

    @staticmethod
    def resolve_created(obj):
        return obj.created_rows


def _person(p):
    return {"id": p.pk, "full_name": p.full_name, "titles": [t.name for t in p.titles.all()]}


@router.post("/conferences/imports/extract", url_name="conference_import_extract")
def conference_import_extract(request, data: ExtractIn):
    read = actions.read_report(request.user, data.text, data.source_url)
    organization, outside = read["organization"], read["outside"]
    return {
        "record": read["record"], "text": read["text"], "source_url": read["source_url"],
        "marks": [{"start": m.start, "end": m.end, "field": m.field, "label": m.label} for m in read["marks"]],
        "organization": {"id": organization.pk, "name": organization.name} if organization else None,
        "outside": outside.name if outside else None,
        "people": [{"name": m.name, "titles": m.titles, "chair": m.chair, "match_id": m.match.pk if m.match else None,
                    "ambiguous": m.ambiguous, "candidates": [_person(c) for c in m.candidates]}
                   for m in read["people"]],
        "figures": [[{"id": i.pk, "code": i.code, "name": i.name, "unit": i.unit} for i in found]
                    for found in read["figures"]],
    }


@router.post("/conferences/imports/confirm", response={201: ImportOut}, url_name="conference_import_confirm")
def conference_import_confirm(request, data: ConfirmIn):
    pending = None
    if data.pending_id:
        pending = get_object_or_404(ImportedReport.objects.filter(created_by=request.user), pk=data.pending_id)
    imported = actions.import_report(request.user, data.extracted, data.source_text, data.source_url,
                                     organization_id=data.organization_id, parent_id=data.parent_id,
                                     people=data.people, figures=data.figures, task_deadline=data.task_deadline,
                                     pending=pending, session=data.session)
    return 201, imported


@router.get("/conferences/imports/{pk}", response=ImportOut, url_name="conference_import")
def conference_import(request, pk: int):
    return actions.imported_for(request.user, pk)


@router.post("/conferences/imports/{pk}/undo", response=ImportOut, url_name="conference_import_undo")
def conference_import_undo(request, pk: int):
    return actions.undo_import(request.user, actions.imported_for(request.user, pk))
