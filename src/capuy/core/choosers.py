"""Choosing a person or an organization by typing, instead of a <select> holding everyone.

A province has hundreds of thousands of people: a form field that lists them all is too big to load and
useless to scroll. :func:`use` turns a ``ModelChoiceField`` (or ``ModelMultipleChoiceField``) into a search
box: as the user types, htmx asks the field's search page (an app's view, which knows whom the user may
see) and shows at most ``CAPUY_CHOOSER_LIMIT`` matches, then "còn nữa, hãy gõ thêm". Clicking a match
puts its id into the form (``capuy.js``, no inline script). The field's queryset is unchanged and still
decides what the form accepts: a hand-typed id outside it is refused like any invalid choice.

:func:`results` is the search page's answer: the matches of a queryset, bounded, as an HTML fragment.
"""

from django import forms
from django.shortcuts import render

from capuy import config

SEARCH_PARAM = "q"
SEARCH_SUFFIX = "-tim"


def limit() -> int:
    return max(1, config.value("CAPUY_CHOOSER_LIMIT"))


class ChooserWidget(forms.Widget):
    template_name = "core/_chooser.html"

    def __init__(self, url: str, multiple: bool = False, placeholder: str = "Gõ tên để tìm…", attrs=None):
        super().__init__(attrs)
        self.url, self.multiple, self.placeholder = url, multiple, placeholder
        self.choices = ()

    def value_from_datadict(self, data, files, name):
        if self.multiple:
            return [v for v in data.getlist(name) if v] if hasattr(data, "getlist") else data.get(name)
        return data.get(name)

    def format_value(self, value):
        if self.multiple:
            values = value if isinstance(value, (list, tuple)) else [value]
            return [str(v) for v in values if v not in (None, "")]
        return None if value in (None, "") else str(value)

    def value_omitted_from_data(self, data, files, name):
        return name not in data

    def _chosen(self, value) -> list[tuple[str, str]]:
        """(id, label) of the chosen rows: one bounded query on the field's queryset."""
        values = value if isinstance(value, (list, tuple)) else [value]
        ids = [str(v) for v in values if v not in (None, "")]
        queryset = getattr(self.choices, "queryset", None)
        if not ids or queryset is None:
            return []
        found = {str(o.pk): str(o) for o in queryset.filter(pk__in=[i for i in ids if i.isdigit()])}
        return [(i, found[i]) for i in ids if i in found]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        chosen = self._chosen(value)
        context["widget"].update({"url": self.url, "multiple": self.multiple, "placeholder": self.placeholder,
                                  "chosen": chosen, "search_name": name + SEARCH_SUFFIX})
        return context


def use(field: forms.ModelChoiceField, url: str, placeholder: str = "Gõ tên để tìm…") -> forms.ModelChoiceField:
    """Make ``field`` a search-as-you-type chooser that asks ``url`` (which takes ``?q=``)."""
    widget = ChooserWidget(url, multiple=isinstance(field, forms.ModelMultipleChoiceField), placeholder=placeholder,
                           attrs=dict(field.widget.attrs))
    widget.is_required = field.required
    widget.choices = field.choices
    field.widget = widget
    return field


def results(request, queryset, label=str, note=None):
    """At most ``CAPUY_CHOOSER_LIMIT`` rows of ``queryset`` (already searched and restricted to what the
    user may see) as the chooser's list; one more is fetched only to know whether to say "còn nữa"."""
    size = limit()
    query = search_words(request)
    rows = list(queryset[: size + 1]) if query else []
    return render(request, "core/_chooser_results.html", {
        "query": query, "rows": [(r.pk, label(r), note(r) if note else "") for r in rows[:size]],
        "more": len(rows) > size, "size": size,
    })


def search_words(request) -> str:
    """The typed words (bounded): ``?q=``, or the box of a form field (``<field>-tim``, named so that the
    form it sits in does not send a ``q`` of its own)."""
    words = request.GET.get(SEARCH_PARAM, "")
    if not words:
        words = next((v for k, v in request.GET.items() if k.endswith(SEARCH_SUFFIX)), "")
    return words.strip()[:100]
