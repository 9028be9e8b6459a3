"""Actual against plan: the arithmetic per category and year (variance in euros and per cent, rounded
to the cent and to 0,1 %), the flat rate computed from the actual base costs, unmapped costs apart,
the forecast for the current year and the warning from the call's variance limit."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from budgets import flat_rate
from budgets.models import BudgetLine
from followup.actual_vs_plan import actual_vs_plan, format_tenths, passes_limit, share_ahead, variance_percent
from testing.actuals import add_costs
from testing.factories import BudgetLineFactory, FundingCallFactory, ProjectFactory

pytestmark = pytest.mark.django_db

Category = BudgetLine.Category
LATER = dt.date(2030, 1, 1)  # after the projects: no current year, no forecast


def one_year_project(*, limit: str | None = None, **extra):
    call = FundingCallFactory(variance_limit=Decimal(limit) if limit else None)
    return ProjectFactory(start_date=dt.date(2024, 1, 1), end_date=dt.date(2024, 12, 31), funding_call=call, **extra)


def row_of(report, category: str):
    return next(row for row in report.rows if row.category == category)


@pytest.mark.parametrize(
    ("variance", "budget", "percent"),
    [
        ("115.55", "1000.00", "11.6"),  # 11,555 % rounds half up
        ("1.00", "3.00", "33.3"),
        ("2.00", "3.00", "66.7"),
        ("0.50", "1000.00", "0.1"),  # 0,05 % rounds up to 0,1 %
        ("-0.40", "1000.00", "0.0"),
        ("-250.00", "1000.00", "-25.0"),
    ],
)
def test_the_variance_in_per_cent_is_rounded_half_up_to_a_tenth(variance, budget, percent):
    assert variance_percent(Decimal(variance), Decimal(budget)) == Decimal(percent)


def test_a_category_without_budget_has_no_variance_percentage():
    assert variance_percent(Decimal("10.00"), Decimal("0.00")) is None


def test_the_percentage_is_written_with_a_decimal_comma_and_never_as_minus_zero():
    assert format_tenths(Decimal("11.5")) == "11,5\u00a0%"
    assert format_tenths(Decimal("-38.3")) == "-38,3\u00a0%"
    assert format_tenths(variance_percent(Decimal("-0.40"), Decimal("1000.00"))) == "0,0\u00a0%"


def test_budget_actual_remaining_and_variance_per_category_and_year(director):
    project = ProjectFactory(start_date=dt.date(2024, 1, 1), end_date=dt.date(2025, 12, 31))
    BudgetLineFactory(project=project, category=Category.STAFF, year=2024, amount=Decimal("1000.00"))
    BudgetLineFactory(project=project, category=Category.STAFF, year=2025, amount=Decimal("2000.00"))
    BudgetLineFactory(project=project, category=Category.TRAVEL, year=2024, amount=Decimal("300.00"))
    add_costs(
        project,
        director,
        [
            ("2024-03-31", "staff", "600.10"),
            ("2024-06-30", "staff", "515.45"),
            ("2024-05-02", "travel", "99.99"),
            ("2025-02-28", "staff", "-10.00"),  # a credit
        ],
    )

    report = actual_vs_plan(project, today=LATER)

    assert report.years == [2024, 2025]
    staff, travel = row_of(report, "staff"), row_of(report, "travel")
    first = staff.cells[0]
    assert (first.budget, first.actual, first.remaining, first.variance) == (
        Decimal("1000.00"),
        Decimal("1115.55"),
        Decimal("-115.55"),
        Decimal("115.55"),
    )
    assert first.variance_percent == Decimal("11.6")
    assert staff.cells[1].actual == Decimal("-10.00")
    assert staff.total.budget == Decimal("3000.00")
    assert staff.total.actual == Decimal("1105.55")
    assert travel.cells[0].remaining == Decimal("200.01")
    assert travel.cells[0].variance_percent == Decimal("-66.7")
    assert report.totals[0].actual == Decimal("1215.54")
    assert report.total.remaining == Decimal("3300.00") - Decimal("1205.54")
    assert report.current_year is None
    assert all(cell.forecast is None for cell in staff.cells)


def test_the_flat_rate_is_computed_from_the_actual_base_costs(director):
    project = one_year_project()
    BudgetLineFactory(project=project, category=Category.STAFF, year=2024, amount=Decimal("10000.00"))
    BudgetLineFactory(project=project, category=Category.TRAVEL, year=2024, amount=Decimal("1000.00"))
    BudgetLineFactory(
        project=project,
        category=Category.FLAT_RATE,
        year=2024,
        amount=Decimal("4000.00"),
        flat_rate=Decimal("0.4000"),
        flat_rate_base=["staff"],
    )
    add_costs(
        project,
        director,
        [
            ("2024-03-31", "staff", "12000.00"),
            ("2024-04-30", "staff", "345.67"),
            ("2024-04-30", "travel", "500.00"),  # not in the base
            ("2024-05-31", "flat_rate", "77.00"),  # booked to the flat rate: covered by it, set apart
        ],
    )

    report = actual_vs_plan(project, today=LATER)

    flat = row_of(report, "flat_rate")
    assert flat.computed
    assert flat.label == flat_rate.label(project.budget_lines.get(category=Category.FLAT_RATE))
    assert "40\u00a0%" in flat.label
    assert flat.cells[0].budget == Decimal("4000.00")
    assert flat.cells[0].actual == Decimal("4938.27")  # 40 % of 12 345,67 = 4 938,268
    assert flat.cells[0].variance == Decimal("938.27")
    assert report.set_apart == [Decimal("77.00")]
    assert report.totals[0].actual == Decimal("12345.67") + Decimal("500.00") + Decimal("4938.27")


def test_a_flat_rate_line_typed_by_hand_compares_with_the_costs_booked_to_it(director):
    project = one_year_project()
    BudgetLineFactory(project=project, category=Category.FLAT_RATE, year=2024, amount=Decimal("500.00"))
    add_costs(project, director, [("2024-05-31", "flat_rate", "77.00")])

    flat = row_of(actual_vs_plan(project, today=LATER), "flat_rate")

    assert not flat.computed
    assert flat.cells[0].actual == Decimal("77.00")


def test_unmapped_costs_are_shown_apart_and_counted_in_the_totals(director):
    project = one_year_project()
    BudgetLineFactory(project=project, category=Category.STAFF, year=2024, amount=Decimal("1000.00"))
    add_costs(project, director, [("2024-03-31", "staff", "100.00"), ("2024-04-01", "", "23.45")])

    report = actual_vs_plan(project, today=LATER)

    assert [row.category for row in report.rows] == ["staff"]
    assert report.unmapped == [Decimal("23.45")]
    assert report.totals[0].actual == Decimal("123.45")
    assert report.has_actuals


def test_exactly_at_the_limit_is_within_it_and_a_cent_more_passes():
    limit = Decimal("0.1500")
    assert not passes_limit(Decimal("1000.00"), Decimal("1150.00"), limit)
    assert passes_limit(Decimal("1000.00"), Decimal("1150.01"), limit)
    assert passes_limit(Decimal("0.00"), Decimal("0.01"), limit)
    assert not passes_limit(Decimal("1000.00"), Decimal("5000.00"), None)


def test_a_category_past_the_calls_variance_limit_is_warned(director):
    project = one_year_project(limit="0.1500")
    BudgetLineFactory(project=project, category=Category.STAFF, year=2024, amount=Decimal("1000.00"))
    BudgetLineFactory(project=project, category=Category.TRAVEL, year=2024, amount=Decimal("1000.00"))
    add_costs(project, director, [("2024-03-31", "staff", "1150.01"), ("2024-03-31", "travel", "1150.00")])

    report = actual_vs_plan(project, today=LATER)

    assert report.limit == Decimal("0.1500")
    assert row_of(report, "staff").cells[0].over_limit
    assert not row_of(report, "travel").cells[0].over_limit
    assert [(w.category, w.year) for w in report.warnings] == [("staff", 2024), ("staff", None)]
    assert str(report.warnings[0]).startswith(f"{row_of(report, 'staff').label}, 2024:")
    assert "(+15,0\u00a0%)" in str(report.warnings[0])


def test_without_a_limit_on_the_call_nothing_is_warned(director):
    project = one_year_project(limit=None)
    BudgetLineFactory(project=project, category=Category.STAFF, year=2024, amount=Decimal("1000.00"))
    add_costs(project, director, [("2024-03-31", "staff", "9000.00")])

    report = actual_vs_plan(project, today=LATER)

    assert report.limit is None
    assert report.warnings == []


def test_the_forecast_is_the_actual_to_date_plus_the_plan_for_the_rest_of_the_year(director):
    project = one_year_project(limit="0.1000")
    BudgetLineFactory(project=project, category=Category.STAFF, year=2024, amount=Decimal("1200.00"))
    BudgetLineFactory(project=project, category=Category.TRAVEL, year=2024, amount=Decimal("100.00"))
    add_costs(project, director, [("2024-06-30", "staff", "500.00"), ("2024-01-31", "travel", "80.00")])

    report = actual_vs_plan(project, today=dt.date(2024, 8, 15))

    assert report.current_year == 2024
    assert report.as_of == dt.date(2024, 6, 30)  # the latest cost, not today: the ledger runs behind
    # 2024 has 366 days, 184 of them after 30.6.: 500 + 1 200 × 184 / 366 = 1 103,28
    assert row_of(report, "staff").cells[0].forecast == Decimal("1103.28")
    # travel: 80 + 100 × 184 / 366 = 130,27, past the 10 % limit while its actual is not
    travel = row_of(report, "travel").cells[0]
    assert travel.forecast == Decimal("130.27")
    assert not travel.over_limit
    assert travel.forecast_over_limit
    assert [(w.category, w.forecast) for w in report.warnings] == [("travel", True)]


def test_a_year_without_costs_yet_is_forecast_at_its_budget_and_the_share_follows_the_project():
    project = ProjectFactory.build(start_date=dt.date(2024, 7, 1), end_date=dt.date(2025, 6, 30))

    assert share_ahead(project, 2024, None) == Decimal(1)
    assert share_ahead(project, 2024, dt.date(2024, 12, 31)) == Decimal(0)
    # the project's days in 2025 are 1.1.–30.6. (181); after 31.3. 91 remain
    assert share_ahead(project, 2025, dt.date(2025, 3, 31)) == Decimal(91) / Decimal(181)
