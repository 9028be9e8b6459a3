"""Actual costs for the tests of actual against plan and its portfolio, written with bulk_create.

    add_costs(project, user, [("2024-03-31", "staff", "1115.55"), ("2024-04-30", "", "10.00")])

A category "" is a cost whose account is not mapped yet. `bulk_actual_costs` gives many projects a
few costs each (the portfolio's query-count test at 1 000 projects).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from itertools import cycle
from typing import TYPE_CHECKING

from followup.models import ActualCost

if TYPE_CHECKING:
    from collections.abc import Iterable

    from django.contrib.auth.models import User

    from projects.models import Project

BATCH = 2_000
CATEGORIES = ("staff", "services", "travel", "")


def add_costs(project: Project, user: User, rows: Iterable[tuple[str, str, str]]) -> list[ActualCost]:
    """(ISO date, category, amount) rows of manual costs for `project`."""
    return ActualCost.objects.bulk_create(
        ActualCost(
            project=project,
            date=dt.date.fromisoformat(day),
            category=category,
            amount=Decimal(amount),
            description=f"Kulu {number}",
            created_by=user,
        )
        for number, (day, category, amount) in enumerate(rows, start=1)
    )


def bulk_actual_costs(projects: Iterable[Project], user: User, *, per_project: int = 2) -> int:
    """`per_project` costs with cents for each project, dated in its first year; returns how many."""
    categories = cycle(CATEGORIES)
    costs = [
        ActualCost(
            project=project,
            date=dt.date(project.start_date.year, 6, 1 + number),
            category=next(categories),
            amount=Decimal(12345 + 101 * number + project.pk % 97).scaleb(-2),
            created_by=user,
        )
        for project in projects
        for number in range(per_project)
    ]
    ActualCost.objects.bulk_create(costs, batch_size=BATCH)
    return len(costs)
