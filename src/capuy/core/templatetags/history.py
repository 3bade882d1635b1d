"""``{% history_of record %}``: the "Lịch sử thay đổi" block of a record's page, closed; opening it loads the
entries from the same page (``core.history.history_answer``, after the page's own check of who may read it)."""

from django import template

from capuy.core.history import PARAM

register = template.Library()


@register.inclusion_tag("core/_history.html", takes_context=True)
def history_of(context, record):
    return {"url": f"{context['request'].path}?{PARAM}=1"}
