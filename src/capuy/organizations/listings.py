"""The lists of the organizations app (core/paging.py)."""

from capuy.accounts import permissions
from capuy.core import paging
from capuy.core.vietnamese import search_key
from capuy.organizations.models import Organization


def search_organizations(rows, words: str):
    """Organizations whose names contain ``words`` (the app's own search method when it has one)."""
    if not words:
        return rows
    search = getattr(rows, "search", None)
    if search is not None:
        return search(words)
    return rows.filter(search_text__contains=search_key(words))


class OrganizationList(paging.Listing):
    """Every organization the user may read, in tree order."""

    noun = "tổ chức đảng"
    title = "Tổ chức đảng"
    filename = "to-chuc-dang"
    sorts = {"cay": paging.Sort("Theo cây tổ chức", ("path",)), "ten": paging.Sort("Tên", ("name",))}
    default_sort = "cay"
    filters = (
        paging.text("q", "Tên", search_organizations),
        paging.choice("loai", "Loại tổ chức", Organization.Kind.choices, "kind"),
        paging.Filter("con-hoat-dong", "Còn hoạt động", lambda text: _yes(text),
                      lambda rows, value: rows.filter(valid_to__isnull=value)),
    )
    columns = (
        paging.Column("Mã", lambda o: o.pk),
        paging.Column("Tên", lambda o: o.name),
        paging.Column("Loại", lambda o: o.get_kind_display()),
        paging.Column("Cấp trên (mã)", lambda o: o.parent_id or ""),
        paging.Column("Ngừng hoạt động", lambda o: o.valid_to),
    )

    def rows(self):
        return permissions.readable_organizations(self.user).select_related("merged_into")


def _yes(text: str) -> bool:
    if text not in ("1", "0"):
        raise ValueError("chỉ nhận 1 (còn) hoặc 0 (đã ngừng)")
    return text == "1"


class PersonList(paging.Listing):
    """People the user may see whose name matches the search (the search page's people)."""

    noun = "nhân sự"
    title = "Nhân sự"
    filename = "nhan-su"
    per_page = 20
    sorts = {"ten": paging.Sort("Họ tên", ("sort_key",))}
    default_sort = "ten"
    filters = (paging.text("q", "Họ tên", lambda rows, words: rows.search(words)),)
    columns = (
        paging.Column("Họ và tên", lambda p: p.full_name),
        paging.Column("Chức danh", lambda p: p.titles_text()),
        paging.Column("Nơi quản lý hồ sơ", lambda p: p.organization.name if p.organization_id else ""),
    )

    def rows(self):
        # visible_people has no DISTINCT (semi-joins): the name search narrows it directly, no IN wrapper.
        return permissions.visible_people(self.user).select_related("organization").prefetch_related("titles")
