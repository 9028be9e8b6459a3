"""The API walked from the System object by links alone: every public meeting, § and file of the
demo is reached and every checksum matches the bytes (what must never be there: test_canary.py)."""

from __future__ import annotations

import hashlib
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from decisions.models import AgendaItem, Attachment, Meeting, Membership
from testing.open_data import walk_api
from testing.seed import seed_item

API = "/api/oparl/v1.1/"


def _ids(seen: dict[str, dict], kind: str) -> set[int]:
    return {int(row["id"].rstrip("/").rsplit("/", 1)[1]) for row in seen.values() if row["type"].endswith(kind)}


@pytest.fixture
def demo(db, settings):
    settings.DEBUG = True
    call_command("load_demo", stdout=StringIO())


def test_walking_from_the_system_reaches_every_public_meeting_item_and_file_of_the_demo(demo, client):
    seen = walk_api(client).objects

    assert _ids(seen, "/Meeting") == set(Meeting.objects.published().values_list("pk", flat=True))
    assert _ids(seen, "/AgendaItem") == set(AgendaItem.objects.published().values_list("pk", flat=True))
    files = {row["id"] for row in seen.values() if row["type"].endswith("/File")}
    for attachment in Attachment.objects.in_public_archive():
        assert f"http://testserver{API}file/attachment-{attachment.pk}/" in files
    presenters = set(AgendaItem.objects.public().exclude(presenter=None).values_list("presenter_id", flat=True))
    members = set(Membership.objects.values_list("person_id", flat=True))
    assert presenters and _ids(seen, "/Person") == members | presenters
    assert AgendaItem.objects.published().exists()


def test_every_download_matches_its_checksum(demo, client):
    seen = walk_api(client).objects
    checked = 0
    for row in seen.values():
        if row["type"].endswith("/File") and row["fi:sha256Checksum"]:
            response = client.get(row["downloadUrl"])
            assert response.status_code == 200
            content = b"".join(response.streaming_content) if response.streaming else response.content
            assert hashlib.sha256(content).hexdigest() == row["fi:sha256Checksum"]
            assert len(content) == row["size"]
            checked += 1
    assert checked == Attachment.objects.in_public_archive().count()


def test_answers_are_cacheable_and_open_to_other_origins(body, client):
    seed_item(body)
    url = reverse("oparl-agendaitem-list")
    response = client.get(url, HTTP_ORIGIN="https://example.org")

    assert response["Access-Control-Allow-Origin"] == "*"
    assert "public" in response["Cache-Control"] and "max-age" in response["Cache-Control"]
    assert response["Last-Modified"]
    assert client.get(url, HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304
    assert client.post(url).status_code == 405


def test_time_filters_select_by_the_derived_timestamps(body, client):
    item = seed_item(body)  # checked 1.12.2023
    url = reverse("oparl-agendaitem-list")

    assert client.get(url, {"created_since": "2023-12-02T00:00:00+02:00"}).json()["data"] == []
    found = client.get(url, {"created_until": "2023-12-02T00:00:00+02:00"}).json()["data"]
    assert [row["fi:section"] for row in found] == [item.section]
    assert client.get(url, {"modified_since": "yesterday"}).status_code == 400


@pytest.mark.django_db
def test_the_county_is_the_organisation_the_site_names(client, settings):
    settings.ORGANISATION_NAME = "Länsi-Uudenmaan hyvinvointialue"
    system = client.get(reverse("oparl-system")).json()
    county = client.get(system["body"]).json()["data"][0]

    assert county["name"] == "Länsi-Uudenmaan hyvinvointialue"
    assert client.get(county["id"]).json() == county
