"""The portfolio in pages: a page shows its own projects, while the totals and the gross budget per
year cover every filtered project, computed in the database; the filters carry across the pages."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from budgets.models import ZERO
from projects.models import Project
from projects.portfolio import Portfolio, figures_by_year
from projects.views.portfolio import PROJECTS_PER_PAGE
from testing.lists import many_projects, with_lines

pytestmark = pytest.mark.django_db

URL = reverse("budgets:portfolio")
PROJECTS = PROJECTS_PER_PAGE + 10  # two pages


@pytest.fixture
def two_pages() -> list[Project]:
    """Two pages of projects with cents in their figures; a few rejected, a few in another year."""
    projects = many_projects(PROJECTS - 15, year=2025, state=Project.State.PREPARATION)
    with_lines(projects, year=2025, cost="1234.56", applied="987.65")
    rejected = many_projects(5, year=2025, title="Hylätty", state=Project.State.REJECTED)
    with_lines(rejected, year=2025, cost="500.01", applied="100.00")
    later = many_projects(10, year=2026, title="Myöhempi", state=Project.State.SUBMITTED)
    with_lines(later, year=2026, cost="2000.03", applied="1500.02")
    return [*projects, *rejected, *later]


def test_each_page_shows_its_own_projects_only(staff_client, two_pages):
    first = staff_client.get(URL).context
    second = staff_client.get(URL, {"page": 2}).context

    assert len(first["page_rows"]) == PROJECTS_PER_PAGE
    assert len(second["page_rows"]) == PROJECTS - PROJECTS_PER_PAGE
    shown = {row.project.pk for context in (first, second) for row in context["page_rows"]}
    assert shown == {project.pk for project in two_pages}


def test_per_year_totals_on_any_page_are_the_sum_over_all_projects(staff_client, two_pages):
    budgeted = [project for project in two_pages if project.state != Project.State.REJECTED]
    expected = figures_by_year(budgeted)

    for page in (1, 2):
        years = staff_client.get(URL, {"page": page}).context["portfolio"].years
        assert years == expected
    assert [(y.year, y.gross_cost) for y in expected] == [
        (2025, Decimal("1234.56") * (PROJECTS - 15)),
        (2026, Decimal("2000.03") * 10),
    ]


def test_the_totals_row_on_any_page_is_the_sum_over_all_projects(staff_client, two_pages):
    every_row = Portfolio.of(Project.objects.all()).rows

    for page in (1, 2):
        portfolio = staff_client.get(URL, {"page": page}).context["portfolio"]
        assert portfolio.total_cost == sum((row.total_cost for row in every_row), ZERO)
        assert portfolio.applied == sum((row.applied for row in every_row), ZERO)
        assert portfolio.own_contribution == sum((row.own_contribution for row in every_row), ZERO)
        assert portfolio.own_in_kind == sum((row.own_in_kind for row in every_row), ZERO)
    assert portfolio.total_cost == Decimal("1234.56") * 45 + Decimal("500.01") * 5 + Decimal("2000.03") * 10


def test_a_year_filter_limits_the_table_but_the_totals_row_covers_the_whole_projects(staff_client, two_pages):
    portfolio = staff_client.get(URL, {"year": "2026"}).context["portfolio"]

    assert [(y.year, y.gross_cost, y.grant_income) for y in portfolio.years] == [
        (2026, Decimal("20000.30"), Decimal("15000.20"))
    ]
    assert portfolio.total_cost == Decimal("20000.30")


def test_the_filters_carry_across_the_pages_and_the_exports_take_every_page(staff_client, two_pages):
    many_projects(PROJECTS_PER_PAGE, year=2025, title="Toinen", state=Project.State.SUBMITTED)

    response = staff_client.get(URL, {"state": "submitted", "page": 2})

    assert {row.project.state for row in response.context["page_rows"]} == {Project.State.SUBMITTED}
    assert response.context["page"].number == 2
    text = response.content.decode()
    assert 'href="?state=submitted&amp;page=1"' in text
    assert "format=csv" in text
    assert "page=2&amp;format" not in text
    assert "format=csv&amp;page" not in text


def test_the_portfolio_queries_stay_fixed_whatever_the_page(staff_client, two_pages, django_assert_max_num_queries):
    staff_client.get(URL)
    with django_assert_max_num_queries(15):
        staff_client.get(URL, {"page": 2, "state": "preparation"})
