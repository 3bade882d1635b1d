"""What a user can do with tasks and registrations: one function per action, shared by pages and the API.

The operations themselves, with their permission checks and validation, are ``services.py`` (they came
first); these register them with ``capuy.core.actions`` (one transaction each, listed for the parity test)
and take the acting user first like every action. Not yet here: creating and editing tasks (pages and API
still check and call ``services.save_task`` themselves) and marking a notification read.
"""

import datetime

from django.http import Http404

from capuy.accounts import permissions
from capuy.core.actions import action
from capuy.tasks import services
from capuy.tasks.models import Registration, Task, TaskStatus

APPROVE_REFUSED = services.APPROVE_REFUSED


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
