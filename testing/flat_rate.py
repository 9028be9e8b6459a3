"""A project with an ESR+ flat rate for tests: 40 % of staff costs over three budget years.

Staff costs 57 437,00 € / 60 000,00 € / 30 000,00 € in 2024–2026, so the flat-rate lines are
22 974,80 € / 24 000,00 € / 12 000,00 €; the funding applied for and a municipal co-funder cover
each year exactly (no call: no cap).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from budgets.models import BudgetLine, FinancingLine
from projects.models import Project
from testing.factories import BudgetLineFactory, FinancingLineFactory, ProjectFactory

STAFF = {2024: Decimal("57437.00"), 2025: Decimal("60000.00"), 2026: Decimal("30000.00")}
FLAT = {2024: Decimal("22974.80"), 2025: Decimal("24000.00"), 2026: Decimal("12000.00")}
MUNICIPAL = Decimal("10000.00")


def flat_rate_project(**fields: Any) -> Project:
    """Stored lines: staff and a 40 % flat rate on them each year; applied + municipal = the year's cost."""
    project = ProjectFactory(
        **{"start_date": dt.date(2024, 1, 1), "end_date": dt.date(2026, 12, 31), "funding_call": None, **fields}
    )
    for year, staff in STAFF.items():
        BudgetLineFactory(project=project, category=BudgetLine.Category.STAFF, year=year, amount=staff)
        BudgetLineFactory(
            project=project,
            category=BudgetLine.Category.FLAT_RATE,
            year=year,
            amount=FLAT[year],
            flat_rate=Decimal("0.4000"),
            flat_rate_base=[BudgetLine.Category.STAFF],
        )
        FinancingLineFactory(
            project=project,
            source=FinancingLine.Source.APPLIED,
            year=year,
            amount=staff + FLAT[year] - MUNICIPAL,
        )
        FinancingLineFactory(project=project, source=FinancingLine.Source.MUNICIPAL, year=year, amount=MUNICIPAL)
    return project


def row_of(data: dict[str, Any], prefix: str, **values: str) -> int:
    """The index of the editor's row in `prefix` whose posted fields hold `values` (category="staff", year="2024")."""
    total = int(data[f"{prefix}-TOTAL_FORMS"])
    for index in range(total):
        if all(data.get(f"{prefix}-{index}-{name}") == value for name, value in values.items()):
            return index
    raise LookupError(f"no {prefix} row with {values}")
