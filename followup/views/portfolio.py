"""The portfolio of actuals, /followup/portfolio/: per budget year the planned against the actual own
contribution across the filtered projects (followup.portfolio), their rows a page at a time, and the
XLSX export of every filtered project. The filters are the portfolio's own (projects.filters), so
the two pages and their exports hold the same projects.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from followup.exports import actuals_xlsx
from followup.portfolio import ActualsPortfolio
from hankehallinta.audit import record
from hankehallinta.entry import view_entry
from hankehallinta.models import AuditEvent
from hankehallinta.pagination import paginate, query_without_page
from projects.filters import PortfolioFilter
from projects.models import Project

PROJECTS_PER_PAGE = 50
XLSX = "xlsx"


def _xlsx_query(request: HttpRequest) -> str:
    """The page's own filters plus format=xlsx (every page's rows: no page)."""
    params = request.GET.copy()
    params.pop("page", None)
    params["format"] = XLSX
    return params.urlencode()


@view_entry("followup.view_actuals_portfolio")
def actuals_portfolio(request: HttpRequest) -> HttpResponse:
    export = request.GET.get("format", "")
    if export and export != XLSX:
        raise Http404
    filters = PortfolioFilter(request.GET or None, queryset=Project.objects.visible_to(request.user))
    valid = not filters.is_bound or filters.is_valid()
    projects = (filters.qs if valid else Project.objects.none()).newest_first()
    portfolio = ActualsPortfolio.of(projects, year=filters.budget_year)
    if export and valid:
        # An export is a disclosure: the log says what left, filtered how, and how many rows.
        record(
            AuditEvent.Action.EXPORT,
            request=request,
            detail={"format": export, "report": "actuals", "filters": filters.used, "rows": portfolio.count},
        )
        return actuals_xlsx(portfolio, filename=f"toteuma-{timezone.localdate():%Y-%m-%d}.xlsx")
    page = paginate(request, portfolio.keys, per_page=PROJECTS_PER_PAGE)
    context = {
        "filter": filters,
        "portfolio": portfolio,
        "page": page,
        "page_rows": portfolio.page_rows(page),
        "params": query_without_page(request),
        "xlsx_query": _xlsx_query(request),
    }
    return render(request, "followup/actuals_portfolio.html", context, status=200 if valid else 400)
