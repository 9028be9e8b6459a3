"""The dashboard: what the signed-in person works on."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.shortcuts import render

from decisions.models import AgendaItem, Meeting
from decisions.rules import secretary_body_ids
from followup.reports import overdue_claims, overdue_reports
from hankehallinta.entry import view_entry
from hankehallinta.permissions import SIGNED_IN, is_development_director
from projects.models import Project

if TYPE_CHECKING:
    from django.http import HttpRequest, HttpResponse

DASHBOARD_ROWS = 10


@view_entry(SIGNED_IN)
def dashboard(request: HttpRequest) -> HttpResponse:
    """Their bodies' meetings and items, the items they present, the projects not yet closed or
    rejected (from idea to closing: the development director's work), recent decisions.

    Each list is its first DASHBOARD_ROWS rows (a LIMIT in the query, in an order an index serves),
    filtered by permission in the query; the full lists are a link away."""
    user = request.user
    items = AgendaItem.objects.visible_to(user).select_related("meeting__body", "presenter")
    body_ids = secretary_body_ids(user)
    own_meetings = own_items = projects = None
    if body_ids:
        own_meetings = list(Meeting.objects.of_bodies(body_ids).newest_first()[:DASHBOARD_ROWS])
        own_items = list(items.of_bodies(body_ids).newest_first()[:DASHBOARD_ROWS])
    presented_items = list(items.presented_by(user).newest_first()[:DASHBOARD_ROWS])
    if is_development_director(user):
        projects = list(Project.objects.visible_to(user).active().with_list_data().newest_first()[:DASHBOARD_ROWS])
    recent_decisions = list(items.checked().recently_checked_first()[:DASHBOARD_ROWS])
    # Reports and claims past due: the development director's, and those of the projects a manager runs.
    overdue = {
        "reports": list(overdue_reports(user)[:DASHBOARD_ROWS]),
        "claims": list(overdue_claims(user)[:DASHBOARD_ROWS]),
    }
    return render(
        request,
        "portal/dashboard.html",
        {
            "own_meetings": own_meetings,
            "own_items": own_items,
            "presented_items": presented_items,
            "projects": projects,
            "recent_decisions": recent_decisions,
            "overdue": overdue,
        },
    )
