"""``{% history_of record %}``: the "Lịch sử thay đổi" block of a record's page (the page checks who may read it)."""

from django import template

from capuy.core.history import entries_for

register = template.Library()

SHOWN = 50


@register.inclusion_tag("core/_history.html")
def history_of(record):
    entries = list(entries_for(record)[: SHOWN + 1])
    return {"entries": entries[:SHOWN], "more": len(entries) > SHOWN}
