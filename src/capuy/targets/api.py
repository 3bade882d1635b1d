"""REST endpoints of the targets app, mounted under /api/."""

from ninja import Router

router = Router(tags=["Chỉ tiêu và kết quả"])
