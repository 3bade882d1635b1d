"""What awaits people in the tasks app, for the home page (``capuy.core.inbox``).

- Office staff: open tasks of their subtree (set or led there) overdue or due within ``DUE_SOON_DAYS``.
- A person: the open tasks they are the responsible leader of, and their registrations of difficult,
  complex tasks not yet evaluated.
Overdue is the one rule of ``Task.objects.overdue`` / ``rules.derived_kind``: open and past the deadline. A task
without a deadline is never overdue nor due soon: it is not in the office's block, and in a leader's own list
it comes last and says "Chưa có thời hạn".
"""

import datetime

from django.db.models import Q
from django.urls import reverse

from capuy.core.inbox import OFFICE, PERSONAL, ROLE_OFFICE, Block, Item, first
from capuy.core.vietnamese import short_date
from capuy.organizations.models import Organization
from capuy.tasks.models import BY_DEADLINE, NO_DEADLINE, Registration, Task

DUE_SOON_DAYS = 7


def due_note(deadline: datetime.date | None, today: datetime.date) -> str:
    if deadline is None:
        return NO_DEADLINE.capitalize()
    days = (deadline - today).days
    if days < 0:
        return f"Quá hạn {-days} ngày (hạn {short_date(deadline, True)})"
    if days == 0:
        return "Đến hạn hôm nay"
    return f"Còn {days} ngày (hạn {short_date(deadline, True)})"


def due_in_subtree(viewer):
    """(count, first tasks) open and due within ``DUE_SOON_DAYS`` (overdue included) in the office subtree;
    a task without a deadline is neither (``deadline <= …`` is not true of NULL)."""
    subtrees = viewer.subtree_q("", ROLE_OFFICE)
    if subtrees is None:
        return 0, []
    # Two indexed IN sub-queries rather than an OR over two joins (which scans every task; bench/home.py).
    within = Organization.objects.filter(subtrees).values("pk")
    scope = Q(organization__in=within) | Q(lead_organization__in=within)
    tasks = Task.objects.open().filter(scope, deadline__lte=viewer.today + datetime.timedelta(days=DUE_SOON_DAYS))
    rows = first(tasks.select_related("lead_organization").order_by(BY_DEADLINE, "priority", "pk"))
    return tasks.count(), rows


def _task_item(task, today) -> Item:
    return Item(title=task.title, url=task.get_absolute_url(), when=task.deadline,
                note=f"{due_note(task.deadline, today)} – {task.unit_label}",
                urgent=task.deadline is not None and task.deadline <= today)


def blocks(viewer) -> list[Block]:
    result = []
    count, rows = due_in_subtree(viewer)
    if count:
        pk, _ = viewer.organizations(ROLE_OFFICE)[0]
        result.append(Block(
            key="nhiem-vu-den-han", section=OFFICE, title="Nhiệm vụ quá hạn, sắp đến hạn",
            items=[_task_item(t, viewer.today) for t in rows], count=count, order=30,
            note=f"Nhiệm vụ chưa hoàn thành, quá hạn hoặc đến hạn trong {DUE_SOON_DAYS} ngày tới.",
            more_url=reverse("tasks:organization", args=[pk]) + f"?cap-duoi=1&han={DUE_SOON_DAYS}",
            more_label="Danh sách nhiệm vụ đến hạn"))
    if not viewer.person_id:
        return result
    mine = Task.objects.open().filter(responsible_id=viewer.person_id)
    count = mine.count()
    if count:
        rows = first(mine.select_related("lead_organization").order_by(BY_DEADLINE, "pk"))
        result.append(Block(
            key="nhiem-vu-cua-toi", section=PERSONAL, title="Nhiệm vụ đồng chí phụ trách",
            items=[_task_item(t, viewer.today) for t in rows], count=count, order=40,
            more_url=reverse("tasks:index"), more_label="Nhiệm vụ của tôi"))
    registrations = Registration.objects.filter(person_id=viewer.person_id).exclude(
        state=Registration.State.EVALUATED)
    count = registrations.count()
    if count:
        rows = first(registrations.order_by("deadline", "pk"))
        result.append(Block(
            key="dang-ky-nhiem-vu-kho", section=PERSONAL, title="Nhiệm vụ khó khăn, phức tạp đã đăng ký",
            items=[Item(title=f"Năm {r.year}: {r.content[:120]}", url=r.get_absolute_url(), when=r.deadline,
                        note=f"{r.get_state_display()}; {due_note(r.deadline, viewer.today).lower()}",
                        urgent=r.deadline < viewer.today) for r in rows],
            count=count, order=45, counts=False, more_url=reverse("tasks:index"),
            more_label="Đăng ký của tôi"))
    return result
