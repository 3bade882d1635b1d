"""Pages of the tasks app. Rules live in ``rules`` and ``services``; these views only wire them to HTTP."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from capuy.accounts import permissions
from capuy.core import held_uploads, inputs, paging
from capuy.core.files import download
from capuy.core.history import history_answer
from capuy.organizations.models import Organization, Person
from capuy.tasks import actions, listings, reports, rules, services
from capuy.tasks.forms import (
    ApproveListForm,
    ConclusionFormSet,
    EvaluationForm,
    MidYearForm,
    MilestoneFormSet,
    ProgressForm,
    RegistrationForm,
    SelfAssessmentForm,
    TaskForm,
)
from capuy.tasks.models import (
    BY_DEADLINE,
    Evidence,
    Notification,
    Registration,
    RegistrationYear,
    StatusKind,
    Task,
    TaskStatus,
)

TASK_RELATED = ("organization", "lead_organization", "responsible", "reported_status", "conference", "document")


def _readable_org(user, pk) -> Organization:
    organization = get_object_or_404(Organization, pk=pk)
    if not permissions.can_read(user, organization):
        raise Http404("Không tìm thấy tổ chức.")
    return organization


def _task_or_404(user, pk) -> Task:
    task = get_object_or_404(Task.objects.select_related(*TASK_RELATED), pk=pk)
    if not rules.can_read_task(user, task):
        raise Http404("Không tìm thấy nhiệm vụ.")
    return task


def _errors(exc: ValidationError) -> list[str]:
    return list(exc.messages)


# ---------------------------------------------------------------------------------------------------------
# My tasks
# ---------------------------------------------------------------------------------------------------------


@login_required
def index(request):
    """ "Nhiệm vụ của tôi": tasks I lead or report for, my notices, my registrations, my organizations' lists."""
    user, today = request.user, timezone.localdate()
    listing = listings.MyTaskList(user, request.GET)
    if request.GET.get("xuat"):
        return paging.export_response(request, listing)
    page = listing.page()
    notices = Notification.objects.filter(user=user).select_related("task")[:30]
    registrations = (Registration.objects.filter(person_id=user.person_id).select_related("organization")
                     .order_by("-year")[:20] if user.person_id else [])
    tops = permissions.top_organizations(user)
    return render(request, "tasks/index.html", {
        "rows": page.rows, "listing": listing, "page": page, "notices": notices, "unread": sum(1 for n in notices if n.read_at is None),
        "registrations": registrations, "organizations": tops[:30], "today": today,
    })


@login_required
@require_POST
def notification_read(request, pk):
    notice = actions.mark_notification_read(request.user, pk)
    return redirect(notice.task.get_absolute_url() if request.POST.get("open") else "tasks:index")


# ---------------------------------------------------------------------------------------------------------
# Organization lists, export, printable report, overdue across a subtree
# ---------------------------------------------------------------------------------------------------------


REPORT_LIMIT = 3000  # the grouped report below reads its rows into Python; the Excel export has them all


def _organization_rows(request, organization, today, limit=REPORT_LIMIT):
    """(all rows, filtered rows, subtree?) of an organization's list; the status filter narrows in the database
    first (``TaskQuerySet.by_kind``) and is then checked row by row with the one rule."""
    subtree = request.GET.get("cap-duoi") == "1"
    tasks = rules.visible_tasks(request.user, Task.objects.concerning(organization, subtree))
    tasks = tasks.select_related(*TASK_RELATED).order_by(BY_DEADLINE, "priority", "pk")
    rows = reports.rows_with_status(tasks[:limit], today)
    all_rows = rows
    if kind := request.GET.get("trang-thai"):
        rows = reports.rows_with_status(tasks.by_kind(kind, today)[:limit], today)
        rows = [r for r in rows if r.status.kind == kind]
    if (days := request.GET.get("han", "")).isdigit():  # the home page's "due within N days", overdue included
        limit_day = today + datetime.timedelta(days=int(days))
        # a task without a deadline is never due (nor overdue): not in this list
        rows = [r for r in rows if not r.task.closed and r.task.deadline is not None and r.task.deadline <= limit_day]
    if unit := request.GET.get("don-vi"):
        rows = [r for r in rows if r.task.unit_label == unit]
    return all_rows, rows, subtree


@login_required
def organization_tasks(request, pk):
    organization = _readable_org(request.user, pk)
    today = timezone.localdate()
    all_rows, rows, subtree = _organization_rows(request, organization, today)
    stats = reports.figures_of(all_rows)
    # This report groups and counts in Python; past REPORT_LIMIT tasks it says so rather than cut silently.
    total = rules.visible_tasks(request.user, Task.objects.concerning(organization, subtree)).count()
    return render(request, "tasks/organization.html", {
        "organization": organization, "groups": reports.by_unit(rows), "summary": reports.by_unit(all_rows),
        "stats": stats, "sentence": rules.figures_sentence(stats), "kinds": StatusKind.choices,
        "kind_labels": reports.kind_labels(), "subtree": subtree, "today": today,
        "selected_kind": request.GET.get("trang-thai", ""), "selected_unit": request.GET.get("don-vi", ""),
        "can_edit": rules.can_edit_task(request.user, organization), "year": today.year,
        "total": total, "truncated": total > len(all_rows), "report_limit": REPORT_LIMIT,
    })


@login_required
def organization_export(request, pk):
    organization = _readable_org(request.user, pk)
    today = timezone.localdate()
    _, rows, _ = _organization_rows(request, organization, today, limit=None)
    response = HttpResponse(reports.workbook(organization, rows, today),
                            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="nhiem-vu-{organization.pk}-{today.isoformat()}.xlsx"'
    return response


@login_required
def organization_print(request, pk):
    organization = _readable_org(request.user, pk)
    today = timezone.localdate()
    _, rows, subtree = _organization_rows(request, organization, today)
    stats = reports.figures_of(rows)
    by_kind = [(StatusKind(kind).label, [r for r in rows if r.status.kind == kind]) for kind in reports.KIND_ORDER]
    return render(request, "tasks/print.html", {
        "organization": organization, "rows": rows, "stats": stats, "sentence": rules.figures_sentence(stats),
        "by_kind": [(label, items) for label, items in by_kind if items], "today": today,
        "summary": reports.by_unit(rows), "kind_labels": reports.kind_labels(),
    })


@login_required
def overdue(request, pk):
    """Overdue tasks across the subtree, for the standing committee (readers of the organization)."""
    listing = listings.OverdueList(request.user, request.GET, organization_id=pk)
    if request.GET.get("xuat"):
        return paging.export_response(request, listing)
    page = listing.page()
    return render(request, "tasks/overdue.html", {"organization": listing.organization, "rows": page.rows,
                                                  "listing": listing, "page": page, "today": timezone.localdate(),
                                                  "total": page.count})


# ---------------------------------------------------------------------------------------------------------
# One task
# ---------------------------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def task_create(request, pk):
    organization = _readable_org(request.user, pk)
    if not rules.can_edit_task(request.user, organization):
        raise PermissionDenied(actions.CREATE_REFUSED)
    initial = {"start_date": timezone.localdate()}
    if parent_id := inputs.query_id(request.GET.get("cha")):
        parent = Task.objects.filter(pk=parent_id, organization=organization).first()
        if parent:
            initial.update(parent=parent, lead_organization=parent.lead_organization,
                           source_kind=parent.source_kind, source_text=parent.source_text)
            if parent.deadline is not None:  # a parent without a deadline leaves the field empty, to be entered
                initial["deadline"] = parent.deadline
    form = TaskForm(request.POST or None, organization=organization, user=request.user, initial=initial)
    return _save_task_form(request, form, f"Giao nhiệm vụ – {organization.display_committee}",
                           organization_url(organization), actions.create_task)


def organization_url(organization):
    from django.urls import reverse

    return reverse("tasks:organization", args=[organization.pk])


def _save_task_form(request, form, title, back, save):
    if request.method == "POST" and form.is_valid():
        task = form.instance
        try:
            save(request.user, task, indicators=form.cleaned_data.get("indicators"))
        except ValidationError as exc:
            for message in _errors(exc):
                form.add_error(None, message)
        else:
            messages.success(request, "Đã lưu nhiệm vụ.")
            return redirect(task.get_absolute_url())
    return render(request, "tasks/form.html", {"form": form, "title": title, "back": back},
                  status=400 if request.method == "POST" else 200)


@login_required
@require_http_methods(["GET", "POST"])
def task_edit(request, pk):
    task = _task_or_404(request.user, pk)
    if not rules.can_edit_task(request.user, task):
        raise PermissionDenied(actions.EDIT_REFUSED)
    form = TaskForm(request.POST or None, instance=task, organization=task.organization, user=request.user)
    return _save_task_form(request, form, f"Sửa nhiệm vụ: {task.title}", task.get_absolute_url(), actions.update_task)


@login_required
def task_detail(request, pk, form=None, status=200, held=()):
    task = _task_or_404(request.user, pk)
    if answer := history_answer(request, task):
        return answer
    today = timezone.localdate()
    can_report = rules.can_report_progress(request.user, task) and not task.closed
    if form is None and can_report:
        form = ProgressForm(initial={"reported_on": today, "percent": task.percent})
    subtasks = reports.rows_with_status(task.subtasks.select_related(*TASK_RELATED), today)
    return render(request, "tasks/detail.html", {
        "task": task, "status": task.status_on(today), "today": today,
        "reports": task.reports.select_related("status", "reporter", "created_by").prefetch_related("evidence"),
        "subtasks": subtasks, "form": form, "can_report": can_report,
        "can_edit": rules.can_edit_task(request.user, task),
        "statuses": TaskStatus.objects.all(), "held_files": held, "held_field": held_uploads.FIELD,
        "source_documents": _source_documents(request.user, task),
    }, status=status)


def _source_documents(user, task):
    """The documents that set the task, as the user may read them: its own document and the issued documents
    drafted from its conference (the resolution and notice of the conclusion it came from)."""
    from django.db.models import Q

    from capuy.documents.models import Document

    if not (task.document_id or task.conference_id):
        return []
    source = Q(pk=task.document_id) if task.document_id else Q(pk__in=[])
    if task.conference_id:
        source |= Q(source_conference_id=task.conference_id, status=Document.Status.ISSUED)
    return list(Document.objects.visible_to(user).filter(source).select_related("doc_type", "organization")
                .order_by("doc_type__order", "pk"))


@login_required
@require_POST
def task_progress(request, pk):
    task = _task_or_404(request.user, pk)
    if not rules.can_report_progress(request.user, task):
        raise PermissionDenied("Chỉ văn phòng của tổ chức chủ trì và lãnh đạo phụ trách được báo cáo tiến độ.")
    form = ProgressForm(request.POST, request.FILES)
    try:  # files kept from a submission refused for another field (``core.held_uploads``)
        held = [held_uploads.read(token, request.user) for token in request.POST.getlist(held_uploads.FIELD)]
    except ValidationError as exc:
        held = []
        form.add_error(None, exc.messages)
    files_refused = False
    if form.is_valid():
        data = form.cleaned_data
        files = request.FILES.getlist("files") + [held_uploads.take(h) for h in held]
        try:
            actions.record_progress(request.user, task, data["status"], data["percent"], data["note"],
                                    data["reason"], files, data["reported_on"])
        except ValidationError as exc:
            files_refused = hasattr(exc, "error_dict") and "files" in exc.message_dict
            if hasattr(exc, "error_dict"):
                for field, errors in exc.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                for message in exc.messages:
                    form.add_error(None, message)
        else:
            held_uploads.release(held)
            messages.success(request, "Đã ghi báo cáo tiến độ.")
            return redirect(task.get_absolute_url())
    if files_refused:  # a file itself was refused: the user picks the files again
        held_uploads.release(held)
        held = []
    else:
        held += [held_uploads.hold(f, request.user) for f in request.FILES.getlist("files")]
    return task_detail(request, pk, form=form, status=400, held=held)


@login_required
def evidence(request, pk):
    item = get_object_or_404(Evidence.objects.select_related("report__task__lead_organization",
                                                             "report__task__organization"), pk=pk)
    if not rules.can_read_task(request.user, item.report.task):
        raise Http404("Không tìm thấy tệp.")
    return download(item.file, item.original_name)


# ---------------------------------------------------------------------------------------------------------
# Tasks of a conference or a document; conclusion → tasks
# ---------------------------------------------------------------------------------------------------------


def _conference_or_404(user, pk):
    from capuy.conferences.models import Conference

    conference = get_object_or_404(Conference.objects.select_related("organization", "body", "term"), pk=pk)
    if not permissions.can_read(user, conference.organization):
        raise Http404("Không tìm thấy hội nghị.")
    return conference


def _source_page(request, source, tasks, kind_label):
    today = timezone.localdate()
    rows = reports.rows_with_status(rules.visible_tasks(request.user, tasks).select_related(*TASK_RELATED), today)
    stats = reports.figures_of(rows)
    return render(request, "tasks/source.html", {
        "source": source, "kind_label": kind_label, "rows": rows, "stats": stats,
        "sentence": rules.figures_sentence(stats), "today": today,
    })


@login_required
def conference_tasks(request, pk):
    conference = _conference_or_404(request.user, pk)
    response = _source_page(request, conference, conference.tasks.all(), "hội nghị")
    return response


@login_required
def document_tasks(request, pk):
    from capuy.documents.models import Document

    document = get_object_or_404(Document.objects.visible_to(request.user).select_related("doc_type", "organization"),
                                 pk=pk)
    return _source_page(request, document, document.tasks.all(), "văn bản")


@login_required
@require_http_methods(["GET", "POST"])
def conclusion_to_tasks(request, pk):
    """One screen where the office turns a closed conference's conclusion into tasks."""
    conference = _conference_or_404(request.user, pk)
    organization = conference.organization
    if not rules.can_edit_task(request.user, organization):
        raise PermissionDenied(actions.CONCLUSION_REFUSED)
    if not conference.is_closed:
        messages.error(request, actions.CONCLUSION_NOT_CLOSED)
        return render(request, "tasks/conclusion.html", {"conference": conference, "formset": None}, status=400)
    people = permissions.visible_people(request.user)
    kwargs = {"organization": organization, "people": people}
    if request.method == "POST":
        formset = ConclusionFormSet(request.POST, form_kwargs=kwargs)
        if formset.is_valid():
            chosen = [f.cleaned_data for f in formset if f.cleaned_data.get("keep")]
            try:
                actions.conclusion_to_tasks(request.user, conference, chosen)
            except ValidationError as exc:
                formset._non_form_errors = formset.error_class(_errors(exc))
            else:
                messages.success(request, f"Đã giao {len(chosen)} nhiệm vụ từ kết luận hội nghị.")
                return redirect("tasks:conference", pk=conference.pk)
        status = 400
    else:
        items = services.conclusion_items(conference.conclusion)
        # No deadline is offered: a conclusion rarely states one, and a date the clerk did not choose would be
        # recorded as if it had been set.
        initial = [{"keep": True, "title": item, "lead_organization": organization.pk} for item in items]
        initial += [{"keep": False, "lead_organization": organization.pk}] * 2
        formset = ConclusionFormSet(initial=initial, form_kwargs=kwargs)
        status = 200
    return render(request, "tasks/conclusion.html", {
        "conference": conference, "formset": formset,
        "existing": conference.tasks.count(),
    }, status=status)


# ---------------------------------------------------------------------------------------------------------
# Registrations of difficult tasks
# ---------------------------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def registrations(request, pk, year):
    """A year's registrations of an organization with their state; the office records the approval here."""
    organization = _readable_org(request.user, pk)
    can_manage = rules.can_manage_registrations(request.user, organization)
    year_row = RegistrationYear.objects.filter(organization=organization, year=year).first()
    form = ApproveListForm(request.POST or None, initial={"approved_on": timezone.localdate()})
    status = 200
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied(actions.APPROVE_REFUSED)
        if form.is_valid():
            try:
                count = actions.approve_list(request.user, organization, year, form.cleaned_data["approved_on"],
                                             form.cleaned_data["note"])
            except ValidationError as exc:
                form.add_error(None, _errors(exc))
            else:
                messages.success(request, f"Đã ghi nhận Ban Thường vụ phê duyệt {count} đăng ký năm {year}.")
                return redirect("tasks:registrations", pk=organization.pk, year=year)
        status = 400
    items = list(Registration.objects.filter(organization=organization, year=year)
                 .select_related("person").prefetch_related("milestones", "person__titles"))
    counts = {}
    for item in items:
        counts[item.get_state_display()] = counts.get(item.get_state_display(), 0) + 1
    return render(request, "tasks/registrations.html", {
        "organization": organization, "year": year, "items": items, "year_row": year_row,
        "deadline": rules.registration_deadline(organization, year), "can_manage": can_manage,
        "form": form, "counts": counts, "today": timezone.localdate(),
        "pending": any(i.state == Registration.State.SUBMITTED for i in items),
    }, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def registration_create(request, pk, year):
    organization = _readable_org(request.user, pk)
    today = timezone.localdate()
    manage = rules.can_manage_registrations(request.user, organization)
    officials = rules.key_officials(organization, min(today, datetime.date(year, 12, 31)))
    if manage:
        ids = set(officials.values_list("pk", flat=True)) | set(
            permissions.visible_people(request.user).filter(organization__path__startswith=organization.path)
            .values_list("pk", flat=True))
        people = Person.objects.filter(pk__in=ids)
    elif request.user.person_id:
        people = officials.filter(pk=request.user.person_id)
    else:
        people = officials.none()
    if not manage and not people.exists():
        raise PermissionDenied("Chỉ cán bộ chủ chốt (hoặc văn phòng cấp ủy) được đăng ký.")
    people = people.order_by("sort_key")
    form = RegistrationForm(request.POST or None, people=people,
                            initial={"deadline": datetime.date(year, 12, 31), "person": request.user.person_id})
    milestones = MilestoneFormSet(request.POST or None, prefix="moc")
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid() and milestones.is_valid():
            registration = form.save(commit=False)
            registration.organization, registration.year = organization, year
            rows = [(m.cleaned_data["title"], m.cleaned_data["due_date"]) for m in milestones
                    if m.cleaned_data.get("title")]
            try:
                actions.register(request.user, registration, rows, today)
            except ValidationError as exc:
                form.add_error(None, _errors(exc))
            else:
                messages.success(request, "Đã đăng ký nhiệm vụ khó khăn, phức tạp.")
                return redirect("tasks:registrations", pk=organization.pk, year=year)
    return render(request, "tasks/registration_form.html", {
        "organization": organization, "year": year, "form": form, "milestones": milestones,
        "deadline": rules.registration_deadline(organization, year),
    }, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def registration_detail(request, pk):
    registration = get_object_or_404(Registration.objects.select_related("organization", "person"), pk=pk)
    user = request.user
    if not rules.can_read_registration(user, registration):
        raise Http404("Không tìm thấy đăng ký.")
    action = request.POST.get("action", "")
    forms = {"mid_year": MidYearForm(request.POST if action == "mid_year" else None, prefix="giua-nam"),
             "self": SelfAssessmentForm(request.POST if action == "self" else None, prefix="tu-danh-gia"),
             "evaluate": EvaluationForm(request.POST if action == "evaluate" else None, prefix="danh-gia")}
    status = 200
    if request.method == "POST":
        status = 400
        form = forms.get(action)
        if form is None:
            raise Http404("Thao tác không hợp lệ.")
        if form.is_valid():
            data = form.cleaned_data
            try:
                if action == "mid_year":
                    actions.mid_year_check(user, registration, data["note"], data["percent"])
                elif action == "self":
                    actions.self_assess(user, registration, data["text"], data["level"])
                else:
                    actions.evaluate(user, registration, data["level"], data["note"])
            except ValidationError as exc:
                registration.refresh_from_db()
                form.add_error(None, _errors(exc))
            else:
                messages.success(request, "Đã lưu.")
                return redirect(registration.get_absolute_url())
    S = Registration.State
    can_register = rules.can_register(user, registration)
    can_evaluate = (rules.can_manage_registrations(user, registration.organization)
                    and user.person_id != registration.person_id)
    return render(request, "tasks/registration.html", {
        "registration": registration, "forms": forms,
        "show_mid_year": can_register and registration.state in (S.APPROVED, S.MID_YEAR),
        "show_self": can_register and registration.state in (S.APPROVED, S.MID_YEAR, S.SELF_ASSESSED),
        "show_evaluate": can_evaluate and registration.state in (S.SELF_ASSESSED, S.EVALUATED),
    }, status=status)
