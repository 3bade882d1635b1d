"""The action layer: one function per thing a user can do, shared by pages, the API, commands and the demo.

An action takes the acting user first, checks the user's right (``PermissionDenied``, or ``Http404`` when
the record must not even be acknowledged), validates (``ValidationError`` with a Vietnamese message naming
the field), writes in one transaction and sends its live event after the commit. Views and API handlers
only translate requests into a call and the outcome into a response, so both refuse the same input with
the same words.

Apps declare their actions with :func:`action`; the registry lets a test enumerate every action and check
that the page and the API that expose it behave alike (a new action cannot skip that test). ``core`` holds
the mechanism only and knows no app.
"""

import functools
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import transaction


@dataclass(frozen=True)
class Action:
    """One registered action: ``name`` is ``"<app>.<function>"``; ``summary`` says in Vietnamese what it does;
    ``page`` and ``api`` name the URL patterns (``"app:name"``, ``"api:operation"``) that expose it."""

    name: str
    summary: str
    func: Callable
    page: tuple[str, ...] = field(default=())
    api: tuple[str, ...] = field(default=())


REGISTRY: dict[str, Action] = {}


def action(summary: str, *, page: str | tuple[str, ...] = (), api: str | tuple[str, ...] = ()):
    """Register the decorated function as an action and run it in one transaction.

    Use::

        @action("Điểm danh đại biểu", page="conferences:check_in", api="api:conference_check_in")
        def check_in(user, conference, person, at=None): ...
    """

    def register(func: Callable) -> Callable:
        app = func.__module__.split(".")[1] if func.__module__.startswith("capuy.") else func.__module__
        name = f"{app}.{func.__name__}"

        @functools.wraps(func)
        def run(*args, **kwargs):
            with transaction.atomic():
                return func(*args, **kwargs)

        REGISTRY[name] = Action(
            name=name,
            summary=summary,
            func=run,
            page=(page,) if isinstance(page, str) else tuple(page),
            api=(api,) if isinstance(api, str) else tuple(api),
        )
        run.action = REGISTRY[name]
        return run

    return register


def registered() -> list[Action]:
    """Every action of the installed apps (their ``actions`` modules are imported by their AppConfig.ready)."""
    return sorted(REGISTRY.values(), key=lambda a: a.name)
