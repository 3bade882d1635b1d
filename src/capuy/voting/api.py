"""REST endpoints of the voting app, mounted under /api/."""

from ninja import Router

router = Router(tags=["Biểu quyết và bầu cử"])
