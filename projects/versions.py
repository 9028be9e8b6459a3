"""Frozen application versions: a canonical snapshot of everything the board decides on, and its hash.

Reading only; projects.services.versions writes the versions."""

from __future__ import annotations

import hashlib
import json
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from budgets.models import BudgetLine
    from projects.models import Project


def snapshot(project: Project) -> dict[str, Any]:
    """The application as plain JSON data; amounts as strings so that no float creeps in."""
    call = project.funding_call
    return {
        "title": project.title,
        "owning_unit": project.owning_unit,
        "manager": project.manager,
        "start_date": project.start_date.isoformat(),
        "end_date": project.end_date.isoformat(),
        "funder": call.funder if call else "",
        "funding_call": call.name if call else "",
        "max_aid_rate": str(call.max_aid_rate) if call and call.max_aid_rate is not None else None,
        "partners": project.partners,
        "objectives": [
            {
                "order": objective.order,
                "text": objective.text,
                "actions": objective.actions,
                "indicators": [
                    {"name": i.name, "baseline": i.baseline, "target": i.target, "unit": i.unit}
                    for i in objective.indicators.all()
                ],
            }
            for objective in project.objectives.all()
        ],
        "budget_lines": [_budget_line(line) for line in project.budget_lines.all()],
        "financing_lines": [
            {
                "source": line.source,
                "funder_name": line.funder_name,
                "year": line.year,
                "amount": str(line.amount),
                "in_kind": line.in_kind,
            }
            for line in project.financing_lines.all()
        ],
    }


def _budget_line(line: BudgetLine) -> dict[str, Any]:
    """A cost line; a flat rate also with its percentage and base (an ordinary line's data, and so the
    hashes of versions made before flat rates were computed, stay as they were)."""
    data = {
        "category": line.category,
        "year": line.year,
        "amount": str(line.amount),
        "justification": line.justification,
    }
    if line.is_flat_rate:
        return {**data, "flat_rate": str(line.flat_rate), "flat_rate_base": line.base_categories}
    return data


def content_hash(data: dict[str, Any]) -> str:
    canonical = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()
