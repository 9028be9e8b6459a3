"""Decimal numbers typed the Finnish way in the back office: "0,7500", "1 234,50", "1.234,50".

The admin's decimal fields (hankehallinta/admin.py makes every one of them this field) read:

- a decimal comma: "0,7500", "-12,5";
- thousands grouped by spaces (normal, no-break or narrow no-break) or, with a decimal comma or
  several groups, by dots: "1 234,50", "1 234 567", "1.234,50", "1.234.567";
- a decimal point where no comma is given, as Django's own forms read it: "0.7500", "1 234.50".

"1,234.50" and other mixtures are refused with a message; the value is shown back with a decimal
comma ("0,7500"). Euro amounts in the pages use budgets.fields.FinnishAmountField and percentages
hankehallinta.percent.PercentField; this field is for numbers that are neither.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_SPACES = re.compile(r"[\s\u00a0\u202f]+")
_MAX_LENGTH = 60
_WHOLE = r"(?:\d+|\d{1,3}(?: \d{3})+)"  # plain, or grouped by single spaces
_WITH_COMMA = re.compile(rf"^(?:{_WHOLE}|\d{{1,3}}(?:\.\d{{3}})+),\d+$", re.ASCII)
_DOT_GROUPS = re.compile(r"^\d{1,3}(?:\.\d{3}){2,}$", re.ASCII)
_WITH_POINT = re.compile(rf"^{_WHOLE}(?:\.\d+)?$", re.ASCII)

INVALID = _("Give a number, for example 1 234,50 or 0,7500.")


def parse_decimal(text: str) -> Decimal:
    """Read a decimal number as Finns write it (see the module); ValidationError "invalid" otherwise."""
    cleaned = _SPACES.sub(" ", str(text)).strip()
    if not cleaned or len(cleaned) > _MAX_LENGTH or "\x00" in cleaned:
        raise ValidationError(INVALID, code="invalid")
    sign = ""
    if cleaned[0] in "-\u2212+":
        sign, cleaned = ("" if cleaned[0] == "+" else "-"), cleaned[1:].lstrip()
    if _WITH_COMMA.match(cleaned):
        whole, fraction = cleaned.rsplit(",", 1)
        number = f"{whole.replace(' ', '').replace('.', '')}.{fraction}"
    elif _DOT_GROUPS.match(cleaned):
        number = cleaned.replace(".", "")
    elif _WITH_POINT.match(cleaned):
        number = cleaned.replace(" ", "")
    else:
        raise ValidationError(INVALID, code="invalid")
    try:
        return Decimal(f"{sign}{number}")
    except InvalidOperation as error:  # pragma: no cover - the patterns admit digits only
        raise ValidationError(INVALID, code="invalid") from error


class FinnishDecimalField(forms.DecimalField):
    """A DecimalField that reads "0,7500" and "1 234,50" and shows its value with a decimal comma.

    Made by a model's DecimalField (`formfield(form_class=FinnishDecimalField)`): max_digits,
    decimal_places and the model's validators apply to the number read."""

    default_error_messages = {"invalid": INVALID}

    def __init__(self, **kwargs: Any) -> None:
        kwargs["localize"] = True  # shown with the decimal comma; a text box, not a number box
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}))
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> Decimal | None:
        if value in self.empty_values:
            return None
        if isinstance(value, Decimal):
            return value
        if isinstance(value, int) and not isinstance(value, bool):
            return Decimal(value)
        return parse_decimal(str(value))
