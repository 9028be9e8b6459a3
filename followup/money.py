"""Money arithmetic of the follow-up: Decimal in, Decimal out, rounded to the cent half up.

Every euro figure the follow-up stores or shows (actual costs, flat rates, aid, claims, returns)
is rounded with `cents`, the way the funders' systems and the county's ledger round: 0,005 goes up.
Nothing here touches a float. Formatting for people is hankehallinta.money.format_eur.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
ZERO = Decimal("0.00")


def cents(value: Decimal) -> Decimal:
    """`value` rounded to the cent, half up: 10.005 -> 10.01, -10.005 -> -10.01, 7 -> 7.00."""
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


def total(values: Iterable[Decimal]) -> Decimal:
    """The exact sum of `values` (0.00 for none), not rounded: round the result with `cents` once."""
    return sum((Decimal(value) for value in values), ZERO)


def share(amount: Decimal, rate: Decimal) -> Decimal:
    """`rate` (a fraction such as 0.7500) of `amount`, rounded to the cent: share(1000, 0.4) -> 400.00."""
    return cents(Decimal(amount) * Decimal(rate))


def positive_part(value: Decimal) -> Decimal:
    """`value` when above zero, else 0.00: what is left to claim or to return never goes negative."""
    return value if value > 0 else ZERO


def decimal_strings(amounts: dict[str, Decimal]) -> dict[str, str]:
    """{"staff": Decimal("12.30")} -> {"staff": "12.30"}, for a JSON field that must not hold floats."""
    return {key: str(cents(value)) for key, value in amounts.items()}


def decimals(strings: dict[str, str]) -> dict[str, Decimal]:
    """The inverse of `decimal_strings`."""
    return {key: Decimal(value) for key, value in strings.items()}
