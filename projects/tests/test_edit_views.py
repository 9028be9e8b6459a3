"""The application editor's core data page: the development director edits, everyone else reads."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from hankehallinta.models import AuditEvent
from projects.models import Project
from testing.editor_data import post_data
from testing.factories import FundingCallFactory, ProjectFactory

pytestmark = pytest.mark.django_db


def project_data(project: Project, **changes) -> dict:
    data = {
        **post_data(project),  # the whole application editor: objectives, budget and financing rows too
        "title": project.title,
        "owning_unit": project.owning_unit,
        "manager": project.manager,
        "start_date": f"{project.start_date:%d.%m.%Y}",
        "end_date": f"{project.end_date:%d.%m.%Y}",
        "funding_call": project.funding_call_id or "",
        "partners": project.partners,
        "summary": project.summary,
        "version": project.version,
    }
    data.update(changes)
    return data


def edit_url(project: Project) -> str:
    return reverse("projects:edit", args=[project.pk])


def field_error(response, field: str) -> str:
    match = re.search(rf'<div id="id_{field}_error" class="invalid-feedback">(.*?)</div>', response.text, re.S)
    assert match, f"no error shown at {field}"
    return re.sub(r"<[^>]+>", "", match.group(1)).strip()


def test_director_edits_the_core_data_with_finnish_dates(director_client, director):
    project = ProjectFactory(title="Vanha nimi")
    call = FundingCallFactory()

    response = director_client.post(
        edit_url(project),
        project_data(
            project,
            title="Työkyvyn tuen palvelut",
            owning_unit="Strategiayksikkö",
            manager="Maija Meikäläinen",
            start_date="1.3.2024",
            end_date="31.12.2025",
            funding_call=call.pk,
            partners="Joensuun kaupunki",
            summary="Hanke selkeyttää yhdyspintoja.",
        ),
    )

    assert response.status_code == 302
    assert response["Location"] == project.get_absolute_url()
    project.refresh_from_db()
    assert project.title == "Työkyvyn tuen palvelut"
    assert (project.start_date, project.end_date) == (dt.date(2024, 3, 1), dt.date(2025, 12, 31))
    assert (project.funding_call, project.partners, project.version) == (call, "Joensuun kaupunki", 2)
    assert project.history.first().history_user == director
    event = AuditEvent.objects.for_object(project).get(action=AuditEvent.Action.UPDATE)
    assert (event.user, event.authority) == (director, "projects.edit_project")


def test_successful_save_shows_a_finnish_message(director_client):
    project = ProjectFactory()

    response = director_client.post(edit_url(project), project_data(project, manager="Uusi"), follow=True)

    assert "Hankehakemus tallennettiin." in response.text


def test_form_shows_dates_in_the_finnish_format(director_client):
    project = ProjectFactory(start_date=dt.date(2024, 1, 1), end_date=dt.date(2025, 12, 31))

    text = director_client.get(edit_url(project)).text

    assert 'value="01.01.2024"' in text
    assert 'value="31.12.2025"' in text


def test_project_ending_before_it_starts_gets_the_error_at_the_end_date(director_client):
    project = ProjectFactory(title="Ennallaan")

    response = director_client.post(
        edit_url(project), project_data(project, title="Muutettu", start_date="1.1.2025", end_date="31.12.2024")
    )

    assert response.status_code == 200
    assert field_error(response, "end_date") == "Hanke ei voi päättyä ennen kuin se alkaa."
    project.refresh_from_db()
    assert (project.title, project.version) == ("Ennallaan", 1)


@pytest.mark.parametrize("value", ["2024-31-12", "31/12/2025", "huomenna", "32.1.2025"])
def test_malformed_date_gets_a_finnish_error_at_the_field(director_client, value):
    project = ProjectFactory()

    response = director_client.post(edit_url(project), project_data(project, start_date=value))

    assert field_error(response, "start_date") == "Anna päivämäärä muodossa 31.12.2025."


@pytest.mark.parametrize(
    "client_name", ["secretary_client", "other_secretary_client", "presenter_client", "staff_client"]
)
def test_only_the_development_director_edits_projects(request, client_name):
    client = request.getfixturevalue(client_name)
    project = ProjectFactory(title="Ennallaan")

    assert client.get(edit_url(project)).status_code == 403
    response = client.post(edit_url(project), project_data(project, title="Muutettu"))

    assert response.status_code == 403
    project.refresh_from_db()
    assert (project.title, project.version) == ("Ennallaan", 1)
    assert AuditEvent.objects.for_object(project).filter(action=AuditEvent.Action.DENIED).count() == 2


def test_superuser_edits_projects(admin_client, admin_user):
    project = ProjectFactory(manager="Kehittämisjohtaja")
    version = project.version

    response = admin_client.post(edit_url(project), project_data(project, manager="Ylläpito"))

    assert response.status_code == 302
    assert response["Location"] == project.get_absolute_url()
    stored = Project.objects.get(pk=project.pk)
    assert (stored.manager, stored.title, stored.version) == ("Ylläpito", project.title, version + 1)
    assert stored.history.first().history_user == admin_user
    event = AuditEvent.objects.for_object(project).get(action=AuditEvent.Action.UPDATE)
    assert (event.user, event.authority) == (admin_user, "projects.edit_project")


def test_extra_fields_in_the_post_are_ignored(director_client):
    project = ProjectFactory(state=Project.State.PREPARATION)

    response = director_client.post(
        edit_url(project),
        project_data(
            project,
            summary="Muutettu",
            state=Project.State.FUNDING_DECIDED,
            granted_amount="999999",
            granted_aid_rate="1",
            funding_decision_reference="VÄÄRENNETTY",
            created_at="2000-01-01 00:00",
            id="9999",
        ),
    )

    assert response.status_code == 302
    project.refresh_from_db()
    assert project.summary == "Muutettu"
    assert project.state == Project.State.PREPARATION
    assert (project.granted_amount, project.granted_aid_rate, project.funding_decision_reference) == (None, None, "")
    assert Project.objects.count() == 1


def test_a_tampered_version_changes_nothing(director_client):
    project = ProjectFactory(title="Ennallaan")

    response = director_client.post(edit_url(project), project_data(project, title="Muutettu", version=7))

    assert response.status_code == 409
    project.refresh_from_db()
    assert (project.title, project.version) == ("Ennallaan", 1)


def test_project_page_shows_the_edit_link_only_to_the_director(director_client, staff_client, secretary_client):
    project = ProjectFactory()

    assert edit_url(project) in director_client.get(project.get_absolute_url()).text
    assert edit_url(project) not in staff_client.get(project.get_absolute_url()).text
    assert edit_url(project) not in secretary_client.get(project.get_absolute_url()).text


def test_edit_page_runs_the_same_queries_for_1_and_10_funding_calls(director_client):
    project = ProjectFactory()
    with CaptureQueriesContext(connection) as one:
        assert director_client.get(edit_url(project)).status_code == 200
    FundingCallFactory.create_batch(9, max_aid_rate=Decimal("0.75"))
    with CaptureQueriesContext(connection) as ten:
        director_client.get(edit_url(project))

    assert len(ten) == len(one)
