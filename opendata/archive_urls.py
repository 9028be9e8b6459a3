"""The archive's feeds, calendars and open data (namespace archive_data), under its language prefix:
/fi/archive/feeds/…, /sv/arkiv/feeds/…, /en/archive/feeds/…

Included by the root URL conf before decisions.archive_urls, whose last pattern takes any one segment
as a body's slug ("data/" here wins over a body named "Data"). A body is named by its slug or id,
`pk` like every object URL.
"""

from __future__ import annotations

from django.urls import path

from opendata import archive_views

app_name = "archive_data"
urlpatterns = [
    path("feeds/minutes.atom", archive_views.minutes_feed, name="minutes_feed"),
    path("feeds/decisions.atom", archive_views.decisions_feed, name="decisions_feed"),
    path("feeds/<slug:pk>/minutes.atom", archive_views.body_minutes_feed, name="body_minutes_feed"),
    path("feeds/<slug:pk>/decisions.atom", archive_views.body_decisions_feed, name="body_decisions_feed"),
    path("calendars/<slug:pk>/meetings.ics", archive_views.body_calendar, name="body_calendar"),
    path("data/", archive_views.data_index, name="index"),
    path("data/<str:pk>", archive_views.data_file, name="file"),
]
