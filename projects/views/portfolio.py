"""The portfolio: the finance view of every project the user may see, and its CSV and XLSX exports.

The page shows one page of project rows; its totals and the gross budget per year are computed in
the database over every filtered project (projects.portfolio.Portfolio), and the exports hold them all.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from hankehallinta.audit import record
from hankehallinta.entry import view_entry
from hankehallinta.models import AuditEvent
from hankehallinta.pagination import paginate, query_without_page
from projects.exports import portfolio_csv, portfolio_xlsx
from projects.filters import PortfolioFilter
from projects.models import Project
from projects.portfolio import Portfolio

EXPORTS = {"csv": portfolio_csv, "xlsx": portfolio_xlsx}
PROJECTS_PER_PAGE = 50


def _query_with(request: HttpRequest, export: str) -> str:
    """The page's own filters plus format=<export>, for the export links (every page's rows: no page)."""
    params = request.GET.copy()
    params.pop("page", None)
    params["format"] = export
    return params.urlencode()


@view_entry("projects.view_portfolio")
def portfolio(request: HttpRequest) -> HttpResponse:
    export = request.GET.get("format", "")
    if export and export not in EXPORTS:
        raise Http404
    filters = PortfolioFilter(request.GET or None, queryset=Project.objects.visible_to(request.user))
    valid = not filters.is_bound or filters.is_valid()
    projects = (filters.qs if valid else Project.objects.none()).newest_first()
    portfolio = Portfolio.of(projects, year=filters.budget_year)
    if export and valid:
        # An export is a disclosure: the log says what left, filtered how, and how many rows.
        record(
            AuditEvent.Action.EXPORT,
            request=request,
            detail={"format": export, "filters": filters.used, "rows": portfolio.count},
        )
        filename = f"hankesalkku-{timezone.localdate():%Y-%m-%d}.{export}"
        return EXPORTS[export](portfolio, filename=filename)
    page = paginate(request, portfolio.keys, per_page=PROJECTS_PER_PAGE)
    context = {
        "filter": filters,
        "portfolio": portfolio,
        "page": page,
        "page_rows": portfolio.page_rows(page),
        "params": query_without_page(request),
        "csv_query": _query_with(request, "csv"),
        "xlsx_query": _query_with(request, "xlsx"),
    }
    return render(request, "projects/project_portfolio.html", context, status=200 if valid else 400)
