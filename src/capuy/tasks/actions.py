"""What a user can do with tasks and registrations: one function per action, shared by pages and the API.

The operations themselves, with their permission checks and validation, are ``services.py`` (they came
first); these register them with ``capuy.core.actions`` (one transaction each, listed for the parity test)
and take the acting user first like every action. Creating and editing a task, giving the tasks of a
conference's conclusion and marking a notice read are checked and written here; the pages and the API only
translate the request.
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import timezone

from capuy.accounts import permissions
from capuy.core.actions import action
from capuy.tasks import rules, services
from capuy.tasks.models import Notification, Registration, SourceKind, Task, TaskStatus

APPROVE_REFUSED = services.APPROVE_REFUSED
CREATE_REFUSED = "Chỉ văn phòng cấp ủy được giao nhiệm vụ."
EDIT_REFUSED = "Chỉ văn phòng cấp ủy giao nhiệm vụ được sửa nhiệm vụ."
CONCLUSION_REFUSED = "Chỉ văn phòng cấp ủy được giao nhiệm vụ từ kết luận hội nghị."
CONCLUSION_NOT_CLOSED = "Hội nghị chưa bế mạc: chỉ giao nhiệm vụ từ kết luận của hội nghị đã bế mạc."
CONCLUSION_EMPTY = "Hãy chọn ít nhất một nhiệm vụ để giao."
PARENT_ELSEWHERE = "Nhiệm vụ cha phải do cùng cấp ủy giao."


@action("Giao nhiệm vụ", page="tasks:create", api="api:create_task")
def create_task(user, task: Task, indicators=None) -> Task:
    """Save the new ``task`` (its ``organization`` set: the committee that gives it). A sub-task belongs to the
    same committee as its parent and, unless told otherwise, comes from the same conference or document."""
    organization = task.organization
    if not permissions.can_read(user, organization):
        raise Http404("Không tìm thấy tổ chức.")
    if not rules.can_edit_task(user, organization):
        raise PermissionDenied(CREATE_REFUSED)
    if task.pk is not None:
        raise ValidationError("Nhiệm vụ đã có; hãy sửa nhiệm vụ thay vì giao lại.")
    if task.parent_id:
        if task.parent.organization_id != organization.pk:
            raise ValidationError({"parent": PARENT_ELSEWHERE})
        if not task.conference_id and not task.document_id:
            task.conference_id, task.document_id = task.parent.conference_id, task.parent.document_id
    if not task.lead_organization_id:
        task.lead_organization = organization
    return services.save_task(task, user, indicators=indicators)


@action("Sửa nhiệm vụ", page="tasks:edit", api="api:update_task")
def update_task(user, task: Task, fields: dict | None = None, indicators=None) -> Task:
    """Change ``task`` (``fields`` applied here, or by the page's form before the call)."""
    if not rules.can_read_task(user, task):
        raise Http404("Không tìm thấy nhiệm vụ.")
    if not rules.can_edit_task(user, task):
        raise PermissionDenied(EDIT_REFUSED)
    for name, value in (fields or {}).items():
        setattr(task, name, value)
    return services.save_task(task, user, indicators=indicators)


@action("Giao nhiệm vụ từ kết luận hội nghị", page="tasks:conclusion")
def conclusion_to_tasks(user, conference, rows: list[dict]) -> list[Task]:
    """Turn the chosen rows of a closed conference's conclusion into tasks of its committee, all or none.

    Each row: ``title``, ``deadline``, optional ``lead_organization`` (default: the committee), ``lead_unit``,
    ``responsible``."""
    organization = conference.organization
    if not permissions.can_read(user, organization):
        raise Http404("Không tìm thấy hội nghị.")
    if not rules.can_edit_task(user, organization):
        raise PermissionDenied(CONCLUSION_REFUSED)
    if not conference.is_closed:
        raise ValidationError(CONCLUSION_NOT_CLOSED)
    if not rows:
        raise ValidationError(CONCLUSION_EMPTY)
    tasks = []
    for row in rows:
        task = Task(organization=organization, conference=conference, source_kind=SourceKind.CONFERENCE,
                    source_text=f"Kết luận {conference.short_title}", title=(row.get("title") or "").strip(),
                    lead_unit=row.get("lead_unit") or "",
                    lead_organization=row.get("lead_organization") or organization,
                    responsible=row.get("responsible"), start_date=conference.date, deadline=row.get("deadline"))
        tasks.append(services.save_task(task, user))
    return tasks


@action("Đánh dấu đã xem thông báo nhiệm vụ", page="tasks:notification_read")
def mark_notification_read(user, notice_id) -> Notification:
    """A notice is its addressee's only: anyone else is told it does not exist."""
    notice = Notification.objects.select_related("task").filter(pk=notice_id, user_id=user.pk).first()
    if notice is None:
        raise Http404("Không tìm thấy thông báo.")
    if notice.read_at is None:
        notice.read_at = timezone.now()
        notice.save(update_fields=["read_at"])
    return notice


@action("Báo cáo tiến độ nhiệm vụ", page="tasks:progress", api="api:add_progress")
def record_progress(user, task: Task, status: TaskStatus, percent: int | None = None, note: str = "",
                    reason: str = "", files=(), reported_on: datetime.date | None = None):
    return services.record_progress(task, user, status, percent, note, reason, files, reported_on)


@action("Đăng ký nhiệm vụ khó khăn, phức tạp", page="tasks:registration_create", api="api:create_registration")
def register(user, registration: Registration, milestones=(), today: datetime.date | None = None) -> Registration:
    """Registration happens in an organization the user may read (as on its page), then ``services.register``
    checks who may register for whom, the deadline and the milestones."""
    if not permissions.can_read(user, registration.organization):
        raise Http404("Không tìm thấy tổ chức.")
    return services.register(registration, user, milestones, today)


@action("Ghi nhận Ban Thường vụ phê duyệt danh sách đăng ký", page="tasks:registrations",
        api="api:approve_registrations")
def approve_list(user, organization, year: int, approved_on: datetime.date, note: str = "") -> int:
    return services.approve_list(organization, year, user, approved_on, note)


@action("Cập nhật giữa năm việc đăng ký", page="tasks:registration", api="api:registration_mid_year")
def mid_year_check(user, registration: Registration, note: str, percent: int | None) -> Registration:
    return services.mid_year_check(registration, user, note, percent)


@action("Tự đánh giá việc đăng ký", page="tasks:registration", api="api:registration_self_assessment")
def self_assess(user, registration: Registration, text: str, level: str) -> Registration:
    return services.self_assess(registration, user, text, level)


@action("Ghi nhận đánh giá của Ban Thường vụ", page="tasks:registration", api="api:registration_evaluation")
def evaluate(user, registration: Registration, level: str, note: str = "") -> Registration:
    return services.evaluate(registration, user, level, note)
