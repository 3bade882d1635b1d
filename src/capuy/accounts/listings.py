"""The office's account lists, paged (a province keeps hundreds of thousands of members): the members of a subtree
without a login, and the logins of its people."""

from django.db.models import Q
from django.shortcuts import get_object_or_404

from capuy.accounts import actions
from capuy.core import paging
from capuy.organizations.models import Organization, Person


class _OfficeListing(paging.Listing):
    def __init__(self, user, params, organization_id: int | None = None, organization=None, **context):
        super().__init__(user, params, organization_id=organization_id, **context)
        # the page hands over the organization it has checked; an export job checks it again by id
        self.organization = organization if organization is not None and organization.pk == organization_id else \
            actions.managed_organization(user, get_object_or_404(Organization, pk=organization_id))


class MembersWithoutLogin(_OfficeListing):
    noun = "đảng viên chưa có tài khoản"
    title = "Đảng viên chưa có tài khoản"
    filename = "dang-vien-chua-co-tai-khoan"
    sorts = {"ten": paging.Sort("Họ tên", ("sort_key", "pk")),
             "chi-bo": paging.Sort("Chi bộ", ("organization__path", "sort_key", "pk"))}
    default_sort = "ten"
    filters = (paging.text("q", "Họ tên", lambda rows, words: rows.search(words) if words else rows),)
    columns = (paging.Column("Họ và tên", lambda p: p.full_name),
               paging.Column("Chi bộ", lambda p: p.organization.name),
               paging.Column("Thư điện tử", lambda p: p.email))

    def rows(self):
        return actions.members_without_login(self.organization).select_related("organization")


class Logins(_OfficeListing):
    noun = "tài khoản"
    title = "Tài khoản của nhân sự"
    filename = "tai-khoan"
    sorts = {"ten": paging.Sort("Họ tên", ("person__sort_key", "username", "pk")),
             "ten-dang-nhap": paging.Sort("Tên đăng nhập", ("username", "pk"))}
    default_sort = "ten"
    filters = (paging.text("q", "Họ tên hoặc tên đăng nhập",
                           lambda rows, words: rows.filter(Q(username__icontains=words) | Q(
                               person__in=Person.objects.search(words).values("pk"))) if words else rows),)
    columns = (paging.Column("Họ và tên", lambda u: u.person.full_name if u.person_id else ""),
               paging.Column("Tên đăng nhập", lambda u: u.username),
               paging.Column("Tình trạng", lambda u: "Đã khóa" if not u.is_active else "Đang dùng"))

    def rows(self):
        return actions.logins_in(self.organization).prefetch_related("grants__organization")
