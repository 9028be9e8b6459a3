"""The dashboard and the error pages."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponseForbidden,
    HttpResponseNotFound,
    HttpResponseServerError,
)
from django.shortcuts import render
from django.template import loader
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
# 403 and 404 use the site layout; 500 renders without a request context or the database.


@requires_csrf_token
def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return HttpResponseForbidden(loader.render_to_string("403.html", request=request))


@requires_csrf_token
def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return HttpResponseNotFound(loader.render_to_string("404.html", request=request))


def server_error(request: HttpRequest) -> HttpResponse:
    return HttpResponseServerError(loader.get_template("500.html").render())
