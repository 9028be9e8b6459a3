"""The archive's feeds, calendars and open-data page (opendata/archive_urls.py): public, read-only.

Atom feeds (opendata.feeds) and a body's meeting calendar (opendata.calendars) in the language of
the URL prefix; the open-data page listing the latest bulk files (opendata.bulk) with their sizes
and SHA-256, and the view handing each out from the storage (never as media). Files made before the
latest removal of personal data are not handed out until the next export (bulk.is_current).

Every answer here may be kept by anyone for a while (Cache-Control public) and carries an ETag (a bulk
file's SHA-256, else a hash of the bytes; a feed also its Last-Modified, its newest entry): a client
asking again with If-None-Match or If-Modified-Since gets 304 Not Modified (`conditional_page`).
"""

from __future__ import annotations

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_cache_control
from django.views.decorators.http import conditional_page

from decisions.models import Body
from decisions.views.languages import named_body
from hankehallinta.entry import view_entry
from opendata import bulk
from opendata.calendars import CONTENT_TYPE, meeting_calendar
from opendata.feeds import DecisionsFeed, MinutesFeed
from opendata.published import archive_body

PUBLIC = "hankehallinta.public"
#: How long a reader or a proxy may keep a feed or a calendar (seconds).
FEED_MAX_AGE = 15 * 60
#: The bulk files change once a night.
FILE_MAX_AGE = 60 * 60


def _cached(response: HttpResponse, max_age: int) -> HttpResponse:
    patch_cache_control(response, public=True, max_age=max_age)
    return response


@view_entry(PUBLIC, public=True)
@conditional_page
def minutes_feed(request: HttpRequest) -> HttpResponse:
    return _cached(MinutesFeed()(request), FEED_MAX_AGE)


@view_entry(PUBLIC, public=True)
@conditional_page
def decisions_feed(request: HttpRequest) -> HttpResponse:
    return _cached(DecisionsFeed()(request), FEED_MAX_AGE)


@view_entry(PUBLIC, public=True)
@conditional_page
def body_minutes_feed(request: HttpRequest, pk: str) -> HttpResponse:
    return _cached(MinutesFeed()(request, pk=pk), FEED_MAX_AGE)


@view_entry(PUBLIC, public=True)
@conditional_page
def body_decisions_feed(request: HttpRequest, pk: str) -> HttpResponse:
    return _cached(DecisionsFeed()(request, pk=pk), FEED_MAX_AGE)


@view_entry(PUBLIC, public=True)
@conditional_page
def body_calendar(request: HttpRequest, pk: str) -> HttpResponse:
    """The body's meetings whose agenda is published: any body (one with no minutes published yet too)."""
    body = archive_body(pk, Body.objects.order_by("pk"))
    has_archive_page = Body.objects.with_published_minutes().filter(pk=body.pk).exists()
    response = HttpResponse(meeting_calendar(request, body, has_archive_page=has_archive_page), CONTENT_TYPE)
    response["Content-Disposition"] = f'inline; filename="{body.slug or body.pk}.ics"'
    return _cached(response, FEED_MAX_AGE)


@view_entry(PUBLIC, public=True)
def data_index(request: HttpRequest) -> HttpResponse:
    """Avoin data: the bulk files with their SHA-256, the feeds and calendars of every body."""
    manifest = bulk.read_manifest()
    bodies = [named_body(body) for body in Body.objects.with_published_minutes()]
    context = {"manifest": manifest, "current": manifest is not None and bulk.is_current(manifest), "bodies": bodies}
    return render(request, "opendata/datafile_list.html", context)


@view_entry(PUBLIC, public=True)
@conditional_page
def data_file(request: HttpRequest, pk: str) -> FileResponse:
    """One file of the latest export by its name; 404 for any other name, or while the export is stale."""
    manifest = bulk.read_manifest()
    data_file = manifest.file(pk) if manifest is not None else None
    if data_file is None or not bulk.is_current(manifest):
        raise Http404
    try:
        stored = bulk.open_file(manifest, data_file)
    except (FileNotFoundError, OSError) as missing:
        raise Http404 from missing
    response = FileResponse(stored, as_attachment=True, filename=data_file.name, content_type=data_file.content_type)
    response["ETag"] = f'"{data_file.sha256}"'
    response["X-Content-Type-Options"] = "nosniff"
    return _cached(response, FILE_MAX_AGE)
