"""The finance view of many projects: one row per project and the gross budget per year across them.

Everything here runs a fixed number of queries however many projects there are: the per-project
sums are subqueries of the one project query, and the per-year table is two grouped queries.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from budgets.breakdown import YearFigures
from budgets.models import ZERO, BudgetLine, FinancingLine
from projects.models import Project

if TYPE_CHECKING:
    from collections.abc import Iterable

RATE_PLACES = Decimal("0.000001")


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


def figures_by_year(projects: Iterable[Project], *, year: int | None = None) -> list[YearFigures]:
    """Gross cost, grant income and the net own contribution (in kind apart) per budget year across
    the projects: what each annual budget and financial plan must hold. Two grouped queries."""
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


@dataclass(frozen=True)
class Portfolio:
    """The filtered projects a user may see, and their gross budget per year.

    Rejected projects are listed but left out of the per-year table: no budget holds them.
    """

    rows: list[PortfolioRow]
    years: list[YearFigures]
    year: int | None = None

    @classmethod
    def of(cls, projects: Iterable[Project], *, year: int | None = None) -> Portfolio:
        """`projects` come from Project.objects.with_portfolio_figures(); `year` limits the per-year
        table to one year."""
        rows = [PortfolioRow.of(project) for project in projects]
        budgeted = [row.project for row in rows if row.project.state != Project.State.REJECTED]
        return cls(rows=rows, years=figures_by_year(budgeted, year=year), year=year)

    @property
    def total_cost(self) -> Decimal:
        return sum((row.total_cost for row in self.rows), ZERO)

    @property
    def applied(self) -> Decimal:
        return sum((row.applied for row in self.rows), ZERO)

    @property
    def own_contribution(self) -> Decimal:
        return sum((row.own_contribution for row in self.rows), ZERO)

    @property
    def own_in_kind(self) -> Decimal:
        return sum((row.own_in_kind for row in self.rows), ZERO)

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
