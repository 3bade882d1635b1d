"""REST endpoints of the tasks app, mounted under /api/: tasks, progress reports, registrations."""

import datetime

from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Router, Schema

from capuy.accounts import permissions
from capuy.core import paging, references
from capuy.core.api import require, require_visible
from capuy.organizations.models import Organization, Person
from capuy.tasks import actions, reports, rules
from capuy.tasks.models import Registration, Task, TaskStatus

router = Router(tags=["Nhiệm vụ"])


class TaskStatusOut(Schema):
    code: str
    name: str
    kind: str
    description: str
    progress: int | None
    requires_reason: bool


class TaskIn(Schema):
    organization_id: int
    title: str
    content: str = ""
    source_kind: str = "conference"
    source_text: str = ""
    conference_id: int | None = None
    document_id: int | None = None
    lead_organization_id: int | None = None
    lead_unit: str = ""
    responsible_id: int | None = None
    coordinating_units: list[str] = []
    start_date: datetime.date
    deadline: datetime.date
    priority: int = 2
    parent_id: int | None = None
    indicator_ids: list[int] = []


class TaskPatch(Schema):
    title: str | None = None
    content: str | None = None
    source_text: str | None = None
    lead_organization_id: int | None = None
    lead_unit: str | None = None
    responsible_id: int | None = None
    coordinating_units: list[str] | None = None
    start_date: datetime.date | None = None
    deadline: datetime.date | None = None
    priority: int | None = None
    indicator_ids: list[int] | None = None


class TaskOut(Schema):
    id: int
    organization_id: int
    source_kind: str
    source_text: str
    conference_id: int | None
    document_id: int | None
    title: str
    content: str
    lead_organization_id: int
    lead_unit: str
    unit: str
    responsible_id: int | None
    coordinating_units: list[str]
    start_date: datetime.date
    deadline: datetime.date | None  # None: no deadline recorded ("chưa có thời hạn"), e.g. imported from a report
    priority: int
    parent_id: int | None
    indicator_ids: list[int]
    status: str
    status_name: str
    percent: int
    completed_on: datetime.date | None
    closed: bool

    @staticmethod
    def resolve_unit(obj):
        return obj.unit_label

    @staticmethod
    def resolve_coordinating_units(obj):
        return obj.coordinating_list

    @staticmethod
    def resolve_indicator_ids(obj):
        return [i.pk for i in obj.indicators.all()]

    @staticmethod
    def resolve_status(obj):
        return obj.status_on().kind

    @staticmethod
    def resolve_status_name(obj):
        return obj.status_on().name


class ProgressIn(Schema):
    status: str  # a status code, e.g. "dang-thuc-hien"
    percent: int | None = None
    note: str = ""
    reason: str = ""
    reported_on: datetime.date | None = None


class TaskProgressOut(Schema):
    id: int
    task_id: int
    status: str
    status_name: str
    percent: int
    note: str
    reason: str
    reported_on: datetime.date
    reporter_id: int | None
    reporter_name: str
    evidence: list[str]

    @staticmethod
    def resolve_status(obj):
        return obj.status.code

    @staticmethod
    def resolve_status_name(obj):
        return obj.status.name

    @staticmethod
    def resolve_evidence(obj):
        return [e.original_name for e in obj.evidence.all()]


class FiguresOut(Schema):
    organization_id: int
    total: int
    done: int
    by_status: dict[str, int]
    sentence: str


class MilestoneIO(Schema):
    title: str
    due_date: datetime.date
    done: bool = False


class RegistrationIn(Schema):
    organization_id: int
    year: int
    person_id: int
    content: str
    expected_result: str
    deadline: datetime.date
    milestones: list[MilestoneIO] = []


class RegistrationOut(Schema):
    id: int
    organization_id: int
    year: int
    person_id: int
    person_name: str
    content: str
    expected_result: str
    deadline: datetime.date
    state: str
    submitted_on: datetime.date
    milestones: list[MilestoneIO]
    mid_year_note: str
    mid_year_percent: int | None
    self_assessment: str
    self_level: str
    level: str
    evaluation_note: str

    @staticmethod
    def resolve_person_name(obj):
        return obj.person.full_name

    @staticmethod
    def resolve_milestones(obj):
        return list(obj.milestones.all())


class RegistrationApproveIn(Schema):
    organization_id: int
    year: int
    approved_on: datetime.date
    note: str = ""


class MidYearIn(Schema):
    note: str
    percent: int | None = None


class SelfAssessmentIn(Schema):
    text: str
    level: str


class EvaluationIn(Schema):
    level: str
    note: str = ""


# --- helpers -----------------------------------------------------------------------------------------------


def _org(request, pk) -> Organization:
    organization = get_object_or_404(Organization, pk=pk)
    require_visible(permissions.can_read(request.user, organization), "Không tìm thấy tổ chức.")
    return organization


def _task(request, pk) -> Task:
    task = get_object_or_404(Task.objects.select_related("organization", "lead_organization", "reported_status"), pk=pk)
    require_visible(rules.can_read_task(request.user, task), "Không tìm thấy nhiệm vụ.")
    return task


def _person(request, pk, field: str = "responsible_id") -> Person | None:
    return references.readable(request.user, Person, pk, field)


def _translate(request, fields: dict):
    """Check the ids of ``fields`` against the caller's right to read them; return (fields, indicators)."""
    indicator_ids = fields.pop("indicator_ids", None)
    if "coordinating_units" in fields:
        fields["coordinating_units"] = "\n".join(u.strip() for u in fields["coordinating_units"] or [] if u.strip())
    if "responsible_id" in fields:
        _person(request, fields["responsible_id"], "responsible_id")
    if fields.get("lead_organization_id"):
        _org(request, fields["lead_organization_id"])
    indicators = None
    if indicator_ids is not None:
        from capuy.targets.models import Indicator

        indicators = list(Indicator.objects.filter(pk__in=indicator_ids))
        if len(indicators) != len(set(indicator_ids)):
            raise ValidationError({"indicator_ids": "Có chỉ tiêu không tồn tại."})
    return fields, indicators


def _registration(request, pk) -> Registration:
    registration = get_object_or_404(Registration.objects.select_related("organization", "person"), pk=pk)
    require_visible(rules.can_read_registration(request.user, registration), "Không tìm thấy đăng ký.")
    return registration


# --- statuses and tasks -------------------------------------------------------------------------------------


@router.get("/tasks/statuses/", response=list[TaskStatusOut])
def list_statuses(request):
    return TaskStatus.objects.all()


@router.get("/tasks/", response=list[TaskOut], description=paging.API_PAGING_DOC + " Với `status`, trang được lọc "
            "thêm theo quy tắc trạng thái sau khi lấy nên có thể ít hơn `limit` dòng; đi tiếp theo X-Next-Cursor.")
def list_tasks(request, response: HttpResponse, organization_id: int | None = None, subtree: bool = False,
               status: str = "", conference_id: int | None = None, document_id: int | None = None, mine: bool = False,
               limit: int = paging.api_limit(), offset: int = paging.api_offset(), cursor: str = paging.api_cursor()):
    tasks = rules.visible_tasks(request.user).select_related("organization", "lead_organization", "reported_status")
    if organization_id:
        tasks = tasks.filter(pk__in=Task.objects.concerning(_org(request, organization_id), subtree).values("pk"))
    if conference_id:
        tasks = tasks.filter(conference_id=conference_id)
    if document_id:
        tasks = tasks.filter(document_id=document_id)
    if mine:
        tasks = tasks.filter(responsible_id=request.user.person_id)
    today = timezone.localdate()
    if status:
        tasks = tasks.by_kind(status, today)  # narrowed in the database, then checked by the one rule
    # by deadline, tasks without one last: ``deadline_last`` is a non-NULL key, as keyset paging needs
    tasks = paging.api_page(response, request.user, tasks.with_deadline_keys(), ("deadline_last", "pk"), limit,
                            offset, cursor)
    if status:
        tasks = [t for t in tasks if t.status_on(today).kind == status]
    return tasks


@router.get("/tasks/figures/", response=FiguresOut)
def task_figures(request, organization_id: int, subtree: bool = False):
    organization = _org(request, organization_id)
    tasks = rules.visible_tasks(request.user, Task.objects.concerning(organization, subtree)).select_related(
        "reported_status")
    stats = reports.figures_of(reports.rows_with_status(tasks, timezone.localdate()))
    return {"organization_id": organization.pk, "total": stats.total, "done": stats.done,
            "by_status": dict(stats.by_kind), "sentence": rules.figures_sentence(stats)}


@router.post("/tasks/", response={201: TaskOut})
def create_task(request, data: TaskIn):
    organization = _org(request, data.organization_id)
    fields = data.dict()
    if fields.get("conference_id"):
        from capuy.conferences.models import Conference

        conference = references.readable(request.user, Conference, fields["conference_id"], "conference_id")
        require_visible(permissions.can_read(request.user, conference.organization), "Không tìm thấy hội nghị.")
    if fields.get("document_id"):
        from capuy.documents.models import Document

        references.readable(request.user, Document, fields["document_id"], "document_id")
    if fields.get("parent_id"):
        _task(request, fields["parent_id"])
    fields, indicators = _translate(request, fields)
    return 201, actions.create_task(request.user, Task(organization=organization, **fields), indicators=indicators)


@router.get("/tasks/{int:task_id}/", response=TaskOut)
def get_task(request, task_id: int):
    return _task(request, task_id)


@router.patch("/tasks/{int:task_id}/", response=TaskOut)
def update_task(request, task_id: int, data: TaskPatch):
    task = _task(request, task_id)
    fields, indicators = _translate(request, data.dict(exclude_unset=True))
    if "deadline" in fields and fields["deadline"] is None and task.deadline is not None:
        # only a task imported without one may lack a deadline; a deadline given is never taken away
        raise ValidationError({"deadline": Task._meta.get_field("deadline").error_messages["null"]})
    return actions.update_task(request.user, task, fields, indicators=indicators)


@router.get("/tasks/{int:task_id}/progress/", response=list[TaskProgressOut])
def list_progress(request, task_id: int):
    task = _task(request, task_id)
    return task.reports.select_related("status", "reporter", "created_by").prefetch_related("evidence")


@router.post("/tasks/{int:task_id}/progress/", response={201: TaskProgressOut})
def add_progress(request, task_id: int, data: ProgressIn):
    task = _task(request, task_id)
    require(rules.can_report_progress(request.user, task),
            "Chỉ văn phòng của tổ chức chủ trì và lãnh đạo phụ trách được báo cáo tiến độ.")
    status = TaskStatus.objects.filter(code=data.status).first()
    if status is None:
        raise ValidationError({"status": f"Không có trạng thái “{data.status}”."})
    return 201, actions.record_progress(request.user, task, status, data.percent, data.note, data.reason,
                                        reported_on=data.reported_on)


# --- registrations ------------------------------------------------------------------------------------------


@router.get("/tasks/registrations/", response=list[RegistrationOut])
def list_registrations(request, organization_id: int, year: int):
    organization = _org(request, organization_id)
    return (Registration.objects.filter(organization=organization, year=year)
            .select_related("person").prefetch_related("milestones"))


@router.post("/tasks/registrations/", response={201: RegistrationOut})
def create_registration(request, data: RegistrationIn):
    organization = get_object_or_404(Organization, pk=data.organization_id)
    person = _person(request, data.person_id, "person_id")
    registration = Registration(organization=organization, year=data.year, person=person, content=data.content,
                                expected_result=data.expected_result, deadline=data.deadline)
    actions.register(request.user, registration, [(m.title, m.due_date) for m in data.milestones])
    return 201, registration


@router.post("/tasks/registrations/approve/")
def approve_registrations(request, data: RegistrationApproveIn):
    organization = _org(request, data.organization_id)
    count = actions.approve_list(request.user, organization, data.year, data.approved_on, data.note)
    return {"approved": count}


@router.get("/tasks/registrations/{int:registration_id}/", response=RegistrationOut)
def get_registration(request, registration_id: int):
    return _registration(request, registration_id)


@router.post("/tasks/registrations/{int:registration_id}/mid-year/", response=RegistrationOut)
def registration_mid_year(request, registration_id: int, data: MidYearIn):
    return actions.mid_year_check(request.user, _registration(request, registration_id), data.note, data.percent)


@router.post("/tasks/registrations/{int:registration_id}/self-assessment/", response=RegistrationOut)
def registration_self_assessment(request, registration_id: int, data: SelfAssessmentIn):
    return actions.self_assess(request.user, _registration(request, registration_id), data.text, data.level)


@router.post("/tasks/registrations/{int:registration_id}/evaluation/", response=RegistrationOut)
def registration_evaluation(request, registration_id: int, data: EvaluationIn):
    return actions.evaluate(request.user, _registration(request, registration_id), data.level, data.note)
