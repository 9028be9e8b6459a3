"""Searching in Finnish and in Swedish: a bilingual body's Swedish texts and a Swedish body's items are
found by Swedish word forms, Finnish stemming still works, the title still ranks first, the snippets
and titles are shown in the reader's language, and nothing confidential is found in either language."""

from __future__ import annotations

import datetime as dt

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import translation

from decisions.models import AgendaItem, Body, Meeting, PrivatePersonData
from testing.factories import HELSINKI, AgendaItemFactory, BodyFactory, MeetingFactory

pytestmark = pytest.mark.django_db

SEARCH = "/search/"
CHECKED = dt.datetime(2023, 12, 1, 12, tzinfo=HELSINKI)


@pytest.fixture
def bilingual_body(db) -> Body:
    return BodyFactory(
        name="Kansallisten kielten lautakunta", name_sv="Nämnden för de nationella språken", language="fi-sv"
    )


@pytest.fixture
def swedish_body(db) -> Body:
    return BodyFactory(name="Svenska sektionen", language="sv")


def _meeting(body: Body, day: int) -> Meeting:
    start = dt.datetime(2023, 11, day, 14, tzinfo=HELSINKI)
    return MeetingFactory(
        body=body, year=2023, number=day, start=start, state=Meeting.State.PUBLISHED,
        minutes_published_on=dt.date(2023, 12, 5),
    )  # fmt: skip


def _item(body: Body, day: int, **texts) -> AgendaItem:
    return AgendaItemFactory(meeting=_meeting(body, day), checked_at=CHECKED, **texts)


def _bilingual_item(body: Body, day: int, **texts) -> AgendaItem:
    swedish = {
        "title_sv": "Utlåtande om lokalerna",
        "decision_sv": "Nämnden godkände förslaget.",
    }
    finnish = {"title": "Lausunto tiloista", "decision": "Lautakunta hyväksyi ehdotuksen."}
    return _item(body, day, **{**finnish, **swedish, **texts})


def _found(client: Client, query: str) -> list[int]:
    response = client.get(SEARCH, {"q": query})
    assert response.status_code == 200
    return [item.pk for item, _snippet in response.context["rows"]]


def _archive(client: Client, language: str, query: str):
    with translation.override(language):
        url = reverse("archive:index")
    response = client.get(url, {"q": query})
    assert response.status_code == 200
    return response


# PostgreSQL: the stored vectors and the two readings of a query ------------------------------------


@pytest.mark.postgres
def test_a_swedish_word_form_finds_a_bilingual_items_swedish_decision(bilingual_body, staff_client):
    item = _bilingual_item(bilingual_body, 1, decision_sv="Protokollsutdrag skickas till sökanden.")
    _bilingual_item(bilingual_body, 2, decision_sv="Ärendet bordlades.")

    assert _found(staff_client, "protokollsutdraget") == [item.pk]
    assert _found(staff_client, "protokollsutdrag") == [item.pk]


@pytest.mark.postgres
def test_a_swedish_word_form_finds_a_swedish_bodys_item(swedish_body, body, staff_client):
    item = _item(swedish_body, 1, title="Understöd för föreningarna", decision="Nämnden beviljade understöden.")
    # The same words in a Finnish body's text are read in Finnish: "föreningen" does not reach them.
    _item(body, 2, title="Understöd för föreningarna")

    assert _found(staff_client, "föreningen") == [item.pk]


@pytest.mark.postgres
def test_finnish_stemming_still_finds_finnish_texts(body, bilingual_body, staff_client):
    finnish = _item(body, 1, title="Kuljetuspalvelujen järjestäminen")
    bilingual = _bilingual_item(
        bilingual_body, 2, title="Kuljetuspalvelujen hankinta", title_sv="Upphandling av färdtjänst"
    )

    assert set(_found(staff_client, "kuljetuspalvelut")) == {finnish.pk, bilingual.pk}
    assert _found(staff_client, "färdtjänsten") == [bilingual.pk]


@pytest.mark.postgres
def test_a_swedish_word_in_the_title_ranks_above_the_same_word_in_the_decision(
    bilingual_body, swedish_body, staff_client
):
    in_title = _bilingual_item(bilingual_body, 1, title_sv="Hemvårdens utveckling", decision_sv="Godkändes.")
    in_decision = _bilingual_item(
        bilingual_body, 20, title_sv="Budgetändring", decision_sv="Ändringen gäller också hemvården."
    )
    swedish_title = _item(swedish_body, 2, title="Hemvårdens avgifter", decision="Godkändes.")
    swedish_decision = _item(swedish_body, 21, title="Lokaler", decision="Lokalerna för hemvården hyrs.")

    found = _found(staff_client, "hemvården")

    assert set(found[:2]) == {in_title.pk, swedish_title.pk}
    assert set(found[2:]) == {in_decision.pk, swedish_decision.pk}


@pytest.mark.postgres
def test_the_swedish_name_and_language_of_a_body_refill_its_items_vectors(body, staff_client):
    item = _item(body, 1, title="Lausunto", decision="Hyväksyttiin.", title_sv="Utlåtande", decision_sv="Godkändes.")
    # A Finnish body's Swedish texts are printed nowhere, so they are not found either.
    assert _found(staff_client, "utlåtandet") == []

    body.language = Body.Language.BILINGUAL
    body.save()
    assert _found(staff_client, "utlåtande") == [item.pk]

    body.name_sv = "Framtidsnämnden"
    body.save()
    assert _found(staff_client, "framtidsnämnden") == [item.pk]


@pytest.mark.postgres
def test_the_archive_shows_a_bilingual_item_and_its_snippet_in_the_readers_language(bilingual_body, client):
    _bilingual_item(
        bilingual_body,
        1,
        title="Pöytäkirjanotteet",
        decision="Pöytäkirjanote lähetetään hakijalle.",
        title_sv="Protokollsutdragen",
        decision_sv="Protokollsutdrag skickas till sökanden.",
    )

    [swedish] = _archive(client, "sv", "protokollsutdraget").context["results"]
    [finnish] = _archive(client, "fi", "protokollsutdraget").context["results"]

    assert swedish.item.title == "Protokollsutdragen"
    assert "<mark>Protokollsutdrag</mark> skickas" in swedish.snippet
    assert swedish.item.meeting.body.name == "Nämnden för de nationella språken"
    assert finnish.item.title == "Pöytäkirjanotteet"
    assert finnish.item.meeting.body.name == "Kansallisten kielten lautakunta"


@pytest.mark.postgres
def test_the_staff_search_shows_a_bilingual_item_in_the_readers_language(bilingual_body, staff_client):
    _bilingual_item(bilingual_body, 1, title_sv="Hemvårdens utveckling", decision_sv="Hemvården utvecklas.")

    staff_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "sv"
    response = staff_client.get(SEARCH, {"q": "hemvården"})

    [(item, snippet)] = response.context["rows"]
    assert item.title == "Hemvårdens utveckling"
    assert "<mark>Hemvården</mark>" in snippet


@pytest.mark.postgres
def test_the_public_search_never_finds_a_confidential_items_swedish_text(bilingual_body, client):
    canary = "Kanariafågelhemlig"
    meeting = _meeting(bilingual_body, 1)
    AgendaItemFactory(
        meeting=meeting,
        section=5,
        checked_at=CHECKED,
        is_public=False,
        secrecy_ground="OffL 24 § 1 mom. 25 p.",
        title="Salainen asia",
        decision="Salainen.",
        title_sv=f"{canary} ärende",
        proposal_sv=f"{canary}en föreslås.",
        description_sv=f"{canary}ens bakgrund.",
        decision_sv=f"Beslut om {canary}.",
    )
    public = AgendaItemFactory(
        meeting=meeting, section=6, checked_at=CHECKED, title="Julkinen", title_sv="Offentligt ärende"
    )

    for language in ("fi", "sv", "en"):
        for query in (canary, f"{canary}en", f"{canary}ens"):
            assert _archive(client, language, query).context["results"] == []
        for query in ("ärende", "beslut", "föreslås", "bakgrund"):
            response = _archive(client, language, query)
            assert [entry.item.pk for entry in response.context["results"]] == (
                [public.pk] if query == "ärende" else []
            )
            assert canary.casefold() not in response.content.decode().casefold()


@pytest.mark.postgres
def test_a_removed_name_in_a_swedish_text_hides_the_item_from_its_swedish_word_forms(bilingual_body, client):
    item = _bilingual_item(bilingual_body, 1, decision_sv="Anna Svensson beviljas understöd.")
    PrivatePersonData.objects.create(item=item, text="Anna Svensson", removed_on=dt.date(2024, 1, 2))

    assert _archive(client, "sv", "understöd").context["results"]
    for query in ("Svensson", "Svenssons", "Annas"):
        assert _archive(client, "sv", query).context["results"] == []


# Any database ---------------------------------------------------------------------------------------


def test_a_swedish_word_in_the_swedish_decision_is_found(bilingual_body, staff_client):
    item = _bilingual_item(bilingual_body, 1, decision_sv="Protokollsutdrag skickas till sökanden.")
    other = _bilingual_item(bilingual_body, 2)

    assert _found(staff_client, "protokollsutdrag") == [item.pk]
    assert set(_found(staff_client, "nationella språken")) == {item.pk, other.pk}  # the body's Swedish name
