"""Flat-rate lines kept in step: after any write of a project's budget lines, each flat-rate line's
amount is recomputed from its base categories (budgets.flat_rate) in the same transaction."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction

from budgets.flat_rate import compute_flat_rates
from budgets.models import BudgetLine

if TYPE_CHECKING:
    from projects.models import Project


def recompute_flat_rates(project: Project) -> list[BudgetLine]:
    """Write the computed amount of every flat-rate line of `project` whose stored amount differs from
    it; return the lines written. Call it inside the transaction that wrote the base lines."""
    with transaction.atomic():
        lines = list(BudgetLine.objects.filter(project=project).select_for_update().order_by("year", "category"))
        changed = compute_flat_rates(lines)
        for line in changed:
            line.save(update_fields=["amount"])
    return changed
