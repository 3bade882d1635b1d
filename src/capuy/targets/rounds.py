"""Reporting rounds: who has reported, who is late, and reminders by mail and in-app notice."""

import dataclasses

from django.conf import settings
from django.core.mail import send_mass_mail
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from capuy.accounts.models import Role, RoleGrant
from capuy.targets.models import Indicator, Notice, ReportingRound, Result


@dataclasses.dataclass
class UnitProgress:
    organization: object
    expected: int
    submitted: int
    drafts: int

    @property
    def complete(self) -> bool:
        return self.submitted >= self.expected

    def state(self, reporting_round: ReportingRound, now=None) -> str:
        if self.complete:
            return "done"
        return "late" if reporting_round.is_overdue(now) else "pending"

    def state_label(self, reporting_round, now=None) -> str:
        return {"done": "Đã gửi đủ", "late": "Quá hạn", "pending": "Chưa gửi đủ"}[self.state(reporting_round, now)]


def progress(reporting_round: ReportingRound) -> list[UnitProgress]:
    """For each unit of the round: how many of the round's indicators it reports, and how many it has sent.

    A unit is done when every indicator of the round that it reports has a submitted or approved result
    for the round's period; it is late when it is not done after the deadline.
    """
    return progress_many([reporting_round])[reporting_round.pk]


def progress_many(reporting_rounds) -> dict[int, list[UnitProgress]]:
    """``progress`` of several rounds at once, keyed by round id: four queries however many rounds
    (the home page shows the open rounds of a subtree)."""
    reporting_rounds = list(reporting_rounds)
    if not reporting_rounds:
        return {}
    through_units = ReportingRound.organizations.through.objects.filter(
        reportinground_id__in=[r.pk for r in reporting_rounds]).select_related("organization")
    units: dict[int, list] = {r.pk: [] for r in reporting_rounds}
    for row in through_units.order_by("organization__path"):
        units[row.reportinground_id].append(row.organization)
    through_indicators = ReportingRound.indicators.through.objects.filter(
        reportinground_id__in=[r.pk for r in reporting_rounds]).values_list("reportinground_id", "indicator_id")
    indicators: dict[int, set] = {r.pk: set() for r in reporting_rounds}
    for round_id, indicator_id in through_indicators:
        indicators[round_id].add(indicator_id)
    all_indicators = set().union(*indicators.values())
    reporters: dict[int, set] = {i: set() for i in all_indicators}
    for indicator_id, organization_id in Indicator.reporters.through.objects.filter(
            indicator_id__in=all_indicators).values_list("indicator_id", "organization_id"):
        reporters[indicator_id].add(organization_id)
    query = Q(pk__in=[])
    for r in reporting_rounds:
        period = r.period
        query |= Q(period_kind=period.kind, year=period.year, period_number=period.number,
                   organization__in=[u.pk for u in units[r.pk]], indicator__in=indicators[r.pk])
    rows = list(Result.objects.filter(query).values_list("organization_id", "indicator_id", "period_kind", "year",
                                                         "period_number", "status"))
    result = {}
    for r in reporting_rounds:
        period = (r.period.kind, r.period.year, r.period.number)
        unit_ids = {u.pk for u in units[r.pk]}
        expected = dict.fromkeys(unit_ids, 0)
        for indicator_id in indicators[r.pk]:
            for organization_id in reporters[indicator_id] & unit_ids:
                expected[organization_id] += 1
        sent, drafts = dict.fromkeys(unit_ids, 0), dict.fromkeys(unit_ids, 0)
        for organization_id, indicator_id, kind, year, number, status in rows:
            if (kind, year, number) != period or organization_id not in unit_ids or indicator_id not in indicators[r.pk]:
                continue
            if status == Result.Status.DRAFT:
                drafts[organization_id] += 1
            else:
                sent[organization_id] += 1
        result[r.pk] = [UnitProgress(u, expected[u.pk], sent[u.pk], drafts[u.pk]) for u in units[r.pk]]
    return result


def late_units(reporting_round: ReportingRound, now=None) -> list:
    """Units that have not sent every indicator by the deadline (none before the deadline passes)."""
    if not reporting_round.is_overdue(now):
        return []
    return [p.organization for p in progress(reporting_round) if not p.complete]


def pending_units(reporting_round: ReportingRound) -> list:
    return [p.organization for p in progress(reporting_round) if not p.complete]


@transaction.atomic
def send_reminders(reporting_round: ReportingRound, sender=None, units=None) -> int:
    """Remind the office staff of each unit that has not sent everything (the late ones, or ``units``).

    Each user with the office role granted on the unit gets an e-mail (Django mail) and an in-app notice.
    Returns the number of people reminded.
    """
    units = pending_units(reporting_round) if units is None else units
    grants = RoleGrant.objects.filter(organization__in=units, role=Role.OFFICE).select_related("user", "organization")
    deadline = timezone.localtime(reporting_round.deadline)
    url = reporting_round.get_absolute_url()
    messages, reminded = [], set()
    for grant in grants:
        if grant.user_id in reminded or not grant.user.is_active:
            continue
        reminded.add(grant.user_id)
        text = (f"Nhắc báo cáo: {grant.organization.name} chưa gửi đủ số liệu “{reporting_round.title}”, "
                f"hạn nộp {deadline:%H:%M} ngày {deadline:%d/%m/%Y}.")
        Notice.objects.create(user=grant.user, text=text[:500], url=url)
        if grant.user.email:
            body = (f"{text}\n\nĐề nghị đồng chí nhập và gửi số liệu tại: {url}\n\n"
                    f"{reporting_round.organization.display_committee}")
            messages.append((f"[Cấp ủy số] Nhắc báo cáo {reporting_round.title}", body,
                             settings.DEFAULT_FROM_EMAIL, [grant.user.email]))
    if messages:
        send_mass_mail(messages, fail_silently=True)
    return len(reminded)
