"""The lists of the targets app (core/paging.py)."""

from django.db.models import Q

from capuy.accounts import permissions
from capuy.accounts.models import Role
from capuy.core import paging
from capuy.organizations.models import Organization
from capuy.targets.models import ReportingRound


def top_organizations(user, roles=permissions.READ_ROLES) -> list[Organization]:
    """The organizations at the top of what ``user`` holds one of ``roles`` over: their grants' organizations
    without those under another one (for an administrator, the organizations without a superior). Each leads to
    the units below it, so no list of the whole subtree is needed, nor cut."""
    if permissions.is_admin(user):
        return list(Organization.objects.filter(parent__isnull=True).order_by("path"))
    granted = sorted(Organization.objects.filter(grants__user=user, grants__role__in=roles).distinct(),
                     key=lambda o: o.path)
    return [o for o in granted if not any(o is not other and o.is_within(other) for other in granted)]


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
