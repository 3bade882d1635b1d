"""Reporting rounds: who has reported, who is late, and reminders by mail and in-app notice."""

import dataclasses

from django.conf import settings
from django.core.mail import send_mass_mail
from django.db import transaction
from django.utils import timezone

from capuy.accounts.models import Role, RoleGrant
from capuy.targets.models import Notice, ReportingRound, Result


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
    for the round's period; it is late when it is not done after the deadline. Three queries.
    """
    period = reporting_round.period
    indicators = list(reporting_round.indicators.prefetch_related("reporters"))
    units = list(reporting_round.organizations.all())
    unit_ids = {u.pk for u in units}
    expected = dict.fromkeys(unit_ids, 0)
    for indicator in indicators:
        for reporter in indicator.reporters.all():
            if reporter.pk in unit_ids:
                expected[reporter.pk] += 1
    sent = dict.fromkeys(unit_ids, 0)
    drafts = dict.fromkeys(unit_ids, 0)
    results = Result.objects.for_period(period).filter(organization__in=units, indicator__in=indicators)
    for organization_id, status in results.values_list("organization_id", "status"):
        if status == Result.Status.DRAFT:
            drafts[organization_id] += 1
        else:
            sent[organization_id] += 1
    return [UnitProgress(u, expected[u.pk], sent[u.pk], drafts[u.pk]) for u in units]


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
