"""Issuing a minutes extract: a POST stores the PDF bytes and their SHA-256; GET then returns exactly
those bytes. Before issuing, GET gives a LUONNOS (unchecked) or an uncertified preview. The complete
extract holds every element DESIGN.md lists."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest
from django.urls import reverse

from decisions.models import (
    AgendaItem,
    Attachment,
    Disqualification,
    Extract,
    MinutesCheck,
    Notification,
    Vote,
    VoteBallot,
)
from testing.factories import HELSINKI
from testing.meeting_day import AMENDED, PROPOSAL, meeting_day
from testing.pdf import pdf_text, response_pdf_text

pytestmark = pytest.mark.django_db

CERTIFIER = {
    "certifier_name": "Sanna Sihteeri",
    "certifier_title": "Hallintosihteeri",
    "place": "Joensuu",
    "recipients": "Hakija Oy\nKehittämisjohtaja",
}


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def decided(body):
    """§ 21 passed as amended after a vote, one member disqualified; checked and published."""
    body.registry_postal_address = "Siun sote, kirjaamo\nTikkamäentie 16\n80210 Joensuu"
    body.registry_email = "kirjaamo@siunsote.fi"
    body.save()
    day = meeting_day(body)
    item = day.first
    a, b, c = day.members
    Disqualification.objects.create(item=item, person=c, ground="relative", left_room=True)
    vote = Vote.objects.create(
        item=item,
        question="Muutosehdotus vastaan päätösehdotus",
        yes_option="päätösehdotus",
        no_option="muutosehdotus",
        result="Muutosehdotus voitti äänin 2–1.",
    )
    VoteBallot.objects.create(vote=vote, person=day.chair, position="yes")
    VoteBallot.objects.create(vote=vote, person=a, position="no")
    VoteBallot.objects.create(vote=vote, person=b, position="no")
    Attachment.objects.create(item=item, number=1, title="Hankehakemus", is_public=True)
    Attachment.objects.create(
        item=item, number=2, title="Budjetti", is_public=False, secrecy_ground="JulkL 24.1 § 20 k"
    )
    AgendaItem.objects.filter(pk=item.pk).update(
        decision=AMENDED,
        resolution="passed",
        after_vote=True,
        amended=True,
        register_number="SIUN/99/02.08.00/2026",
        preparer_name="Tiina Korhonen",
        preparer_title="Kehittämispäällikkö",
        preparer_contact="tiina.korhonen@example.fi",
        presenter_name="Ilkka Pirskanen",
        presenter_title="Strategiajohtaja",
        description="Hankkeen selostus.",
        distribution="Hakija Oy",
        appeal_provision="Hyvinvointialuelaki 141 §",
    )
    check = MinutesCheck.objects.create(meeting=day.meeting, checked_on=dt.date(2026, 3, 12), method="electronic")
    check.examiners.set([a, b])
    for one in AgendaItem.objects.filter(meeting=day.meeting):
        one.mark_checked(dt.datetime(2026, 3, 12, 12, tzinfo=HELSINKI))
    day.meeting.state, day.meeting.minutes_published_on = "published", dt.date(2026, 3, 13)
    day.meeting.save()
    Notification.objects.create(
        item=item, method="web_publication", recipient="hyvinvointialueen jäsenet", sent_on=dt.date(2026, 3, 13)
    )
    return day


def url(item) -> str:
    return reverse("decisions:item_extract_pdf", args=[item.pk])


@pytest.fixture
def issue(django_capture_on_commit_callbacks):
    """POST the issue form and run what waits for the commit (the extract's file is written then)."""

    def post(client, item, data=CERTIFIER):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(url(item), data)

    return post


def test_issuing_stores_the_bytes_and_get_returns_exactly_them(secretary_client, decided, secretary, issue):
    item = decided.first

    response = issue(secretary_client, item)

    assert response.status_code == 302
    extract = Extract.objects.get(item=item)
    stored = extract.pdf.read()
    assert hashlib.sha256(stored).hexdigest() == extract.sha256
    assert extract.issued_by == secretary
    assert (extract.certifier_name, extract.place) == ("Sanna Sihteeri", "Joensuu")
    first = secretary_client.get(url(item)).content
    again = secretary_client.get(url(item)).content
    assert first == stored == again


def test_issued_extract_stays_the_same_when_the_page_changes_later(secretary_client, staff_client, decided, issue):
    item = decided.first
    issue(secretary_client, item)
    stored = Extract.objects.get().pdf.read()
    AgendaItem.objects.filter(pk=item.pk).update(distribution="Uusi jakelu")  # not frozen: may change

    assert staff_client.get(url(item)).content == stored


def test_a_repeat_issue_returns_the_extract_already_issued(secretary_client, decided, issue):
    item = decided.first
    issue(secretary_client, item)
    response = issue(secretary_client, item, {**CERTIFIER, "certifier_name": "Toinen Todistaja"})

    assert response.status_code == 302
    [extract] = Extract.objects.all()
    assert extract.certifier_name == "Sanna Sihteeri"
    assert secretary_client.get(url(item)).content == extract.pdf.read()


def test_issued_extract_holds_every_element(secretary_client, decided, issue):
    item = decided.first
    issue(secretary_client, item)

    text = pdf_text(Extract.objects.get().pdf.read())

    c = decided.members[2]
    for expected in (
        "PÖYTÄKIRJANOTE",
        "Pohjois-Karjalan hyvinvointialue",
        "Tulevaisuuslautakunta",
        "10.3.2026",
        "3/2026",
        "§ 21",
        "Sivu 1 /",
        "SIUN/99/02.08.00/2026",
        "Hankehakemus",
        "Tiina Korhonen",
        "tiina.korhonen@example.fi",
        "Strategiajohtaja Ilkka Pirskanen",
        PROPOSAL,
        "Käsittely",
        f"{c.full_name} ilmoitti olevansa esteellinen",
        "28 §",
        "poistui kokoushuoneesta",
        "Äänestysesitys: Muutosehdotus vastaan päätösehdotus",
        "JAA 1",
        "EI 2",
        AMENDED,
        "Hankkeen selostus.",
        "Liite 1: Hankehakemus",
        "JulkL 24.1 § 20 k",
        "Hakija Oy",
        "Puheenjohtaja: Anneli Heikkinen",
        "Pöytäkirjanpitäjä: Sanna Pöytäkirjanpitäjä",
        "Pöytäkirja tarkastettu 12.3.2026",
        "Jäsen0 Jäsenen0, Jäsen1 Jäsenen1",
        "Nähtävänä yleisessä tietoverkossa 13.3.2026",
        "Pöytäkirjanotteen oikeaksi todistaa",
        "Joensuu",
        "Sanna Sihteeri",
        "Hallintosihteeri",
        "OIKAISUVAATIMUSOHJE",
        "Sovellettava lainkohta: Hyvinvointialuelaki 141 §",
        "Päätökseen ei saa hakea muutosta valittamalla tuomioistuimeen.",
        "hyvinvointialueen jäsen",
        "14 päivän kuluessa",
        "viimeistään ti 7.4.2026 klo 15.00",
        "(3.4.2026 on pitkäperjantai)",
        "Oikaisuvaatimus tehdään: Tulevaisuuslautakunta",
        "kirjaamo@siunsote.fi",
        "Tikkamäentie 16",
        "oikaisuvaatimuksen tekijän yhteystiedot",
    ):
        assert expected in text, f"{expected!r} missing:\n{text}"
    assert "LUONNOS" not in text


def test_before_issuing_a_checked_item_gives_an_uncertified_preview(staff_client, decided):
    text = response_pdf_text(staff_client.get(url(decided.first)))

    assert "Otetta ei ole annettu" in text
    assert "LUONNOS" not in text
    assert not Extract.objects.exists()


def test_unchecked_item_extract_is_luonnos_and_cannot_be_issued(secretary_client, body):
    day = meeting_day(body)

    assert "LUONNOS" in response_pdf_text(secretary_client.get(url(day.first)))
    assert secretary_client.post(url(day.first), CERTIFIER).status_code == 403
    assert not Extract.objects.exists()


def test_only_the_bodys_secretary_issues(staff_client, other_secretary_client, decided):
    for client in (staff_client, other_secretary_client):
        assert client.post(url(decided.first), CERTIFIER).status_code == 403
    assert not Extract.objects.exists()


def test_issuing_needs_a_certifier(secretary_client, decided):
    response = secretary_client.post(url(decided.first), {**CERTIFIER, "certifier_name": ""})

    assert response.status_code == 200
    assert "certifier_name" in response.context["form"].errors
    assert not Extract.objects.exists()


def test_appeal_instructions_follow_the_items_route(secretary_client, decided):
    AgendaItem.objects.filter(pk=decided.second.pk).update(
        appeal_route="none", no_appeal_ground="Asia koskee vain valmistelua (hallintolaki 49 b §)"
    )

    text = response_pdf_text(secretary_client.get(url(decided.second)))

    assert "MUUTOKSENHAKUKIELTO" in text
    assert "Asia koskee vain valmistelua" in text
    assert "OIKAISUVAATIMUSOHJE" not in text
