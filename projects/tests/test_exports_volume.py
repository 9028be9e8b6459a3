"""The portfolio's exports at volume: 1 000 projects with budget and financing lines. Both exports
hold every filtered project (not only the page's) with the figures the portfolio page computes, the
CSV streams in chunks, and the queries of an export do not grow with the number of projects."""

from __future__ import annotations

import csv
import io
from decimal import ROUND_HALF_UP, Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from projects.models import Project
from testing.portfolio_volume import bulk_portfolio

pytestmark = pytest.mark.django_db

URL = reverse("budgets:portfolio")
PROJECTS = 1_000


@pytest.fixture
def volume() -> list[Project]:
    return bulk_portfolio(PROJECTS, budget_lines=3, financing_lines=3)


def page_portfolio(client, params: dict | None = None):
    """The Portfolio the page computes for the same filters (its rows are every filtered project)."""
    response = client.get(URL, params or {})
    assert response.status_code == 200
    return response.context["portfolio"]


def number(value: object) -> Decimal | None:
    """A numeric cell as Decimal: openpyxl reads back an int or a float, written from our Decimal."""
    return None if value is None else Decimal(str(value))


def from_csv(text: str) -> Decimal | None:
    """ "379904,00" -> Decimal("379904.00"); "" -> None."""
    return Decimal(text.replace(",", ".")) if text else None


def cents(value: Decimal) -> Decimal:
    """Rounded to cents as the CSV rounds: half up."""
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


# XLSX ---------------------------------------------------------------------------------------


def test_the_xlsx_of_1000_projects_holds_the_page_figures_per_project_and_in_total(staff_client, volume):
    expected = page_portfolio(staff_client)

    response = staff_client.get(URL, {"format": "xlsx"})

    assert response.streaming  # a FileResponse from the temporary file
    book = load_workbook(io.BytesIO(response.getvalue()))
    rows = list(book["Hankkeet"].iter_rows(min_row=2, values_only=True))
    assert len(rows) == PROJECTS == expected.count
    for values, row in zip(rows, expected.rows, strict=True):
        assert values[0] == row.project.title
        assert values[4].date() == row.project.start_date
        assert [number(value) for value in values[6:9]] == [row.total_cost, row.applied, row.own_contribution]
        assert number(values[9]) == row.aid_rate
    totals = [sum((number(values[column]) for values in rows), Decimal(0)) for column in (6, 7, 8)]
    assert [cents(total) for total in totals] == [expected.total_cost, expected.applied, expected.own_contribution]


def test_the_xlsx_per_year_sheet_holds_the_page_figures(staff_client, volume):
    expected = page_portfolio(staff_client)

    book = load_workbook(io.BytesIO(staff_client.get(URL, {"format": "xlsx"}).getvalue()))

    *years, total = book["Vuosittain"].iter_rows(min_row=2, values_only=True)
    assert [row[0] for row in years] == [figures.year for figures in expected.years]
    for values, figures in zip(years, expected.years, strict=True):
        assert [number(value) for value in values[1:]] == [
            figures.gross_cost,
            figures.grant_income,
            figures.own_contribution,
            figures.own_in_kind,
        ]
    totals = expected.year_totals
    assert total[0] == "Yhteensä"
    assert [number(value) for value in total[1:]] == [
        totals.gross_cost,
        totals.grant_income,
        totals.own_contribution,
        totals.own_in_kind,
    ]


def test_a_filtered_xlsx_holds_every_filtered_project_not_only_the_first_page(staff_client, volume):
    params = {"year": "2025"}
    expected = page_portfolio(staff_client, params)

    book = load_workbook(io.BytesIO(staff_client.get(URL, {**params, "format": "xlsx"}).getvalue()))

    titles = [row[0] for row in book["Hankkeet"].iter_rows(min_row=2, values_only=True)]
    assert titles == [row.project.title for row in expected.rows]
    assert 100 < len(titles) < PROJECTS


# CSV ----------------------------------------------------------------------------------------


def test_the_csv_of_1000_projects_streams_the_page_figures_in_chunks(staff_client, volume):
    expected = page_portfolio(staff_client)

    response = staff_client.get(URL, {"format": "csv"})

    assert response.streaming
    assert not response.has_header("Content-Length")
    chunks = list(response.streaming_content)
    assert len(chunks) > 2, "the rows are sent a few hundred at a time, not as one body"
    rows = list(csv.reader(io.StringIO(b"".join(chunks).decode("utf-8-sig")), delimiter=";"))[1:]
    assert len(rows) == PROJECTS
    for values, row in zip(rows, expected.rows, strict=True):
        assert values[0] == row.project.title.lstrip("'")
        assert [from_csv(value) for value in values[6:9]] == [row.total_cost, row.applied, row.own_contribution]
        rate = from_csv(values[9])
        assert rate == (None if row.aid_rate is None else cents(row.aid_rate * 100))
    totals = [sum((from_csv(values[column]) for values in rows), Decimal(0)) for column in (6, 7, 8)]
    assert totals == [expected.total_cost, expected.applied, expected.own_contribution]


# Queries ------------------------------------------------------------------------------------


@pytest.mark.parametrize("export", ["csv", "xlsx"])
def test_an_export_reads_1000_projects_in_the_queries_of_one(staff_client, django_assert_max_num_queries, export):
    """The whole export, the streamed body included: no query per row, whatever the count."""
    bulk_portfolio(1, seed=1)
    with CaptureQueriesContext(connection) as with_one:
        staff_client.get(URL, {"format": export}).getvalue()
    bulk_portfolio(PROJECTS - 1, seed=2)

    with django_assert_max_num_queries(len(with_one)):
        response = staff_client.get(URL, {"format": export})
        content = response.getvalue()

    assert response.status_code == 200
    assert len(content) > 50_000


@pytest.mark.django_db(transaction=True)
def test_the_csv_streams_after_the_request_transaction_has_ended(staff_client):
    """The view's transaction (ATOMIC_REQUESTS) is over when the server reads the body: the rows are
    read in autocommit (on PostgreSQL a server-side cursor held across it)."""
    bulk_portfolio(3)

    response = staff_client.get(URL, {"format": "csv"})

    assert not connection.in_atomic_block
    rows = list(csv.reader(io.StringIO(response.getvalue().decode("utf-8-sig")), delimiter=";"))
    assert len(rows) == 4
