"""What awaits office staff in the targets app, for the home page (``capuy.core.inbox``): the open reporting
rounds their subtree opened or must report in, soonest deadline first, each with the units that have not
sent every indicator yet (``rounds.progress``, the one rule for "done")."""

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from capuy.core.inbox import OFFICE, ROLE_OFFICE, Block, Item
from capuy.core.vietnamese import short_date
from capuy.targets import rounds
from capuy.targets.models import ReportingRound

ROUNDS_SHOWN = 3
UNITS_NAMED = 3


def open_rounds(viewer):
    opened = viewer.subtree_q("organization__", ROLE_OFFICE)
    if opened is None:
        return ReportingRound.objects.none()
    reporting = ReportingRound.organizations.through.objects.filter(
        viewer.subtree_q("organization__", ROLE_OFFICE)).values("reportinground_id")
    return ReportingRound.objects.filter(closed=False).filter(opened | Q(pk__in=reporting))


def round_note(reporting_round, progress, now) -> tuple[str, bool]:
    pending = [p.organization.name for p in progress if not p.complete]
    deadline = timezone.localtime(reporting_round.deadline)
    late = reporting_round.is_overdue(now)
    when = f"{'Đã quá hạn' if late else 'Hạn nộp'} {deadline:%H:%M} ngày {short_date(deadline.date(), True)}"
    if not pending:
        return f"{when}; các đơn vị đã gửi đủ", False
    names = ", ".join(pending[:UNITS_NAMED]) + (f" và {len(pending) - UNITS_NAMED} đơn vị khác"
                                                 if len(pending) > UNITS_NAMED else "")
    return f"{when}; chưa gửi đủ: {names}", late


def blocks(viewer) -> list[Block]:
    due = open_rounds(viewer)
    count = due.count()
    if not count:
        return []
    items = []
    shown = list(due.order_by("deadline", "pk")[:ROUNDS_SHOWN])
    progress = rounds.progress_many(shown)  # four queries however many rounds
    for reporting_round in shown:
        note, late = round_note(reporting_round, progress[reporting_round.pk], viewer.now)
        items.append(Item(title=reporting_round.title, url=reporting_round.get_absolute_url(), note=note,
                          when=timezone.localtime(reporting_round.deadline).date(), urgent=late))
    return [Block(key="dot-bao-cao", section=OFFICE, title="Đợt báo cáo chỉ tiêu đang mở", items=items, count=count,
                  more_url=reverse("targets:index"), more_label="Tất cả đợt báo cáo đang mở", order=20)]
