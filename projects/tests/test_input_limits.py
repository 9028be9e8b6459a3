"""Input limits of the application editor (issue 14 item 1): at most settings.TABLE_MAX_ROWS rows per
table and settings.TEXT_MAX_LENGTH characters per long text, refused in Finnish with nothing saved."""

from __future__ import annotations

import pytest
from django.urls import reverse

from budgets.models import BudgetLine, FinancingLine
from hankehallinta import settings as defaults
from projects.models import Indicator, Objective, Project
from testing.editor_data import application, post_data
from testing.seed import seed_project

pytestmark = pytest.mark.django_db

CREATE = reverse("projects:create")
ROWS = 3
ROWS_MESSAGE = f"Taulukossa voi olla enintään {ROWS} riviä. Poista rivejä ennen tallentamista."


@pytest.fixture(autouse=True)
def _small_limits(settings) -> None:
    settings.TABLE_MAX_ROWS = ROWS
    settings.TEXT_MAX_LENGTH = 50


def text(response) -> str:
    return " ".join(response.text.split())


def test_the_defaults_are_200_rows_and_100000_characters():
    """The settings module's own values (the fixture overrides only django.conf.settings)."""
    assert (defaults.TABLE_MAX_ROWS, defaults.TEXT_MAX_LENGTH) == (200, 100_000)


def nothing_saved() -> bool:
    return not (Project.objects.exists() or BudgetLine.objects.exists() or FinancingLine.objects.exists())


def test_too_many_budget_lines_are_refused(director_client):
    budget = tuple(("staff", 2024 + index % 2, "10") for index in range(ROWS + 1))

    response = director_client.post(CREATE, application(budget=budget))

    assert response.status_code == 200
    assert ROWS_MESSAGE in text(response)
    assert nothing_saved()


def test_too_many_financing_lines_are_refused(director_client):
    financing = tuple(("applied", 2024, "10", False) for _ in range(ROWS + 1))

    response = director_client.post(CREATE, application(financing=financing))

    assert response.status_code == 200
    assert ROWS_MESSAGE in text(response)
    assert nothing_saved()


def test_too_many_objectives_are_refused(director_client):
    objectives = tuple((f"Tavoite {index}", "", ()) for index in range(ROWS + 1))

    response = director_client.post(CREATE, application(objectives=objectives))

    assert response.status_code == 200
    assert ROWS_MESSAGE in text(response)
    assert nothing_saved() and not Objective.objects.exists()


def test_too_many_indicators_of_one_objective_are_refused(director_client):
    indicators = tuple((f"Mittari {index}", "0", "1") for index in range(ROWS + 1))

    response = director_client.post(CREATE, application(objectives=(("Tavoite", "", indicators),)))

    assert response.status_code == 200
    assert ROWS_MESSAGE in text(response)
    assert nothing_saved() and not Indicator.objects.exists()


def test_rows_marked_for_removal_do_not_count(director_client, settings):
    """At the limit, one row removed and the same row added again is saved (removed rows do not count)."""
    project = seed_project()
    lines = project.financing_lines.count()
    assert lines >= max(project.budget_lines.count(), project.objectives.count())
    settings.TABLE_MAX_ROWS = lines
    data = post_data(project)
    data = {key: value for key, value in data.items() if not key.startswith(f"financing-{lines}-")}  # blank row
    for name in ("source", "funder_name", "year", "amount", "in_kind"):
        if f"financing-0-{name}" in data:
            data[f"financing-{lines}-{name}"] = data[f"financing-0-{name}"]
    data["financing-0-DELETE"] = "on"
    data["financing-TOTAL_FORMS"] = str(lines + 1)

    response = director_client.post(reverse("projects:edit", args=[project.pk]), data)

    assert response.status_code == 302, text(response)[-2000:]
    assert project.financing_lines.count() == lines


@pytest.mark.parametrize("field", ["summary", "partners"])
def test_an_overlong_core_text_is_refused(director_client, field):
    response = director_client.post(CREATE, application(**{field: "x" * 51}))

    assert response.status_code == 200
    assert "Tekstissä voi olla enintään 50 merkkiä; nyt siinä on 51." in text(response)
    assert nothing_saved()


def test_an_overlong_objective_is_refused(director_client):
    response = director_client.post(CREATE, application(objectives=(("x" * 51, "", ()),)))

    assert response.status_code == 200
    assert "Tekstissä voi olla enintään 50 merkkiä; nyt siinä on 51." in text(response)
    assert nothing_saved()
