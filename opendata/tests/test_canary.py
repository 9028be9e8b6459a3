"""Canaries over all of the open data (issue 15, item 5), before and after the removal of personal data.

testing/canaries.py plants them as the archive's canary test does: in every text field of confidential
items, a secret attachment's title, minutes not yet published, an upcoming meeting whose agenda is not
out. None may appear in any API answer reached from the System by links (nor its documentation page,
its schema, or any File's download), any Atom feed or calendar in any language, the open-data page or
any bulk file. A private person's data may be read until the rectification period ends and nowhere
after the daily removal: the night's bulk files made before it are withheld until made again.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from opendata import bulk
from testing.canaries import LAST_DAY, PERSON, Planted, leaks, plant, remove_personal_data, squeezed
from testing.open_data import SERVER, ApiWalk, bulk_files, feeds_and_files, walk_api

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def world(body, presenter_person) -> Planted:
    return plant(body, presenter_person)


def everything(client: Client) -> tuple[ApiWalk, dict[str, str]]:
    api = walk_api(client, downloads=True)
    return api, {**api.answers, **feeds_and_files(client)}


def test_no_canary_in_any_endpoint_feed_calendar_or_bulk_file_before_and_after_removal(world):
    client = Client()
    bulk.export()
    api, before = everything(client)
    assert len(bulk_files(before)) == 5
    assert any(url.endswith(".ics") for url in before) and any(url.endswith(".atom") for url in before)
    assert any(url.endswith("/extract.pdf") for url in before) and any(url.endswith("/docs/") for url in before)
    assert not leaks(before, world.confidential)
    naming = {url for url, text in before.items() if squeezed(PERSON) in squeezed(text)}
    assert any("/api/oparl/" in url for url in naming) and any(url.endswith(".jsonl") for url in naming)
    mention = api.objects[f"{SERVER}/api/oparl/v1.1/agendaitem/{world.secret_item.pk}/"]
    assert mention["public"] is False and mention["fi:secrecyGround"] == "JulkL 24 § 1 mom. 25 k."

    remove_personal_data(LAST_DAY + dt.timedelta(days=1))
    api, stale = everything(client)
    assert not bulk_files(stale)  # made before the removal: withheld
    assert not leaks(stale, [*world.confidential, PERSON])
    assert api.objects[f"{SERVER}/api/oparl/v1.1/agendaitem/{world.public_item.pk}/"]["fi:personalDataRemoved"]

    bulk.export()
    _api, after = everything(client)
    assert len(bulk_files(after)) == 5
    assert not leaks(after, [*world.confidential, PERSON])


def test_the_walk_reads_what_the_public_may_read(world):
    """The detector sees: before the removal the private person is named in the API's § and its extract."""
    api = walk_api(Client(), downloads=True)
    item = api.objects[f"{SERVER}/api/oparl/v1.1/agendaitem/{world.public_item.pk}/"]
    assert leaks({"item": str(item)}, [PERSON])
    assert leaks({url: text for url, text in api.answers.items() if url.endswith("/extract.pdf")}, [PERSON])
