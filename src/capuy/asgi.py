"""The ASGI entry point (uvicorn ``capuy.asgi:application``)."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "capuy.settings")
application = get_asgi_application()

# Open live streams end on SIGTERM, so that a restart takes seconds, not forever (see live.stop_streams).
from capuy.conferences import live  # noqa: E402 - after Django is set up

live.install_shutdown_handler()
