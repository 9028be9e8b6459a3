"""OParl lists: `data`, `pagination` and `links` (first, prev, next, last), and the time filters."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from typing import Any

from django.db.models import QuerySet
from django.utils.dateparse import parse_datetime
from rest_framework.exceptions import ValidationError

PER_PAGE = 50
#: The OParl filters and the annotation each compares with (opendata/api/queries.py).
TIME_FILTERS = {
    "created_since": "created_at__gte",
    "created_until": "created_at__lte",
    "modified_since": "modified_at__gte",
    "modified_until": "modified_at__lte",
}


def time_filters(request) -> dict[str, Any]:
    """The lookups of the time filters given; 400 for a value that is not an ISO 8601 date-time."""
    lookups = {}
    for name, lookup in TIME_FILTERS.items():
        raw = request.query_params.get(name)
        if raw is None:
            continue
        try:
            value = parse_datetime(raw)
            # In UTC: the database takes no offset beyond ±15:59, which ISO 8601 allows.
            value = value.astimezone(dt.UTC) if value is not None and value.tzinfo is not None else None
        except (ValueError, OverflowError):
            value = None
        if value is None:
            raise ValidationError({name: "an ISO 8601 date-time with a time zone, e.g. 2024-01-31T00:00:00+02:00"})
        lookups[lookup] = value
    return lookups


def page_number(request) -> int:
    try:
        return max(1, int(request.query_params.get("page", "1")))
    except ValueError:
        return 1


def _link(request, page: int) -> str:
    query = request.query_params.copy()
    query["page"] = str(page)
    return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")


def paged(request, rows: QuerySet | Sequence) -> tuple[Sequence, dict[str, Any]]:
    """One page of `rows` (keys: a queryset is sliced in the database) and its pagination and links."""
    total = rows.count() if isinstance(rows, QuerySet) else len(rows)
    pages = max(1, math.ceil(total / PER_PAGE))
    page = page_number(request)
    start = (page - 1) * PER_PAGE
    chunk = rows[start : start + PER_PAGE] if start < total else rows[:0]
    links = {"first": _link(request, 1)}
    if page > 1:
        links["prev"] = _link(request, min(page - 1, pages))
    if page < pages:
        links["next"] = _link(request, page + 1)
    links["last"] = _link(request, pages)
    pagination = {"totalElements": total, "elementsPerPage": PER_PAGE, "currentPage": page, "totalPages": pages}
    return chunk, {"pagination": pagination, "links": links}
