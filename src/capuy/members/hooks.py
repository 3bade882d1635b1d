"""Hooks through which other apps add to the member pages, without the members app importing them.

An app ``capuy.<app>`` may provide a module ``capuy.<app>.member_hooks`` with any of:

``member_page_section(person, user) -> dict | None``
    A section of the member's own page ("Trang của tôi"). Return ``{"title": str, "template": str,
    "context": dict, "order": int}`` or None. The conferences app shows invitations and conferences
    (order 10), the documents app the documents assigned to the member (order 20). The section
    renders inside ``{% block member_sections %}`` of ``members/my_page.html``; its template gets the
    context as ``section``. ``members/_section_list.html`` renders ``{"items": [{"title", "url",
    "note"}], "empty": "…"}`` for a plain list.

``rating_annex(person, year) -> dict | None``
    Shown beside a rating: the tasks app returns the year-end evaluation of the difficult tasks the
    person registered (``{"title": str, "text": str, "url": str}``).

Apps not yet written simply have no such module; nothing breaks.
"""

import importlib

HOOK_APPS = ("conferences", "documents", "tasks", "voting", "targets", "portal")


def _modules():
    for app in HOOK_APPS:
        try:
            yield importlib.import_module(f"capuy.{app}.member_hooks")
        except ModuleNotFoundError as exc:
            if exc.name != f"capuy.{app}.member_hooks":
                raise


def member_page_sections(person, user) -> list[dict]:
    sections = []
    for module in _modules():
        provider = getattr(module, "member_page_section", None)
        if provider and (section := provider(person, user)):
            sections.append(section)
    return sorted(sections, key=lambda s: s.get("order", 100))


def rating_annexes(person, year) -> list[dict]:
    annexes = []
    for module in _modules():
        provider = getattr(module, "rating_annex", None)
        if provider and (annex := provider(person, year)):
            annexes.append(annex)
    return annexes
