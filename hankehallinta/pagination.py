"""Every list and search in pages of a fixed size, with a count that stays cheap at any volume.

    page = paginate(request, Project.objects.visible_to(user).newest_first(), per_page=50)

The count is capped: the paginator counts at most ``MAX_COUNTED_ROWS`` rows (one ``COUNT`` over a
``LIMIT``-ed subquery, which an index on the list's order answers without reading the table), so a
list of 100 000 rows costs what one of 10 000 costs. Beyond the cap the page says "over 10 000" and
the reader narrows the filters; the last reachable page is the cap's. A page number that is not a
number or lies beyond the last page gives the last page, as Django's ``get_page`` does.
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

from django.core.paginator import Page, Paginator

if TYPE_CHECKING:
    from django.db.models import QuerySet
    from django.http import HttpRequest

#: A list counts at most this many rows; the reader filters to reach the rest.
MAX_COUNTED_ROWS = 10_000


class CappedPaginator(Paginator):
    """A Paginator whose count stops at ``max_count`` (``is_capped`` tells the page it did)."""

    def __init__(self, object_list: QuerySet, per_page: int, *, max_count: int = MAX_COUNTED_ROWS) -> None:
        super().__init__(object_list, per_page)
        self.max_count = max_count

    @cached_property
    def full_count(self) -> int:
        """The rows counted, up to one past the cap (so that the cap can be told from exactly it)."""
        return self.object_list[: self.max_count + 1].count()

    @cached_property
    def count(self) -> int:
        return min(self.full_count, self.max_count)

    @property
    def is_capped(self) -> bool:
        """More rows exist than were counted."""
        return self.full_count > self.max_count


def paginate(request: HttpRequest, rows: QuerySet, *, per_page: int, max_count: int = MAX_COUNTED_ROWS) -> Page:
    """The page of ``rows`` the request's ``page`` parameter asks for (the first without one)."""
    return CappedPaginator(rows, per_page, max_count=max_count).get_page(request.GET.get("page"))


def query_without_page(request: HttpRequest) -> str:
    """The request's query string less its page number: what the previous and next links carry."""
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()
