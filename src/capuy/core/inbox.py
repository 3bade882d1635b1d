"""What awaits a person today: the blocks of the home page, gathered from the apps.

Each app that knows of work waiting for someone provides a module ``capuy.<app>.inbox`` with a function
``blocks(viewer) -> list[Block]``. This module finds those modules through the installed apps (it imports
no app) and the home page only composes what they return.

Rules for a provider:
- Return only the blocks that concern the viewer (an empty block is left out unless ``always`` is set).
- Cost a fixed number of queries whatever the size of the viewer's subtree: filter by the path prefixes in
  ``viewer.subtree_q(...)`` (one indexed ``LIKE 'prefix%'`` each), count once and fetch at most
  ``Block.LIMIT`` rows.
- Give each item a link to where the work is done, and the block a link to the full, filtered list.

Sections: ``office`` (văn phòng cấp ủy: the subtree's work), ``personal`` (what the person is invited to,
must vote on, answer or do: committee members and party members), ``admin`` (system administration).
"""

import dataclasses
import datetime
import importlib
import logging
from collections.abc import Callable

from django.apps import apps
from django.db.models import Q
from django.utils import timezone

log = logging.getLogger(__name__)

OFFICE, PERSONAL, ADMIN = "office", "personal", "admin"
SECTIONS = {
    OFFICE: "Công việc của văn phòng cấp ủy",
    PERSONAL: "Việc của tôi",
    ADMIN: "Quản trị hệ thống",
}
# Role codes of ``accounts.RoleGrant.role`` (strings, so that core imports no app).
ROLE_ADMIN, ROLE_OFFICE, ROLE_COMMITTEE, ROLE_MEMBER = "admin", "office", "committee", "member"


@dataclasses.dataclass
class Item:
    title: str
    url: str
    note: str = ""  # what is missing or due, in a short phrase
    when: datetime.date | None = None
    urgent: bool = False  # overdue, today, or blocking


@dataclasses.dataclass
class Block:
    LIMIT = 5  # items shown; the rest are behind ``more_url``

    key: str  # stable id, also the HTML id ("khoi-<key>")
    section: str
    title: str
    items: list[Item]
    count: int  # how many await, of which ``items`` are the first
    more_url: str = ""
    more_label: str = "Xem tất cả"
    empty: str = ""  # shown when there is nothing (only for ``always`` blocks)
    order: int = 100
    counts: bool = True  # adds to the badge on the menu
    always: bool = False  # shown even when empty (e.g. the feedback channel)
    note: str = ""  # a sentence under the title

    @property
    def urgent(self) -> bool:
        return any(item.urgent for item in self.items)

    @property
    def hidden(self) -> int:
        return max(0, self.count - len(self.items))


@dataclasses.dataclass
class Viewer:
    """The person looking, with their role grants read once (role, organization id, path, name)."""

    user: object
    today: datetime.date
    now: datetime.datetime
    grants: list[tuple[str, int, str, str]]

    @classmethod
    def of(cls, user, now=None) -> "Viewer":
        now = now or timezone.now()
        grants = list(user.grants.order_by("organization__path").values_list(
            "role", "organization_id", "organization__path", "organization__name"))
        return cls(user=user, today=timezone.localdate(now), now=now, grants=grants)

    @property
    def person_id(self):
        return self.user.person_id

    @property
    def is_admin(self) -> bool:
        return self.user.is_superuser or any(role == ROLE_ADMIN for role, *_ in self.grants)

    def roles(self) -> set[str]:
        return {role for role, *_ in self.grants} | ({ROLE_ADMIN} if self.user.is_superuser else set())

    def paths(self, *roles: str) -> list[str]:
        """The tops of the subtrees the viewer holds one of ``roles`` over (a path under another is dropped)."""
        paths = sorted({path for role, _, path, _ in self.grants if role in roles})
        return [p for i, p in enumerate(paths) if not any(p.startswith(q) for q in paths[:i])]

    def organizations(self, *roles: str) -> list[tuple[int, str]]:
        """(id, name) of the organizations at the tops of those subtrees, for links to their lists."""
        tops = set(self.paths(*roles))
        seen, result = set(), []
        for _, pk, path, name in self.grants:
            if path in tops and pk not in seen:
                seen.add(pk)
                result.append((pk, name))
        return result

    def subtree_q(self, field: str, *roles: str) -> Q | None:
        """A Q keeping rows whose ``{field}path`` lies in the viewer's subtrees for ``roles``; None if none."""
        paths = self.paths(*roles)
        if not paths:
            return None
        query = Q()
        for path in paths:
            query |= Q(**{f"{field}path__startswith": path})
        return query

    @property
    def is_office(self) -> bool:
        return bool(self.paths(ROLE_OFFICE))


def _providers() -> list[Callable]:
    providers = []
    for config in apps.get_app_configs():
        if not config.name.startswith("capuy."):
            continue
        name = f"{config.name}.inbox"
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
            continue
        if provider := getattr(module, "blocks", None):
            providers.append(provider)
    return providers


def collect(viewer: Viewer) -> list[Block]:
    """Every app's blocks for ``viewer``, in section and page order, empty ones left out."""
    blocks = []
    for provider in _providers():
        blocks.extend(b for b in provider(viewer) if b.count or b.always)
    section_order = list(SECTIONS)
    return sorted(blocks, key=lambda b: (section_order.index(b.section), not b.urgent, b.order))


def sections(blocks: list[Block]) -> list[tuple[str, str, list[Block]]]:
    """[(section key, heading, blocks)] in page order (office, personal, admin), sections without blocks left out."""
    return [(key, title, [b for b in blocks if b.section == key]) for key, title in SECTIONS.items()
            if any(b.section == key for b in blocks)]


def badge_count(blocks: list[Block]) -> int:
    return sum(b.count for b in blocks if b.counts)


def first(queryset, limit: int = Block.LIMIT) -> list:
    return list(queryset[:limit])


# -- core's own blocks: health and background work, for administrators --------------------------------------


def health_checks() -> list[tuple[str, bool, str]]:
    """(what, working?, detail) for the services capuy needs: the database and the cache (one query)."""
    from django.conf import settings
    from django.core.cache import cache
    from django.db import connection

    checks = []
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        checks.append(("Cơ sở dữ liệu", True, f"Kết nối được ({connection.vendor})"))
    except Exception as exc:  # a health check reports, it must not fail the page
        checks.append(("Cơ sở dữ liệu", False, f"Không kết nối được: {exc.__class__.__name__}"))
    try:
        cache.set("capuy:health", "ok", 10)
        working = cache.get("capuy:health") == "ok"
        backend = settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1]
        checks.append(("Bộ nhớ đệm", working, f"{'Hoạt động' if working else 'Không đọc lại được'} ({backend})"))
    except Exception as exc:
        checks.append(("Bộ nhớ đệm", False, f"Không kết nối được: {exc.__class__.__name__}"))
    backend = settings.EMAIL_BACKEND.rsplit(".", 2)[-2]
    checks.append(("Thư điện tử", True, f"Gửi qua {backend}" + (" (chỉ in ra nhật ký, không gửi thật)"
                                                               if backend in ("console", "locmem") else "")))
    return checks


def blocks(viewer: Viewer) -> list[Block]:
    if not viewer.is_admin:
        return []
    from django.urls import reverse

    checks = health_checks()
    failed = sum(1 for _, ok, _ in checks if not ok)
    health = Block(
        key="suc-khoe", section=ADMIN, title="Tình trạng hệ thống", count=failed, always=True, order=1,
        items=[Item(title=what, url=reverse("admin:index"), note=detail if ok else f"Lỗi – {detail}", urgent=not ok)
               for what, ok, detail in checks],
        note="Không có sự cố." if not failed else f"{failed} dịch vụ gặp sự cố.")
    from capuy.core.models import BackgroundJob, OutgoingMail

    failed_jobs = BackgroundJob.objects.filter(status=BackgroundJob.Status.FAILED)
    failed_mail = OutgoingMail.objects.filter(status=OutgoingMail.Status.FAILED).count()
    items = [Item(title=job.title, url=job.get_absolute_url(), note=job.error[:200], urgent=True)
             for job in failed_jobs.order_by("-finished_at", "-pk")[: Block.LIMIT]]
    if failed_mail:
        items.append(Item(title=f"{failed_mail} thư gửi không được", url=reverse("admin:core_outgoingmail_changelist")
                          + "?status__exact=" + OutgoingMail.Status.FAILED, urgent=True))
    count = failed_jobs.count() + failed_mail
    jobs = Block(
        key="tac-vu-nen", section=ADMIN, title="Việc nền không thành công", count=count, always=True, order=30,
        items=items, note="Không có việc nền nào lỗi." if not count else "",
        more_url=reverse("admin:core_backgroundjob_changelist") + "?status__exact=" + BackgroundJob.Status.FAILED,
        more_label="Tất cả việc nền lỗi")
    return [health, jobs]
