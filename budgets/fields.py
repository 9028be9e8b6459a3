"""Form fields for euro amounts typed the Finnish way: "379 904,00", "379904", "379 904 €", "379.904 €".

Reading goes through hankehallinta.money.parse_amount (ambiguous input such as "1.5" or "1,234.5" is
refused with a message); the value is shown back as "379 904,00" with no-break spaces.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from hankehallinta.money import format_eur, parse_amount


class FinnishAmountInput(forms.TextInput):
    """A text box (a number box would refuse spaces and the decimal comma) showing Finnish amounts."""

    input_type = "text"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__({"inputmode": "decimal", "autocomplete": "off", "class": "amount-input", **(attrs or {})})

    def format_value(self, value: Any) -> str | None:
        if isinstance(value, Decimal | int):
            return format_eur(value, symbol=False)
        return super().format_value(value)


class FinnishAmountField(forms.DecimalField):
    """A euro amount, zero or more, at most two decimals, typed as Finns write it."""

    widget = FinnishAmountInput
    default_error_messages = {
        "invalid": _("Give the amount in euros, for example 379 904,00."),
        "min_value": _("The amount cannot be negative."),
        "max_digits": _("The amount is too large."),
        "max_whole_digits": _("The amount is too large."),
        "max_decimal_places": _("The amount can have at most two decimals."),
    }

    def __init__(self, *, max_digits: int = 14, decimal_places: int = 2, **kwargs: Any) -> None:
        kwargs.setdefault("min_value", Decimal("0"))
        kwargs.pop("localize", None)
        kwargs.pop("widget", None)
        super().__init__(max_digits=max_digits, decimal_places=decimal_places, **kwargs)

    def widget_attrs(self, widget: forms.Widget) -> dict[str, Any]:
        return forms.Field.widget_attrs(self, widget)  # no "step", "min" or "max": the box is text

    def to_python(self, value: Any) -> Decimal | None:
        if value in self.empty_values:
            return None
        if isinstance(value, Decimal):
            return value
        text = str(value)
        if "\x00" in text:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        try:
            amount = parse_amount(text)
        except ValidationError:
            raise
        if len(amount.as_tuple().digits) > 40:  # refuse before Decimal arithmetic on a huge number
            raise ValidationError(self.error_messages["max_digits"], code="max_digits")
        return amount

    def validate(self, value: Decimal | None) -> None:
        forms.Field.validate(self, value)
        if value is not None and not value.is_finite():  # pragma: no cover - parse_amount reads digits only
            raise ValidationError(self.error_messages["invalid"], code="invalid")

    def has_changed(self, initial: Any, data: Any) -> bool:
        try:
            return self.to_python(data) != (Decimal(initial) if initial not in self.empty_values else None)
        except ValidationError:
            return True
