"""The budget arithmetic of one project, exact in Decimal.

Amounts are stored as entered; totals, own contribution and the aid rate are derived here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Any

from budgets import flat_rate
from budgets.models import ZERO, BudgetLine, FinancingLine

if TYPE_CHECKING:
    from projects.models import Project

CAP_TOLERANCE = Decimal("1.00")
RATE_PLACES = Decimal("0.0001")


@dataclass(frozen=True)
class YearFigures:
    year: int
    gross_cost: Decimal
    grant_income: Decimal
    own_contribution: Decimal
    own_in_kind: Decimal
    financing: Decimal

    @property
    def balanced(self) -> bool:
        return self.gross_cost == self.financing


@dataclass(frozen=True)
class FundingBreakdown:
    budget_lines: list[BudgetLine]
    financing_lines: list[FinancingLine]
    max_aid_rate: Decimal | None = None
    years: list[int] = field(init=False)

    def __post_init__(self) -> None:
        years = {line.year for line in self.budget_lines} | {line.year for line in self.financing_lines}
        object.__setattr__(self, "years", sorted(years))

    @classmethod
    def for_project(cls, project: Project) -> FundingBreakdown:
        """Uses the project's lines as loaded: prefetch them to keep the query count fixed."""
        call = project.funding_call
        return cls(
            budget_lines=list(project.budget_lines.all()),
            financing_lines=list(project.financing_lines.all()),
            max_aid_rate=call.max_aid_rate if call else None,
        )

    @classmethod
    def for_snapshot(cls, snapshot: dict[str, Any]) -> FundingBreakdown:
        """The figures of a frozen application version, as unsaved lines: nothing is written."""
        rate = snapshot.get("max_aid_rate")
        return cls(
            budget_lines=[
                BudgetLine(
                    category=line["category"],
                    year=line["year"],
                    amount=Decimal(line["amount"]),
                    flat_rate=_decimal(line.get("flat_rate")),
                    flat_rate_base=line.get("flat_rate_base", []),
                )
                for line in snapshot.get("budget_lines", [])
            ],
            financing_lines=[
                FinancingLine(
                    source=line["source"],
                    funder_name=line.get("funder_name", ""),
                    year=line["year"],
                    amount=Decimal(line["amount"]),
                    in_kind=line.get("in_kind", False),
                )
                for line in snapshot.get("financing_lines", [])
            ],
            max_aid_rate=Decimal(rate) if rate is not None else None,
        )

    # Totals -------------------------------------------------------------------------------

    @property
    def total_cost(self) -> Decimal:
        return sum((line.amount for line in self.budget_lines), ZERO)

    @property
    def total_financing(self) -> Decimal:
        return sum((line.amount for line in self.financing_lines), ZERO)

    @property
    def applied(self) -> Decimal:
        return self._financing(FinancingLine.Source.APPLIED)

    @property
    def external_financing(self) -> Decimal:
        return sum(
            (line.amount for line in self.financing_lines if line.source in FinancingLine.Source.external()),
            ZERO,
        )

    @property
    def own_contribution(self) -> Decimal:
        """Total cost less external financing: what the county itself pays."""
        return self.total_cost - self.external_financing

    @property
    def own_contribution_entered(self) -> Decimal:
        return self._financing(FinancingLine.Source.OWN)

    @property
    def own_in_kind(self) -> Decimal:
        return sum(
            (line.amount for line in self.financing_lines if line.source == FinancingLine.Source.OWN and line.in_kind),
            ZERO,
        )

    @property
    def aid_rate(self) -> Decimal | None:
        """Applied / total, as a fraction; shown with two decimals as a percentage."""
        if not self.total_cost:
            return None
        return self.applied / self.total_cost

    @property
    def own_rate(self) -> Decimal | None:
        if not self.total_cost:
            return None
        return self.own_contribution / self.total_cost

    # Checks -------------------------------------------------------------------------------

    @property
    def is_balanced(self) -> bool:
        return self.total_cost == self.total_financing and all(year.balanced for year in self.per_year)

    @property
    def cap_amount(self) -> Decimal | None:
        """The exact cap in euros (80 % of 379 904 is 303 923,20); never rounded into an amount."""
        if self.max_aid_rate is None:
            return None
        return (self.total_cost * self.max_aid_rate).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)

    @property
    def over_cap_by(self) -> Decimal:
        if self.cap_amount is None:
            return ZERO
        return max(self.applied - self.cap_amount, ZERO)

    @property
    def exceeds_cap(self) -> bool:
        """Above the exact cap at all: a warning, as for the seed's 0,80 €."""
        return self.over_cap_by > ZERO

    @property
    def exceeds_cap_tolerance(self) -> bool:
        """A euro or more above the cap: more than rounding, an error."""
        return self.over_cap_by >= CAP_TOLERANCE

    # Tables -------------------------------------------------------------------------------

    @property
    def per_year(self) -> list[YearFigures]:
        rows = []
        for year in self.years:
            cost = sum((line.amount for line in self.budget_lines if line.year == year), ZERO)
            financing_lines = [line for line in self.financing_lines if line.year == year]
            grants = sum(
                (line.amount for line in financing_lines if line.source in FinancingLine.Source.external()), ZERO
            )
            in_kind = sum(
                (line.amount for line in financing_lines if line.source == FinancingLine.Source.OWN and line.in_kind),
                ZERO,
            )
            rows.append(
                YearFigures(
                    year=year,
                    gross_cost=cost,
                    grant_income=grants,
                    own_contribution=cost - grants,
                    own_in_kind=in_kind,
                    financing=sum((line.amount for line in financing_lines), ZERO),
                )
            )
        return rows

    @property
    def cost_table(self) -> list[tuple[str, list[Decimal], Decimal]]:
        """Rows of (category label, amount per year, row total) for the categories in use; a flat rate
        is labelled with its definition ("Flat-rate costs (40 % of staff costs)"), a row per definition."""
        rows = []
        for key, _label in BudgetLine.Category.choices:
            chosen = [line for line in self.budget_lines if line.category == key]
            for label, lines in flat_rate.labelled_groups(chosen):
                amounts = self.year_totals(lines)
                rows.append((label, amounts, sum(amounts, ZERO)))
        return rows

    @property
    def has_flat_rates(self) -> bool:
        return any(line.is_flat_rate for line in self.budget_lines)

    @property
    def financing_table(self) -> list[tuple[str, list[Decimal], Decimal]]:
        return self._table(self.financing_lines, "source", FinancingLine.Source)

    def year_totals(self, lines: list) -> list[Decimal]:
        return [sum((line.amount for line in lines if line.year == year), ZERO) for year in self.years]

    @property
    def cost_year_totals(self) -> list[Decimal]:
        return self.year_totals(self.budget_lines)

    @property
    def financing_year_totals(self) -> list[Decimal]:
        return self.year_totals(self.financing_lines)

    def _financing(self, source: str) -> Decimal:
        return sum((line.amount for line in self.financing_lines if line.source == source), ZERO)

    def _table(self, lines: list, attribute: str, choices: type) -> list[tuple[str, list[Decimal], Decimal]]:
        rows = []
        for key, label in choices.choices:
            chosen = [line for line in lines if getattr(line, attribute) == key]
            if chosen:
                amounts = self.year_totals(chosen)
                rows.append((label, amounts, sum(amounts, ZERO)))
        return rows


def _decimal(value: str | None) -> Decimal | None:
    return Decimal(value) if value is not None else None
