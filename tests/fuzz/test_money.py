"""Properties of hankehallinta.money: euros the Finnish way, Decimal end to end.

- format_eur then parse_amount gives back every amount with two decimals (with and without the
  euro sign, negative too, also when the no-break spaces become ordinary or narrow ones);
- the other ways Finns write an amount ("1234,5", "1.234,50 €") read as the same value;
- parse_amount of anything at all returns a finite Decimal with at most two decimals or raises
  ValidationError, never anything else;
- no float anywhere: not in the module's code, not in what it returns.
"""

from __future__ import annotations

import ast
import inspect
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given, settings
from hypothesis import strategies as st

from hankehallinta import money
from hankehallinta.money import NARROW_NBSP, NBSP, format_eur, parse_amount
from testing.fuzz import strategies as s
from testing.fuzz.harness import tick

#: Money fields are DecimalField(max_digits=14, decimal_places=2): at most 999 999 999 999,99.
LIMIT = Decimal("999999999999.99")
#: Pure functions, a millisecond an example: five times the profile's examples.
MORE = settings(max_examples=5 * settings.default.max_examples)
AMOUNTS = st.decimals(min_value=-LIMIT, max_value=LIMIT, places=2, allow_nan=False, allow_infinity=False)


@MORE
@given(amount=AMOUNTS, symbol=st.booleans(), space=st.sampled_from((NBSP, " ", NARROW_NBSP)))
def test_format_then_parse_gives_the_amount_back(amount, symbol, space):
    tick("test_format_then_parse_gives_the_amount_back")
    text = format_eur(amount, symbol=symbol)
    assert isinstance(text, str)
    parsed = parse_amount(text.replace(NBSP, space))
    assert isinstance(parsed, Decimal)
    assert parsed == amount
    assert parsed.as_tuple().exponent == -2 or parsed == parsed.to_integral_value()


@MORE
@given(amount=st.decimals(min_value=0, max_value=LIMIT, places=2))
def test_other_finnish_spellings_read_the_same(amount):
    tick("test_other_finnish_spellings_read_the_same")
    whole, cents = f"{amount:.2f}".split(".")
    grouped_by_dot = f"{int(whole):,}".replace(",", ".")
    spellings = [
        f"{whole},{cents}",
        f"{grouped_by_dot},{cents} €",
        f"  {whole},{cents}€  ",
    ]
    if cents == "00":
        spellings.append(whole)
    if cents.endswith("0"):
        spellings.append(f"{whole},{cents[0]}")
    for text in spellings:
        assert parse_amount(text) == amount, text


@MORE
@given(text=st.one_of(s.amount_value(), s.unicode_text(40), s.hostile_text(60)))
def test_parse_returns_a_finite_two_place_decimal_or_a_validation_error(text):
    tick("test_parse_returns_a_finite_two_place_decimal_or_a_validation_error")
    try:
        value = parse_amount(text)
    except ValidationError as error:
        assert error.messages and all(message.strip() for message in error.messages)
        return
    assert type(value) is Decimal
    assert value.is_finite()
    assert value.as_tuple().exponent >= -2


#: The classic traps and what each must give: the value read, or the code of the refusal.
READ_TRAPS = {
    "-0": Decimal("0"),  # minus zero is zero (and not negative)
    "−0,00": Decimal("0"),  # the typographic minus sign too
    "9" * 5000: Decimal("9" * 5000),  # huge digit strings stay exact: no float, no rounding
}
REFUSED_TRAPS = {
    "1e309": "invalid",  # exponent notation (a float would make it infinity)
    "NaN": "invalid",
    "Infinity": "invalid",
    "1.5": "ambiguous",  # a decimal point: 1,5 or 15? refused, never guessed
    "12,345": "precision",  # three decimals: not cents
    "": "empty",
    "€": "empty",  # only the sign
}


@pytest.mark.parametrize("text", sorted(READ_TRAPS), ids=lambda text: text[:12])
def test_parse_reads_the_traps_that_are_amounts_exactly(text):
    value = parse_amount(text)

    assert type(value) is Decimal
    assert value == READ_TRAPS[text]
    assert not value.is_signed()


@pytest.mark.parametrize("text", sorted(REFUSED_TRAPS))
def test_parse_refuses_the_traps_that_are_not_amounts_with_a_reason(text):
    with pytest.raises(ValidationError) as refused:
        parse_amount(text)

    assert refused.value.code == REFUSED_TRAPS[text]
    assert all(message.strip() for message in refused.value.messages)


def test_no_float_anywhere_in_the_money_module():
    tree = ast.parse(inspect.getsource(money))
    floats = [
        node.lineno
        for node in ast.walk(tree)
        if (isinstance(node, ast.Constant) and isinstance(node.value, float))
        or (isinstance(node, ast.Name) and node.id == "float")
    ]
    assert floats == [], f"float in hankehallinta/money.py, lines {floats}"
