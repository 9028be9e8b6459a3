"""Actual against plan in the pages: the project page's "Toteuma" section (warnings in words, a fixed
number of queries), its own PDF, and the call's variance limit typed as a Finnish percentage."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.translation import gettext

from budgets.models import BudgetLine
from projects.models import FundingCall
from testing.actuals import add_costs
from testing.factories import BudgetLineFactory, FundingCallFactory, ProjectFactory
from testing.pdf import response_pdf_text

pytestmark = pytest.mark.django_db

Category = BudgetLine.Category


@pytest.fixture
def overspent(director):
    """A project of a call with a 15 % limit whose staff costs passed it and whose travel did not."""
    call = FundingCallFactory(variance_limit=Decimal("0.1500"))
    project = ProjectFactory(
        start_date=dt.date(2024, 1, 1),
        end_date=dt.date(2024, 12, 31),
        funding_call=call,
        title="Toimiva arki",
    )
    BudgetLineFactory(project=project, category=Category.STAFF, year=2024, amount=Decimal("1000.00"))
    BudgetLineFactory(project=project, category=Category.TRAVEL, year=2024, amount=Decimal("400.00"))
    add_costs(project, director, [("2024-03-31", "staff", "1234.56"), ("2024-04-30", "travel", "100.00")])
    return project


def page(client, project) -> str:
    response = client.get(reverse("projects:detail", args=[project.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_the_project_page_shows_actual_against_plan_with_the_warning_in_words(staff_client, overspent):
    text = page(staff_client, overspent)

    assert gettext("Actual against plan") in text
    assert "1\u00a0234,56" in text  # the actual staff costs
    assert "23,5\u00a0%" in text  # their variance, rounded to 0,1 %
    assert gettext("over the variance limit") in text
    assert text.count('class="limit-warning"') == 2  # staff in 2024 and over the whole project
    assert reverse("followup:actuals_pdf", args=[overspent.pk]) in text


def test_a_project_without_actual_costs_or_decision_shows_no_table(staff_client):
    project = ProjectFactory()
    BudgetLineFactory(project=project, amount=Decimal("1000.00"))

    text = page(staff_client, project)

    assert gettext("No actual costs yet.") in text
    assert "actuals-table" not in text


def test_the_section_runs_one_query_whatever_the_number_of_costs(staff_client, overspent, director):
    with CaptureQueriesContext(connection) as few:
        page(staff_client, overspent)
    add_costs(overspent, director, [(f"2024-05-{day:02d}", "services", "10.00") for day in range(1, 29)])

    with CaptureQueriesContext(connection) as many:
        page(staff_client, overspent)

    assert len(many) == len(few)


def test_the_actuals_pdf_holds_the_figures(staff_client, overspent):
    response = staff_client.get(reverse("followup:actuals_pdf", args=[overspent.pk]))

    assert response.status_code == 200
    text = response_pdf_text(response)
    assert "Toimiva arki" in text
    assert "1 234,56" in text
    assert "-234,56" in text  # the staff costs' remaining
    assert "23,5 %" in text


def test_the_director_sets_the_calls_variance_limit_as_a_finnish_percentage(director_client):
    response = director_client.post(
        reverse("projects:call_create"),
        {"funder": "Euroopan sosiaalirahasto ESR+", "name": "Työkyky 2025", "variance_limit": "15 %"},
    )

    assert response.status_code == 302
    call = FundingCall.objects.get()
    assert str(call.variance_limit) == "0.1500"
    assert "15,00\u00a0%" in director_client.get(reverse("projects:call_list")).content.decode()


def test_an_empty_variance_limit_means_no_limit(director_client):
    director_client.post(reverse("projects:call_create"), {"funder": "STM", "name": "Haku", "variance_limit": ""})

    assert FundingCall.objects.get().variance_limit is None
