"""The portfolio: the finance view of every project the user may see, and its CSV and XLSX exports."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from hankehallinta.audit import record
from hankehallinta.entry import view_entry
from hankehallinta.models import AuditEvent
from hankehallinta.permissions import has_permission
from projects.exports import portfolio_csv, portfolio_xlsx
from projects.filters import PortfolioFilter
from projects.models import Project
from projects.portfolio import Portfolio

EXPORTS = {"csv": portfolio_csv, "xlsx": portfolio_xlsx}


def _query_with(request: HttpRequest, export: str) -> str:
    """The page's own filters plus format=<export>, for the export links."""
    params = request.GET.copy()
    params["format"] = export
    return params.urlencode()


@view_entry("projects.view_portfolio")
def portfolio(request: HttpRequest) -> HttpResponse:
    export = request.GET.get("format", "")
    if export and export not in EXPORTS:
        raise Http404
    filters = PortfolioFilter(request.GET or None, queryset=Project.objects.all())
    valid = not filters.is_bound or filters.is_valid()
    projects = (filters.qs if valid else Project.objects.none()).with_portfolio_figures()
    portfolio = Portfolio.of(
        [project for project in projects if has_permission(request.user, "projects.view_project", project)],
        year=filters.budget_year,
    )
    if export and valid:
        # An export is a disclosure: the log says what left, filtered how, and how many rows.
        record(
            AuditEvent.Action.EXPORT,
            request=request,
            detail={"format": export, "filters": filters.used, "rows": len(portfolio.rows)},
        )
        filename = f"hankesalkku-{timezone.localdate():%Y-%m-%d}.{export}"
        return EXPORTS[export](portfolio, filename=filename)
    context = {
        "filter": filters,
        "portfolio": portfolio,
        "csv_query": _query_with(request, "csv"),
        "xlsx_query": _query_with(request, "xlsx"),
    }
    return render(request, "projects/project_portfolio.html", context, status=200 if valid else 400)
