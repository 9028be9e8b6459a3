"""Template filters for euros and rates in the page's language (hankehallinta/money.py).

{{ amount|eur }} -> 379 904,00 € (fi, sv) or €379,904.00 (en); {{ rate|percent }} -> 80,00 % or 80.00%.
"""

from __future__ import annotations

from decimal import Decimal

from django import template

from hankehallinta.money import format_eur, format_percent

register = template.Library()


@register.filter
def eur(amount: Decimal | int | None) -> str:
    return format_eur(amount)


@register.filter
def eur_plain(amount: Decimal | int | None) -> str:
    """The amount without the euro sign, for table cells under a '€' heading."""
    return format_eur(amount, symbol=False)


@register.filter
def percent(rate: Decimal | None) -> str:
    return format_percent(rate)
