"""The API's views: DRF views, each wrapped in view_entry (opendata/urls.py), GET and HEAD only.

Every answer is Finnish where it has words of its own (the resolution phrase, "Salassa pidettävä
asia"): the API does not follow the reader's language, so one URL has one answer to cache. Every
answer carries an ETag (a hash of its bytes), Last-Modified (its latest `modified`) and
Cache-Control public, and answers 304 to a matching If-None-Match / If-Modified-Since.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.http import Http404
from django.urls import reverse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.dateparse import parse_datetime
from django.utils.http import http_date
from django.utils.translation import override
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from opendata.api import files, objects, queries, serializers
from opendata.api.paging import TIME_FILTERS, paged, time_filters

MAX_AGE = 300
PAGE = OpenApiParameter("page", OpenApiTypes.INT, description="Page number, from 1.")
TIMES = [
    OpenApiParameter(name, OpenApiTypes.DATETIME, description="ISO 8601 date-time with a time zone.")
    for name in TIME_FILTERS
]
BAD_REQUEST = {400: OpenApiTypes.OBJECT}
NOT_FOUND = {404: OpenApiTypes.OBJECT}


class OParlView(APIView):
    """No authentication, no session: the same public answer to everyone."""

    authentication_classes: list = []
    permission_classes: list = []
    http_method_names = ["get", "head", "options"]

    def initial(self, request, *args, **kwargs):
        self._language = override(settings.LANGUAGE_CODE)
        self._language.__enter__()
        super().initial(request, *args, **kwargs)

    def finalize_response(self, request, response, *args, **kwargs):
        if getattr(self, "_language", None) is not None:
            self._language.__exit__(None, None, None)
            self._language = None
        response = super().finalize_response(request, response, *args, **kwargs)
        if response.status_code != 200:
            return response
        response.render()
        etag = '"' + hashlib.sha256(response.content).hexdigest()[:32] + '"'
        last = _latest_modified(response.data)
        response["ETag"] = etag
        if last is not None:
            response["Last-Modified"] = _http_date(last)
        patch_cache_control(response, public=True, max_age=MAX_AGE)
        return get_conditional_response(
            request._request, etag=etag, last_modified=last.timestamp() if last else None, response=response
        )


def _http_date(value) -> str:
    return http_date(value.timestamp())


def _latest_modified(data: Any):
    rows = data.get("data", [data]) if isinstance(data, dict) else []
    stamps = [parse_datetime(row["modified"]) for row in rows if isinstance(row, dict) and row.get("modified")]
    return max(stamps, default=None)


def _list(request, rows: Sequence, build) -> Response:
    chunk, meta = paged(request, rows)
    return Response({"data": [build(request, row) for row in chunk], **meta})


# System and the county ----------------------------------------------------------------------------


class SystemView(OParlView):
    @extend_schema(responses=serializers.System, summary="The OParl System: where everything starts")
    def get(self, request):
        url = request.build_absolute_uri
        return Response(
            {
                "id": url(reverse("oparl-system")),
                "type": objects.OPARL + "System",
                "oparlVersion": "https://schema.oparl.org/1.1/",
                "name": "Hankehallinta",
                "body": url(reverse("oparl-body-list")),
                "website": url(reverse("archive:index")),
                "vendor": url("/"),
                "product": url("/"),
                "fi:vocabulary": url(reverse("oparl-docs")) + "#vocabulary",
                "fi:schema": url(reverse("oparl-schema")),
                "deleted": False,
            }
        )


def _county(request) -> dict[str, Any]:
    url = request.build_absolute_uri
    return {
        "id": objects.url(request, "oparl-body"),
        "type": objects.OPARL + "Body",
        "system": url(reverse("oparl-system")),
        "name": settings.ORGANISATION_NAME,
        "shortName": "",
        "website": url(reverse("archive:index")),
        "organization": objects.url(request, "oparl-organization-list"),
        "person": objects.url(request, "oparl-person-list"),
        "membership": objects.url(request, "oparl-membership-list"),
        "meeting": objects.url(request, "oparl-meeting-list"),
        "agendaItem": objects.url(request, "oparl-agendaitem-list"),
        "file": objects.url(request, "oparl-file-list"),
        "locationList": objects.url(request, "oparl-location-list"),
        "legislativeTerm": [],
        "deleted": False,
    }


class BodyListView(OParlView):
    @extend_schema(responses=serializers.page_of(serializers.Body), parameters=[PAGE], summary="The county (one)")
    def get(self, request):
        return _list(request, [None], lambda request, row: _county(request))


class BodyView(OParlView):
    @extend_schema(responses=serializers.Body, summary="The county, whose bodies are the organizations")
    def get(self, request):
        return Response(_county(request))


# Organizations, people, memberships, places -------------------------------------------------------


def _bodies():
    return queries.bodies().prefetch_related("memberships")


class OrganizationListView(OParlView):
    @extend_schema(responses=serializers.page_of(serializers.Organization), parameters=[PAGE])
    def get(self, request):
        return _list(request, _bodies(), objects.organization)


class OrganizationView(OParlView):
    @extend_schema(responses={200: serializers.Organization, **NOT_FOUND})
    def get(self, request, pk: str):
        return Response(objects.organization(request, _one(_bodies(), pk)))


def _one(rows, pk: str):
    """The row `pk` names (any other text than digits: 404, as JSON like every answer here)."""
    row = rows.filter(pk=int(pk)).first() if pk.isdigit() and len(pk) < 19 else None
    if row is None:
        raise Http404
    return row


def _people():
    return queries.people().prefetch_related("memberships")


class PersonListView(OParlView):
    @extend_schema(responses=serializers.page_of(serializers.Person), parameters=[PAGE])
    def get(self, request):
        return _list(request, _people(), objects.person)


class PersonView(OParlView):
    @extend_schema(responses={200: serializers.Person, **NOT_FOUND})
    def get(self, request, pk: str):
        return Response(objects.person(request, _one(_people(), pk)))


class MembershipListView(OParlView):
    @extend_schema(responses=serializers.page_of(serializers.Membership), parameters=[PAGE])
    def get(self, request):
        return _list(request, queries.memberships(), objects.membership)


class MembershipView(OParlView):
    @extend_schema(responses={200: serializers.Membership, **NOT_FOUND})
    def get(self, request, pk: str):
        return Response(objects.membership(request, _one(queries.memberships(), pk)))


class LocationListView(OParlView):
    @extend_schema(responses=serializers.page_of(serializers.Location), parameters=[PAGE])
    def get(self, request):
        return _list(request, queries.places(), objects.location)


class LocationView(OParlView):
    @extend_schema(responses={200: serializers.Location, **NOT_FOUND})
    def get(self, request, pk: str):
        for place in queries.places():
            if objects.location_key(place) == pk:
                return Response(objects.location(request, place))
        raise Http404


# Meetings and items -------------------------------------------------------------------------------


class MeetingListView(OParlView):
    @extend_schema(
        responses={200: serializers.page_of(serializers.Meeting), **BAD_REQUEST},
        parameters=[PAGE, *TIMES, OpenApiParameter("organization", OpenApiTypes.INT)],
    )
    def get(self, request):
        rows = queries.meeting_objects().filter(**time_filters(request))
        organization = request.query_params.get("organization")
        if organization is not None:
            rows = rows.filter(body_id=int(organization)) if organization.isdigit() else rows.none()
        return _list(request, rows, objects.meeting)


class MeetingView(OParlView):
    @extend_schema(responses={200: serializers.Meeting, **NOT_FOUND})
    def get(self, request, pk: str):
        return Response(objects.meeting(request, _one(queries.meeting_objects(), pk)))


class AgendaItemListView(OParlView):
    @extend_schema(
        responses={200: serializers.page_of(serializers.AgendaItem), **BAD_REQUEST}, parameters=[PAGE, *TIMES]
    )
    def get(self, request):
        return _list(request, queries.item_objects().filter(**time_filters(request)), objects.agenda_item)


class AgendaItemView(OParlView):
    @extend_schema(responses={200: serializers.AgendaItem, **NOT_FOUND})
    def get(self, request, pk: str):
        return Response(objects.agenda_item(request, _one(queries.item_objects(), pk)))


# Files --------------------------------------------------------------------------------------------


class FileListView(OParlView):
    @extend_schema(responses={200: serializers.page_of(serializers.File), **BAD_REQUEST}, parameters=[PAGE, *TIMES])
    def get(self, request):
        keys = files.file_keys(time_filters(request))
        chunk, meta = paged(request, keys)
        return Response({"data": files.build(request, list(chunk)), **meta})


class FileView(OParlView):
    @extend_schema(responses={200: serializers.File, **NOT_FOUND})
    def get(self, request, pk: str):
        parsed = files.parse_key(pk)
        built = files.build(request, [parsed]) if parsed else []
        if not built:
            raise Http404
        return Response(built[0])
