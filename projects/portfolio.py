"""The finance view of many projects: one row per project and the gross budget per year across them.

Everything here runs a fixed number of queries however many projects there are, and nothing loads
every project into Python: the per-project sums are subqueries of the project query, the totals and
the per-year table are grouped sums over the lines of the filtered projects, which reach the database
as a subquery of the filtered project query (never as a list of ids). A page shows only its own
rows (`page_rows`); the exports read every row (`rows`, or `iter_rows` in chunks).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property
from typing import TYPE_CHECKING

from budgets.breakdown import YearFigures
from budgets.models import ZERO, BudgetLine, FinancingLine
from projects.models import Project, ProjectQuerySet

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from django.core.paginator import Page

RATE_PLACES = Decimal("0.000001")
#: The exports read the rows in chunks of this many projects.
EXPORT_CHUNK = 2000


@dataclass(frozen=True)
class PortfolioRow:
    """One project's line in the portfolio, from a project of Project.objects.with_portfolio_figures()."""

    project: Project
    total_cost: Decimal
    applied: Decimal
    external_financing: Decimal
    own_in_kind: Decimal

    @classmethod
    def of(cls, project: Project) -> PortfolioRow:
        return cls(
            project=project,
            total_cost=project.total_cost or ZERO,
            applied=project.applied_funding or ZERO,
            external_financing=project.external_financing or ZERO,
            own_in_kind=project.own_in_kind or ZERO,
        )

    @property
    def own_contribution(self) -> Decimal:
        """Total cost less external financing, as in FundingBreakdown."""
        return self.total_cost - self.external_financing

    @property
    def aid_rate(self) -> Decimal | None:
        """Applied / total as a fraction (six decimals: 0.800002), or None without costs."""
        if not self.total_cost:
            return None
        return (self.applied / self.total_cost).quantize(RATE_PLACES)


def figures_by_year(projects: Iterable[Project] | ProjectQuerySet, *, year: int | None = None) -> list[YearFigures]:
    """Gross cost, grant income and the net own contribution (in kind apart) per budget year across
    the projects (instances, or a queryset sent as a subquery): what each annual budget and financial
    plan must hold. Two grouped queries."""
    budget_lines = BudgetLine.objects.for_projects(projects)
    financing_lines = FinancingLine.objects.for_projects(projects)
    if year is not None:
        budget_lines, financing_lines = budget_lines.in_year(year), financing_lines.in_year(year)
    costs = budget_lines.by_year()
    income = financing_lines.income_by_year()
    empty = {"financing": ZERO, "grant_income": ZERO, "own_in_kind": ZERO}
    rows = []
    for each in sorted(costs.keys() | income.keys()):
        cost = costs.get(each, ZERO)
        money = income.get(each, empty)
        rows.append(
            YearFigures(
                year=each,
                gross_cost=cost,
                grant_income=money["grant_income"],
                own_contribution=cost - money["grant_income"],
                own_in_kind=money["own_in_kind"],
                financing=money["financing"],
            )
        )
    return rows


def _only_pks(projects: ProjectQuerySet) -> ProjectQuerySet:
    """The projects as a bare subquery: their keys, without the row figures or the order."""
    return projects.order_by().values("pk")


class Portfolio:
    """The filtered projects a user may see, their totals and their gross budget per year.

    `projects` is a queryset (filtered by the user's permission and the filters, in the list's order);
    every figure is computed in the database over all of them, whichever page is shown. Rejected
    projects are listed but left out of the per-year table: no budget holds them.
    """

    def __init__(self, projects: ProjectQuerySet, *, year: int | None = None) -> None:
        self.filtered = projects
        self.projects = projects.with_portfolio_figures()
        self.year = year

    @classmethod
    def of(cls, projects: ProjectQuerySet, *, year: int | None = None) -> Portfolio:
        """`projects` as filtered (their figures are added here); `year` limits the per-year table to one year."""
        return cls(projects, year=year)

    # The rows -----------------------------------------------------------------------------------

    @property
    def keys(self) -> ProjectQuerySet:
        """The filtered projects' keys in the list's order: what the page paginates."""
        return self.filtered.keys_newest_first()

    def page_rows(self, page: Page) -> list[PortfolioRow]:
        """The rows of one page of `keys` (hankehallinta.pagination.paginate), their figures computed
        for these projects only."""
        return [PortfolioRow.of(project) for project in self.projects.of_page(page.object_list)]

    @cached_property
    def rows(self) -> list[PortfolioRow]:
        """Every row (an export's, or a test's): loads all the filtered projects."""
        return list(self.iter_rows())

    def iter_rows(self, *, chunk_size: int = EXPORT_CHUNK) -> Iterator[PortfolioRow]:
        """Every row, read from the database in chunks (bounded memory for an export)."""
        for project in self.projects.iterator(chunk_size=chunk_size):
            yield PortfolioRow.of(project)

    @cached_property
    def count(self) -> int:
        """How many projects the filters hold."""
        return self.filtered.count()

    # The totals and the gross budget per year, over all the filtered projects --------------------

    @cached_property
    def _lines_by_year(self) -> tuple[dict, dict]:
        """Two grouped queries, one over each kind of line of every filtered project, that give both
        the totals (all the projects) and the per-year table (all but the rejected ones)."""
        keys, budgeted = _only_pks(self.filtered), _only_pks(self.filtered.budgeted())
        costs = BudgetLine.objects.for_projects(keys).cost_by_year(budgeted)
        money = FinancingLine.objects.for_projects(keys).portfolio_by_year(budgeted)
        return costs, money

    def _total(self, lines: dict, key: str) -> Decimal:
        return sum((year[key] for year in lines.values()), ZERO)

    @property
    def total_cost(self) -> Decimal:
        return self._total(self._lines_by_year[0], "cost")

    @property
    def applied(self) -> Decimal:
        return self._total(self._lines_by_year[1], "applied")

    @property
    def own_contribution(self) -> Decimal:
        """Total cost less external financing, summed over the projects (as each row computes it)."""
        return self.total_cost - self._total(self._lines_by_year[1], "external")

    @property
    def own_in_kind(self) -> Decimal:
        return self._total(self._lines_by_year[1], "own_in_kind")

    @cached_property
    def years(self) -> list[YearFigures]:
        """The per-year table: the years in which the budgeted projects have lines (only the chosen
        year when the filters name one), as figures_by_year computes them."""
        costs, money = self._lines_by_year
        rows = []
        for year in sorted(costs.keys() | money.keys()):
            cost = costs.get(year, {}).get("budgeted_cost")
            income = money.get(year, {})
            financing = income.get("budgeted_financing")
            if (cost is None and financing is None) or (self.year is not None and year != self.year):
                continue
            cost = cost if cost is not None else ZERO
            grant_income = income.get("budgeted_grant_income", ZERO)
            rows.append(
                YearFigures(
                    year=year,
                    gross_cost=cost,
                    grant_income=grant_income,
                    own_contribution=cost - grant_income,
                    own_in_kind=income.get("budgeted_own_in_kind", ZERO),
                    financing=financing if financing is not None else ZERO,
                )
            )
        return rows

    @property
    def year_totals(self) -> YearFigures | None:
        """The per-year table's total row (year 0 stands for "all years")."""
        if not self.years:
            return None
        return YearFigures(
            year=0,
            gross_cost=sum((row.gross_cost for row in self.years), ZERO),
            grant_income=sum((row.grant_income for row in self.years), ZERO),
            own_contribution=sum((row.own_contribution for row in self.years), ZERO),
            own_in_kind=sum((row.own_in_kind for row in self.years), ZERO),
            financing=sum((row.financing for row in self.years), ZERO),
        )
