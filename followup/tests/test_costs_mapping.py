"""The account mapping re-categorises a project's ledger rows (the project's own mapping winning
over its call's), and manual costs are hours × rate or an amount, deleted only when manual."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from followup.models import AccountMapping, ActualCost
from followup.services.costs import add_manual_cost, delete_manual_cost, save_mappings
from hankehallinta.services import ActionRefused
from testing.factories import ActualCostFactory, LedgerImportFactory, ProjectFactory

pytestmark = pytest.mark.django_db


def ledger_row(project, account: str, key: str) -> ActualCost:
    ledger_import = LedgerImportFactory(project=project)
    return ActualCostFactory(project=project, ledger_import=ledger_import, account=account, category="", row_key=key)


def test_mapping_an_account_recategorises_the_projects_rows(director):
    project = ProjectFactory()
    row = ledger_row(project, "4999", "a")
    assert save_mappings(project, {"4999": "travel"}, user=director) == 1
    row.refresh_from_db()
    assert row.category == "travel"
    assert save_mappings(project, {"4999": ""}, user=director) == 1  # unmapped again
    row.refresh_from_db()
    assert row.category == "" and not AccountMapping.objects.exists()


def test_a_calls_mapping_applies_unless_the_project_has_its_own(director):
    project = ProjectFactory()
    other = ProjectFactory(funding_call=project.funding_call)
    own, inherited = ledger_row(project, "4000", "a"), ledger_row(other, "4000", "b")
    save_mappings(project, {"4000": "rents"}, user=director)
    save_mappings(project.funding_call, {"4000": "staff"}, user=director)
    own.refresh_from_db()
    inherited.refresh_from_db()
    assert (own.category, inherited.category) == ("rents", "staff")


def test_a_manual_cost_is_hours_times_the_rate_rounded_to_the_cent(director):
    project = ProjectFactory()
    cost = add_manual_cost(
        project,
        user=director,
        date=dt.date(2025, 2, 1),
        category="staff",
        description="Talkootyö",
        hours=Decimal("7.5"),
        hourly_rate=Decimal("33.33"),
        in_kind=True,
    )
    assert cost.amount == Decimal("249.98") and cost.is_manual  # 249.975 rounded half up


def test_only_manual_costs_are_deleted(director):
    project = ProjectFactory()
    with pytest.raises(ActionRefused):
        delete_manual_cost(ledger_row(project, "4000", "a"), user=director)
    manual = ActualCostFactory(project=project)
    delete_manual_cost(manual, user=director)
    assert not ActualCost.objects.filter(pk=manual.pk).exists()


def test_the_mapping_page_lists_the_previewed_accounts_and_saves(director_client):
    project = ProjectFactory()
    row = ledger_row(project, "4999", "a")
    url = reverse("followup:project_accounts", args=[project.pk])
    assert 'value="4123"' in director_client.get(url + "?account=4123").content.decode()
    data = {
        "mapping-TOTAL_FORMS": "1",
        "mapping-INITIAL_FORMS": "0",
        "mapping-0-account": "4999",
        "mapping-0-category": "other",
    }
    assert director_client.post(url, data).status_code == 302
    row.refresh_from_db()
    assert row.category == "other"


def test_the_costs_page_adds_a_manual_cost(director_client):
    project = ProjectFactory()
    url = reverse("followup:project_costs", args=[project.pk])
    data = {"date": "1.2.2025", "category": "staff", "description": "Talkoot", "hours": "2", "hourly_rate": "30,00"}
    assert director_client.post(url, data).status_code == 302
    assert ActualCost.objects.get().amount == Decimal("60.00")


def test_the_delete_button_deletes_a_manual_cost_once(director_client):
    project = ProjectFactory()
    cost = ActualCostFactory(project=project)
    url = reverse("followup:manual_cost_delete", args=[project.pk])
    assert director_client.post(url, {"cost": cost.pk}).status_code == 302
    assert not ActualCost.objects.exists()
    assert director_client.post(url, {"cost": cost.pk}).status_code == 302  # gone: a message, nothing else


def test_the_project_page_links_to_its_costs(director_client):
    project = ProjectFactory()
    page = director_client.get(project.get_absolute_url()).content.decode()
    assert reverse("followup:project_costs", args=[project.pk]) in page
