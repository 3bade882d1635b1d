"""What awaits system administrators in the accounts app, for the home page (``capuy.core.inbox``):
accounts awaiting activation (created inactive), and active accounts with no role anywhere (their owners see
the page that tells them to ask the office or an administrator)."""

from django.urls import reverse
from django.utils import timezone

from capuy.accounts.models import User
from capuy.core.inbox import ADMIN, Block, Item, first
from capuy.core.vietnamese import short_date


def blocks(viewer) -> list[Block]:
    if not viewer.is_admin:
        return []
    result = []
    changelist = reverse("admin:accounts_user_changelist")
    inactive = User.objects.filter(is_active=False)
    count = inactive.count()
    if count:
        rows = first(inactive.select_related("person").order_by("-date_joined", "pk"))
        result.append(Block(
            key="tai-khoan-cho-kich-hoat", section=ADMIN, title="Tài khoản chờ kích hoạt", count=count,
            items=[Item(title=f"{u} ({u.username})", url=reverse("admin:accounts_user_change", args=[u.pk]),
                        note=f"Tạo ngày {short_date(timezone.localdate(u.date_joined), True)}") for u in rows],
            more_url=changelist + "?is_active__exact=0", more_label="Tất cả tài khoản chưa kích hoạt", order=10))
    roleless = User.objects.filter(is_active=True, is_superuser=False, grants__isnull=True, person__isnull=True)
    count = roleless.count()
    if count:
        rows = first(roleless.order_by("-date_joined", "pk"))
        result.append(Block(
            key="tai-khoan-chua-phan-quyen", section=ADMIN, title="Tài khoản chưa được phân quyền", count=count,
            items=[Item(title=u.username, url=reverse("admin:accounts_user_change", args=[u.pk]),
                        note="Chưa có vai trò trên tổ chức nào, chưa gắn với nhân sự") for u in rows],
            more_url=changelist, more_label="Danh sách tài khoản", order=20))
    return result
