"""The lists of the targets app (core/paging.py)."""

from django.db.models import Q

from capuy.accounts import permissions
from capuy.accounts.models import Role
from capuy.core import paging
from capuy.organizations.models import Organization
from capuy.targets.models import ReportingRound


def round_units(organizations) -> list[Organization]:
    """The units a round opened by one of ``organizations`` may ask: their active direct subordinates."""
    return list(Organization.objects.filter(parent__in=organizations, valid_to__isnull=True).order_by("path"))


class OpenRoundList(paging.Listing):
    """Open reporting rounds the user may follow: of an organization they read, or asking a unit whose office they
    are."""

    noun = "đợt báo cáo đang mở"
    title = "Đợt báo cáo đang mở"
    filename = "dot-bao-cao-dang-mo"
    per_page = 20
    sorts = {"han": paging.Sort("Hạn nộp", ("deadline",)), "-han": paging.Sort("Hạn nộp (xa nhất)", ("-deadline",))}
    default_sort = "han"
    columns = (
        paging.Column("Đợt báo cáo", lambda r: r.title),
        paging.Column("Cơ quan mở", lambda r: r.organization.name),
        paging.Column("Hạn nộp", lambda r: r.deadline),
    )

    def rows(self):
        readable = permissions.organization_filter(self.user, field="organization__")
        rounds = ReportingRound.objects.filter(closed=False).select_related("organization")
        if readable is None:
            return rounds
        offices = self.user.grants.filter(role=Role.OFFICE).values("organization_id")
        return rounds.filter(readable | Q(pk__in=ReportingRound.objects.filter(organizations__in=offices)
                                          .values("pk")))
