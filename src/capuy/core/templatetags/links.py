"""``{{ value|safe_link }}``: a link typed by a user, or an empty address if it is not http(s) or relative."""

from django import template

from capuy.core.links import safe_link as _safe_link

register = template.Library()


@register.filter
def safe_link(value):
    return _safe_link(value)
