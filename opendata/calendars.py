"""The iCalendar feed of a body's meetings (RFC 5545), for a calendar application to subscribe to.

Which meetings: those whose agenda has been published, the meeting held since and its minutes on
the way (AGENDA_PUBLISHED and every later state but cancelled). A planned meeting is not in it: its
date is the secretary's working plan until the agenda is published, and the archive shows nothing
of it. Of each, only what the published agenda makes public anyway: the body, the meeting's number,
its time and place; never an item. The upcoming meetings and those of the last PAST_DAYS days.

Each event: UID stable over edits ("meeting-<id>@<host>"), SEQUENCE the meeting's version (a moved
meeting updates the calendar's event), DTSTART and DTEND with TZID Europe/Helsinki (the VTIMEZONE
included), SUMMARY, LOCATION, URL (the minutes' page once published, else the body's archive page).
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from decisions.models import Body, Meeting

#: The meeting states whose date and place the published agenda has made public.
CALENDAR_STATES = (
    Meeting.State.AGENDA_PUBLISHED,
    Meeting.State.ADJOURNED,
    Meeting.State.HELD,
    Meeting.State.AWAITING_CHECK,
    Meeting.State.CHECKED,
    Meeting.State.PUBLISHED,
)
#: Past meetings stay in the calendar this long.
PAST_DAYS = 365
#: A meeting without a recorded end lasts this long in the calendar.
DEFAULT_LENGTH = dt.timedelta(hours=2)
CONTENT_TYPE = "text/calendar; charset=utf-8"


def calendar_meetings(body: Body, now: dt.datetime | None = None) -> QuerySet[Meeting]:
    """The body's meetings in its calendar, in time order (one query)."""
    since = (now or timezone.now()) - dt.timedelta(days=PAST_DAYS)
    return (
        Meeting.objects.of_body(body)
        .filter(state__in=CALENDAR_STATES, start__gte=since)
        .select_related("body")
        .order_by("start", "pk")
    )


def _url(request: HttpRequest, meeting: Meeting, body_url: str) -> str:
    if meeting.state == Meeting.State.PUBLISHED:
        return request.build_absolute_uri(reverse("archive:meeting", args=[meeting.pk]))
    return body_url


def meeting_calendar(request: HttpRequest, body: Body, *, has_archive_page: bool) -> bytes:
    """The calendar of `body` (named in the reader's language) as bytes; `has_archive_page`: the body
    has published minutes, so its archive page exists for the events before theirs are published."""
    zone = ZoneInfo(settings.TIME_ZONE)
    host = request.get_host().split(":")[0]
    body_page = reverse("archive:body", args=[body.slug or body.pk]) if has_archive_page else reverse("archive:index")
    body_url = request.build_absolute_uri(body_page)
    calendar = Calendar()
    calendar.add("prodid", "-//Hankehallinta//Meetings//FI")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", _("%(body)s: meetings") % {"body": body.name})
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    # DTSTAMP: when the calendar store last revised the event (RFC 5545, no METHOD). Meetings keep no
    # revision time, so the hour: within it the bytes, hence the ETag, stay the same for conditional GETs.
    stamp = timezone.now().astimezone(dt.UTC).replace(minute=0, second=0, microsecond=0)
    for meeting in calendar_meetings(body):
        start = meeting.start.astimezone(zone)
        event = Event()
        event.add("uid", f"meeting-{meeting.pk}@{host}")
        event.add("dtstamp", stamp)
        event.add("sequence", meeting.version)
        event.add("dtstart", start)
        event.add("dtend", meeting.end.astimezone(zone) if meeting.end else start + DEFAULT_LENGTH)
        event.add("summary", _("%(body)s, meeting %(label)s") % {"body": body.name, "label": meeting.label})
        if meeting.place:
            event.add("location", meeting.place)
        event.add("url", _url(request, meeting, body_url))
        event.add("status", "CONFIRMED")
        calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()
