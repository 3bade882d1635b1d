"""The organizations the person holds a role on, for the home page (``capuy.core.inbox``): the top of each
granted subtree, from the grants the viewer already holds (no query)."""

from django.urls import reverse

from capuy.accounts.permissions import READ_ROLES
from capuy.core.inbox import OFFICE, PERSONAL, ROLE_ADMIN, ROLE_COMMITTEE, ROLE_MEMBER, ROLE_OFFICE, Block, Item

ROLE_NAMES = {ROLE_OFFICE: "Văn phòng cấp ủy", ROLE_COMMITTEE: "Cấp ủy viên", ROLE_MEMBER: "Đảng viên",
              ROLE_ADMIN: "Quản trị hệ thống"}
READERS = set(READ_ROLES)  # the roles that read an organization's page


def blocks(viewer) -> list[Block]:
    if not viewer.grants:
        return []
    roles = {}
    for role, pk, _, name in viewer.grants:
        roles.setdefault((pk, name), []).append(role)
    tops = {pk for pk, _ in viewer.organizations(*ROLE_NAMES)}
    # an organization's records are for its office and committee: a party member's own cell is named, not linked
    # to a page that would refuse them
    items = [Item(title=name, url=reverse("organizations:detail", args=[pk]) if set(held) & READERS else "",
                  note=", ".join(ROLE_NAMES.get(role, role) for role in held))
             for (pk, name), held in roles.items() if pk in tops]
    reader = any(set(held) & READERS for held in roles.values())
    return [Block(key="to-chuc-cua-toi", section=OFFICE if viewer.is_office else PERSONAL,
                  title="Tổ chức của tôi", items=items[:8], count=len(items), counts=False, always=True,
                  more_url=reverse("organizations:list") if reader else "", more_label="Danh sách tổ chức", order=200)]
