"""The dashboard's project list says what it lists: every project from idea to closing, not only
the running ones (issue 10, "small truths")."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils.translation import gettext

from projects.models import Project
from testing.factories import ProjectFactory

pytestmark = pytest.mark.django_db


def test_the_directors_project_list_is_headed_by_what_it_holds(director_client):
    ProjectFactory(title="Valmisteilla oleva hanke", state=Project.State.PREPARATION)
    ProjectFactory(title="Käynnissä oleva hanke", state=Project.State.IN_PROGRESS)
    ProjectFactory(title="Päättynyt hanke", state=Project.State.CLOSED)

    text = director_client.get(reverse("dashboard")).text

    section = text.split('aria-labelledby="open-projects"')[1].split("</section>")[0]
    heading = section.split("</h2>")[0]
    assert gettext("Projects being prepared or carried out") in heading
    assert gettext("Active projects") not in text
    assert "Valmisteilla oleva hanke" in section and "Käynnissä oleva hanke" in section
    assert "Päättynyt hanke" not in section


def test_the_empty_list_says_what_is_missing(director_client):
    ProjectFactory(title="Päättynyt hanke", state=Project.State.CLOSED)

    text = director_client.get(reverse("dashboard")).text

    assert gettext("No projects are being prepared or carried out.") in text
