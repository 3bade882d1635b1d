"""REST endpoints of the members app, mounted under /api/."""

from ninja import Router

router = Router(tags=["Đảng viên"])
