"""The project list and the funding calls in pages: one page of rows whatever the number of projects,
the total shown, a fixed number of queries, pages that never overlap, permission in the query."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from hankehallinta.permissions import has_permission
from projects.models import FundingCall, Project
from projects.views.calls import CALLS_PER_PAGE
from projects.views.projects import PROJECTS_PER_PAGE
from testing.factories import FundingCallFactory
from testing.lists import many_projects
from testing.queries import count_queries

pytestmark = pytest.mark.django_db

URL = reverse("projects:list")


def rows(response) -> list[str]:
    """The project titles of the page's table, in order."""
    return re.findall(r'<td><a href="/projects/\d+/">([^<]+)</a></td>', response.content.decode())


def test_a_list_of_ten_thousand_projects_renders_one_page_and_says_how_many(
    staff_client, django_assert_max_num_queries
):
    many_projects(10_000)
    staff_client.get(URL)  # the session's first request

    with django_assert_max_num_queries(10):
        response = staff_client.get(URL)

    assert response.status_code == 200
    assert len(rows(response)) == PROJECTS_PER_PAGE
    assert response.context["page"].paginator.count == 10_000
    text = response.content.decode()
    assert re.search(r"<p>\s*10[\s\xa0]?000 \w+\.\s*</p>", text)  # "10 000 hanketta."
    assert "Sivu 1 / 200" in text


def test_the_last_page_holds_the_rest_and_the_pages_never_overlap(staff_client):
    """The projects share their start date and title prefix: the primary key orders the ties."""
    many_projects(PROJECTS_PER_PAGE * 2 + 7)

    pages = [rows(staff_client.get(URL, {"page": number})) for number in (1, 2, 3)]

    assert [len(page) for page in pages] == [PROJECTS_PER_PAGE, PROJECTS_PER_PAGE, 7]
    seen = [title for page in pages for title in page]
    assert len(set(seen)) == len(seen) == Project.objects.count()


def test_a_page_past_the_end_shows_the_last_page(staff_client):
    many_projects(PROJECTS_PER_PAGE + 1)

    response = staff_client.get(URL, {"page": "999"})

    assert response.context["page"].number == 2
    assert len(rows(response)) == 1


def test_the_query_count_is_the_same_for_one_project_and_for_a_thousand(staff_client, django_assert_max_num_queries):
    many_projects(1)
    staff_client.get(URL)
    with_one = count_queries(staff_client, URL)
    many_projects(999)

    with django_assert_max_num_queries(with_one):
        staff_client.get(URL, {"page": "7"})


def test_visible_to_is_the_view_project_permission_as_a_queryset(staff_user, director):
    many_projects(3)
    inactive = type(staff_user).objects.create_user("poistunut", is_active=False)

    for user in (staff_user, director, inactive, AnonymousUser()):
        visible = set(Project.objects.visible_to(user).values_list("pk", flat=True))
        allowed = {p.pk for p in Project.objects.all() if has_permission(user, "projects.view_project", p)}
        assert visible == allowed, user


# Funding calls ----------------------------------------------------------------------------------


def test_the_funding_calls_come_in_pages_with_their_project_counts(staff_client):
    calls = [FundingCallFactory(funder="Rahoittaja", name=f"Haku {number:03d}") for number in range(CALLS_PER_PAGE + 3)]
    many_projects(4, funding_call=calls[0])
    url = reverse("projects:call_list")

    first, second = staff_client.get(url), staff_client.get(url, {"page": 2})

    assert len(first.context["calls"]) == CALLS_PER_PAGE
    assert [call.name for call in second.context["calls"]] == ["Haku 100", "Haku 101", "Haku 102"]
    counts = {call.pk: call.project_count for call in first.context["calls"]}
    assert counts[calls[0].pk] == 4
    assert counts[calls[1].pk] == 0
    assert FundingCall.objects.count() == CALLS_PER_PAGE + 3
