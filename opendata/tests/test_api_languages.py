"""A bilingual body's § in the API: its texts in the site's language, the other language alongside,
each redacted as the archive shows it."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from decisions.models import AgendaItem, Body, PrivatePersonData
from testing.seed import seed_item

pytestmark = pytest.mark.django_db

API = "/api/oparl/v1.1/agendaitem/{}/"


def _bilingual_item(body: Body) -> AgendaItem:
    Body.objects.filter(pk=body.pk).update(language=Body.Language.BILINGUAL, name_sv="Framtidsnämnden")
    body.refresh_from_db()
    return seed_item(
        body,
        title_sv="Ansökan om projektfinansiering",
        proposal_sv="Nämnden godkänner ansökan.",
        decision_sv="Godkändes. Sökanden Kanarialintu meddelas per brev.",
    )


def test_a_bilingual_item_gives_its_swedish_texts_alongside(body):
    item = _bilingual_item(body)
    answer = Client().get(API.format(item.pk)).json()

    assert answer["fi:language"] == "fi" and answer["name"] == item.title
    assert answer["fi:translations"]["sv"]["name"] == "Ansökan om projektfinansiering"
    assert answer["fi:translations"]["sv"]["fi:proposal"] == "Nämnden godkänner ansökan."


def test_the_swedish_texts_lose_the_removed_personal_data_too(body):
    item = _bilingual_item(body)
    PrivatePersonData.objects.create(item=item, text="Kanarialintu", removed_on=dt.date(2024, 1, 10))
    answer = Client().get(API.format(item.pk)).json()

    assert "Kanarialintu" not in str(answer["fi:translations"])
    assert answer["fi:personalDataRemoved"] is True


def test_a_one_language_item_has_no_translations(body):
    answer = Client().get(API.format(seed_item(body).pk)).json()

    assert answer["fi:language"] == "fi" and answer["fi:translations"] == {}
