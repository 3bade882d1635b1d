"""What awaits office staff in the portal, for the home page (``capuy.core.inbox``): articles of their
subtree submitted for review ("Chờ duyệt"), oldest first; whoever may manage the organization publishes."""

from django.urls import reverse
from django.utils import timezone

from capuy.core.inbox import OFFICE, ROLE_OFFICE, Block, Item, first
from capuy.core.vietnamese import short_date
from capuy.portal.models import Article


def blocks(viewer) -> list[Block]:
    scope = viewer.subtree_q("organization__", ROLE_OFFICE)
    if scope is None:
        return []
    waiting = Article.objects.filter(scope, status=Article.Status.REVIEW)
    count = waiting.count()
    if not count:
        return []
    rows = first(waiting.select_related("organization").only("pk", "title", "updated", "organization__name")
                 .order_by("updated", "pk"))
    items = [Item(title=a.title, url=reverse("portal:editor_edit", args=[a.pk]),
                  note=f"Gửi duyệt ngày {short_date(timezone.localdate(a.updated), True)} – {a.organization.name}") for a in rows]
    return [Block(key="bai-viet-cho-duyet", section=OFFICE, title="Bài viết chờ duyệt", items=items, count=count,
                  more_url=reverse("portal:editor_list") + "?trang-thai=review", more_label="Tất cả bài chờ duyệt",
                  order=50)]
