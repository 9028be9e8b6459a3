"""The portfolio of actuals: per budget year the planned own contribution (cost less planned external
financing) against the actual one (actual costs less the funder's share at the decision's aid rate, all
of them without a decision), the same figures read back from the XLSX as numbers, and a fixed number of
queries at 10 and at 1 000 projects."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils.translation import gettext
from openpyxl import load_workbook

from followup.portfolio import own_share
from projects.models import Project
from testing.actuals import add_costs, bulk_actual_costs
from testing.factories import small_project
from testing.portfolio_volume import bulk_portfolio

pytestmark = pytest.mark.django_db

URL = reverse("followup:portfolio")
#: Sign-in, session and 2FA, the filters' choices, the count, a page's keys and rows, two grouped
#: queries of the plan and one of the actuals; the export adds its audit event.
PAGE_QUERIES = 15
EXPORT_QUERIES = 16


@pytest.fixture
def two_projects(director):
    """A decided project (aid rate 60 %) with costs in two years, one without a decision, and a
    rejected one whose costs no budget holds."""
    decided = small_project(2024, cost="1000.00", applied="600.00", granted_aid_rate=Decimal("0.6000"))
    undecided = small_project(2024, cost="500.00", applied="300.00")
    rejected = small_project(2024, cost="700.00", applied="100.00", state=Project.State.REJECTED)
    add_costs(decided, director, [("2024-05-31", "staff", "900.01"), ("2025-01-31", "staff", "50.05")])
    add_costs(undecided, director, [("2024-06-30", "", "123.45")])
    add_costs(rejected, director, [("2024-06-30", "staff", "999.99")])
    return decided, undecided, rejected


def by_year(portfolio) -> list[tuple]:
    return [
        (row.year, row.planned_cost, row.planned_external, row.planned_own, row.actual_cost, row.actual_own)
        for row in portfolio.years
    ]


def number(value: object) -> Decimal:
    """A numeric cell as Decimal: openpyxl reads back an int or a float, written from our Decimal."""
    return Decimal(str(value))


def test_the_own_share_is_what_the_aid_rate_leaves_to_the_county():
    assert own_share(Decimal("900.01"), Decimal("0.6000")) == Decimal("360.004")
    assert own_share(Decimal("123.45"), None) == Decimal("123.45")


def test_planned_and_actual_own_contribution_per_budget_year(staff_client, two_projects):
    portfolio = staff_client.get(URL).context["portfolio"]

    assert by_year(portfolio) == [
        # 2024: planned own 1 500 − 900; actual own 900,01 × 0,4 + 123,45 = 483,454 -> 483,45
        (2024, Decimal("1500.00"), Decimal("900.00"), Decimal("600.00"), Decimal("1023.46"), Decimal("483.45")),
        # 2025: no budget; 50,05 × 0,4 = 20,02
        (2025, Decimal("0.00"), Decimal("0.00"), Decimal("0.00"), Decimal("50.05"), Decimal("20.02")),
    ]
    assert portfolio.years[0].own_difference == Decimal("-116.55")
    totals = portfolio.year_totals
    assert (totals.actual_cost, totals.actual_own, totals.planned_own) == (
        Decimal("1073.51"),
        Decimal("503.47"),
        Decimal("600.00"),
    )


def test_a_year_filter_keeps_that_year_only(staff_client, two_projects):
    portfolio = staff_client.get(URL, {"year": "2024"}).context["portfolio"]

    assert [(row.year, row.actual_cost) for row in portfolio.years] == [(2024, Decimal("1023.46"))]


def test_the_page_rows_carry_each_projects_actual_costs(staff_client, two_projects):
    decided, undecided, rejected = two_projects
    rows = {row.project.pk: row for row in staff_client.get(URL).context["page_rows"]}

    assert rows[decided.pk].actual_cost == Decimal("950.06")
    assert rows[decided.pk].actual_own == Decimal("380.02")  # 950,06 × 0,4 = 380,024
    assert rows[decided.pk].planned_own == Decimal("400.00")
    assert rows[undecided.pk].actual_own == Decimal("123.45")
    assert rows[rejected.pk].remaining == Decimal("700.00") - Decimal("999.99")


def test_the_xlsx_holds_the_pages_own_contribution_per_year_as_numbers(staff_client, two_projects):
    expected = staff_client.get(URL).context["portfolio"]

    response = staff_client.get(URL, {"format": "xlsx"})

    book = load_workbook(io.BytesIO(response.getvalue()))
    *years, total = book[gettext("By year")].iter_rows(min_row=2, values_only=True)
    assert [row[0] for row in years] == [row.year for row in expected.years]
    for values, row in zip(years, expected.years, strict=True):
        assert [number(value) for value in values[1:]] == [
            row.planned_cost,
            row.planned_external,
            row.planned_own,
            row.actual_cost,
            row.remaining,
            row.actual_own,
            row.own_difference,
        ]
    assert number(total[3]) == expected.year_totals.planned_own
    assert number(total[6]) == expected.year_totals.actual_own
    projects = list(book[gettext("Projects")].iter_rows(min_row=2, values_only=True))
    assert len(projects) == 3


def test_an_unknown_export_format_is_not_found(staff_client):
    assert staff_client.get(URL, {"format": "pdf"}).status_code == 404


@pytest.mark.parametrize("count", [10, 1_000])
def test_the_portfolio_of_actuals_runs_a_fixed_number_of_queries(
    staff_client, director, count, django_assert_max_num_queries
):
    projects = bulk_portfolio(count, budget_lines=3, financing_lines=3)
    bulk_actual_costs(projects, director, per_project=2)
    Project.objects.filter(state=Project.State.IN_PROGRESS).update(granted_aid_rate=Decimal("0.7500"))

    with django_assert_max_num_queries(PAGE_QUERIES):
        response = staff_client.get(URL, {"page": 2, "state": "in_progress"} if count > 50 else {})
    assert response.status_code == 200
    assert response.context["portfolio"].years
    with django_assert_max_num_queries(EXPORT_QUERIES):
        assert staff_client.get(URL, {"format": "xlsx"}).status_code == 200
