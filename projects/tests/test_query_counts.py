"""Every page of the director's flow runs a fixed number of queries, whatever the number of lines,
objectives, versions, state changes or conditions."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from budgets.models import FinancingLine
from decisions.models import DecisionCondition
from projects.models import Project
from projects.services.lifecycle import transition_project
from projects.services.versions import save_named_version
from testing.factories import BudgetLineFactory, FinancingLineFactory, IndicatorFactory, ObjectiveFactory
from testing.seed import seed_item

pytestmark = pytest.mark.django_db

State = Project.State
PAGES = {
    "diff": lambda pk: reverse("projects:diff", args=[pk]),
    "conditions": lambda pk: reverse("decisions:project_conditions", args=[pk]),
    "transition": lambda pk: reverse("projects:transition", args=[pk]) + "?to=returned",
    "funding_decision": lambda pk: reverse("projects:funding_decision", args=[pk]),
    "version_create": lambda pk: reverse("projects:version_create", args=[pk]),
    "funding_pdf": lambda pk: reverse("projects:funding_pdf", args=[pk]),
}


def queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def grow(project: Project, item, director, years: tuple[int, ...]) -> None:
    """More of everything the pages show: lines, objectives, indicators, versions, steps, conditions."""
    for year in years:
        for category in ("equipment", "rents", "other"):
            BudgetLineFactory(project=project, year=year, category=category, amount=Decimal("1000"))
        FinancingLineFactory(project=project, year=year, source=FinancingLine.Source.OWN, amount=Decimal("3000"))
    for _number in range(4):
        IndicatorFactory(objective=ObjectiveFactory(project=project))
        save_named_version(project, by=director, label="Välitallennus")
    transition_project(project, State.RETURNED, by=director, reason="Korjattavaa")
    transition_project(project, State.PREPARATION, by=director)
    for number in range(4):
        DecisionCondition.objects.create(item=item, project=project, text=f"Ehto {number}")


@pytest.mark.parametrize("page", PAGES)
def test_each_page_of_the_flow_runs_a_fixed_number_of_queries(
    director_client, director, body, django_assert_max_num_queries, page
):
    item = seed_item(body)
    project = item.project
    Project.objects.filter(pk=project.pk).update(state=State.SUBMITTED)
    DecisionCondition.objects.create(item=item, project=project, text="Omarahoitus talousarvioon")
    url = PAGES[page](project.pk)
    # One of every kind of row first (a PDF's content key reads each kind of row it finds with one
    # query: hankehallinta/pdf/keys.py), then more of each: the count must not grow with the rows.
    grow(project, item, director, years=(2024,))
    transition_project(project, State.BOARD_REVIEW, by=director)
    transition_project(project, State.SUBMITTED, by=director)
    few = queries(director_client, url)

    grow(project, item, director, years=(2025,))
    transition_project(project, State.BOARD_REVIEW, by=director)
    transition_project(project, State.SUBMITTED, by=director)

    with django_assert_max_num_queries(few):
        assert director_client.get(url).status_code == 200
