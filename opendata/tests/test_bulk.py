"""The nightly bulk files: written with their SHA-256, listed on the open-data page, handed out by a view."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json

import pytest
from django.core.management import call_command
from django.test import Client

from decisions.models import DecisionCorrection, Meeting, PrivatePersonData
from opendata import bulk
from opendata.tasks import export_open_data
from testing.factories import HELSINKI, AgendaItemFactory, AttachmentFactory, MeetingFactory
from testing.seed import seed_item

pytestmark = pytest.mark.django_db

CHECKED = dt.datetime(2023, 12, 1, 12, tzinfo=HELSINKI)


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def world(body, presenter_person):
    seed = seed_item(body, presenter_person)
    AttachmentFactory(item=seed, number=1, title="Hankesuunnitelma")
    AttachmentFactory(item=seed, number=2, title="Salainen liite", is_public=False, secrecy_ground="JulkL 24 § 32 k")
    secret = AgendaItemFactory(
        meeting=seed.meeting, section=46, checked_at=CHECKED, is_public=False, secrecy_ground="JulkL 24 § 25 k"
    )
    unpublished = MeetingFactory(body=body, state=Meeting.State.CHECKED, number=13)
    AgendaItemFactory(meeting=unpublished, checked_at=CHECKED, title="Julkaisematon asia")
    return {"seed": seed, "secret": secret}


def _download(name: str) -> bytes:
    response = Client().get(f"/fi/archive/data/{name}")
    assert response.status_code == 200, name
    return b"".join(response.streaming_content)


def _jsonl(name: str) -> list[dict]:
    return [json.loads(line) for line in _download(name).decode().splitlines()]


def test_the_export_writes_every_file_and_the_sums_match_the_bytes(world):
    manifest = bulk.export()

    names = [data_file.name for data_file in manifest.files]
    assert names == [*bulk.JSONL, *bulk.CSV, bulk.SUMS]
    sums = dict(reversed(line.split("  ")) for line in _download(bulk.SUMS).decode().splitlines())
    for data_file in manifest.files:
        content = _download(data_file.name)
        assert hashlib.sha256(content).hexdigest() == data_file.sha256
        assert len(content) == data_file.size
        if data_file.name != bulk.SUMS:
            assert sums[data_file.name] == data_file.sha256
    assert bulk.read_manifest() == manifest


def test_the_files_hold_the_published_minutes_a_confidential_item_as_its_mention(world):
    bulk.export()

    items = _jsonl("agendaitems.jsonl")
    assert len(items) == 2
    public = next(row for row in items if not row["confidential"])
    assert public["id"] == world["seed"].pk and public["texts"]["fi"]["title"] == world["seed"].title
    mention = next(row for row in items if row["confidential"])
    assert set(mention) == {"meeting_id", "body_id", "year", "section", "confidential", "secrecy_ground"}
    assert [row["id"] for row in _jsonl("meetings.jsonl")] == [world["seed"].meeting_id]
    files = _jsonl("files.jsonl")
    assert [row.get("title") for row in files] == ["Hankesuunnitelma", None]
    assert files[1] == {
        "item_id": world["seed"].pk,
        "number": 2,
        "confidential": True,
        "secrecy_ground": "JulkL 24 § 32 k",
    }
    rows = list(csv.DictReader(io.StringIO(_download("decisions.csv").decode())))
    assert [row["section"] for row in rows] == ["45", "46"]
    assert rows[1]["title"] == "" and rows[1]["secrecy_ground"] == "JulkL 24 § 25 k"
    assert "Julkaisematon" not in "".join(_download(name).decode() for name in (*bulk.JSONL, *bulk.CSV))


def test_the_open_data_page_lists_the_files_with_their_hashes(world):
    assert "/fi/archive/data/" in Client().get("/fi/archive/").content.decode()
    before = Client().get("/fi/archive/data/")
    assert before.status_code == 200 and "/fi/archive/data/decisions.csv" not in before.content.decode()

    manifest = bulk.export()
    page = Client().get("/fi/archive/data/").content.decode()
    for data_file in manifest.files:
        assert f'href="/fi/archive/data/{data_file.name}"' in page
        assert data_file.sha256 in page


def test_only_the_files_of_the_manifest_are_handed_out(world):
    assert Client().get("/fi/archive/data/decisions.csv").status_code == 404  # none made yet
    bulk.export()

    for name in ("manifest.json", "..%2Fmanifest.json", "attachments", "decisions.csv.bak"):
        assert Client().get(f"/fi/archive/data/{name}").status_code == 404, name
    assert Client().post("/fi/archive/data/decisions.csv").status_code == 405


def test_files_made_before_a_removal_of_personal_data_are_not_handed_out_until_made_again(world):
    row = PrivatePersonData.objects.create(item=world["seed"], text="Maija Meikäläinen")
    bulk.export()
    PrivatePersonData.objects.filter(pk=row.pk).update(removed_on=dt.date(2024, 1, 1))

    assert Client().get("/fi/archive/data/agendaitems.jsonl").status_code == 404
    assert "/fi/archive/data/agendaitems.jsonl" not in Client().get("/fi/archive/data/").content.decode()
    bulk.export()
    assert Client().get("/fi/archive/data/agendaitems.jsonl").status_code == 200


def test_a_new_export_keeps_the_previous_directory_and_deletes_older_ones(world, settings):
    runs = [bulk.export(now=dt.datetime(2025, 1, day, 1, tzinfo=HELSINKI)) for day in (1, 2, 3)]

    directories, _files = bulk.default_storage.listdir(bulk.DIRECTORY)
    assert sorted(f"{bulk.DIRECTORY}/{name}" for name in directories) == [runs[1].directory, runs[2].directory]
    assert bulk.read_manifest().directory == runs[2].directory


def test_the_command_and_the_nightly_task_export(world, settings):
    out = io.StringIO()
    call_command("export_open_data", stdout=out)
    assert "decisions.csv" in out.getvalue()

    result = export_open_data.enqueue()
    assert result.return_value["files"]["agendaitems.jsonl"] > 0
    assert "opendata.tasks.export_open_data" in settings.TASKS_DAILY


def test_an_item_carries_its_corrections_redacted(world):
    PrivatePersonData.objects.create(item=world["seed"], text="Kanarialintu", removed_on=dt.date(2024, 1, 10))
    DecisionCorrection.objects.create(
        item=world["seed"],
        kind=DecisionCorrection.Kind.CLERICAL,
        reason="Kirjoitusvirhe.",
        corrected_text="Kanarialintu saa päätöksen; myönnetään 379 904,00 euroa.",
        decided_by="Tulevaisuuslautakunta",
        decided_on=dt.date(2024, 1, 31),
    )
    bulk.export()

    public = next(row for row in _jsonl("agendaitems.jsonl") if not row["confidential"])
    assert [(row["kind"], row["decided_on"]) for row in public["corrections"]] == [("clerical", "2024-01-31")]
    assert "379 904,00" in public["corrections"][0]["corrected_text"]
    assert "Kanarialintu" not in str(public)
