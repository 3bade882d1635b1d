"""One check for every id that arrives in a request: the caller must be able to read what it refers to.

An id in a request body (``presenter_id``, ``signer_id``, ``candidate_ids`` …) is a way in: accepting the
id of a person in another province and answering with that person's name and title tells the caller
what they may not read. Each app registers, for the models it owns, the rule that says which rows a user
may read (``register``); actions and API handlers turn ids into objects with :func:`readable` or
:func:`readable_many`, which refuse an unknown id and an id the user may not read with the same message,
so the refusal does not tell which of the two it was. ``core`` holds the mechanism only; the rules
belong to the apps (``core`` depends on no app).
"""

from collections.abc import Callable, Iterable

from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db.models import Model, QuerySet

_RULES: dict[type[Model], tuple[Callable, str]] = {}


def register(model: type[Model], rule: Callable[[object], QuerySet], label: str) -> None:
    """``rule(user)`` returns the rows of ``model`` that ``user`` may read; ``label`` names one in Vietnamese."""
    _RULES[model] = (rule, label)


def _rule(model):
    try:
        return _RULES[model]
    except KeyError:
        raise ImproperlyConfigured(f"No read rule registered for {model.__name__}.") from None


def refusal(model: type[Model], value) -> str:
    label = _RULES[model][1] if model in _RULES else model._meta.verbose_name
    return f"Không tìm thấy {label} có mã {value}, hoặc bạn không có quyền xem."


def readable_rows(user, model: type[Model]) -> QuerySet:
    return _rule(model)[0](user)


def _rows(user, model, within):
    return readable_rows(user, model) if within is None else within


def readable(user, model: type[Model], pk, field: str, within: QuerySet | None = None):
    """The ``model`` row with ``pk`` if ``user`` may read it, else a validation error on ``field``; None stays
    None (an optional reference left empty). ``within``: the rows allowed at this place instead of the
    registered rule (the invitees of a conference the caller runs, the candidates of an election …), already
    limited to what the caller may read."""
    if pk is None:
        return None
    found = _rows(user, model, within).filter(pk=pk).first()
    if found is None:
        raise ValidationError({field: [refusal(model, pk)]})
    return found


def readable_many(user, model: type[Model], pks: Iterable | None, field: str,
                  within: QuerySet | None = None) -> list | None:
    """The rows for ``pks`` in the given order (repeats dropped), or a validation error naming the first
    id the user may not read; None stays None (a list not sent)."""
    if pks is None:
        return None
    wanted = list(dict.fromkeys(pks))
    found = {row.pk: row for row in _rows(user, model, within).filter(pk__in=wanted)}
    missing = [pk for pk in wanted if pk not in found]
    if missing:
        raise ValidationError({field: [refusal(model, missing[0])]})
    return [found[pk] for pk in wanted]
