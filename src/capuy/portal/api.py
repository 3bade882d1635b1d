"""REST endpoints of the portal app, mounted under /api/."""

from ninja import Router

router = Router(tags=["Cổng thông tin"])
