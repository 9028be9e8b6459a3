"""A correction made after the check shows in the API as on the archive page, redacted like the
decision, and moves the § and its meeting to the time it was recorded (so `modified_since` finds it)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from freezegun import freeze_time

from decisions.models import AgendaItem, DecisionCorrection, PrivatePersonData
from testing.factories import HELSINKI, AgendaItemFactory
from testing.seed import seed_item

pytestmark = pytest.mark.django_db

API = "/api/oparl/v1.1/"
RECORDED = dt.datetime(2024, 2, 1, 9, 30, tzinfo=HELSINKI)


def _correct(item: AgendaItem, text: str) -> None:
    with freeze_time(RECORDED):
        DecisionCorrection.objects.create(
            item=item,
            kind=DecisionCorrection.Kind.CLERICAL,
            reason="Kirjoitusvirhe summassa.",
            corrected_text=text,
            decided_by="Tulevaisuuslautakunta",
            decided_on=dt.date(2024, 1, 31),
        )


def test_a_correction_is_shown_redacted_and_moves_the_modified_time(body):
    item = seed_item(body)
    PrivatePersonData.objects.create(item=item, text="Kanarialintu", removed_on=dt.date(2024, 1, 10))
    _correct(item, "Myönnetään 379 904,00 euroa; Kanarialintu saa päätöksen.")
    client = Client()

    answer = client.get(f"{API}agendaitem/{item.pk}/").json()
    assert [correction["kind"] for correction in answer["fi:corrections"]] == ["clerical"]
    assert answer["fi:corrections"][0]["decidedOn"] == "2024-01-31"
    assert "379 904,00" in answer["fi:corrections"][0]["correctedText"]
    assert "Kanarialintu" not in str(answer)
    assert dt.datetime.fromisoformat(answer["modified"]) == RECORDED
    since = {"modified_since": "2024-02-01T00:00:00+02:00"}
    assert [row["id"] for row in client.get(f"{API}body/county/agendaitem/", since).json()["data"]] == [answer["id"]]
    meetings = client.get(f"{API}body/county/meeting/", since).json()["data"]
    assert [row["id"] for row in meetings] == [answer["meeting"]]


def test_a_correction_of_a_confidential_item_moves_nothing(body):
    public = seed_item(body)
    secret = AgendaItemFactory(
        meeting=public.meeting,
        section=46,
        is_public=False,
        secrecy_ground="JulkL 24.1 § 25 k",
        checked_at=public.checked_at,
    )
    _correct(secret, "Salainen korjaus.")

    mention = Client().get(f"{API}agendaitem/{secret.pk}/").json()
    assert "fi:corrections" not in mention
    assert mention["modified"] == mention["created"]
