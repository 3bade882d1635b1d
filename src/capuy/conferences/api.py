"""REST endpoints of the conferences app, mounted under /api/."""

from ninja import Router

router = Router(tags=["Hội nghị"])
