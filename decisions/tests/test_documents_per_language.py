"""Agendas, minutes and extracts per language: a bilingual body's documents in Finnish and in Swedish,
each in its own language throughout (document type, texts, dates, appeal instructions, page numbers,
file name, the PDF's /Lang); a one-language body's documents in its language whatever the reader's."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import re
from unittest.mock import Mock
from urllib.parse import unquote

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from decisions.documents import document_language
from decisions.models import AgendaItem, Body, Extract, MinutesCheck, Notification
from hankehallinta.models import AuditEvent
from hankehallinta.pdf import render_pdf
from testing.factories import HELSINKI
from testing.meeting_day import PROPOSAL, meeting_day
from testing.pdf import pdf_text

pytestmark = pytest.mark.django_db

DECISION_SV = "Nämnden beslutar att godkänna projektansökan och befullmäktiga utvecklingsdirektören."
PROPOSAL_SV = "Nämnden beslutar att godkänna projektansökan."
CERTIFIER = {"certifier_name": "Sanna Sihteeri", "certifier_title": "Hallintosihteeri", "place": "Joensuu"}


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def bilingual_day(body, *, checked: bool = True):
    body.language, body.name_sv = Body.Language.BILINGUAL, "Framtidsnämnden"
    body.save()
    day = meeting_day(body)
    AgendaItem.objects.filter(pk=day.first.pk).update(
        title_sv="Projektansökan",
        proposal_sv=PROPOSAL_SV,
        decision=PROPOSAL,
        decision_sv=DECISION_SV,
        resolution="passed",
    )
    AgendaItem.objects.filter(pk=day.second.pk).update(
        title_sv="Anmälningsärenden", proposal_sv="Antecknas för kännedom.", decision_sv="Antecknades."
    )
    if checked:
        check = MinutesCheck.objects.create(meeting=day.meeting, checked_on=dt.date(2026, 3, 12), method="electronic")
        check.examiners.set(day.members[:2])
        for one in AgendaItem.objects.filter(meeting=day.meeting):
            one.mark_checked(dt.datetime(2026, 3, 12, 12, tzinfo=HELSINKI))
        day.meeting.state, day.meeting.minutes_published_on = "published", dt.date(2026, 3, 13)
        day.meeting.save()
        Notification.objects.create(
            item=day.first, method="web_publication", recipient="jäsenet", sent_on=dt.date(2026, 3, 13)
        )
    return day


@pytest.fixture
def bilingual(body):
    return bilingual_day(body)


def extract_url(item, language: str | None = None) -> str:
    url = reverse("decisions:item_extract_pdf", args=[item.pk])
    return f"{url}?language={language}" if language else url


@pytest.fixture
def issue(django_capture_on_commit_callbacks):
    def post(client, item, language):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(extract_url(item), {**CERTIFIER, "language": language})

    return post


def downloaded_name(response) -> str:
    return unquote(response["Content-Disposition"].split("filename*=UTF-8''")[1])


def pdf_lang(data: bytes) -> str:
    return str(PdfReader(io.BytesIO(data)).trailer["/Root"]["/Lang"])


def in_english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


# Extracts ----------------------------------------------------------------------------------------


def test_the_swedish_extract_is_swedish_throughout(secretary_client, bilingual, issue):
    item = bilingual.first

    issue(secretary_client, item, "sv")

    extract = Extract.objects.get(item=item)
    data = extract.pdf.read()
    text = pdf_text(data)
    assert extract.language == "sv"
    for expected in (
        "PROTOKOLLSUTDRAG",
        "Framtidsnämnden",
        "§ 21 Projektansökan",
        DECISION_SV,
        "RÄTTELSEANVISNING",
        "tis 7.4.2026",
        "Sida 1 /",
    ):
        assert expected in text, f"{expected!r} missing:\n{text}"
    assert PdfReader(io.BytesIO(data)).metadata.title == "Protokollsutdrag – Framtidsnämnden § 21"
    for finnish in ("PÖYTÄKIRJANOTE", "OIKAISUVAATIMUSOHJE", PROPOSAL, "Sivu 1"):
        assert finnish not in text
    assert pdf_lang(data) == "sv"


def test_the_finnish_extract_is_finnish(secretary_client, bilingual, issue):
    item = bilingual.first

    issue(secretary_client, item, "fi")

    data = Extract.objects.get(item=item, language="fi").pdf.read()
    text = pdf_text(data)
    for expected in ("PÖYTÄKIRJANOTE", "Tulevaisuuslautakunta", PROPOSAL, "OIKAISUVAATIMUSOHJE", "ti 7.4.2026"):
        assert expected in text, f"{expected!r} missing:\n{text}"
    assert DECISION_SV not in text
    assert pdf_lang(data) == "fi"


def test_each_language_is_issued_once_with_its_own_bytes_and_hash(secretary_client, bilingual, issue):
    item = bilingual.first
    issue(secretary_client, item, "fi")
    issue(secretary_client, item, "sv")
    issue(secretary_client, item, "sv")  # a repeat: the one issued

    finnish, swedish = Extract.objects.get(language="fi"), Extract.objects.get(language="sv")
    assert Extract.objects.count() == 2
    assert finnish.sha256 != swedish.sha256
    for extract in (finnish, swedish):
        stored = extract.pdf.read()
        assert hashlib.sha256(stored).hexdigest() == extract.sha256
        assert secretary_client.get(extract_url(item, extract.language)).content == stored


def test_issuing_is_audited_with_the_language(secretary_client, bilingual, issue):
    issue(secretary_client, bilingual.first, "sv")

    [event] = AuditEvent.objects.filter(action=AuditEvent.Action.EXPORT, detail__kind="pöytäkirjanote")
    assert event.detail["language"] == "sv"
    assert event.detail["document"] == "protokollsutdrag-framtidsnamnden-2026-21.pdf"


def test_a_language_the_body_does_not_issue_in_is_refused(body, secretary):
    day = meeting_day(body)
    from decisions.services.extracts import issue_extract
    from hankehallinta.services import ActionRefused

    with pytest.raises(ActionRefused):
        issue_extract(day.first, Mock(), by=secretary, language="sv", recipients="", **CERTIFIER)


def test_the_item_page_offers_the_extract_in_each_language(secretary_client, bilingual, issue):
    item = bilingual.first
    issue(secretary_client, item, "fi")

    page = secretary_client.get(item.get_absolute_url()).content.decode()

    assert f'href="{extract_url(item, "fi")}"' in page
    assert f'href="{extract_url(item, "sv")}"' in page
    choices = re.findall(r'<input[^>]*id="extract_language_\d+"[^>]*>', page)
    assert len(choices) == 1 and 'value="sv"' in choices[0]  # only the Swedish one is still to issue


# The document language ---------------------------------------------------------------------------


def test_the_english_reader_of_a_finnish_body_gets_the_finnish_document(staff_client, body):
    day = meeting_day(body)

    response = in_english(staff_client).get(extract_url(day.first, "sv"))

    text = pdf_text(response.content)
    assert "PÖYTÄKIRJANOTE" in text and "LUONNOS" in text
    assert "MINUTES EXTRACT" not in text
    assert downloaded_name(response) == "poytakirjanote-tulevaisuuslautakunta-2026-21.pdf"
    assert pdf_lang(response.content) == "fi"


def test_the_reader_language_chooses_among_the_body_languages(rf, body):
    body.language = Body.Language.BILINGUAL
    with translation.override("sv"):
        assert document_language(rf.get("/"), body) == "sv"
        assert document_language(rf.get("/?language=fi"), body) == "fi"
        assert document_language(rf.get("/?language=fi"), body, public=True) == "sv"
    with translation.override("en"):
        assert document_language(rf.get("/"), body) == "fi"
        assert document_language(rf.get("/?language=en"), body) == "fi"


def test_an_unchecked_swedish_extract_says_utkast(staff_client, body):
    day = bilingual_day(body, checked=False)

    response = staff_client.get(extract_url(day.first, "sv"))

    text = pdf_text(response.content)
    assert "UTKAST" in text and "LUONNOS" not in text
    assert downloaded_name(response) == "protokollsutdrag-framtidsnamnden-2026-21.pdf"


def test_page_numbers_are_worded_in_the_document_language(body):
    day = meeting_day(body)
    context = {"item": day.first, "draft": False, "pdf": True}
    words = {"fi": r"Sivu 1 / \d", "sv": r"Sida 1 / \d", "en": r"Page 1 of \d"}
    for language, expected in words.items():
        with translation.override(language):
            data = render_pdf("decisions/archive_item_pdf.html", context)
        text = pdf_text(data)
        assert re.search(expected, text), f"{expected!r} missing:\n{text}"
        assert pdf_lang(data) == language


# Agenda and minutes ------------------------------------------------------------------------------


def test_agenda_and_minutes_per_language(secretary_client, bilingual):
    meeting = bilingual.meeting
    agenda = reverse("decisions:meeting_agenda_pdf", args=[meeting.pk])
    minutes = reverse("decisions:meeting_minutes_pdf", args=[meeting.pk])

    swedish_agenda = secretary_client.get(agenda + "?language=sv")
    finnish_agenda = secretary_client.get(agenda + "?language=fi")
    swedish_minutes = secretary_client.get(minutes + "?language=sv")
    finnish_minutes = secretary_client.get(minutes)

    assert downloaded_name(swedish_agenda) == "foredragningslista-framtidsnamnden-3-2026.pdf"
    assert downloaded_name(finnish_agenda) == "esityslista-tulevaisuuslautakunta-3-2026.pdf"
    assert downloaded_name(swedish_minutes) == "protokoll-framtidsnamnden-2026-3.pdf"
    assert downloaded_name(finnish_minutes) == "poytakirja-tulevaisuuslautakunta-2026-3.pdf"
    sv_agenda, fi_agenda = pdf_text(swedish_agenda.content), pdf_text(finnish_agenda.content)
    assert "FÖREDRAGNINGSLISTA" in sv_agenda and "Projektansökan" in sv_agenda and "Framtidsnämnden" in sv_agenda
    assert "ESITYSLISTA" in fi_agenda and "Hankehakemus" in fi_agenda and "Projektansökan" not in fi_agenda
    sv_minutes, fi_minutes = pdf_text(swedish_minutes.content), pdf_text(finnish_minutes.content)
    assert "PROTOKOLL" in sv_minutes and DECISION_SV in sv_minutes and "RÄTTELSEANVISNING" in sv_minutes
    assert "PÖYTÄKIRJA" in fi_minutes and PROPOSAL in fi_minutes and DECISION_SV not in fi_minutes
    assert pdf_lang(swedish_minutes.content) == "sv" and pdf_lang(finnish_minutes.content) == "fi"


def test_the_meeting_page_offers_agenda_and_minutes_in_each_language(secretary_client, bilingual):
    meeting = bilingual.meeting

    page = secretary_client.get(meeting.get_absolute_url()).content.decode()

    for name in ("decisions:meeting_agenda_pdf", "decisions:meeting_minutes_pdf"):
        for language in ("fi", "sv"):
            assert f'href="{reverse(name, args=[meeting.pk])}?language={language}"' in page


def test_the_public_archive_pdfs_take_the_language_of_the_address(client, bilingual):
    meeting, item = bilingual.meeting, bilingual.first
    with translation.override("sv"):
        swedish_minutes = reverse("archive:meeting_pdf", args=[meeting.pk])
        swedish_item = reverse("archive:item_pdf", args=[item.pk])
    with translation.override("fi"):
        finnish_item = reverse("archive:item_pdf", args=[item.pk])

    minutes = client.get(swedish_minutes + "?language=fi")  # the address decides, not ?language
    section = client.get(swedish_item)
    finnish = client.get(finnish_item)

    assert DECISION_SV in pdf_text(minutes.content) and pdf_lang(minutes.content) == "sv"
    assert downloaded_name(minutes) == "protokoll-framtidsnamnden-2026-3-offentlig.pdf"
    assert DECISION_SV in pdf_text(section.content)
    assert downloaded_name(section) == "protokollsutdrag-framtidsnamnden-2026-21-offentlig.pdf"
    assert PROPOSAL in pdf_text(finnish.content) and DECISION_SV not in pdf_text(finnish.content)
    assert downloaded_name(finnish) == "poytakirjanote-tulevaisuuslautakunta-2026-21-julkinen.pdf"
