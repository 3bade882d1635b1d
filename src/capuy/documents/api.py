"""REST endpoints of the documents app, mounted under /api/."""

from ninja import Router

router = Router(tags=["Văn bản"])
