"""Percentages typed the Finnish way (hankehallinta.percent): the exact fraction, or a refusal saying why."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from hankehallinta.money import NARROW_NBSP, NBSP
from hankehallinta.percent import PercentField, parse_percent


@pytest.mark.parametrize(
    ("typed", "fraction"),
    [
        ("75", "0.7500"),
        ("75 %", "0.7500"),
        ("75%", "0.7500"),
        ("75,00 %", "0.7500"),
        (f"75,00{NBSP}%", "0.7500"),
        (f" 75,5{NARROW_NBSP}% ", "0.7550"),
        ("75,500", "0.7550"),  # trailing zeros are no extra precision
        ("0,01", "0.0001"),
        ("100,00", "1.0000"),
    ],
)
def test_a_percentage_is_read_as_the_exact_fraction(typed, fraction):
    result = parse_percent(typed)

    assert str(result) == fraction


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("100,01", "range"),
        ("-5", "range"),
        ("\u22125 %", "range"),
        ("75.5", "decimal_point"),
        ("75,555", "precision"),
        ("7 5", "invalid"),
        ("75 %%", "invalid"),
        ("1e2", "invalid"),
        ("", "invalid"),
        ("NaN", "invalid"),
        ("9" * 50, "invalid"),
    ],
)
def test_a_percentage_out_of_range_too_precise_or_junk_is_refused(typed, code):
    with pytest.raises(ValidationError) as refused:
        parse_percent(typed)

    assert refused.value.code == code


def test_the_field_shows_the_fraction_back_as_a_finnish_percentage_and_knows_what_changed():
    field = PercentField(required=False)

    assert field.prepare_value(Decimal("0.7550")) == f"75,50{NBSP}%"
    assert field.clean("") is None
    assert field.has_changed(Decimal("0.7500"), "75,00 %") is False
    assert field.has_changed(Decimal("0.7500"), "75,5") is True
    assert field.has_changed(None, "") is False
