"""A decision's conditions as data: a person sets the status with evidence; delegations are shown."""

from __future__ import annotations

import pytest
from django.urls import reverse

from budgets.models import FinancingLine
from decisions.models import DecisionCondition, Delegation
from testing.seed import seed_item

pytestmark = pytest.mark.django_db

CONDITION = "Hankkeen omarahoitusosuus sisällytetään vuoden 2024 talousarvioon."


@pytest.fixture
def item(body):
    return seed_item(body)


@pytest.fixture
def condition(item) -> DecisionCondition:
    return DecisionCondition.objects.create(item=item, project=item.project, text=CONDITION)


def set_status(client, condition: DecisionCondition, status: str, evidence: str = ""):
    prefix = f"condition-{condition.pk}"
    return client.post(
        reverse("decisions:project_conditions", args=[condition.project_id]),
        {
            "condition": condition.pk,
            f"{prefix}-status": status,
            f"{prefix}-evidence": evidence,
            f"{prefix}-version": condition.version,
        },
    )


def test_the_bodys_secretary_sets_the_condition_met_with_the_budget_decision_as_evidence(
    secretary_client, secretary, condition
):
    response = set_status(secretary_client, condition, "met", "  Aluevaltuusto 12.12.2023 § 98, talousarvio 2024  ")

    assert response.status_code == 302
    condition.refresh_from_db()
    assert condition.status == DecisionCondition.Status.MET
    assert condition.evidence == "Aluevaltuusto 12.12.2023 § 98, talousarvio 2024"
    assert condition.status_set_by == secretary
    assert condition.status_set_at is not None
    html = secretary_client.get(condition.project.get_absolute_url()).content.decode()
    assert "Aluevaltuusto 12.12.2023 § 98" in html
    assert "Tilan asetti" in html


def test_met_or_not_met_without_evidence_is_refused_next_to_the_field(director_client, condition):
    for status in ("met", "not_met"):
        response = set_status(director_client, condition, status, "   ")

        assert response.status_code == 200
        form = dict(response.context["condition_forms"])[condition]
        assert form.errors["evidence"][0].startswith("Kerro näyttö")
    condition.refresh_from_db()
    assert (condition.status, condition.status_set_by) == (DecisionCondition.Status.OPEN, None)


def test_the_status_is_never_derived_from_the_figures(director_client, condition):
    """The own contribution changing in the budget does not touch the condition: a person decides."""
    FinancingLine.objects.filter(project=condition.project, source=FinancingLine.Source.OWN).delete()

    director_client.get(condition.project.get_absolute_url())

    condition.refresh_from_db()
    assert (condition.status, condition.status_set_at) == (DecisionCondition.Status.OPEN, None)


def test_others_may_not_set_the_status(other_secretary_client, staff_client, presenter_client, condition):
    for client in (other_secretary_client, staff_client, presenter_client):
        assert set_status(client, condition, "met", "§ 1").status_code == 403
    condition.refresh_from_db()
    assert condition.status == DecisionCondition.Status.OPEN


def test_the_project_page_offers_the_status_form_only_to_those_who_may_set_it(director_client, staff_client, condition):
    url = condition.project.get_absolute_url()

    assert "Aseta ehdon tila" in director_client.get(url).content.decode()
    staff_html = staff_client.get(url).content.decode()
    assert CONDITION in staff_html
    assert "Aseta ehdon tila" not in staff_html


def test_an_unknown_condition_is_not_found(director_client, item, condition):
    response = director_client.post(
        reverse("decisions:project_conditions", args=[item.project_id]), {"condition": "999"}
    )

    assert response.status_code == 404


def test_delegations_and_conditions_show_on_the_project_and_on_the_item(staff_client, item, condition):
    Delegation.objects.create(
        item=item,
        project=item.project,
        delegate="kehittämisjohtaja",
        scope="Tekee hakemukseen rahoittajan ohjauksen mukaiset muutokset.",
    )

    for url in (item.project.get_absolute_url(), item.get_absolute_url()):
        html = staff_client.get(url).content.decode()
        assert "Tekee hakemukseen rahoittajan ohjauksen mukaiset muutokset." in html, url
        assert CONDITION in html, url
