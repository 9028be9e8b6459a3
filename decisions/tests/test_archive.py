"""The public archive at /archive/: published minutes, public items, search, public PDFs, no sign-in."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from decisions.models import AgendaItem, Meeting, PrivatePersonData
from testing.factories import HELSINKI, AgendaItemFactory, AttachmentFactory, BodyFactory, MeetingFactory
from testing.pdf import response_pdf_text
from testing.seed import seed_item

pytestmark = pytest.mark.django_db

CHECKED = dt.datetime(2023, 12, 1, 12, tzinfo=HELSINKI)


def published_meeting(body, number: int = 1, **extra) -> Meeting:
    values = {
        "body": body,
        "year": 2023,
        "number": number,
        "state": Meeting.State.PUBLISHED,
        "minutes_published_on": dt.date(2023, 12, 5),
        "start": dt.datetime(2023, 11, 28, 14, tzinfo=HELSINKI) + dt.timedelta(days=number),
    }
    return MeetingFactory(**{**values, **extra})


def public_item(meeting: Meeting, **extra) -> AgendaItem:
    return AgendaItemFactory(meeting=meeting, checked_at=CHECKED, **extra)


def confidential_item(meeting: Meeting, **extra) -> AgendaItem:
    values = {"is_public": False, "secrecy_ground": "JulkL 24 § 1 mom. 25 k.", "title": "Salainen otsikko"}
    return AgendaItemFactory(meeting=meeting, checked_at=CHECKED, **{**values, **extra})


@pytest.fixture
def anonymous() -> Client:
    return Client()


# Which rows -------------------------------------------------------------------------------------


def test_public_items_are_the_public_checked_items_of_published_minutes(body):
    meeting = published_meeting(body)
    shown = public_item(meeting)
    confidential_item(meeting)
    AgendaItemFactory(meeting=MeetingFactory(body=body, state=Meeting.State.CHECKED), checked_at=CHECKED)
    AgendaItemFactory(meeting=MeetingFactory(body=body, state=Meeting.State.HELD))

    assert list(AgendaItem.objects.public()) == [shown]
    assert AgendaItem.objects.published().count() == 2


def test_archive_pages_open_without_signing_in(anonymous, body):
    item = public_item(published_meeting(body), title="Sopimus kuljetuspalveluista")

    for url, expected in (
        (reverse("archive:index"), body.name),
        (reverse("archive:body", args=[body.slug]), "1/2023"),
        (reverse("archive:body", args=[body.pk]), "1/2023"),
        (reverse("archive:meeting", args=[item.meeting.pk]), "Sopimus kuljetuspalveluista"),
        (reverse("archive:item", args=[item.pk]), "Sopimus kuljetuspalveluista"),
    ):
        response = anonymous.get(url)
        assert response.status_code == 200, url
        assert expected in response.text, url


def test_archive_shows_nothing_of_unpublished_minutes(anonymous, body):
    checked = MeetingFactory(body=body, state=Meeting.State.CHECKED)
    item = AgendaItemFactory(meeting=checked, checked_at=CHECKED, title="Vielä julkaisematon")

    assert anonymous.get(reverse("archive:meeting", args=[checked.pk])).status_code == 404
    assert anonymous.get(reverse("archive:meeting_pdf", args=[checked.pk])).status_code == 404
    assert anonymous.get(reverse("archive:item", args=[item.pk])).status_code == 404
    assert anonymous.get(reverse("archive:item_pdf", args=[item.pk])).status_code == 404
    assert anonymous.get(reverse("archive:body", args=[body.pk])).status_code == 404
    assert "Vielä julkaisematon" not in anonymous.get(reverse("archive:index"), {"q": "julkaisematon"}).text


def test_confidential_item_is_only_a_mention_with_its_ground(anonymous, body):
    meeting = published_meeting(body)
    secret = confidential_item(meeting, section=46, proposal="Salainen ehdotus")
    AttachmentFactory(item=public_item(meeting), number=1, title="Julkinen liite")

    page = anonymous.get(reverse("archive:meeting", args=[meeting.pk])).text

    assert "§ 46 Salassa pidettävä asia (JulkL 24 § 1 mom. 25 k.)" in " ".join(page.split())
    assert "Salainen otsikko" not in page
    assert reverse("archive:item", args=[secret.pk]) not in page
    assert anonymous.get(reverse("archive:item", args=[secret.pk])).status_code == 404
    assert anonymous.get(reverse("archive:item_pdf", args=[secret.pk])).status_code == 404


def test_secret_attachment_is_named_by_number_and_ground_only(anonymous, body):
    item = public_item(published_meeting(body))
    AttachmentFactory(item=item, number=1, title="Julkinen liite")
    AttachmentFactory(
        item=item, number=2, title="Salainen liite", is_public=False, secrecy_ground="JulkL 24 § 1 mom. 32 k."
    )

    page = anonymous.get(reverse("archive:item", args=[item.pk])).text
    pdf = response_pdf_text(anonymous.get(reverse("archive:item_pdf", args=[item.pk])))

    for text in (page, pdf):
        assert "Julkinen liite" in text
        assert "Salassa pidettävä liite" in text
        assert "JulkL 24 § 1 mom. 32 k." in text
        assert "Salainen liite" not in text


def test_public_pages_have_no_edit_links_and_no_inline_scripts(anonymous, body, presenter_person):
    item = seed_item(body, presenter_person)
    statement = reverse("accessibility_statement")
    for url in (
        reverse("archive:index"),
        reverse("archive:meeting", args=[item.meeting.pk]),
        reverse("archive:item", args=[item.pk]),
    ):
        response = anonymous.get(url)
        assert "/edit/" not in response.text
        assert "Muokkaa" not in response.text
        assert "default-src 'self'" in response["Content-Security-Policy"]
        for script in re.findall(r"<script\b[^>]*>", response.text):
            assert "src=" in script, script
        # Links stay in the archive (or are static files, the front page that asks to sign in, or the
        # accessibility statement of the footer).
        for href in re.findall(r'href="(/[^"]*)"', response.text):
            assert href.startswith((reverse("archive:index"), "/static/")) or href in ("/", statement), href


# Public PDFs ------------------------------------------------------------------------------------


def test_public_extract_pdf_holds_the_public_decision(anonymous, body, presenter_person):
    item = seed_item(body, presenter_person)

    text = response_pdf_text(anonymous.get(reverse("archive:item_pdf", args=[item.pk])))

    for expected in (
        "PÖYTÄKIRJANOTE",
        "Tulevaisuuslautakunta",
        "§ 45",
        "Päätösehdotus",
        "Hyväksyttiin.",
        "verkkoversio",
    ):
        assert expected in text, expected
    assert "LUONNOS" not in text


def test_public_minutes_pdf_holds_every_public_item_and_mentions_the_confidential(anonymous, body):
    meeting = published_meeting(body)
    public_item(meeting, section=45, title="Ensimmäinen julkinen asia", decision="Hyväksyttiin ensimmäinen.")
    confidential_item(meeting, section=46, decision="Salainen päätös")
    public_item(meeting, section=47, title="Toinen julkinen asia", decision="Hyväksyttiin toinen.")

    text = response_pdf_text(anonymous.get(reverse("archive:meeting_pdf", args=[meeting.pk])))

    for expected in (
        "PÖYTÄKIRJA",
        "Ensimmäinen julkinen asia",
        "Hyväksyttiin ensimmäinen.",
        "§ 46 Salassa pidettävä asia (JulkL 24 § 1 mom. 25 k.)",
        "Toinen julkinen asia",
        "Hyväksyttiin toinen.",
    ):
        assert expected in text, expected
    assert "Salainen" not in text


# Search -----------------------------------------------------------------------------------------


def test_search_finds_public_items_by_their_words_and_body(anonymous, body):
    meeting = published_meeting(body)
    found = public_item(meeting, title="Kuljetuspalvelujen hankinta", decision="Hyväksyttiin hankinta.")
    public_item(meeting, title="Muu asia")
    confidential_item(meeting, decision="Kuljetuspalvelujen salainen sopimus")

    def results(query: str) -> list[AgendaItem]:
        response = anonymous.get(reverse("archive:index"), {"q": query})
        assert response.status_code == 200
        return [entry.item.pk for entry in response.context["results"]]

    assert results("kuljetuspalvelujen") == [found.pk]
    assert results("KULJETUSPALVELUJEN hankinta") == [found.pk]
    assert results("salainen") == []
    assert found.pk in results(body.name)
    assert results("olematon") == []


def test_search_results_are_paginated(anonymous, body):
    meeting = published_meeting(body)
    for number in range(25):
        public_item(meeting, title=f"Sivutettava asia {number}")

    first = anonymous.get(reverse("archive:index"), {"q": "sivutettava"})
    second = anonymous.get(reverse("archive:index"), {"q": "sivutettava", "page": 2})

    assert len(first.context["results"]) == 20
    assert len(second.context["results"]) == 5
    assert "page=2" in first.text
    assert "q=sivutettava" in first.text


def test_search_hides_an_item_by_a_removed_persons_name(anonymous, body):
    item = public_item(
        published_meeting(body), title="Oikaisuvaatimus", decision="Maija Meikäläisen vaatimus hylättiin."
    )
    data = PrivatePersonData.objects.create(item=item, text="Maija Meikäläisen")

    def hits(query: str) -> int:
        return len(anonymous.get(reverse("archive:index"), {"q": query}).context["results"])

    assert hits("Meikäläisen") == 1
    data.removed_on = dt.date(2024, 1, 1)
    data.save()
    assert hits("Meikäläisen") == 0
    assert hits("Maija oikaisuvaatimus") == 0
    assert hits("oikaisuvaatimus") == 1


# Speed ------------------------------------------------------------------------------------------


def _add_rows(meeting: Meeting, count: int) -> None:
    for number in range(count):
        item = public_item(meeting, title=f"Kyselyjen asia {number}", decision="Hyväksyttiin.")
        AttachmentFactory(item=item, number=1)
        AttachmentFactory(item=item, number=2, is_public=False, secrecy_ground="JulkL 24 § 1 mom. 32 k.")
        PrivatePersonData.objects.create(item=item, text=f"Henkilö {number}", removed_on=dt.date(2024, 1, 1))
        confidential_item(meeting)
        published_meeting(BodyFactory(), number=meeting.number + 1 + number)


def _query_counts(client: Client, meeting: Meeting) -> dict[str, int]:
    item = meeting.items.filter(is_public=True).first()
    urls = {
        "index": (reverse("archive:index"), {}),
        "search": (reverse("archive:index"), {"q": "kyselyjen"}),
        "body": (reverse("archive:body", args=[meeting.body.pk]), {}),
        "meeting": (reverse("archive:meeting", args=[meeting.pk]), {}),
        "item": (reverse("archive:item", args=[item.pk]), {}),
    }
    counts = {}
    for name, (url, params) in urls.items():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url, params).status_code == 200
        counts[name] = len(queries)
    return counts


def test_archive_pages_run_a_fixed_number_of_queries(anonymous, body):
    meeting = published_meeting(body)
    _add_rows(meeting, 1)
    few = _query_counts(anonymous, meeting)
    _add_rows(meeting, 30)
    many = _query_counts(anonymous, meeting)

    assert few == many
    assert max(many.values()) <= 20, many


def test_search_uses_finnish_full_text_search_on_postgresql(anonymous, body):
    """PostgreSQL stems Finnish words ('finnish' configuration): "kuljetuspalvelut" finds
    "Kuljetuspalvelujen"; SQLite's contains-search finds only the text as written."""
    found = public_item(published_meeting(body), title="Kuljetuspalvelujen hankinta")

    def results(query: str) -> list[int]:
        return [entry.item.pk for entry in anonymous.get(reverse("archive:index"), {"q": query}).context["results"]]

    assert results("kuljetuspalvelujen") == [found.pk]
    assert results("kuljetuspalvelut") == ([found.pk] if connection.vendor == "postgresql" else [])
    assert results("kuljetuspalvelu") == [found.pk]


def test_public_pages_print_markup_in_texts_as_text(anonymous, body):
    payload = '<script>alert("x")</script><img src="http://127.0.0.1:9/x.png">'
    item = public_item(published_meeting(body), title=f"Otsikko {payload}", decision=f"Päätös {payload}")
    PrivatePersonData.objects.create(item=item, text="<b>Nimi</b>", removed_on=dt.date(2024, 1, 1))

    for url in (
        reverse("archive:meeting", args=[item.meeting.pk]),
        reverse("archive:item", args=[item.pk]),
        f"{reverse('archive:index')}?q=otsikko",
    ):
        html = anonymous.get(url).content.decode()
        assert payload not in html, url
        assert "&lt;script&gt;alert(" in html, url
    text = response_pdf_text(anonymous.get(reverse("archive:item_pdf", args=[item.pk])))
    assert '<script>alert("x")</script>' in text
