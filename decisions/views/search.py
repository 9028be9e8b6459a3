"""The staff search: every agenda item the signed-in user may see, with its extract one click away."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from decisions.forms.search import ItemSearchFilter
from decisions.models import AgendaItem
from hankehallinta import access_log
from hankehallinta.entry import view_entry

RESULTS_PER_PAGE = 25


@view_entry("hankehallinta.signed_in")
def item_search(request: HttpRequest) -> HttpResponse:
    """Items matching the filters among those "decisions.view_item" allows (as a queryset: visible_to)."""
    items = (
        AgendaItem.objects.visible_to(request.user)
        .select_related("meeting__body", "project")
        .with_dissent_flag()
        .newest_first()
    )
    filters = ItemSearchFilter(request.GET or None, queryset=items)
    searched = filters.is_bound
    valid = not searched or filters.is_valid()
    results = filters.qs if searched and valid else items.none()
    page = Paginator(results, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
    confidential = [item for item in page if not item.is_public]
    if confidential:
        # The titles of confidential items were shown (the log names them by id only).
        access_log.confidential_read(
            request, confidential[0], authority="decisions.view_item", items=[item.pk for item in confidential]
        )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "decisions/agendaitem_search.html",
        {"filter": filters, "page": page, "searched": searched and valid, "query_string": query.urlencode()},
    )
