"""The project back office: the list shows the budget figures in a fixed number of queries."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from budgets.models import BudgetLine, FinancingLine
from hankehallinta.money import NBSP
from portal import demo
from projects.models import ApplicationVersion
from testing.factories import (
    BudgetLineFactory,
    FinancingLineFactory,
    IndicatorFactory,
    ObjectiveFactory,
    ProjectFactory,
)

pytestmark = pytest.mark.django_db

CHANGELIST = "admin:projects_project_changelist"


def project_with_lines():
    project = ProjectFactory()
    ObjectiveFactory(project=project)
    BudgetLineFactory(project=project, category=BudgetLine.Category.STAFF, amount=Decimal("1000"))
    BudgetLineFactory(project=project, category=BudgetLine.Category.TRAVEL, amount=Decimal("250"))
    FinancingLineFactory(project=project, source=FinancingLine.Source.APPLIED, amount=Decimal("1000"))
    FinancingLineFactory(project=project, source=FinancingLine.Source.OWN, amount=Decimal("250"))
    return project


@pytest.fixture
def seed(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return demo.load()


@pytest.fixture
def demo_admin_client(client, seed):
    client.force_login(seed.users["admin"])
    return client


def test_project_changelist_query_count_does_not_grow_with_projects(admin_client, django_assert_max_num_queries):
    url = reverse(CHANGELIST)
    project_with_lines()
    with CaptureQueriesContext(connection) as with_one:
        assert admin_client.get(url).status_code == 200

    for _ in range(29):
        project_with_lines()
    with django_assert_max_num_queries(len(with_one)):
        response = admin_client.get(url)

    assert response.status_code == 200
    assert response.context["cl"].result_count == 30


def test_project_changelist_shows_the_seed_figures_and_the_cap_warning(demo_admin_client, seed):
    response = demo_admin_client.get(reverse(CHANGELIST))
    row = next(line for line in response.text.split("<tr") if "Työkyvyn tuen palvelut" in line)

    assert f"379{NBSP}904,00{NBSP}€" in row
    assert f"303{NBSP}924,00{NBSP}€" in row
    assert f"80,00{NBSP}%" in row
    assert "icon-yes" in row  # above the exact cap by 0,80 €


def test_project_changelist_sorts_by_total_cost(demo_admin_client):
    column = 7  # total cost, counting list_display from 1

    ascending = demo_admin_client.get(reverse(CHANGELIST), {"o": str(column)}).context["cl"].result_list
    descending = demo_admin_client.get(reverse(CHANGELIST), {"o": f"-{column}"}).context["cl"].result_list

    assert [p.total_cost for p in ascending] == [Decimal("212000"), Decimal("379904")]
    assert [p.title for p in descending] == ["Työkyvyn tuen palvelut", "Ikäihmisten etäpalvelut"]


def test_project_page_has_objectives_budget_and_financing_inlines(demo_admin_client, seed):
    response = demo_admin_client.get(reverse("admin:projects_project_change", args=[seed.project.pk]))

    assert response.status_code == 200
    assert "Hanke selkeyttää hyvinvointialueen ja työllisyysalueen" in response.text
    assert 'name="budget_lines-TOTAL_FORMS" value="11"' in response.text
    assert 'name="financing_lines-TOTAL_FORMS" value="4"' in response.text
    assert "Lautakunnan käsittelemä hakemus" in response.text


def test_objective_page_edits_its_indicators(admin_client):
    indicator = IndicatorFactory(name="Yhteisten toimintamallien määrä")

    response = admin_client.get(reverse("admin:projects_objective_change", args=[indicator.objective.pk]))

    assert 'name="indicators-0-name"' in response.text
    assert "Yhteisten toimintamallien määrä" in response.text


def test_application_versions_are_not_added_by_hand(demo_admin_client, seed):
    version = ApplicationVersion.objects.get(project=seed.project)

    response = demo_admin_client.get(reverse("admin:projects_applicationversion_change", args=[version.pk]))

    assert demo_admin_client.get(reverse("admin:projects_applicationversion_add")).status_code == 403
    assert 'name="snapshot"' not in response.text
    assert 'name="content_hash"' not in response.text
    assert version.content_hash in response.text
