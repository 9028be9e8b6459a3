"""The dashboard and the error pages."""

from __future__ import annotations

import sys

from django.contrib.auth.decorators import login_required
from django.db import utils as db_utils
from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponseForbidden,
    HttpResponseNotFound,
    HttpResponseServerError,
)
from django.shortcuts import render
from django.template import loader
from django.utils.cache import add_never_cache_headers
from django.views.decorators.csrf import requires_csrf_token

from decisions.models import AgendaItem, Meeting
from hankehallinta.permissions import can_view_item, is_development_director, secretary_body_ids
from projects.models import Project

DASHBOARD_ROWS = 10


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    """What the signed-in person works on: their bodies' meetings, their items, projects, recent decisions."""
    user = request.user
    items = AgendaItem.objects.select_related("meeting__body", "presenter")
    body_ids = secretary_body_ids(user)
    own_meetings = own_items = presented_items = projects = None
    if body_ids:
        own_meetings = list(Meeting.objects.filter(body_id__in=body_ids).select_related("body")[:DASHBOARD_ROWS])
        own_items = [
            item
            for item in items.filter(body_id__in=body_ids).order_by("-meeting__start", "-order")[:DASHBOARD_ROWS]
            if can_view_item(user, item)
        ]
    presented_items = [
        item
        for item in items.filter(presenter__user=user).order_by("-meeting__start", "-order")[:DASHBOARD_ROWS]
        if can_view_item(user, item)
    ]
    if is_development_director(user):
        projects = list(Project.objects.active().with_list_data()[:DASHBOARD_ROWS])
    recent_decisions = [
        item
        for item in items.checked().order_by("-checked_at", "-section")[:DASHBOARD_ROWS]
        if can_view_item(user, item)
    ]
    return render(
        request,
        "hankehallinta/dashboard.html",
        {
            "own_meetings": own_meetings,
            "own_items": own_items,
            "presented_items": presented_items,
            "projects": projects,
            "recent_decisions": recent_decisions,
        },
    )


# Error pages ----------------------------------------------------------------------------------
# 403 and 404 use the site layout; 500 and 503 render without a request context or the database.


@requires_csrf_token
def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return HttpResponseForbidden(loader.render_to_string("403.html", request=request))


@requires_csrf_token
def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return HttpResponseNotFound(loader.render_to_string("404.html", request=request))


#: Seconds a client is asked to wait (Retry-After) when the database cannot be reached.
DATABASE_RETRY_AFTER_SECONDS = 30
#: Errors that mean "the database cannot be reached or cannot answer now", not a bug: a refused or
#: dropped connection, a server shutting down, a cancelled statement. Django wraps the driver's
#: errors in its own classes; the driver's are listed too for errors raised outside that wrapper.
DATABASE_UNAVAILABLE_ERRORS: tuple[type[BaseException], ...] = (db_utils.OperationalError, db_utils.InterfaceError)
try:
    import psycopg
except ImportError:  # pragma: no cover - psycopg is in requirements.txt
    pass
else:
    DATABASE_UNAVAILABLE_ERRORS += (psycopg.OperationalError, psycopg.InterfaceError)


def _database_unavailable(exception: BaseException | None) -> bool:
    """Whether the exception, or one it was raised from, says the database is unavailable."""
    seen = set()
    while exception is not None and id(exception) not in seen:
        if isinstance(exception, DATABASE_UNAVAILABLE_ERRORS):
            return True
        seen.add(id(exception))
        exception = exception.__cause__ or exception.__context__
    return False


def server_error(request: HttpRequest) -> HttpResponse:
    """500, or 503 with Retry-After when the cause is an unreachable database.

    Django calls this inside its ``except`` block, for exceptions from views and from middleware
    alike (sessions, authentication), so ``sys.exc_info()`` is the error being handled. Neither
    page touches the database or the request; the next request connects afresh
    (CONN_HEALTH_CHECKS), so the service recovers by itself when the database returns.
    """
    if _database_unavailable(sys.exc_info()[1]):
        response = HttpResponse(loader.get_template("503.html").render(), status=503)
        response["Retry-After"] = str(DATABASE_RETRY_AFTER_SECONDS)
        add_never_cache_headers(response)
        return response
    return HttpResponseServerError(loader.get_template("500.html").render())
