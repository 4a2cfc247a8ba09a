from decimal import Decimal

from django import template

from samverka.lib import money

register = template.Library()


@register.filter
def kr(value: Decimal | int | None) -> str:
    """13 631 000 kr. Refuses floats: an amount that reached a template as float is a bug."""
    return "–" if value is None else money.format_kr(value)


@register.filter
def tkr(value: Decimal | int | None) -> str:
    return "–" if value is None else money.format_tkr(value)


@register.filter
def number(value: Decimal | int | None, decimals: int = 0) -> str:
    return "–" if value is None else money.format_number(value, int(decimals))


@register.filter
def percent(value: Decimal | None, decimals: int = 1) -> str:
    return "–" if value is None else money.format_percent(value, int(decimals))
