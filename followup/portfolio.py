"""The portfolio of actuals: per budget year, across the filtered projects, the own contribution the
budget planned against the one the actual costs imply; the figure the county's finance department asks
for every autumn. One row per project besides, a page at a time.

The definitions, per budget year (calendar year of a budget line, of an actual cost's date):

- **planned own contribution** = the budget lines' costs − the planned external financing (every
  source but the county's own), as the portfolio computes it (projects.portfolio.Portfolio.years);
- **actual own contribution** = the actual costs × (1 − the granted aid rate) for a project with a
  funder's decision (Project.granted_aid_rate), and the whole actual costs for a project without
  one: nobody else pays them. Each year's figure is rounded half up to the cent once, after the sum.
  It is the county's share as the decision's rate splits it; the flat rate and the ceiling of the
  granted amount, which a payment claim applies, are left out;
- rejected projects are left out of the per-year table, as the planned portfolio leaves them out.

Everything runs a fixed number of queries, whatever the number of projects: the planned figures are
the portfolio's two grouped queries (projects.portfolio), the actual ones one more grouped query by
year and aid rate (a handful of distinct rates), over the filtered projects sent as a subquery, never
as a list of ids. The page's rows carry their actual costs as a subquery of the project query.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property
from typing import TYPE_CHECKING

from django.db import models
from django.db.models import F, OuterRef, Subquery, Sum
from django.db.models.functions import ExtractYear

from followup.models import ActualCost
from followup.money import ZERO, cents
from projects.portfolio import EXPORT_CHUNK, Portfolio, PortfolioRow

if TYPE_CHECKING:
    from collections.abc import Iterator

    from django.core.paginator import Page

    from projects.models import Project, ProjectQuerySet

ONE = Decimal(1)


def own_share(actual: Decimal, aid_rate: Decimal | None) -> Decimal:
    """The county's part of `actual` costs: (1 − aid rate) of them, all of them without a decision."""
    return actual if aid_rate is None else actual * (ONE - aid_rate)


def _actual_cost_sum() -> Subquery:
    """The sum of a project's actual costs, as a subquery of the project query."""
    return Subquery(
        ActualCost.objects.filter(project=OuterRef("pk"))
        .order_by()
        .values("project")
        .annotate(total=Sum("amount"))
        .values("total")[:1],
        output_field=models.DecimalField(max_digits=14, decimal_places=2),
    )


@dataclass(frozen=True)
class ActualsRow:
    """One project: its planned figures (PortfolioRow) and its actual costs to date."""

    plan: PortfolioRow
    actual_cost: Decimal

    @classmethod
    def of(cls, project: Project) -> ActualsRow:
        return cls(plan=PortfolioRow.of(project), actual_cost=project.actual_cost or ZERO)

    @property
    def project(self) -> Project:
        return self.plan.project

    @property
    def planned_cost(self) -> Decimal:
        return self.plan.total_cost

    @property
    def remaining(self) -> Decimal:
        return self.planned_cost - self.actual_cost

    @property
    def planned_own(self) -> Decimal:
        return self.plan.own_contribution

    @property
    def actual_own(self) -> Decimal:
        return cents(own_share(self.actual_cost, self.project.granted_aid_rate))


@dataclass(frozen=True)
class ActualYear:
    """One budget year across the projects: planned and actual cost and own contribution."""

    year: int
    planned_cost: Decimal
    planned_external: Decimal
    actual_cost: Decimal
    actual_own: Decimal

    @property
    def planned_own(self) -> Decimal:
        """Cost less planned external financing, as the portfolio computes the own contribution."""
        return self.planned_cost - self.planned_external

    @property
    def remaining(self) -> Decimal:
        return self.planned_cost - self.actual_cost

    @property
    def own_difference(self) -> Decimal:
        """Actual own contribution − planned: above zero, the county pays more than it budgeted."""
        return self.actual_own - self.planned_own


class ActualsPortfolio:
    """The filtered projects' planned and actual figures per budget year, and their rows a page at a time.

    `projects` is the filtered queryset in the list's order; `year` limits the per-year table to one year.
    """

    def __init__(self, projects: ProjectQuerySet, *, year: int | None = None) -> None:
        self.plan = Portfolio.of(projects, year=year)
        self.filtered = projects
        self.year = year
        self.projects = self.plan.projects.annotate(actual_cost=_actual_cost_sum())

    @classmethod
    def of(cls, projects: ProjectQuerySet, *, year: int | None = None) -> ActualsPortfolio:
        return cls(projects, year=year)

    # The rows -----------------------------------------------------------------------------------

    @property
    def keys(self) -> ProjectQuerySet:
        """What the page paginates: the filtered projects' keys in the list's order."""
        return self.plan.keys

    @property
    def count(self) -> int:
        return self.plan.count

    def page_rows(self, page: Page) -> list[ActualsRow]:
        """The rows of one page of `keys`, their figures computed for these projects only."""
        return [ActualsRow.of(project) for project in self.projects.of_page(page.object_list)]

    def iter_rows(self, *, chunk_size: int = EXPORT_CHUNK) -> Iterator[ActualsRow]:
        """Every row, read in chunks (an export's)."""
        for project in self.projects.iterator(chunk_size=chunk_size):
            yield ActualsRow.of(project)

    # Per budget year ----------------------------------------------------------------------------

    @cached_property
    def _actuals_by_year(self) -> dict[int, tuple[Decimal, Decimal]]:
        """{year: (actual costs, actual own contribution)} over the budgeted filtered projects: one
        query grouped by year and the projects' aid rate, the own share computed here in Decimal."""
        keys = self.filtered.budgeted().order_by().values("pk")
        costs = ActualCost.objects.filter(project__in=keys).order_by()
        if self.year is not None:
            costs = costs.filter(date__year=self.year)
        rows = (
            costs.annotate(year=ExtractYear("date"))
            .values("year", rate=F("project__granted_aid_rate"))
            .annotate(amount=Sum("amount"))
        )
        sums: dict[int, tuple[Decimal, Decimal]] = {}
        for row in rows:
            actual, own = sums.get(row["year"], (ZERO, ZERO))
            sums[row["year"]] = (actual + row["amount"], own + own_share(row["amount"], row["rate"]))
        return {year: (actual, cents(own)) for year, (actual, own) in sums.items()}

    @cached_property
    def years(self) -> list[ActualYear]:
        """The years in which the budgeted projects have budget lines or actual costs (only the chosen
        year when the filters name one)."""
        planned = {figures.year: figures for figures in self.plan.years}
        actuals = self._actuals_by_year
        rows = []
        for year in sorted(planned.keys() | actuals.keys()):
            plan = planned.get(year)
            actual_cost, actual_own = actuals.get(year, (ZERO, ZERO))
            rows.append(
                ActualYear(
                    year=year,
                    planned_cost=plan.gross_cost if plan else ZERO,
                    planned_external=plan.grant_income if plan else ZERO,
                    actual_cost=actual_cost,
                    actual_own=actual_own,
                )
            )
        return rows

    @property
    def year_totals(self) -> ActualYear | None:
        """The per-year table's total row (year 0 stands for "all years")."""
        if not self.years:
            return None
        return ActualYear(
            year=0,
            planned_cost=sum((row.planned_cost for row in self.years), ZERO),
            planned_external=sum((row.planned_external for row in self.years), ZERO),
            actual_cost=sum((row.actual_cost for row in self.years), ZERO),
            actual_own=sum((row.actual_own for row in self.years), ZERO),
        )
