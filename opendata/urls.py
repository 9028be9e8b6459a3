"""The open-data URLs, included at /api/ (hankehallinta/urls.py).

The OParl API's views are DRF views wrapped in view_entry (public, GET/HEAD): see opendata/api/__init__.py.
"""

from __future__ import annotations

from django.urls import path
from drf_spectacular.views import SpectacularAPIView

from hankehallinta.entry import view_entry
from opendata.api import docs
from opendata.api import views as api

PUBLIC = "hankehallinta.public"
OPARL = "oparl/v1.1/"
COUNTY = OPARL + "body/county/"


def _entry(view):
    return view_entry(PUBLIC, public=True)(view.as_view())


urlpatterns = [
    path(OPARL, _entry(api.SystemView), name="oparl-system"),
    path(OPARL + "schema/", _entry(SpectacularAPIView), name="oparl-schema"),
    path(OPARL + "docs/", docs.api_docs, name="oparl-docs"),
    path(OPARL + "body/", _entry(api.BodyListView), name="oparl-body-list"),
    path(COUNTY, _entry(api.BodyView), name="oparl-body"),
    path(COUNTY + "organization/", _entry(api.OrganizationListView), name="oparl-organization-list"),
    path(COUNTY + "person/", _entry(api.PersonListView), name="oparl-person-list"),
    path(COUNTY + "membership/", _entry(api.MembershipListView), name="oparl-membership-list"),
    path(COUNTY + "meeting/", _entry(api.MeetingListView), name="oparl-meeting-list"),
    path(COUNTY + "agendaitem/", _entry(api.AgendaItemListView), name="oparl-agendaitem-list"),
    path(COUNTY + "file/", _entry(api.FileListView), name="oparl-file-list"),
    path(COUNTY + "location/", _entry(api.LocationListView), name="oparl-location-list"),
    path(OPARL + "organization/<str:pk>/", _entry(api.OrganizationView), name="oparl-organization"),
    path(OPARL + "person/<str:pk>/", _entry(api.PersonView), name="oparl-person"),
    path(OPARL + "membership/<str:pk>/", _entry(api.MembershipView), name="oparl-membership"),
    path(OPARL + "meeting/<str:pk>/", _entry(api.MeetingView), name="oparl-meeting"),
    path(OPARL + "agendaitem/<str:pk>/", _entry(api.AgendaItemView), name="oparl-agendaitem"),
    path(OPARL + "file/<str:pk>/", _entry(api.FileView), name="oparl-file"),
    path(OPARL + "location/<str:pk>/", _entry(api.LocationView), name="oparl-location"),
]
