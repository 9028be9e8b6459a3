"""The portfolio at /portfolio/: every project with its figures, the gross budget per year across
them, the filters, and a fixed number of queries whatever the number of projects."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from budgets.models import BudgetLine, FinancingLine
from hankehallinta.money import NBSP
from projects.models import Project
from projects.portfolio import Portfolio, figures_by_year
from testing.factories import FinancingLineFactory, FundingCallFactory, ProjectFactory, small_project
from testing.seed import seed_project

pytestmark = pytest.mark.django_db

URL = reverse("budgets:portfolio")


def eur(text: str) -> str:
    """ "379 904,00" with the no-break spaces the page prints."""
    return text.replace(" ", NBSP)


@pytest.fixture
def seed() -> Project:
    """The seed's figures: 2024 229 904 = 160 000 + 69 904; 2025 150 000 = 143 924 + 6 076 in kind."""
    return seed_project()


# Access -------------------------------------------------------------------------------------


def test_anonymous_is_sent_to_sign_in(client):
    response = client.get(URL)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_staff_sees_the_portfolio_in_finnish(staff_client, seed):
    response = staff_client.get(URL)

    assert response.status_code == 200
    text = response.content.decode()
    for expected in ("Hankesalkku", "Rajaukset", "Talousarviovuosi", "Vastuuyksikkö", "Rahoittaja", "Kaikki"):
        assert expected in text, expected
    for name in ("state", "owning_unit", "funder", "year"):
        assert re.search(rf'<label\s+for="id_{name}"', text), name


# The list -----------------------------------------------------------------------------------


def test_each_project_shows_state_unit_funder_and_figures(staff_client, seed):
    response = staff_client.get(URL)

    text = response.content.decode()
    for expected in (
        "Työkyvyn tuen palvelut",
        "Toimielimen käsittely",
        "Kehittämisyksikkö",
        "Sosiaali- ja terveysministeriö",
        eur("379 904,00"),
        eur("303 924,00"),
        eur("75 980,00"),
        f"80,00{NBSP}%",
    ):
        assert expected in text, expected
    row = response.context["portfolio"].rows[0]
    assert (row.total_cost, row.applied, row.own_contribution) == (Decimal(379904), Decimal(303924), Decimal(75980))
    assert row.own_in_kind == Decimal(6076)
    assert row.aid_rate == Decimal("0.800002")


def test_tables_are_captioned_and_headed(staff_client, seed):
    text = staff_client.get(URL).content.decode()

    assert text.count("<caption>") == 2
    assert "1 hanke; kustannukset ja rahoitus koko hankkeen ajalta, euroa" in text
    assert '<th scope="col">Hanke</th>' in text
    assert '<th scope="row"><a href="/projects/' in text
    assert '<th scope="row">2024</th>' in text


def test_a_project_without_lines_shows_zeros(staff_client):
    ProjectFactory(title="Tyhjä hanke")

    row = staff_client.get(URL).context["portfolio"].rows[0]

    assert (row.total_cost, row.applied, row.own_contribution, row.aid_rate) == (0, 0, 0, None)


# The gross budget per year ------------------------------------------------------------------


def test_per_year_gross_cost_grant_income_and_own_contribution(staff_client, seed):
    years = staff_client.get(URL).context["portfolio"].years

    assert [(y.year, y.gross_cost, y.grant_income, y.own_contribution, y.own_in_kind) for y in years] == [
        (2024, Decimal(229904), Decimal(160000), Decimal(69904), Decimal(0)),
        (2025, Decimal(150000), Decimal(143924), Decimal(6076), Decimal(6076)),
    ]
    assert all(y.balanced for y in years)


def test_per_year_sums_across_projects_and_leaves_rejected_ones_out(staff_client, seed):
    small_project(2025, cost="1000", applied="600")
    small_project(2025, cost="5000", applied="5000", state=Project.State.REJECTED)

    portfolio = staff_client.get(URL).context["portfolio"]

    assert len(portfolio.rows) == 3
    y2025 = portfolio.years[1]
    assert (y2025.year, y2025.gross_cost, y2025.grant_income, y2025.own_contribution) == (
        2025,
        Decimal(151000),
        Decimal(144524),
        Decimal(6476),
    )
    totals = portfolio.year_totals
    assert (totals.gross_cost, totals.grant_income, totals.own_contribution) == (
        Decimal(380904),
        Decimal(304524),
        Decimal(76380),
    )


def test_external_financing_other_than_the_grant_applied_for_is_grant_income(seed):
    FinancingLine.objects.filter(project=seed, year=2024, source=FinancingLine.Source.OWN).update(amount=69000)
    FinancingLineFactory(project=seed, year=2024, source=FinancingLine.Source.MUNICIPAL, amount=Decimal(904))

    row = Portfolio.of(Project.objects.with_portfolio_figures()).rows[0]
    (y2024, _y2025) = figures_by_year([seed])

    assert (row.applied, row.external_financing, row.own_contribution) == (303924, 304828, 75076)
    assert (y2024.grant_income, y2024.own_contribution) == (160904, 69000)


def test_line_querysets_read_as_sentences(seed):
    other = small_project(2025)

    assert BudgetLine.objects.for_projects([seed]).by_year() == {2024: 229904, 2025: 150000}
    assert BudgetLine.objects.for_projects(Project.objects.all()).in_year(2025).total() == 151000
    income = FinancingLine.objects.for_projects([seed, other]).income_by_year()
    assert income[2025] == {"financing": 151000, "grant_income": 144524, "own_in_kind": 6076}


# Filters ------------------------------------------------------------------------------------


def titles(response) -> list[str]:
    return sorted(row.project.title for row in response.context["portfolio"].rows)


@pytest.fixture
def three(seed):
    """The seed (2024-2025, STM, Kehittämisyksikkö, board review) and two more."""
    small_project(
        2026,
        title="Ikäihmisten etäpalvelut",
        owning_unit="Ikäihmisten palvelut",
        state=Project.State.PREPARATION,
        funding_call=FundingCallFactory(funder="Pohjois-Karjalan liitto"),
    )
    small_project(2025, title="Hylätty hanke", state=Project.State.REJECTED)


def test_filter_by_state(staff_client, three):
    assert titles(staff_client.get(URL, {"state": "preparation"})) == ["Ikäihmisten etäpalvelut"]


def test_filter_by_owning_unit(staff_client, three):
    response = staff_client.get(URL, {"owning_unit": "Kehittämisyksikkö"})

    assert titles(response) == ["Hylätty hanke", "Työkyvyn tuen palvelut"]


def test_filter_by_funder(staff_client, three):
    assert titles(staff_client.get(URL, {"funder": "Pohjois-Karjalan liitto"})) == ["Ikäihmisten etäpalvelut"]


def test_filter_by_year_lists_projects_running_then_and_only_that_years_budget(staff_client, three):
    response = staff_client.get(URL, {"year": "2024"})

    assert titles(response) == ["Työkyvyn tuen palvelut"]
    years = response.context["portfolio"].years
    assert [(y.year, y.gross_cost) for y in years] == [(2024, Decimal(229904))]
    assert "Bruttokustannukset, avustustulot ja omarahoitusosuus talousarviovuonna 2024, euroa" in (
        response.content.decode()
    )


def test_filter_choices_come_from_the_register(staff_client, three):
    form = staff_client.get(URL).context["filter"].form

    assert [value for value, _label in form.fields["owning_unit"].choices][1:] == [
        "Ikäihmisten palvelut",
        "Kehittämisyksikkö",
    ]
    assert [value for value, _label in form.fields["year"].choices][1:] == ["2024", "2025", "2026"]


def test_an_impossible_filter_is_an_error_not_a_silent_full_list(staff_client, three):
    response = staff_client.get(URL, {"year": "1999"})

    assert response.status_code == 400
    assert response.context["portfolio"].rows == []
    assert "Korjaa yllä olevat rajaukset" in response.content.decode()


def test_an_unknown_export_format_is_not_found(staff_client, seed):
    assert staff_client.get(URL, {"format": "pdf"}).status_code == 404


# Queries ------------------------------------------------------------------------------------


def _queries(client, params=None) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(URL, params or {}).status_code == 200
    return len(captured)


@pytest.mark.parametrize("params", [{}, {"year": "2025", "state": "preparation"}])
def test_the_query_count_does_not_grow_with_projects(staff_client, django_assert_max_num_queries, params):
    small_project(2025, state=Project.State.PREPARATION)
    with_one = _queries(staff_client, params)
    for _ in range(29):
        small_project(2025, state=Project.State.PREPARATION)

    with django_assert_max_num_queries(with_one):
        response = staff_client.get(URL, params)

    assert len(response.context["portfolio"].rows) == 30
    # Session, user and its devices, three for the filter choices, the page's count and its projects
    # with their sums, two for the totals and the years over every filtered project, the session's
    # save and the savepoints of ATOMIC_REQUESTS.
    assert with_one <= 15
