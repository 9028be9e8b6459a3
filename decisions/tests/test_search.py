"""The staff search at /search/: every item the user may see, filtered, paginated, extract one click away."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from decisions.models import AgendaItem, Meeting
from hankehallinta.models import AuditEvent
from hankehallinta.permissions import has_permission
from testing.factories import HELSINKI, AgendaItemFactory, MeetingFactory, PersonFactory
from testing.seed import seed_item

pytestmark = pytest.mark.django_db

URL = "/search/"
SECRET = {"is_public": False, "secrecy_ground": "JulkL 24 § 1 mom. 25 k."}


@pytest.fixture
def items(body, other_body, presenter_person):
    """Public and confidential items of both bodies; one confidential item presented by the presenter."""
    meeting = MeetingFactory(body=body, year=2024, number=3, start=dt.datetime(2024, 3, 5, 14, tzinfo=HELSINKI))
    other = MeetingFactory(body=other_body, year=2025, number=1, start=dt.datetime(2025, 2, 4, 14, tzinfo=HELSINKI))
    return {
        "seed": seed_item(body, presenter_person),
        "public": AgendaItemFactory(
            meeting=meeting, section=7, title="Kuljetuspalvelujen hankinta", register_number="SIUN/77/2024"
        ),
        "secret": AgendaItemFactory(meeting=meeting, section=8, title="Salainen henkilöstöasia", **SECRET),
        "presented": AgendaItemFactory(
            meeting=meeting, section=9, title="Salainen esiteltävä asia", presenter=presenter_person, **SECRET
        ),
        "other_public": AgendaItemFactory(meeting=other, section=1, title="Aluehallituksen talousarvio"),
        "other_secret": AgendaItemFactory(meeting=other, section=2, title="Aluehallituksen salainen asia", **SECRET),
    }


def titles(client, **params) -> set[str]:
    response = client.get(URL, params)
    assert response.status_code == 200
    return {item.title for item in response.context["page"]}


def test_search_needs_signing_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_visible_to_is_the_view_item_permission_as_a_queryset(
    items, secretary, other_secretary, director, presenter, staff_user, admin_user
):
    for user in (secretary, other_secretary, director, presenter, staff_user, admin_user):
        expected = {item.pk for item in AgendaItem.objects.all() if has_permission(user, "decisions.view_item", item)}
        assert set(AgendaItem.objects.visible_to(user).values_list("pk", flat=True)) == expected, user.username


def test_confidential_items_only_for_those_entitled(
    items, secretary_client, other_secretary_client, presenter_client, staff_client, admin_client
):
    assert titles(secretary_client, q="salainen") == {"Salainen henkilöstöasia", "Salainen esiteltävä asia"}
    assert titles(other_secretary_client, q="salainen") == {"Aluehallituksen salainen asia"}
    assert titles(presenter_client, q="salainen") == {"Salainen esiteltävä asia"}
    assert titles(staff_client, q="salainen") == set()
    assert len(titles(admin_client, q="salainen")) == 3


def test_showing_confidential_titles_is_logged_by_id(items, secretary_client):
    secretary_client.get(URL, {"q": "salainen"})

    event = AuditEvent.objects.filter(action=AuditEvent.Action.READ_CONFIDENTIAL).latest("pk")
    assert sorted(event.detail["items"]) == sorted([items["secret"].pk, items["presented"].pk])
    assert "Salainen" not in event.object_repr


def test_search_by_each_criterion(items, staff_client, body, other_body):
    seed = items["seed"]
    assert titles(staff_client, q="KULJETUSPALVELUJEN") == {"Kuljetuspalvelujen hankinta"}
    assert titles(staff_client, q="hyväksyä hankehakemuksen") == {seed.title}
    assert titles(staff_client, body=other_body.pk) == {"Aluehallituksen talousarvio"}
    assert titles(staff_client, year=2024) == {"Kuljetuspalvelujen hankinta"}
    assert titles(staff_client, project="TUEN PALVELUT") == {seed.title}
    assert titles(staff_client, resolution=AgendaItem.Resolution.PASSED) == {seed.title}
    assert titles(staff_client, section=7) == {"Kuljetuspalvelujen hankinta"}
    assert titles(staff_client, register_number="siun/77") == {"Kuljetuspalvelujen hankinta"}
    assert titles(staff_client, body=body.pk, year=2023) == {seed.title}


def test_results_link_the_item_and_its_extract(items, staff_client):
    page = staff_client.get(URL, {"q": "kuljetuspalvelujen"}).text
    item = items["public"]

    assert reverse("decisions:item_detail", args=[item.pk]) in page
    assert reverse("decisions:item_extract_pdf", args=[item.pk]) in page


@pytest.mark.parametrize(
    "params",
    [
        {"section": "abc"},
        {"section": "9" * 30},
        {"body": "9" * 30},
        {"year": "1"},
        {"resolution": "x"},
        {"q": "x" * 201},
    ],
)
def test_bad_input_is_a_finnish_message_not_an_error(items, staff_client, params):
    response = staff_client.get(URL, params)

    assert response.status_code == 200
    assert response.context["filter"].form.errors
    assert not response.context["searched"]


def test_results_are_paginated(body, staff_client):
    meeting = MeetingFactory(body=body)
    for number in range(30):
        AgendaItemFactory(meeting=meeting, title=f"Sivutettava {number}")

    first = staff_client.get(URL, {"q": "sivutettava"})
    second = staff_client.get(URL, {"q": "sivutettava", "page": 2})

    assert len(first.context["page"]) == 25
    assert len(second.context["page"]) == 5
    assert "q=sivutettava&amp;page=2" in first.text


def _add(body, count: int, presenter) -> None:
    for number in range(count):
        meeting = MeetingFactory(body=body, state=Meeting.State.HELD)
        AgendaItemFactory(meeting=meeting, title=f"Kyselyasia {number}", presenter=presenter or PersonFactory())
        AgendaItemFactory(meeting=meeting, title=f"Kyselyasia salainen {number}", presenter=presenter, **SECRET)


def _counts(client) -> list[int]:
    client.get(URL)  # the session's first request may write it once
    counts = []
    for params in ({}, {"q": "kyselyasia"}, {"q": "kyselyasia", "resolution": "", "year": "2023"}):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(URL, params).status_code == 200
        counts.append(len(queries))
    return counts


def test_search_runs_a_fixed_number_of_queries(body, secretary_client, presenter_person, django_assert_max_num_queries):
    _add(body, 1, presenter_person)
    few = _counts(secretary_client)
    _add(body, 30, presenter_person)
    many = _counts(secretary_client)

    assert few == many
    with django_assert_max_num_queries(20):
        secretary_client.get(URL, {"q": "kyselyasia"})
