"""The lists of the tasks app (core/paging.py): my tasks, overdue tasks across a subtree."""

from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from capuy.accounts import permissions
from capuy.core import paging
from capuy.organizations.models import Organization
from capuy.tasks import reports, rules
from capuy.tasks.models import NO_DEADLINE, Task

RELATED = ("organization", "lead_organization", "responsible", "reported_status", "conference", "document")
COLUMNS = (
    paging.Column("Nhiệm vụ", lambda t: t.title),
    paging.Column("Cấp ủy giao", lambda t: t.organization.display_committee),
    paging.Column("Đơn vị chủ trì", lambda t: t.unit_label),
    paging.Column("Lãnh đạo phụ trách", lambda t: str(t.responsible or "")),
    paging.Column("Thời hạn", lambda t: t.deadline or NO_DEADLINE),
    paging.Column("Tiến độ (%)", lambda t: t.percent),
)


class _TaskRows(paging.Listing):
    noun = "nhiệm vụ"
    columns = COLUMNS
    # Tasks without a deadline come after the dated ones in both orders: the keys are the non-NULL
    # ``deadline_last`` / ``deadline_first`` of ``TaskQuerySet.with_deadline_keys`` (paging compares keys).
    sorts = {"han": paging.Sort("Thời hạn", ("deadline_last", "pk")),
             "-han": paging.Sort("Thời hạn (xa nhất)", ("-deadline_first", "-pk"))}
    default_sort = "han"

    def filtered(self):
        return super().filtered().with_deadline_keys()

    def decorate(self, rows):
        """Each task with its status by the one rule (``rules.task_status``), and how late it is (None for a
        task without a deadline, never late)."""
        today = timezone.localdate()
        result = reports.rows_with_status(rows, today)
        for row in result:
            row.days_late = (today - row.task.deadline).days if row.task.deadline else None
        return result


class MyTaskList(_TaskRows):
    """"Nhiệm vụ của tôi": open tasks my office leads or I am responsible for."""

    title = "Nhiệm vụ của tôi"
    filename = "nhiem-vu-cua-toi"

    def rows(self):
        offices = self.user.grants.filter(role="office").values("organization_id")
        query = Q(lead_organization_id__in=offices)
        if self.user.person_id:
            query |= Q(responsible_id=self.user.person_id)
        return Task.objects.select_related(*RELATED).filter(closed=False).filter(query)


class OverdueList(_TaskRows):
    """Overdue tasks across an organization's subtree, the longest overdue first."""

    title = "Nhiệm vụ quá hạn"
    filename = "nhiem-vu-qua-han"

    def __init__(self, user, params, organization_id: int | None = None, **context):
        super().__init__(user, params, organization_id=organization_id, **context)
        self.organization = get_object_or_404(Organization, pk=organization_id)
        if not permissions.can_read(user, self.organization):
            raise Http404("Không tìm thấy tổ chức.")

    def rows(self):
        today = timezone.localdate()
        return rules.visible_tasks(self.user, Task.objects.concerning(self.organization, subtree=True).overdue(today)
                                   ).select_related(*RELATED)
