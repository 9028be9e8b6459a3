"""The staff search: every agenda item the signed-in user may see, with its extract one click away.

A search runs one count and one page query (both through the search indexes on PostgreSQL, see
decisions.models.search), and one more for the snippets of the page's rows. The archive's public
search (decisions.views.archive) pages its results the same way (`results_page`).
"""

from __future__ import annotations

from functools import cached_property

from django.core.paginator import Page
from django.db.models import QuerySet, Subquery
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language

from decisions.forms.search import ItemSearchFilter
from decisions.models import AgendaItem
from decisions.models.search import snippets
from hankehallinta import access_log
from hankehallinta.entry import view_entry
from hankehallinta.pagination import CappedPaginator, query_without_page

RESULTS_PER_PAGE = 25


class SearchPaginator(CappedPaginator):
    """Search results in two narrow steps: the count without ranking the rows or computing their
    annotations (which rows match does not depend on their order), and the page as the ids of its rows
    ranked among all matches (a sort of ids, not of whole rows), then those rows with all they show."""

    @cached_property
    def full_count(self) -> int:
        return self.object_list.order_by().values("pk")[: self.max_count + 1].count()

    def page(self, number: int | str) -> Page:
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        ids = self.object_list.values("pk")[bottom:top]
        return self._get_page(self.object_list.filter(pk__in=Subquery(ids)), number, self)


def results_page(request: HttpRequest, results: QuerySet, *, per_page: int) -> Page:
    """The page of search results the request's `page` parameter asks for (capped count)."""
    return SearchPaginator(results, per_page).get_page(request.GET.get("page"))


def with_snippets(items: list[AgendaItem], query: str) -> list[tuple[AgendaItem, str]]:
    """Each item of a page in the reader's language (a bilingual item's texts in it, `in_language`;
    the body is selected with the items) with its highlighted snippet, cut from its `snippet_text` and
    read in that text's language."""
    if not items:
        return []
    shown = [item.in_language(get_language()) for item in items]
    texts = snippets(
        [item.snippet_text for item in shown],
        query,
        using=items[0]._state.db,
        languages=[item.language for item in shown],
    )
    return list(zip(shown, texts, strict=True))


@view_entry("hankehallinta.signed_in")
def item_search(request: HttpRequest) -> HttpResponse:
    """Items matching the filters among those "decisions.view_item" allows (as a queryset: visible_to)."""
    items = (
        AgendaItem.objects.visible_to(request.user)
        .select_related("meeting__body", "body")
        .prefetch_related("project")  # for the page's rows only, not joined to every match
        .with_dissent_flag()
        .newest_first()
    )
    filters = ItemSearchFilter(request.GET or None, queryset=items)
    searched = filters.is_bound and filters.is_valid()
    page = results_page(request, filters.qs if searched else items.none(), per_page=RESULTS_PER_PAGE)
    rows = with_snippets(list(page), filters.words)
    confidential = [item for item, _snippet in rows if not item.is_public]
    if confidential:
        # The titles of confidential items were shown (the log names them by id only).
        access_log.confidential_read(
            request, confidential[0], authority="decisions.view_item", items=[item.pk for item in confidential]
        )
    return render(
        request,
        "decisions/agendaitem_search.html",
        {"filter": filters, "page": page, "rows": rows, "searched": searched, "params": query_without_page(request)},
    )
