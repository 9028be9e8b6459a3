"""Actual against plan (toteuma): per cost category and budget year, what the budget holds, what was
spent, what is left and how far the spending is from the plan.

For one project, from its budget lines and one grouped query over its actual costs
(`values("category", "year").annotate(Sum)`), whatever the number of rows:

- **budget**: the budget lines' amounts (BudgetLine, category × year);
- **actual**: the actual costs mapped to the category, summed per year. Costs whose account is not
  mapped to a category yet are shown apart, on their own row, and counted in the total;
- **remaining** = budget − actual; **variance** = actual − budget in euros (above zero: overspent)
  and in per cent of the budget, rounded half up to 0,1 % (none when the budget is zero);
- **the flat rate** is computed from the ACTUAL base costs: a year whose plan has a flat-rate line
  (40 % of staff costs) gets as its actual the line's rate × that year's actual costs in its base
  categories, rounded to the cent (budgets.flat_rate.flat_rate_amount, as the plan computes it).
  Costs booked to the flat-rate category in such a year are set apart and not counted: the flat rate
  covers them. A flat-rate line typed by hand (no rate) compares with the costs booked to it;
- **the forecast** for the current year: the actual to date plus the plan for the rest of the year.
  "To date" is the date of the project's latest actual cost that year (the ledger runs behind the
  calendar); the rest is the budget times the share of the project's days in the year still after
  that date. A year without actual costs yet is forecast at its budget;
- **a warning** when a category's actual (or its forecast) exceeds its budget by more than the call's
  variance limit (FundingCall.variance_limit, a fraction: 0,1500 is 15 %). A cost in a category the
  budget has nothing for always passes a set limit. Without a limit nothing is warned.

Amounts are Decimal end to end; every figure shown is rounded to the cent (followup.money.cents).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

from django.db.models import Max, Sum
from django.db.models.functions import ExtractYear
from django.utils import timezone
from django.utils.translation import gettext as _

from budgets import flat_rate
from budgets.models import BudgetLine
from followup.models import ActualCost
from followup.money import ZERO, cents, total

if TYPE_CHECKING:
    from collections.abc import Iterable

    from projects.models import Project

Category = BudgetLine.Category
HUNDRED = Decimal(100)
TENTH = Decimal("0.1")
UNMAPPED = ""


def variance_percent(variance: Decimal, budget: Decimal) -> Decimal | None:
    """The variance in per cent of the budget, half up to 0,1 %: 115 of 1 000 is 11.5; None without a budget."""
    if not budget:
        return None
    percent = (variance * HUNDRED / budget).quantize(TENTH, rounding=ROUND_HALF_UP)
    return percent if percent else abs(percent)  # never "-0,0 %"


def passes_limit(budget: Decimal, spent: Decimal, limit: Decimal | None) -> bool:
    """Whether `spent` exceeds `budget` by more than `limit` (a fraction of the budget); exactly at the
    limit is within it. Without a limit nothing passes."""
    if limit is None:
        return False
    return spent - budget > budget * limit


@dataclass(frozen=True)
class Figures:
    """Budget and actual of one cell (a category in a year, or in all years), with what follows."""

    budget: Decimal
    actual: Decimal
    limit: Decimal | None = None
    #: The current year's forecast (None in other years).
    forecast: Decimal | None = None

    @property
    def remaining(self) -> Decimal:
        return self.budget - self.actual

    @property
    def variance(self) -> Decimal:
        """Actual − budget: above zero when more was spent than planned."""
        return self.actual - self.budget

    @property
    def variance_percent(self) -> Decimal | None:
        return variance_percent(self.variance, self.budget)

    @property
    def over_limit(self) -> bool:
        return passes_limit(self.budget, self.actual, self.limit)

    @property
    def forecast_over_limit(self) -> bool:
        return self.forecast is not None and passes_limit(self.budget, self.forecast, self.limit)


@dataclass(frozen=True)
class CategoryRow:
    """One cost category: a cell per year (in ActualVsPlan.years' order) and the whole project."""

    category: str
    label: str
    cells: list[Figures]
    total: Figures
    #: The flat rate computed from the actual base costs (in at least one year).
    computed: bool = False

    @property
    def over_limit(self) -> bool:
        return self.total.over_limit or any(cell.over_limit or cell.forecast_over_limit for cell in self.cells)


@dataclass(frozen=True)
class LimitWarning:
    """A category whose variance passes the call's limit: in a year (None: the whole project), or as
    forecast for the current year."""

    category: str
    label: str
    year: int | None
    variance_percent: Decimal | None
    forecast: bool = False

    def __str__(self) -> str:
        where = str(self.year) if self.year else _("the whole project")
        percent = "" if self.variance_percent is None else f" (+{format_tenths(self.variance_percent)})"
        if self.forecast:
            return _("%(category)s, %(year)s: the forecast passes the variance limit") % {
                "category": self.label,
                "year": where,
            }
        return _("%(category)s, %(year)s: the variance passes the limit%(percent)s") % {
            "category": self.label,
            "year": where,
            "percent": percent,
        }


def format_tenths(percent: Decimal | None) -> str:
    """A percentage with one decimal the Finnish way: 11.5 -> "11,5 %", -38.3 -> "-38,3 %" (a hyphen as
    format_eur writes a negative amount; a no-break space before the sign)."""
    if percent is None:
        return ""
    return f"{percent:.1f}".replace(".", ",") + "\u00a0%"


@dataclass(frozen=True)
class ActualVsPlan:
    """A project's actual against plan (see the module): rows per category, unmapped costs apart,
    the totals per year, the call's limit and the warnings."""

    project: Project
    years: list[int]
    rows: list[CategoryRow]
    unmapped: list[Decimal]
    set_apart: list[Decimal]
    totals: list[Figures]
    total: Figures
    limit: Decimal | None
    current_year: int | None
    as_of: dt.date | None
    has_actuals: bool = False
    warnings: list[LimitWarning] = field(default_factory=list)

    @property
    def unmapped_total(self) -> Decimal:
        return total(self.unmapped)

    @property
    def set_apart_total(self) -> Decimal:
        return total(self.set_apart)

    @property
    def has_computed_flat_rate(self) -> bool:
        return any(row.computed for row in self.rows)

    @property
    def has_figures(self) -> bool:
        """Worth a table: actual costs are recorded, or the funder decided on a budgeted project."""
        decided = self.project.funding_decision_date is not None
        return self.has_actuals or (decided and bool(self.rows))

    @property
    def by_year(self) -> list[tuple[int, list[tuple[CategoryRow, Figures]], Figures, Decimal]]:
        """Per year: the categories' cells of that year, the year's totals and its unmapped costs
        (the page shows one table per year)."""
        return [
            (year, [(row, row.cells[index]) for row in self.rows], self.totals[index], self.unmapped[index])
            for index, year in enumerate(self.years)
        ]


# Reading the figures ------------------------------------------------------------------------------


def actuals_by_category_and_year(project: Project) -> dict[tuple[str, int], tuple[Decimal, dt.date]]:
    """{(category, year): (sum of amounts, latest date)} of the project's actual costs: one grouped query."""
    rows = (
        ActualCost.objects.for_project(project)
        .order_by()
        .annotate(year=ExtractYear("date"))
        .values("category", "year")
        .annotate(amount=Sum("amount"), last=Max("date"))
    )
    return {(row["category"], row["year"]): (row["amount"], row["last"]) for row in rows}


def _project_span(project: Project, year: int) -> tuple[dt.date, dt.date]:
    """The project's days in `year`."""
    return max(dt.date(year, 1, 1), project.start_date), min(dt.date(year, 12, 31), project.end_date)


def share_ahead(project: Project, year: int, as_of: dt.date | None) -> Decimal:
    """The share of the project's days in `year` after `as_of` (1 without a date, 0 after the last)."""
    first, last = _project_span(project, year)
    days = (last - first).days + 1
    if days <= 0:
        return ZERO
    if as_of is None or as_of < first:
        return Decimal(1)
    ahead = max((last - as_of).days, 0)
    return Decimal(ahead) / Decimal(days)


def forecast(actual: Decimal, budget: Decimal, ahead: Decimal) -> Decimal:
    """The actual to date plus the plan for the rest: actual + budget × share ahead, to the cent."""
    return cents(actual + budget * ahead)


class _Builder:
    """Builds an ActualVsPlan from the lines and the grouped actuals; reads nothing itself."""

    def __init__(self, project: Project, lines: list[BudgetLine], actuals: dict, today: dt.date) -> None:
        self.project = project
        self.lines = {(line.category, line.year): line for line in lines}
        self.actuals = {key: amount for key, (amount, _last) in actuals.items()}
        self.limit = project.funding_call.variance_limit if project.funding_call else None
        line_years = {line.year for line in lines}
        actual_years = {year for _category, year in actuals}
        self.years = sorted(set(project.years) | line_years | actual_years)
        self.current_year = today.year if today.year in self.years else None
        dates = [last for (_category, year), (_amount, last) in actuals.items() if year == today.year]
        self.as_of = max(dates) if dates else None
        self.ahead = share_ahead(project, today.year, self.as_of) if self.current_year else ZERO

    def budget(self, category: str, year: int) -> Decimal:
        line = self.lines.get((category, year))
        return line.amount if line is not None and line.amount is not None else ZERO

    def booked(self, category: str, year: int) -> Decimal:
        return self.actuals.get((category, year), ZERO)

    def computed_line(self, category: str, year: int) -> BudgetLine | None:
        line = self.lines.get((category, year))
        return line if line is not None and line.is_flat_rate else None

    def actual(self, category: str, year: int) -> Decimal:
        """The booked costs; a computed flat-rate line's rate × the year's actual base costs."""
        line = self.computed_line(category, year)
        if line is None:
            return self.booked(category, year)
        base = total(self.booked(other, year) for other in line.base_categories)
        return flat_rate.flat_rate_amount(line.flat_rate, base)

    def cell(self, budget: Decimal, actual: Decimal, year: int, limit: Decimal | None) -> Figures:
        ahead = forecast(actual, budget, self.ahead) if year == self.current_year else None
        return Figures(budget=budget, actual=actual, limit=limit, forecast=ahead)

    def row(self, category: str) -> CategoryRow | None:
        budgets = [self.budget(category, year) for year in self.years]
        actuals = [self.actual(category, year) for year in self.years]
        has_line = any((category, year) in self.lines for year in self.years)
        if not has_line and not any(actuals):
            return None
        cells = [self.cell(b, a, year, self.limit) for b, a, year in zip(budgets, actuals, self.years, strict=True)]
        whole = Figures(budget=total(budgets), actual=total(actuals), limit=self.limit)
        computed = [self.computed_line(category, year) for year in self.years]
        first = next((line for line in computed if line is not None), None)
        label = flat_rate.label(first) if first is not None else str(Category(category).label)
        return CategoryRow(category=category, label=label, cells=cells, total=whole, computed=first is not None)

    def set_apart(self, year: int) -> Decimal:
        computed = self.computed_line(Category.FLAT_RATE, year) is not None
        return self.booked(Category.FLAT_RATE, year) if computed else ZERO

    def build(self) -> ActualVsPlan:
        rows = [row for category in Category.values if (row := self.row(category)) is not None]
        unmapped = [self.booked(UNMAPPED, year) for year in self.years]
        totals = []
        for index, year in enumerate(self.years):
            budget = total(row.cells[index].budget for row in rows)
            actual = total(row.cells[index].actual for row in rows) + unmapped[index]
            totals.append(self.cell(budget, actual, year, None))
        whole = Figures(budget=total(t.budget for t in totals), actual=total(t.actual for t in totals))
        return ActualVsPlan(
            project=self.project,
            years=self.years,
            rows=rows,
            unmapped=unmapped,
            set_apart=[self.set_apart(year) for year in self.years],
            totals=totals,
            total=whole,
            limit=self.limit,
            current_year=self.current_year,
            as_of=self.as_of,
            has_actuals=bool(self.actuals),
            warnings=list(_warnings(rows, self.years)),
        )


def _warnings(rows: Iterable[CategoryRow], years: list[int]) -> Iterable[LimitWarning]:
    for row in rows:
        for year, cell in zip(years, row.cells, strict=True):
            if cell.over_limit:
                yield LimitWarning(row.category, row.label, year, cell.variance_percent)
            elif cell.forecast_over_limit:
                yield LimitWarning(
                    row.category, row.label, year, variance_percent(cell.forecast - cell.budget, cell.budget), True
                )
        if row.total.over_limit:
            yield LimitWarning(row.category, row.label, None, row.total.variance_percent)


def actual_vs_plan(project: Project, *, today: dt.date | None = None) -> ActualVsPlan:
    """The project's actual against plan on `today` (default: today): its budget lines (prefetched ones
    are used), its call (select_related saves a query) and one grouped query over its actual costs."""
    lines = list(project.budget_lines.all())
    return _Builder(project, lines, actuals_by_category_and_year(project), today or timezone.localdate()).build()
