"""Frozen application versions: a canonical snapshot of everything the board decides on, and its hash.

Reading only; projects.services.versions writes the versions."""

from __future__ import annotations

import hashlib
import json
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
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
        "budget_lines": [
            {
                "category": line.category,
                "year": line.year,
                "amount": str(line.amount),
                "justification": line.justification,
            }
            for line in project.budget_lines.all()
        ],
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


def content_hash(data: dict[str, Any]) -> str:
    canonical = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()
