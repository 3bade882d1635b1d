"""The document library as a list (core/paging.py): every visible document reachable, counted, exported."""

import datetime

from django.db.models import Value
from django.db.models.functions import Coalesce

from capuy.core import paging
from capuy.documents import library
from capuy.documents.models import Document
from capuy.documents.search import search_documents

NOT_ISSUED = datetime.date(9999, 12, 31)  # drafts have no date: they sort as the newest (first)


def _symbol(text: str) -> str:
    text = text.strip()
    if len(text) > 20:
        raise ValueError("ký hiệu loại văn bản dài quá 20 ký tự")
    return text


class DocumentList(paging.Listing):
    noun = "văn bản"
    title = "Thư viện văn bản"
    filename = "thu-vien-van-ban"
    per_page = 30
    sorts = {"-ngay": paging.Sort("Mới nhất (dự thảo trước)", ("-issued_key", "-pk")),
             "ngay": paging.Sort("Cũ nhất", ("issued_key", "pk"))}
    default_sort = "-ngay"
    filters = (
        paging.text("q", "Tìm trong văn bản", search_documents, max_length=200),
        paging.Filter("loai", "Loại", _symbol, lambda rows, value: rows.filter(doc_type__symbol=value)),
        paging.identifier("co-quan", "Cơ quan ban hành", "organization_id"),
        paging.year("nam", "Năm", "issued_on__year"),
        paging.identifier("nhiem-ky", "Nhiệm kỳ", "term_id"),
        paging.choice("trang-thai", "Trạng thái", Document.Status.choices, "status"),
    )
    columns = (
        paging.Column("Số, ký hiệu", lambda d: d.number_label if d.number else "Dự thảo"),
        paging.Column("Ngày ban hành", lambda d: d.issued_on),
        paging.Column("Loại", lambda d: d.doc_type.name),
        paging.Column("Trích yếu", lambda d: d.title),
        paging.Column("Cơ quan ban hành", lambda d: d.organization.display_committee),
        paging.Column("Trạng thái", lambda d: d.get_status_display()),
    )

    def rows(self):
        return (library.visible_documents(self.user).defer("content", "search_text", "recipients")
                .annotate(issued_key=Coalesce("issued_on", Value(NOT_ISSUED))))
