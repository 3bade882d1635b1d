"""REST endpoints of the tasks app, mounted under /api/."""

from ninja import Router

router = Router(tags=["Nhiệm vụ"])
