"""How the staff search and the archive search find, rank and show: stored vectors on PostgreSQL,
the contains-search on SQLite, snippets with the words found marked, fragments of register numbers
and project names, and a fixed number of queries (one count, one page)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from decisions.models import AgendaItem, Meeting, PrivatePersonData
from testing.factories import HELSINKI, AgendaItemFactory, MeetingFactory, ProjectFactory

pytestmark = pytest.mark.django_db

SEARCH = "/search/"
ARCHIVE = reverse("archive:index")
CHECKED = dt.datetime(2023, 12, 1, 12, tzinfo=HELSINKI)


def _meeting(body, day: int) -> Meeting:
    start = dt.datetime(2023, 11, day, 14, tzinfo=HELSINKI)
    return MeetingFactory(
        body=body, year=2023, number=day, start=start, state=Meeting.State.PUBLISHED,
        minutes_published_on=dt.date(2023, 12, 5),
    )  # fmt: skip


def _item(body, day: int, **texts) -> AgendaItem:
    return AgendaItemFactory(meeting=_meeting(body, day), checked_at=CHECKED, **texts)


def _found(client: Client, **params) -> list[int]:
    response = client.get(SEARCH, params)
    assert response.status_code == 200
    return [item.pk for item, _snippet in response.context["rows"]]


def test_a_word_in_the_title_ranks_above_the_same_word_in_the_description(body, staff_client):
    in_title = _item(body, 1, title="Omaishoidon tuen uudistus", description="Valmistelu.")
    in_description = _item(body, 20, title="Talousarvion muutos", description="Koskee myös omaishoidon tukea.")

    assert _found(staff_client, q="omaishoidon") == [in_title.pk, in_description.pk]
    # Without a word to rank by, the newest first.
    assert _found(staff_client, body=body.pk)[:2] == [in_description.pk, in_title.pk]


def test_the_snippet_marks_the_word_and_prints_markup_in_the_text_as_text(body, staff_client):
    decision = (
        'Hyväksyttiin <script>alert("x")</script> kotihoidon & kuljetuksen <img src=x onerror=alert(1)> hankinta.'
    )
    _item(body, 1, title="Hankinta", decision=decision)

    response = staff_client.get(SEARCH, {"q": "kotihoidon"})

    [(_item_found, snippet)] = response.context["rows"]
    assert "<mark>kotihoidon</mark> &amp; kuljetuksen" in snippet
    assert "<script" not in snippet
    assert "<img" not in snippet
    assert "<mark>kotihoidon</mark>" in response.text


def test_the_archive_snippet_is_cut_from_the_public_text(body):
    item = _item(
        body, 1, title="Oikaisuvaatimus",
        decision="Oikaisuvaatimus hylättiin. Maija Meikäläinen saa päätöksen kirjeellä oikaisuvaatimukseen.",
    )  # fmt: skip
    PrivatePersonData.objects.create(item=item, text="Maija Meikäläinen", removed_on=dt.date(2024, 1, 1))

    response = Client().get(ARCHIVE, {"q": "oikaisuvaatimus"})

    [entry] = response.context["results"]
    assert "<mark>" in entry.snippet
    assert "Meikäläinen" not in response.text
    assert "[henkilötieto poistettu]" in entry.snippet


def test_a_fragment_of_a_register_number_finds_the_item(body, staff_client):
    item = _item(body, 1, title="Hankinta", register_number="HYVAKS/1234/00.01.00/2021")
    _item(body, 2, title="Muu", register_number="HYVAKS/999/00.01.00/2021")

    assert _found(staff_client, q="1234/00.01") == [item.pk]
    assert _found(staff_client, register_number="hyvaks/1234") == [item.pk]
    assert [entry.item.pk for entry in Client().get(ARCHIVE, {"q": "1234/00.01"}).context["results"]] == [item.pk]


def test_the_project_filter_finds_by_a_fragment_of_the_name_or_reference(body, staff_client):
    project = ProjectFactory(title="Kotihoidon digitalisaatio", funding_decision_reference="STM/4411/2024")
    item = _item(body, 1, title="Hankkeen käynnistys", project=project)
    _item(body, 2, title="Toinen", project=ProjectFactory(title="Sote-keskus"))

    assert _found(staff_client, project="DIGITALISAATIO") == [item.pk]
    assert _found(staff_client, project="4411/20") == [item.pk]
    assert _found(staff_client, project="olematon") == []
    assert '<select name="project"' not in staff_client.get(SEARCH).text


def _item_queries(client: Client, url: str, params: dict) -> list[str]:
    client.get(url, params)  # the session's first request may write it once
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, params).status_code == 200
    return [query["sql"] for query in queries if 'FROM "decisions_agendaitem"' in query["sql"]]


@pytest.mark.parametrize(("url", "signed_in"), [(SEARCH, True), (ARCHIVE, False)])
def test_a_search_reads_the_items_in_one_count_and_one_page_query(
    body, staff_client, url, signed_in, django_assert_max_num_queries
):
    for day in range(1, 28):
        _item(body, day, title=f"Kyselyasia {day}", decision="Hyväksyttiin kyselyasia.")
    client = staff_client if signed_in else Client()

    item_queries = _item_queries(client, url, {"q": "kyselyasia"})

    assert len(item_queries) == 2, item_queries
    assert "COUNT(" in item_queries[0]
    with django_assert_max_num_queries(12):
        client.get(url, {"q": "kyselyasia", "page": 2})


@pytest.mark.postgres
def test_the_stored_vector_is_filled_by_the_database_and_follows_the_body_name(body, staff_client):
    item = _item(body, 1, title="Asia", decision="Päätös.")
    assert _found(staff_client, q="Tulevaisuuslautakunta") == [item.pk]

    body.name = "Hyvinvointilautakunta"
    body.save()

    assert _found(staff_client, q="Hyvinvointilautakunta") == [item.pk]
    assert _found(staff_client, q="Tulevaisuuslautakunta") == []
    assert AgendaItem.objects.filter(pk=item.pk, search_vector__isnull=False).exists()
