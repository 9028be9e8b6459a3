"""The archive's Atom feeds: valid Atom, what the archive shows and nothing more, per body, fixed queries."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from django.utils.translation import gettext

from decisions.models import Meeting
from testing.factories import HELSINKI, AgendaItemFactory, BodyFactory, MeetingFactory
from testing.seed import seed_item

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
CHECKED = dt.datetime(2023, 12, 1, 12, tzinfo=HELSINKI)


@pytest.fixture
def world(body, other_body, presenter_person):
    seed = seed_item(body, presenter_person)
    Meeting.objects.filter(pk=seed.meeting_id).update(minutes_published_on=dt.date(2023, 12, 5))
    secret = AgendaItemFactory(
        meeting=seed.meeting,
        section=46,
        checked_at=CHECKED,
        is_public=False,
        secrecy_ground="JulkL 24 § 1 mom. 25 k.",
        title="Salainen otsikko",
        decision="Salainen päätös",
    )
    other = MeetingFactory(body=other_body, state=Meeting.State.PUBLISHED, minutes_published_on=dt.date(2023, 12, 6))
    other_item = AgendaItemFactory(meeting=other, checked_at=CHECKED, title="Aluehallituksen asia", decision="Tehty.")
    unpublished = MeetingFactory(body=body, state=Meeting.State.CHECKED, number=13)
    AgendaItemFactory(meeting=unpublished, checked_at=CHECKED, title="Julkaisematon asia")
    return {"seed": seed, "secret": secret, "other_item": other_item, "unpublished": unpublished}


def _feed(url: str) -> ET.Element:
    response = Client().get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    assert root.tag == f"{ATOM}feed"
    for entry in root.iter(f"{ATOM}entry"):  # what every Atom entry must have
        for child in ("id", "title", "updated"):
            assert entry.find(f"{ATOM}{child}") is not None, child
    return root


def _titles(root: ET.Element) -> list[str]:
    return [entry.findtext(f"{ATOM}title") for entry in root.iter(f"{ATOM}entry")]


def _links(root: ET.Element) -> list[str]:
    return [entry.find(f"{ATOM}link").get("href") for entry in root.iter(f"{ATOM}entry")]


def test_minutes_feed_lists_every_published_meeting_and_no_other(world):
    root = _feed("/fi/archive/feeds/minutes.atom")

    links = _links(root)
    assert len(links) == 2
    assert any(link.endswith(f"/fi/archive/meetings/{world['seed'].meeting_id}/") for link in links)
    assert not any(link.endswith(f"/meetings/{world['unpublished'].pk}/") for link in links)
    assert "Julkaisematon" not in ET.tostring(root, encoding="unicode")


def test_minutes_entry_lists_the_sections_a_confidential_one_as_its_mention(world, body):
    root = _feed(f"/fi/archive/feeds/{body.slug}/minutes.atom")

    text = ET.tostring(root, encoding="unicode")
    assert "Työkyvyn tuen palvelut" in text
    assert "JulkL 24 § 1 mom. 25 k." in text
    assert "Salainen" not in text


def test_decisions_feed_of_a_body_holds_its_decisions_only(world, body):
    root = _feed(f"/fi/archive/feeds/{body.pk}/decisions.atom")

    links = _links(root)
    assert any(link.endswith(f"/fi/archive/items/{world['seed'].pk}/") for link in links)
    assert not any(link.endswith(f"/items/{world['other_item'].pk}/") for link in links)
    assert len(links) == 2  # the seed and the mention of the confidential §


def test_a_confidential_decision_is_only_its_mention_linking_to_the_minutes(world):
    root = _feed("/fi/archive/feeds/decisions.atom")

    text = ET.tostring(root, encoding="unicode")
    assert "Salainen" not in text
    with translation.override("fi"):
        mention = gettext("Confidential matter")
    assert any(mention in title for title in _titles(root))
    assert not any(link.endswith(f"/items/{world['secret'].pk}/") for link in _links(root))
    ids = [entry.findtext(f"{ATOM}id") for entry in root.iter(f"{ATOM}entry")]
    assert len(ids) == len(set(ids)) == 3
    assert all(entry_id.startswith("http://testserver/fi/archive/") for entry_id in ids)


def test_a_feed_is_in_the_language_of_its_prefix(world):
    root = _feed("/sv/arkiv/feeds/decisions.atom")

    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "sv"
    assert all("/sv/arkiv/" in link for link in _links(root))


def test_a_body_without_published_minutes_or_unknown_has_no_feed(world):
    empty = BodyFactory(name="Tyhjä lautakunta")
    assert Client().get(f"/fi/archive/feeds/{empty.pk}/minutes.atom").status_code == 404
    assert Client().get("/fi/archive/feeds/ei-ole/decisions.atom").status_code == 404


def test_archive_pages_link_their_feeds(world, body):
    index = Client().get("/fi/archive/").content.decode()
    page = Client().get(f"/fi/archive/{body.slug}/").content.decode()

    assert 'type="application/atom+xml"' in index and "/fi/archive/feeds/decisions.atom" in index
    assert f"/fi/archive/feeds/{body.slug}/minutes.atom" in page
    assert f"/fi/archive/calendars/{body.slug}/meetings.ics" in page and 'type="text/calendar"' in page


def _queries(url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert Client().get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize("feed", ["minutes", "decisions"])
def test_a_feed_reads_a_fixed_number_of_queries(world, body, feed):
    url = f"/fi/archive/feeds/{body.slug}/{feed}.atom"
    few = _queries(url)
    for number in range(20, 25):
        meeting = MeetingFactory(body=body, number=number, state=Meeting.State.PUBLISHED)
        for order in range(3):
            AgendaItemFactory(meeting=meeting, checked_at=CHECKED, section=number * 10 + order)
        AgendaItemFactory(
            meeting=meeting, checked_at=CHECKED, section=number * 10 + 9, is_public=False, secrecy_ground="JulkL 24 §"
        )

    assert _queries(url) == few
    assert few <= 10


def test_a_feed_answers_not_modified_to_its_etag_and_its_date(world):
    client = Client()
    response = client.get("/fi/archive/feeds/decisions.atom")

    assert "public" in response["Cache-Control"] and response["ETag"] and response["Last-Modified"]
    assert client.get("/fi/archive/feeds/decisions.atom", HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304
    since = response["Last-Modified"]
    assert client.get("/fi/archive/feeds/decisions.atom", HTTP_IF_MODIFIED_SINCE=since).status_code == 304
    assert client.get("/fi/archive/feeds/decisions.atom", HTTP_IF_NONE_MATCH='"other"').status_code == 200
