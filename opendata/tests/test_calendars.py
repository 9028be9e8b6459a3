"""A body's meeting calendar: valid iCalendar, only meetings whose agenda is published, stable UIDs."""

from __future__ import annotations

import datetime as dt

import icalendar
import pytest
from django.test import Client
from django.utils import timezone
from freezegun import freeze_time

from decisions.models import Meeting
from testing.factories import HELSINKI, AgendaItemFactory, BodyFactory, MeetingFactory
from testing.seed import seed_item

pytestmark = pytest.mark.django_db

NEXT_YEAR = timezone.localdate().year + 1


def _at(month: int, day: int, hour: int = 14) -> dt.datetime:
    return dt.datetime(NEXT_YEAR, month, day, hour, tzinfo=HELSINKI)


@pytest.fixture
def meetings(body, other_body):
    def meeting(number, state, start, **extra):
        return MeetingFactory(body=body, year=NEXT_YEAR, number=number, state=state, start=start, **extra)

    return {
        "agenda": meeting(1, Meeting.State.AGENDA_PUBLISHED, _at(2, 4), place="Tikkamäentie 16, Joensuu"),
        "held": meeting(2, Meeting.State.HELD, timezone.now() - dt.timedelta(days=30), end=None),
        "planned": meeting(3, Meeting.State.PLANNED, _at(3, 4)),
        "cancelled": meeting(4, Meeting.State.CANCELLED, _at(4, 4)),
        "long_ago": meeting(5, Meeting.State.HELD, timezone.now() - dt.timedelta(days=400)),
        "summer": meeting(6, Meeting.State.AGENDA_PUBLISHED, _at(6, 10, 9), end=_at(6, 10, 12)),
        "other": MeetingFactory(body=other_body, state=Meeting.State.AGENDA_PUBLISHED, start=_at(2, 5)),
    }


def _calendar(url: str) -> icalendar.Calendar:
    response = Client().get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return icalendar.Calendar.from_ical(response.content)


def _events(calendar: icalendar.Calendar) -> dict[str, icalendar.Event]:
    return {str(event["uid"]): event for event in calendar.walk("VEVENT")}


def test_the_calendar_holds_the_meetings_whose_agenda_is_published(body, meetings):
    events = _events(_calendar(f"/fi/archive/calendars/{body.slug}/meetings.ics"))

    numbers = sorted(int(uid.split("-")[1].split("@")[0]) for uid in events)
    assert numbers == sorted(meetings[key].pk for key in ("agenda", "held", "summer"))


def test_an_event_has_its_time_in_helsinki_time_its_place_and_addresses(body, meetings):
    calendar = _calendar(f"/fi/archive/calendars/{body.pk}/meetings.ics")
    event = _events(calendar)[f"meeting-{meetings['agenda'].pk}@testserver"]

    assert event["dtstart"].params["TZID"] == "Europe/Helsinki"
    assert event.decoded("dtstart") == _at(2, 4)
    assert event.decoded("dtend") - event.decoded("dtstart") == dt.timedelta(hours=2)
    assert str(event["location"]) == "Tikkamäentie 16, Joensuu"
    assert str(event["url"]) == "http://testserver/fi/archive/"  # no minutes of the body published yet
    assert body.name in str(event["summary"]) and f"1/{NEXT_YEAR}" in str(event["summary"])
    assert "Europe/Helsinki" in [str(zone["tzid"]) for zone in calendar.walk("VTIMEZONE")]
    summer = _events(calendar)[f"meeting-{meetings['summer'].pk}@testserver"]
    assert summer.decoded("dtstart").utcoffset() == dt.timedelta(hours=3)
    assert summer.decoded("dtend") == _at(6, 10, 12)


def test_the_uid_stays_and_the_sequence_grows_when_the_meeting_moves(body, meetings):
    url = f"/fi/archive/calendars/{body.slug}/meetings.ics"
    uid = f"meeting-{meetings['agenda'].pk}@testserver"
    before = _events(_calendar(url))[uid]
    Meeting.objects.filter(pk=meetings["agenda"].pk).update(start=_at(2, 11), version=2)

    after = _events(_calendar(url))[uid]
    assert after.decoded("dtstart") == _at(2, 11)
    assert int(after["sequence"]) > int(before["sequence"])


def test_published_minutes_link_to_their_page_and_items_never_show(body, presenter_person, meetings):
    seed = seed_item(body, presenter_person)
    Meeting.objects.filter(pk=seed.meeting_id).update(start=timezone.now() - dt.timedelta(days=10))
    AgendaItemFactory(meeting=meetings["agenda"], title="Esityslistan asia")

    calendar = _calendar(f"/fi/archive/calendars/{body.slug}/meetings.ics")
    events = _events(calendar)
    assert str(events[f"meeting-{seed.meeting_id}@testserver"]["url"]).endswith(
        f"/fi/archive/meetings/{seed.meeting_id}/"
    )
    assert str(events[f"meeting-{meetings['agenda'].pk}@testserver"]["url"]).endswith(f"/fi/archive/{body.slug}/")
    assert b"Esityslistan asia" not in calendar.to_ical() and seed.title.encode() not in calendar.to_ical()


def test_a_body_without_minutes_has_a_calendar_an_unknown_one_none(meetings):
    empty = BodyFactory(name="Uusi lautakunta")

    assert _events(_calendar(f"/fi/archive/calendars/{empty.slug}/meetings.ics")) == {}
    assert Client().get("/fi/archive/calendars/ei-ole/meetings.ics").status_code == 404


def test_a_calendar_answers_not_modified_to_its_etag(body, meetings):
    client = Client()
    url = f"/fi/archive/calendars/{body.pk}/meetings.ics"
    with freeze_time(timezone.now().replace(minute=10)) as clock:
        first = client.get(url)
        clock.tick(dt.timedelta(minutes=40))
        again = client.get(url)

    assert first["ETag"] == again["ETag"] and "public" in first["Cache-Control"]
    assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    Meeting.objects.filter(pk=meetings["agenda"].pk).update(place="Siltakatu 2, Joensuu")
    assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 200
