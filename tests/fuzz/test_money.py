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
from tests.fuzz import strategies as s
from tests.fuzz.harness import tick

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


@pytest.mark.parametrize("text", ["1e309", "-0", "NaN", "Infinity", "9" * 5000, "1.5", "12,345", "", "€"])
def test_parse_refuses_or_reads_the_classic_traps(text):
    try:
        value = parse_amount(text)
    except ValidationError:
        return
    assert type(value) is Decimal and value.is_finite()


def test_minus_zero_is_zero_and_huge_digit_strings_stay_exact():
    assert parse_amount("-0") == 0
    assert parse_amount("9" * 5000) == Decimal("9" * 5000)


def test_no_float_anywhere_in_the_money_module():
    tree = ast.parse(inspect.getsource(money))
    floats = [
        node.lineno
        for node in ast.walk(tree)
        if (isinstance(node, ast.Constant) and isinstance(node.value, float))
        or (isinstance(node, ast.Name) and node.id == "float")
    ]
    assert floats == [], f"float in hankehallinta/money.py, lines {floats}"
