"""Template filters for Vietnamese dates and numbers; loaded as builtins in every template."""

from django import template

from capuy.core import vietnamese

register = template.Library()


@register.filter
def ngay(value, place=""):
    """{{ date|ngay }} -> "ngày 05 tháng 10 năm 2023"."""
    return vietnamese.long_date(value, place) if value else ""


@register.filter
def ngay_ngan(value):
    """{{ date|ngay_ngan }} -> "5/10/2023"."""
    return vietnamese.short_date(value, with_year=True) if value else ""


@register.filter
def so(value, decimals=None):
    """{{ value|so }} -> "20,3"; {{ value|so:1 }} keeps one decimal."""
    return vietnamese.number(value, None if decimals in (None, "") else int(decimals))


@register.filter
def phan_tram(value, decimals=None):
    return vietnamese.percent(value, None if decimals in (None, "") else int(decimals))


@register.filter
def la_ma(value):
    return vietnamese.roman(int(value)) if value else ""
