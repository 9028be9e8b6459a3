"""Flat rates: a cost line that is a percentage of named base categories, computed per year to the cent."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from django.utils import translation

from budgets.breakdown import FundingBreakdown
from budgets.flat_rate import compute_flat_rates, flat_rate_amount
from budgets.forms import BudgetLineForm
from budgets.models import BudgetLine
from budgets.services.flat_rates import recompute_flat_rates
from testing.factories import BudgetLineFactory, ProjectFactory

STAFF, TRAVEL, SERVICES, FLAT = "staff", "travel", "services", "flat_rate"


def line(category: str, year: int, amount: str, rate: str | None = None, base: tuple = ()) -> BudgetLine:
    return BudgetLine(
        category=category,
        year=year,
        amount=Decimal(amount),
        flat_rate=Decimal(rate) if rate is not None else None,
        flat_rate_base=list(base),
    )


# The arithmetic ------------------------------------------------------------------------------


def test_forty_percent_of_staff_costs_is_computed_to_the_cent():
    assert flat_rate_amount(Decimal("0.4000"), Decimal("57437.00")) == Decimal("22974.80")


@pytest.mark.parametrize(
    ("rate", "base", "expected"),
    [
        ("0.1500", "1.50", "0.23"),  # 0,225: half up, not to the even 0,22
        ("0.1250", "0.20", "0.03"),  # 0,025
        ("0.2500", "0.10", "0.03"),  # 0,025
        ("0.4000", "0.01", "0.00"),  # 0,004
        ("0.4000", "0.02", "0.01"),  # 0,008
        ("0.0700", "12345.50", "864.19"),  # 864,185
    ],
)
def test_a_half_cent_rounds_up(rate, base, expected):
    assert flat_rate_amount(Decimal(rate), Decimal(base)) == Decimal(expected)


def test_the_base_is_the_years_lines_in_the_named_categories_only():
    flat = line(FLAT, 2024, "0", rate="0.2000", base=(STAFF, TRAVEL))
    lines = [
        line(STAFF, 2024, "1000.00"),
        line(TRAVEL, 2024, "500.00"),
        line(SERVICES, 2024, "9999.00"),  # not in the base
        line(STAFF, 2025, "7777.00"),  # another year
        flat,
    ]

    changed = compute_flat_rates(lines)

    assert changed == [flat]
    assert flat.amount == Decimal("300.00")


def test_a_flat_rate_in_step_is_left_as_it_is():
    flat = line(FLAT, 2024, "400.00", rate="0.4000", base=(STAFF,))

    assert compute_flat_rates([line(STAFF, 2024, "1000.00"), flat]) == []
    assert flat.amount == Decimal("400.00")


def test_a_flat_rate_line_typed_by_hand_keeps_its_amount():
    typed = line(FLAT, 2024, "123.45")

    assert compute_flat_rates([line(STAFF, 2024, "1000.00"), typed]) == []
    assert typed.amount == Decimal("123.45")


def test_every_year_has_its_own_flat_rate_amount():
    lines = [line(STAFF, year, amount) for year, amount in ((2024, "57437.00"), (2025, "60000.00"), (2026, "0.05"))]
    flats = [line(FLAT, year, "0", rate="0.4000", base=(STAFF,)) for year in (2024, 2025, 2026)]

    compute_flat_rates([*lines, *flats])

    assert [flat.amount for flat in flats] == [Decimal("22974.80"), Decimal("24000.00"), Decimal("0.02")]


# The tables ----------------------------------------------------------------------------------


def test_the_cost_table_names_the_rate_and_its_base():
    breakdown = FundingBreakdown(
        budget_lines=[
            line(STAFF, 2024, "1000.00"),
            line(TRAVEL, 2024, "100.00"),
            line(FLAT, 2024, "165.00", rate="0.1500", base=(TRAVEL, STAFF)),
        ],
        financing_lines=[],
    )

    with translation.override("en"):
        labels = [label for label, _amounts, _total in breakdown.cost_table]

    assert labels == ["Staff costs", "Travel costs", "Flat-rate costs (15\u00a0% of staff costs and travel costs)"]
    assert breakdown.total_cost == Decimal("1265.00")


def test_the_cost_table_in_finnish_inflects_the_base():
    breakdown = FundingBreakdown(
        budget_lines=[line(STAFF, 2024, "57437.00"), line(FLAT, 2024, "22974.80", rate="0.4000", base=(STAFF,))],
        financing_lines=[],
    )

    with translation.override("fi"):
        rows = breakdown.cost_table

    assert rows[1] == (
        "Flat rate -kustannukset (40\u00a0% henkilöstökustannuksista)",
        [Decimal("22974.80")],
        Decimal("22974.80"),
    )


def test_a_rate_that_differs_between_years_has_a_row_for_each():
    breakdown = FundingBreakdown(
        budget_lines=[
            line(STAFF, 2024, "1000.00"),
            line(STAFF, 2025, "1000.00"),
            line(FLAT, 2024, "400.00", rate="0.4000", base=(STAFF,)),
            line(FLAT, 2025, "125.00", rate="0.1250", base=(STAFF,)),
        ],
        financing_lines=[],
    )

    with translation.override("en"):
        rows = breakdown.cost_table

    assert rows[1:] == [
        ("Flat-rate costs (40\u00a0% of staff costs)", [Decimal("400.00"), Decimal("0")], Decimal("400.00")),
        ("Flat-rate costs (12,5\u00a0% of staff costs)", [Decimal("0"), Decimal("125.00")], Decimal("125.00")),
    ]


def test_a_frozen_version_keeps_its_flat_rate():
    snapshot = {
        "budget_lines": [
            {"category": STAFF, "year": 2024, "amount": "57437.00", "justification": ""},
            {
                "category": FLAT,
                "year": 2024,
                "amount": "22974.80",
                "justification": "",
                "flat_rate": "0.4000",
                "flat_rate_base": [STAFF],
            },
        ]
    }

    breakdown = FundingBreakdown.for_snapshot(snapshot)

    with translation.override("en"):
        assert breakdown.cost_table[1][0] == "Flat-rate costs (40\u00a0% of staff costs)"
    assert breakdown.has_flat_rates


# Stored lines --------------------------------------------------------------------------------


@pytest.mark.django_db
def test_only_a_flat_rate_line_has_a_rate():
    with pytest.raises(IntegrityError), transaction.atomic():
        BudgetLineFactory(category=STAFF, flat_rate=Decimal("0.4000"))


@pytest.mark.django_db
@pytest.mark.parametrize("rate", ["0", "1.0001"])
def test_a_flat_rate_lies_above_0_and_at_most_100_percent(rate):
    with pytest.raises(IntegrityError), transaction.atomic():
        BudgetLineFactory(category=FLAT, flat_rate=Decimal(rate), flat_rate_base=[STAFF])


@pytest.mark.django_db
def test_recomputing_writes_the_flat_rate_lines_out_of_step_only():
    project = ProjectFactory()
    BudgetLineFactory(project=project, category=STAFF, year=2024, amount=Decimal("57437.00"))
    BudgetLineFactory(project=project, category=STAFF, year=2025, amount=Decimal("1000.00"))
    stale = BudgetLineFactory(
        project=project,
        category=FLAT,
        year=2024,
        amount=Decimal("1.00"),
        flat_rate=Decimal("0.4"),
        flat_rate_base=[STAFF],
    )
    in_step = BudgetLineFactory(
        project=project,
        category=FLAT,
        year=2025,
        amount=Decimal("400"),
        flat_rate=Decimal("0.4"),
        flat_rate_base=[STAFF],
    )

    written = recompute_flat_rates(project)

    assert [one.pk for one in written] == [stale.pk]
    stale.refresh_from_db()
    in_step.refresh_from_db()
    assert (stale.amount, in_step.amount) == (Decimal("22974.80"), Decimal("400.00"))
    assert stale.history.count() == 2  # the recomputation is in the line's history


# The row form --------------------------------------------------------------------------------


def row(**data: object) -> BudgetLineForm:
    return BudgetLineForm(data={"category": FLAT, "year": "2024", **data})


@pytest.mark.django_db
@pytest.mark.parametrize(("typed", "rate"), [("40", "0.4000"), ("40 %", "0.4000"), ("12,5 %", "0.1250")])
def test_the_rate_is_typed_as_a_percentage(typed, rate):
    form = row(flat_rate=typed, flat_rate_base=[STAFF])

    assert form.is_valid(), form.errors
    assert form.cleaned_data["flat_rate"] == Decimal(rate)


@pytest.mark.django_db
def test_a_posted_amount_of_a_flat_rate_is_ignored_even_when_it_is_junk():
    form = row(flat_rate="40", flat_rate_base=[STAFF], amount="roskaa")

    assert form.is_valid(), form.errors
    assert form.instance.amount == Decimal("0")  # computed with the other rows, never taken from the post


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"flat_rate_base": [STAFF]}, "flat_rate"),
        ({"flat_rate": "0", "flat_rate_base": [STAFF]}, "flat_rate"),
        ({"flat_rate": "150", "flat_rate_base": [STAFF]}, "flat_rate"),
        ({"flat_rate": "40"}, "flat_rate_base"),
        ({"flat_rate": "40", "flat_rate_base": [FLAT]}, "flat_rate_base"),  # never a base of itself
    ],
)
def test_a_flat_rate_needs_a_rate_and_a_base(data, field):
    form = row(**data)

    assert not form.is_valid()
    assert list(form.errors) == [field]


@pytest.mark.django_db
def test_an_ordinary_row_drops_a_rate_and_base_left_in_its_hidden_fields():
    form = BudgetLineForm(
        data={"category": STAFF, "year": "2024", "amount": "1 000", "flat_rate": "roskaa", "flat_rate_base": [TRAVEL]}
    )

    assert form.is_valid(), form.errors
    assert (form.instance.flat_rate, form.instance.flat_rate_base, form.instance.amount) == (None, [], Decimal("1000"))
