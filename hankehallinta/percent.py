"""Percentages typed the Finnish way, stored as exact fractions: "75", "75 %", "75,00 %", "75,5" -> 0.7500.

The form shows the stored fraction back as "75,00 %" (with a no-break space). A rate above 100 %,
a negative one, more decimals than the column keeps, or anything that is not a number is refused
with a message next to the field; nothing is rounded silently. A decimal point ("75.5") is refused
with a message asking for the decimal comma, as euro amounts are (hankehallinta.money).

    rate = PercentField(label=_("Aid rate"), required=False)          # a form field of its own
    field_classes = {"max_aid_rate": PercentField}                    # for a model's DecimalField (0..1)

With a model's DecimalField the fraction keeps its decimal_places (4: two decimals of a percentage).
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from hankehallinta.money import NBSP

HUNDRED = Decimal(100)
#: Room for "100,00": more characters than this are not a percentage anyone typed.
_MAX_LENGTH = 40
_SPACES = re.compile(r"[\s\u00a0\u202f]+")  # also no-break and narrow no-break spaces
_NUMBER = re.compile(r"^\d+(,\d+)?$", re.ASCII)
_POINT = re.compile(r"^\d+\.\d+$", re.ASCII)
_MINUS = ("-", "\u2212")

MESSAGES = {
    "invalid": _("Give a percentage, for example 80 or 80,00 %."),
    "range": _("The percentage must be between 0 and 100."),
    "precision": _("A percentage can have at most %(decimals)s decimals."),
    "decimal_point": _("Write the percentage with a decimal comma, for example 75,5."),
}


def parse_percent(text: str, *, decimals: int = 2) -> Decimal:
    """Read a percentage ("75", "75 %", "75,00 %", "75,5") as a fraction with `decimals` + 2 places.

    Raises ValidationError (codes "invalid", "range", "precision", "decimal_point") with a message."""
    cleaned = _SPACES.sub(" ", str(text)).strip()
    if len(cleaned) > _MAX_LENGTH or "\x00" in cleaned:
        raise ValidationError(MESSAGES["invalid"], code="invalid")
    cleaned = cleaned.removesuffix("%").strip()  # "75 %", "75%"; spaces inside the number are refused
    negative = cleaned.startswith(_MINUS)
    if negative:
        cleaned = cleaned[1:].lstrip()
    if _POINT.match(cleaned):
        raise ValidationError(MESSAGES["decimal_point"], code="decimal_point")
    if not _NUMBER.match(cleaned):
        raise ValidationError(MESSAGES["invalid"], code="invalid")
    try:
        percent = Decimal(cleaned.replace(",", ".", 1))
    except InvalidOperation as error:  # pragma: no cover - the pattern admits digits only
        raise ValidationError(MESSAGES["invalid"], code="invalid") from error
    if negative and percent:
        raise ValidationError(MESSAGES["range"], code="range")
    if percent > HUNDRED:
        raise ValidationError(MESSAGES["range"], code="range")
    exponent = percent.normalize().as_tuple().exponent
    if isinstance(exponent, int) and -exponent > decimals:
        raise ValidationError(MESSAGES["precision"], code="precision", params={"decimals": decimals})
    return (percent / HUNDRED).quantize(Decimal(1).scaleb(-(decimals + 2)))


def format_percent_input(rate: Decimal, *, decimals: int = 2) -> str:
    """A fraction as the form shows it: 0.75 -> "75,00 %" (no-break space), with `decimals` decimals."""
    percent = (Decimal(rate) * HUNDRED).quantize(Decimal(1).scaleb(-decimals))
    return f"{percent:.{decimals}f}".replace(".", ",") + f"{NBSP}%"


class PercentInput(forms.TextInput):
    """A text box (a number box refuses "75 %" and the decimal comma) for a percentage."""

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__({"inputmode": "decimal", "autocomplete": "off", "class": "percent-input", **(attrs or {})})


class PercentField(forms.DecimalField):
    """A percentage typed as Finns write it, cleaned to the fraction it means (75 % -> Decimal("0.7500")).

    `decimal_places` is the fraction's (the model column's): 4 keeps two decimals of a percentage.
    The value lies between 0 and 1 (0 % and 100 %)."""

    widget = PercentInput
    default_error_messages = {**MESSAGES}

    def __init__(self, *, max_digits: int | None = 5, decimal_places: int | None = 4, **kwargs: Any) -> None:
        for ignored in ("min_value", "max_value", "localize", "widget", "step_size"):
            kwargs.pop(ignored, None)
        decimal_places = 4 if decimal_places is None else decimal_places
        super().__init__(max_digits=max_digits, decimal_places=decimal_places, **kwargs)
        self.percent_decimals = max(decimal_places - 2, 0)

    def widget_attrs(self, widget: forms.Widget) -> dict[str, Any]:
        return forms.Field.widget_attrs(self, widget)  # no "step", "min" or "max": the box is text

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, Decimal | int) and not isinstance(value, bool):
            return format_percent_input(Decimal(value), decimals=self.percent_decimals)
        return value

    def to_python(self, value: Any) -> Decimal | None:
        if value in self.empty_values:
            return None
        if isinstance(value, Decimal):
            return value
        return parse_percent(str(value), decimals=self.percent_decimals)

    def validate(self, value: Decimal | None) -> None:
        forms.Field.validate(self, value)

    def has_changed(self, initial: Any, data: Any) -> bool:
        try:
            value = self.to_python(data)
        except ValidationError:
            return True
        before = None if initial in self.empty_values else Decimal(initial)
        return value != before
