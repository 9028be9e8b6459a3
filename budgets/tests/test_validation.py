"""The budget arithmetic and Finnish amounts of the application editor (budgets.fields, budgets.validation)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from budgets.breakdown import FundingBreakdown
from budgets.fields import FinnishAmountField
from budgets.models import BudgetLine, FinancingLine
from budgets.validation import cap_warning, plan_errors, validate_plan
from hankehallinta.money import NARROW_NBSP, NBSP, format_percent
from projects.forms.projects import BudgetLineFormSet, FinancingLineFormSet
from projects.models import Project
from testing.editor_data import management

# Reading amounts -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "amount"),
    [
        ("379 904,00", "379904"),
        ("379904", "379904"),
        ("379 904 €", "379904"),
        ("379.904 €", "379904"),
        ("379.904", "379904"),
        (f"379{NBSP}904,00", "379904"),
        (f"379{NARROW_NBSP}904,00{NBSP}€", "379904"),
        ("  75 980  ", "75980"),
        ("303 923,2", "303923.20"),
        ("0,80", "0.80"),
        ("1.234.567,89 €", "1234567.89"),
        ("0", "0"),
    ],
)
def test_finnish_amounts_are_read_exactly(typed, amount):
    assert FinnishAmountField().clean(typed) == Decimal(amount)


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("1.5", "ambiguous"),
        ("12.34", "ambiguous"),
        ("1,234.5", "invalid"),
        ("379,904.00", "invalid"),
        ("1 23 456", "invalid"),
        ("12,345", "precision"),
        ("abc", "invalid"),
        ("1e5", "invalid"),
        ("€", "empty"),
        ("-1", "min_value"),
        ("- 75 980", "min_value"),
        ("1\x00", "invalid"),
        ("9" * 13, "max_whole_digits"),
        ("１２３", "invalid"),  # full-width digits: only 0-9 are digits here
        ("١٢٣", "invalid"),
    ],
)
def test_ambiguous_or_wrong_amounts_are_refused_with_a_finnish_message(typed, code):
    with pytest.raises(ValidationError) as caught:
        FinnishAmountField().clean(typed)
    assert [error.code for error in caught.value.error_list] == [code]
    message = caught.value.messages[0]
    assert message and not message.startswith(("Enter", "Ensure"))


def test_an_empty_amount_is_required():
    with pytest.raises(ValidationError):
        FinnishAmountField().clean("")
    assert FinnishAmountField(required=False).clean("") is None


def test_the_amount_is_shown_back_the_finnish_way():
    field = FinnishAmountField()
    assert field.widget.format_value(Decimal("379904")) == f"379{NBSP}904,00"
    assert field.widget.format_value("379.904 €") == "379.904 €"  # what was typed comes back as typed
    assert 'type="text"' in field.widget.render("amount", Decimal("75980"))


def test_an_amount_typed_differently_is_not_a_change():
    field = FinnishAmountField()
    assert not field.has_changed(Decimal("379904.00"), "379 904 €")
    assert field.has_changed(Decimal("379904.00"), "379 905")
    assert field.has_changed(Decimal("1"), "1.5")


# The arithmetic ------------------------------------------------------------------------------


def seed_breakdown(applied: str = "303924", own: str = "75980", rate: str | None = "0.8000") -> FundingBreakdown:
    return FundingBreakdown(
        budget_lines=[BudgetLine(category="staff", year=2024, amount=Decimal("379904"))],
        financing_lines=[
            FinancingLine(source="applied", year=2024, amount=Decimal(applied)),
            FinancingLine(source="own", year=2024, amount=Decimal(own)),
        ],
        max_aid_rate=Decimal(rate) if rate else None,
    )


def test_the_seeds_rounding_is_a_warning_not_an_error():
    breakdown = seed_breakdown()

    assert breakdown.cap_amount == Decimal("303923.20")
    assert breakdown.over_cap_by == Decimal("0.80")
    assert breakdown.exceeds_cap and not breakdown.exceeds_cap_tolerance
    assert plan_errors(breakdown) == []
    assert format_percent(breakdown.aid_rate) == f"80,00{NBSP}%"
    assert f"0,80{NBSP}€" in cap_warning(breakdown)
    assert f"303{NBSP}923,20{NBSP}€" in cap_warning(breakdown)


def test_a_euro_over_the_exact_cap_is_an_error():
    breakdown = seed_breakdown(applied="303924.20", own="75979.80")

    assert breakdown.over_cap_by == Decimal("1.00")
    [error] = plan_errors(breakdown)
    assert "ylittää haun enimmäistukiosuuden" in error
    assert cap_warning(breakdown) == ""  # an error, not the rounding warning


def test_just_under_a_euro_over_is_still_rounding():
    assert plan_errors(seed_breakdown(applied="303924.19", own="75979.81")) == []


def test_at_or_under_the_cap_or_without_a_cap_nothing_is_said():
    assert not seed_breakdown(applied="303923.20", own="75980.80").exceeds_cap
    assert cap_warning(seed_breakdown(applied="303923.20", own="75980.80")) == ""
    assert not seed_breakdown(rate=None).exceeds_cap


def test_unbalanced_years_are_named_with_their_amounts():
    breakdown = FundingBreakdown(
        budget_lines=[
            BudgetLine(category="staff", year=2024, amount=Decimal("189952")),
            BudgetLine(category="staff", year=2025, amount=Decimal("189952")),
        ],
        financing_lines=[
            FinancingLine(source="applied", year=2024, amount=Decimal("189952")),
            FinancingLine(source="applied", year=2025, amount=Decimal("180000")),
        ],
    )

    errors = plan_errors(breakdown)

    assert len(errors) == 2
    assert errors[0].startswith("Vuonna 2025 kustannukset (189")
    assert f"erotus 9{NBSP}952,00{NBSP}€" in errors[0]
    assert "yhteensä" in errors[1]


# The rows of the editor, checked together ---------------------------------------------------


def rows(prefix: str, lines: list[dict]) -> dict[str, str]:
    data = management(prefix, len(lines))
    for index, line in enumerate(lines):
        data.update({f"{prefix}-{index}-{name}": value for name, value in line.items()})
    return data


def formsets(budget: list[dict], financing: list[dict]):
    data = {**rows("budget", budget), **rows("financing", financing)}
    return (
        BudgetLineFormSet(data, instance=Project(), prefix="budget"),
        FinancingLineFormSet(data, instance=Project(), prefix="financing"),
    )


DATES = {"start": dt.date(2024, 1, 1), "end": dt.date(2025, 12, 31)}


@pytest.mark.django_db
def test_a_balanced_plan_passes_and_gives_the_figures():
    budget, financing = formsets(
        [{"category": "staff", "year": "2024", "amount": "379 904"}],
        [
            {"source": "applied", "year": "2024", "amount": "303 924"},
            {"source": "own", "year": "2024", "amount": "75 980", "in_kind": "on"},
        ],
    )

    breakdown, errors = validate_plan(budget, financing, max_aid_rate=Decimal("0.8"), **DATES)

    assert errors == []
    assert breakdown.total_cost == breakdown.total_financing == Decimal("379904")
    assert breakdown.own_in_kind == Decimal("75980")
    [year] = breakdown.per_year
    assert (year.gross_cost, year.grant_income, year.own_contribution) == (
        Decimal("379904"),
        Decimal("303924"),
        Decimal("75980"),
    )


@pytest.mark.django_db
def test_removed_and_blank_rows_do_not_count():
    budget, financing = formsets(
        [
            {"category": "staff", "year": "2024", "amount": "100"},
            {"category": "travel", "year": "2024", "amount": "50", "DELETE": "on"},
            {},
        ],
        [{"source": "own", "year": "2024", "amount": "100"}],
    )

    breakdown, errors = validate_plan(budget, financing, max_aid_rate=None, **DATES)

    assert errors == []
    assert breakdown.total_cost == Decimal("100")


@pytest.mark.django_db
def test_a_year_outside_the_dates_is_an_error_at_that_row():
    budget, financing = formsets(
        [{"category": "staff", "year": "2023", "amount": "100"}],
        [{"source": "own", "year": "2023", "amount": "100"}],
    )

    breakdown, _errors = validate_plan(budget, financing, max_aid_rate=None, **DATES)

    assert breakdown is None
    assert budget.forms[0].errors["year"] == ["Vuosi 2023 on hankkeen aikataulun 1.1.2024–31.12.2025 ulkopuolella."]
    assert "year" in financing.forms[0].errors


@pytest.mark.django_db
def test_a_negative_amount_is_an_error_at_its_row():
    budget, financing = formsets(
        [{"category": "staff", "year": "2024", "amount": "-100"}],
        [{"source": "own", "year": "2024", "amount": "-100"}],
    )

    breakdown, _errors = validate_plan(budget, financing, max_aid_rate=None, **DATES)

    assert breakdown is None
    assert budget.forms[0].errors["amount"] == ["Summa ei voi olla negatiivinen."]
    assert financing.forms[0].errors["amount"] == ["Summa ei voi olla negatiivinen."]
