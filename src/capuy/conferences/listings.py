"""The lists of the conferences app (core/paging.py)."""


from django.utils import timezone

from capuy.conferences.models import Conference
from capuy.core import paging


def _yes(text: str) -> bool:
    if text != "1":
        raise ValueError("chỉ nhận giá trị 1")
    return True


def _preparing(rows, value):
    """The home page's "being prepared": ahead, not yet held."""
    return rows.filter(status__in=(Conference.Status.DRAFT, Conference.Status.INVITED),
                       date__gte=timezone.localdate())


class ConferenceList(paging.Listing):
    noun = "hội nghị"
    title = "Hội nghị"
    filename = "hoi-nghi"
    sorts = {"-ngay": paging.Sort("Ngày họp (mới nhất)", ("-date", "-pk")),
             "ngay": paging.Sort("Ngày họp (sớm nhất)", ("date", "pk"))}
    default_sort = "-ngay"
    filters = (
        paging.choice("trang-thai", "Trạng thái", Conference.Status.choices, "status"),
        paging.Filter("chuan-bi", "Sắp họp, đang chuẩn bị", _yes, _preparing),
        paging.year("nam", "Năm", "date__year"),
    )
    columns = (
        paging.Column("Ngày họp", lambda c: c.date),
        paging.Column("Hội nghị", lambda c: c.title),
        paging.Column("Tổ chức", lambda c: str(c.organization)),
        paging.Column("Loại", lambda c: c.get_kind_display()),
        paging.Column("Trạng thái", lambda c: c.get_status_display()),
    )

    def __init__(self, user, params, **context):
        if params.get("chuan-bi") == "1":
            self.default_sort = "ngay"  # what is coming soonest first
        super().__init__(user, params, **context)

    def rows(self):
        return Conference.objects.visible_to(self.user).select_related("organization", "body__organization", "body__term", "term")


