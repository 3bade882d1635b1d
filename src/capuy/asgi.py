"""The ASGI entry point (uvicorn ``capuy.asgi:application``)."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "capuy.settings")
application = get_asgi_application()

# Requests past the connection pool's size wait in the event loop, not in threads of their own (core/pool.py).
from capuy.core.pool import gate  # noqa: E402 - after Django is set up

application = gate(application)

# Open live streams end on SIGTERM, so that a restart takes seconds, not forever (see live.stop_streams).
from capuy.conferences import live  # noqa: E402 - after Django is set up

live.install_shutdown_handler()
