"""The dashboard's lists are bounded: each shows its first rows (a LIMIT in the query, latest first)
in a fixed number of queries, however many decisions, meetings and projects there are."""

from __future__ import annotations

import pytest
from django.urls import reverse

from portal.views import DASHBOARD_ROWS
from projects.models import Project
from testing.lists import checked_items, many_meetings, many_projects
from testing.queries import count_queries

pytestmark = pytest.mark.django_db

URL = reverse("dashboard")


def test_recent_decisions_are_the_latest_checked_and_bounded(staff_client, body):
    items = checked_items(body, DASHBOARD_ROWS + 15)

    recent = staff_client.get(URL).context["recent_decisions"]

    assert len(recent) == DASHBOARD_ROWS
    latest_first = sorted(items, key=lambda item: item.checked_at, reverse=True)
    assert [item.pk for item in recent] == [item.pk for item in latest_first[:DASHBOARD_ROWS]]


def test_the_dashboard_query_count_is_fixed_whatever_the_volume(
    secretary_client, director_client, body, django_assert_max_num_queries
):
    checked_items(body, 1)
    many_meetings(body, 1)
    many_projects(1, state=Project.State.PREPARATION)
    for client in (secretary_client, director_client):
        client.get(URL)  # the session's first request
    few = {client: count_queries(client, URL) for client in (secretary_client, director_client)}

    checked_items(body, 3 * DASHBOARD_ROWS)
    many_meetings(body, 3 * DASHBOARD_ROWS, items_each=2)
    many_projects(3 * DASHBOARD_ROWS, state=Project.State.PREPARATION)

    for client, queries in few.items():
        with django_assert_max_num_queries(queries):
            response = client.get(URL)
        for name in ("own_meetings", "own_items", "projects", "recent_decisions"):
            assert len(response.context[name] or ()) <= DASHBOARD_ROWS, name
    assert len(response.context["projects"]) == DASHBOARD_ROWS
