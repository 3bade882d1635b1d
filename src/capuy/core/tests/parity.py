"""The shape of a parity case: one thing tried through the page and through the API by the same person.

Each app lists its cases in ``capuy/<app>/tests/parity.py`` as ``CASES = {"<app>.<action>": build}`` where
``build(test)`` prepares the records (``test`` is a ``CapuyTestCase``) and returns the scenarios to try.
"""

from dataclasses import dataclass, field


@dataclass
class Scenario:
    """``refused`` is the Vietnamese message both must give; ``None`` when both must accept."""

    user: object
    page: str
    api: tuple[str, str]  # (method, path under /api)
    page_data: dict = field(default_factory=dict)
    api_data: dict = field(default_factory=dict)
    api_files: dict = field(default_factory=dict)
    refused: str | None = None
