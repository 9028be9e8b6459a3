"""Euro amounts in the page's language, and the forms people type in.

Out: Finnish and Swedish "379 904,00 €", English "€379,904.00" (the active language decides).
In: amounts are read the Finnish way in every language (`parse_amount`), as the county's forms are.
Amounts are Decimal end to end; nothing here touches a float.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import get_language
from django.utils.translation import gettext as _

NBSP = "\u00a0"
NARROW_NBSP = "\u202f"
CENT = Decimal("0.01")

_SPACES = re.compile(r"[ \u00a0\u202f]")
# Digits with optional thousands groups (space or dot), and an optional decimal comma.
_GROUPED_BY_SPACE = re.compile(r"^\d{1,3}( \d{3})+(,\d+)?$", re.ASCII)
_GROUPED_BY_DOT = re.compile(r"^\d{1,3}(\.\d{3})+(,\d+)?$", re.ASCII)
_PLAIN = re.compile(r"^\d+(,\d+)?$", re.ASCII)


def _english() -> bool:
    """English figures ("379,904.00") on an English page; Finnish and Swedish write "379 904,00"."""
    return (get_language() or "fi").split("-")[0] == "en"


def format_eur(amount: Decimal | int | None, *, symbol: bool = True) -> str:
    """379904 -> '379 904,00 €' (fi, sv) or '€379,904.00' (en); no-break spaces, so it never wraps."""
    if amount is None:
        return ""
    value = Decimal(amount).quantize(CENT, rounding=ROUND_HALF_UP)
    sign = "-" if value < 0 else ""
    whole, cents = f"{abs(value):.2f}".split(".")
    groups = []
    while whole:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    if _english():
        text = f"{','.join(groups)}.{cents}"
        return f"{sign}€{text}" if symbol else f"{sign}{text}"
    text = f"{sign}{NBSP.join(groups)},{cents}"
    return f"{text}{NBSP}€" if symbol else text


def format_percent(rate: Decimal | None) -> str:
    """A rate as a fraction, 0.800002 -> '80,00 %' (fi, sv) or '80.00%' (en)."""
    if rate is None:
        return ""
    value = (Decimal(rate) * 100).quantize(CENT, rounding=ROUND_HALF_UP)
    if _english():
        return f"{value:.2f}%"
    return f"{value:.2f}".replace(".", ",") + f"{NBSP}%"


def parse_amount(text: str) -> Decimal:
    """Read a euro amount as Finns write it; refuse anything that could be read two ways.

    Accepted: "379 904,00", "379904", "379 904 €", "379.904 €" (dots only as thousands groups),
    with normal, no-break or narrow no-break spaces. Refused: "379,904.00", "1.5", "12.34",
    letters, more than two decimals.
    """
    cleaned = text.strip()
    if cleaned.endswith("€"):
        cleaned = cleaned[:-1].strip()
    cleaned = _SPACES.sub(" ", cleaned).strip()
    negative = cleaned.startswith(("-", "−"))
    if negative:
        cleaned = cleaned[1:].strip()
    if not cleaned:
        raise ValidationError(_("Enter the amount in euros, for example 379 904,00."), code="empty")
    if _GROUPED_BY_SPACE.match(cleaned):
        digits = cleaned.replace(" ", "")
    elif _GROUPED_BY_DOT.match(cleaned):
        digits = cleaned.replace(".", "")
    elif _PLAIN.match(cleaned):
        digits = cleaned
    elif "." in cleaned and "," not in cleaned and re.fullmatch(r"\d+\.\d{1,2}", cleaned, re.ASCII):
        raise ValidationError(
            _("The amount %(value)s is ambiguous: use a decimal comma (for example 12,50)."),
            code="ambiguous",
            params={"value": text.strip()},
        )
    else:
        raise ValidationError(
            _("The amount %(value)s cannot be read. Write for example 379 904,00 or 379904."),
            code="invalid",
            params={"value": text.strip()},
        )
    whole, _sep, fraction = digits.partition(",")
    if len(fraction) > 2:
        raise ValidationError(_("An amount can have at most two decimals."), code="precision")
    try:
        value = Decimal(f"{whole}.{fraction or '0'}")
    except InvalidOperation as error:  # pragma: no cover - the patterns above only let digits through
        raise ValidationError(_("The amount cannot be read."), code="invalid") from error
    return -value if negative else value
