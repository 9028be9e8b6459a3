"""The lifecycle on the project page: step buttons, the reasons a step is refused, the timeline, the
funder's decision and the named versions."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from budgets.models import BudgetLine
from projects.lifecycle import TransitionError
from projects.models import ApplicationVersion, Project, StateChange
from projects.services.lifecycle import transition_project
from testing.factories import BudgetLineFactory, balanced_project
from testing.seed import seed_item

pytestmark = pytest.mark.django_db

State = Project.State


def step(client, project: Project, to: str, reason: str = ""):
    return client.post(reverse("projects:transition", args=[project.pk]), {"to": to, "reason": reason})


def test_the_project_page_offers_the_director_the_allowed_steps_as_buttons(director_client):
    project = balanced_project()

    html = director_client.get(project.get_absolute_url()).content.decode()

    assert "Siirrä toimielimen käsittelyyn" in html
    assert f'action="{reverse("projects:transition", args=[project.pk])}"' in html
    assert 'name="to" value="board_review"' in html


def test_staff_see_the_state_but_no_step_buttons(staff_client):
    project = balanced_project()

    html = staff_client.get(project.get_absolute_url()).content.decode()

    assert "Valmistelu" in html
    assert "Siirrä toimielimen käsittelyyn" not in html


def test_taking_the_application_to_board_review_records_the_step_and_freezes_a_version(director_client, director):
    project = balanced_project()

    response = step(director_client, project, State.BOARD_REVIEW, "Valmis lautakunnalle")

    assert response.status_code == 302
    assert response["Location"] == project.get_absolute_url()
    project.refresh_from_db()
    assert project.state == State.BOARD_REVIEW
    change = StateChange.objects.get(project=project)
    assert (change.changed_by, change.reason, change.flagged) == (director, "Valmis lautakunnalle", False)
    version = project.versions.get()
    assert version.label == "Toimielimen käsittelyyn"
    assert version.snapshot["budget_lines"][0]["amount"] == "1000.00"
    assert len(version.content_hash) == 64


def test_an_unbalanced_budget_is_refused_in_finnish_and_nothing_changes(director_client):
    project = balanced_project()
    BudgetLineFactory(project=project, category=BudgetLine.Category.TRAVEL, year=2024, amount=Decimal("50"))

    response = step(director_client, project, State.BOARD_REVIEW)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Kustannusarvio ja rahoitussuunnitelma eivät täsmää" in html
    project.refresh_from_db()
    assert project.state == State.PREPARATION
    assert not StateChange.objects.exists()
    assert not ApplicationVersion.objects.exists()


def test_the_step_page_shows_beforehand_what_stops_the_step(director_client):
    project = balanced_project()
    BudgetLineFactory(project=project, category=BudgetLine.Category.TRAVEL, year=2024, amount=Decimal("50"))

    response = director_client.get(reverse("projects:transition", args=[project.pk]), {"to": State.BOARD_REVIEW})

    assert response.status_code == 200
    assert "Kustannusarvio ja rahoitussuunnitelma eivät täsmää" in response.content.decode()
    assert not StateChange.objects.exists()


def test_returning_an_application_needs_a_reason_next_to_the_reason_field(director_client):
    project = balanced_project(state=State.BOARD_REVIEW)

    response = step(director_client, project, State.RETURNED)

    assert response.status_code == 200
    assert response.context["form"].errors["reason"]
    project.refresh_from_db()
    assert project.state == State.BOARD_REVIEW


def test_a_step_not_allowed_now_is_refused(director_client):
    project = balanced_project(state=State.IDEA)

    response = step(director_client, project, State.CLOSED, "Loppu")

    assert response.status_code == 200
    assert response.context["form"].errors["to"]
    assert Project.objects.get(pk=project.pk).state == State.IDEA


def test_only_the_director_takes_steps(staff_client, secretary_client):
    project = balanced_project()

    for client in (staff_client, secretary_client):
        assert step(client, project, State.BOARD_REVIEW).status_code == 403
    project.refresh_from_db()
    assert project.state == State.PREPARATION


def test_sending_before_the_board_decided_is_allowed_but_flagged_on_the_timeline(director_client):
    project = balanced_project(state=State.BOARD_REVIEW)

    step(director_client, project, State.SUBMITTED, "Haku sulkeutuu")

    change = StateChange.objects.get(project=project)
    assert change.flagged
    assert project.versions.get().label == "Lähetetty rahoittajalle"
    html = director_client.get(project.get_absolute_url()).content.decode()
    assert "timeline-flagged" in html
    assert change.flag_reason.startswith("Lähetetty rahoittajalle ennen toimielimen päätöstä")
    assert change.flag_reason in html
    assert "Haku sulkeutuu" in html


def test_the_timeline_shows_who_when_and_why(director_client, director):
    project = balanced_project(state=State.IDEA)
    transition_project(project, State.PREPARATION, by=director, reason="Otettiin valmisteluun")

    html = director_client.get(project.get_absolute_url()).content.decode()

    assert "Otettiin valmisteluun" in html
    assert "kehittamisjohtaja" in html
    assert "Tilan muutokset" in html


# The funder's decision -----------------------------------------------------------------------------


def test_the_funders_decision_is_typed_the_finnish_way_and_moves_the_project(director_client):
    project = balanced_project(state=State.SUBMITTED)
    url = reverse("projects:funding_decision", args=[project.pk])

    response = director_client.post(
        url,
        {
            "version": project.version,
            "granted_amount": "303 924,00",
            "granted_aid_rate": "80,00 %",
            "funding_decision_date": "31.12.2025",
            "funding_decision_reference": "STM/123/2025",
        },
    )

    assert response.status_code == 302
    project.refresh_from_db()
    assert project.granted_amount == Decimal("303924.00")
    assert project.granted_aid_rate == Decimal("0.8000")
    assert project.funding_decision_date == dt.date(2025, 12, 31)
    assert project.funding_decision_reference == "STM/123/2025"
    assert project.state == State.FUNDING_DECIDED
    assert project.state_changes.get().reason == "Rahoittajan päätös STM/123/2025."


def test_an_ambiguous_granted_amount_is_refused_next_to_the_field(director_client):
    project = balanced_project(state=State.SUBMITTED)

    response = director_client.post(
        reverse("projects:funding_decision", args=[project.pk]),
        {
            "version": project.version,
            "granted_amount": "1.5",
            "granted_aid_rate": "180",
            "funding_decision_date": "31.12.2025",
            "funding_decision_reference": "X",
        },
    )

    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "epäselvä" in errors["granted_amount"][0]
    assert errors["granted_aid_rate"] == ["Prosentin on oltava 0–100."]
    project.refresh_from_db()
    assert (project.granted_amount, project.state) == (None, State.SUBMITTED)


def test_a_step_the_table_does_not_allow_is_refused_in_plain_finnish(director_client):
    project = balanced_project()

    response = step(director_client, project, State.CLOSED)

    assert response.status_code == 200
    assert response.context["form"].errors["to"] == ["Hanketta ei voi siirtää tähän tilaan nyt."]
    assert Project.objects.get(pk=project.pk).state == State.PREPARATION


def test_the_funders_decision_and_its_step_are_written_together(director_client, monkeypatch):
    project = balanced_project(state=State.SUBMITTED)

    def refuse(*args, **kwargs):
        raise TransitionError("Ei nyt.", guard="test")

    monkeypatch.setattr("projects.services.lifecycle.transition_project", refuse)
    response = director_client.post(
        reverse("projects:funding_decision", args=[project.pk]),
        {
            "version": project.version,
            "granted_amount": "100",
            "funding_decision_date": "1.2.2025",
            "funding_decision_reference": "X",
        },
    )

    assert response.status_code == 200
    assert "Ei nyt." in response.content.decode()
    project.refresh_from_db()
    assert (project.granted_amount, project.funding_decision_reference, project.state) == (None, "", State.SUBMITTED)


def test_a_funders_decision_date_that_is_no_date_says_how_to_write_one(director_client):
    project = balanced_project(state=State.SUBMITTED)

    response = director_client.post(
        reverse("projects:funding_decision", args=[project.pk]),
        {
            "version": project.version,
            "granted_amount": "100",
            "funding_decision_date": "31.13.2025",
            "funding_decision_reference": "X",
        },
    )

    assert response.status_code == 200
    assert response.context["form"].errors["funding_decision_date"] == ["Anna päivämäärä muodossa 31.12.2025."]
    assert 'id="id_funding_decision_date_error"' in response.content.decode()
    assert Project.objects.get(pk=project.pk).granted_amount is None


def test_the_funders_decision_before_sending_is_refused(director_client):
    project = balanced_project(state=State.PREPARATION)

    response = director_client.post(
        reverse("projects:funding_decision", args=[project.pk]),
        {
            "version": project.version,
            "granted_amount": "100",
            "funding_decision_date": "1.2.2025",
            "funding_decision_reference": "X",
        },
    )

    assert response.status_code == 200
    assert "Rahoittajan päätöksen voi kirjata vasta, kun hakemus on lähetetty" in response.content.decode()
    assert Project.objects.get(pk=project.pk).granted_amount is None


# Named versions ------------------------------------------------------------------------------------


def test_the_director_saves_a_named_version_even_without_changes(director_client, director):
    project = balanced_project()
    url = reverse("projects:version_create", args=[project.pk])

    director_client.post(url, {"label": "Ensimmäinen luonnos"})
    director_client.post(url, {"label": "Rahoittajan ohjauksen mukaan"})

    labels = list(project.versions.order_by("number").values_list("number", "label", "created_by"))
    assert labels == [(1, "Ensimmäinen luonnos", director.pk), (2, "Rahoittajan ohjauksen mukaan", director.pk)]
    html = director_client.get(project.get_absolute_url()).content.decode()
    assert "Rahoittajan ohjauksen mukaan" in html
    assert "Tallenna nimetty versio" in html


def test_a_named_version_needs_a_name(director_client):
    project = balanced_project()

    response = director_client.post(reverse("projects:version_create", args=[project.pk]), {"label": "  "})

    assert response.status_code == 200
    assert response.context["form"].errors["label"]
    assert not project.versions.exists()


def test_staff_cannot_save_versions(staff_client):
    project = balanced_project()

    response = staff_client.post(reverse("projects:version_create", args=[project.pk]), {"label": "x"})

    assert response.status_code == 403
    assert not project.versions.exists()


# Speed -----------------------------------------------------------------------------------------------


def test_the_project_page_runs_a_fixed_number_of_queries(
    director_client, director, body, django_assert_max_num_queries
):
    item = seed_item(body)
    project = item.project

    def page_queries() -> int:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as captured:
            assert director_client.get(project.get_absolute_url()).status_code == 200
        return len(captured)

    few = page_queries()
    for number in range(6):
        director_client.post(reverse("projects:version_create", args=[project.pk]), {"label": f"V{number}"})
        transition_project(project, State.RETURNED if number % 2 == 0 else State.PREPARATION, by=director, reason="r")
        if number % 2 == 1:
            transition_project(project, State.BOARD_REVIEW, by=director)
    with django_assert_max_num_queries(few):
        assert director_client.get(project.get_absolute_url()).status_code == 200
