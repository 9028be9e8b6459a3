"""What changed between two application versions: pure functions over two snapshot dicts.

The snapshots are the JSON of projects.versions.snapshot(). Nothing here reads the database, so the
difference page, the project page and the funding breakdown all ask the same questions the same way.

- diff(before, after) lists every changed field: core data, money per cost category × year and per
  financing source × year, the totals, objectives and their indicators (added, removed, changed).
- beyond_delegation(approved, current) says which changes the board's delegation does not cover
  (design choice V8 of research/funding.md): a higher own contribution, a higher total, years
  outside the approved ones, an objective removed. Such changes send the application back to the board.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from budgets.breakdown import FundingBreakdown
from budgets.flat_rate import describe
from budgets.models import ZERO, BudgetLine, FinancingLine
from hankehallinta.money import format_eur, format_percent
from projects.models import FundingCall, Indicator, Objective, Project

Snapshot = dict[str, Any]

ADDED, REMOVED, CHANGED = "added", "removed", "changed"

# Core fields of the snapshot, each with the model field that names it.
CORE_FIELDS: tuple[tuple[str, type, str], ...] = (
    ("title", Project, "title"),
    ("owning_unit", Project, "owning_unit"),
    ("manager", Project, "manager"),
    ("start_date", Project, "start_date"),
    ("end_date", Project, "end_date"),
    ("funder", FundingCall, "funder"),
    ("funding_call", Project, "funding_call"),
    ("max_aid_rate", FundingCall, "max_aid_rate"),
    ("partners", Project, "partners"),
)
INDICATOR_FIELDS = ("baseline", "target", "unit")


@dataclass(frozen=True)
class Change:
    """One changed field: what it is, its value before and after (as shown), and how it changed."""

    label: str
    before: str
    after: str
    kind: str = CHANGED
    delta: str = ""  # money only: the signed difference, "+1 000,00 €"


@dataclass(frozen=True)
class ApplicationDiff:
    core: list[Change] = field(default_factory=list)
    totals: list[Change] = field(default_factory=list)
    costs: list[Change] = field(default_factory=list)
    financing: list[Change] = field(default_factory=list)
    objectives: list[Change] = field(default_factory=list)

    @property
    def sections(self) -> list[tuple[str, list[Change]]]:
        """(heading, changes) for the sections that have changes, in page order."""
        named = [
            (_("Core data"), self.core),
            (_("Amounts in total"), self.totals),
            (_("Cost estimate (cost category × year)"), self.costs),
            (_("Financing plan (source × year)"), self.financing),
            (_("Objectives and indicators"), self.objectives),
        ]
        return [(heading, changes) for heading, changes in named if changes]

    @property
    def money(self) -> ApplicationDiff:
        """Only the figures: totals, cost estimate and financing plan."""
        return ApplicationDiff(totals=self.totals, costs=self.costs, financing=self.financing)

    def __bool__(self) -> bool:
        return any(changes for _heading, changes in self.sections)

    def __len__(self) -> int:
        return sum(len(changes) for _heading, changes in self.sections)


def diff(before: Snapshot, after: Snapshot) -> ApplicationDiff:
    """Every change from `before` to `after`."""
    return ApplicationDiff(
        core=_core_changes(before, after),
        totals=_total_changes(before, after),
        costs=_money_changes(
            _sums(before.get("budget_lines", []), "category"),
            _sums(after.get("budget_lines", []), "category"),
            BudgetLine.Category,
        )
        + _flat_rate_changes(before.get("budget_lines", []), after.get("budget_lines", [])),
        financing=_money_changes(
            _sums(before.get("financing_lines", []), "source"),
            _sums(after.get("financing_lines", []), "source"),
            FinancingLine.Source,
        ),
        objectives=_objective_changes(before.get("objectives", []), after.get("objectives", [])),
    )


def beyond_delegation(approved: Snapshot, current: Snapshot) -> list[str]:
    """The changes since the approved version that the delegation does not cover, each as a reason for the user.

    Empty when the current application stays within what the board approved.
    """
    old, new = FundingBreakdown.for_snapshot(approved), FundingBreakdown.for_snapshot(current)
    reasons = []
    if new.total_cost > old.total_cost:
        reasons.append(
            _("The total cost rose: approved %(before)s, now %(after)s.")
            % {"before": format_eur(old.total_cost), "after": format_eur(new.total_cost)}
        )
    if new.own_contribution > old.own_contribution:
        reasons.append(
            _("The own contribution rose: approved %(before)s, now %(after)s.")
            % {"before": format_eur(old.own_contribution), "after": format_eur(new.own_contribution)}
        )
    outside = [year for year in new.years if year not in old.years]
    if outside:
        reasons.append(
            _("The years %(years)s lie outside the approved years (%(approved)s).")
            % {
                "years": ", ".join(str(year) for year in outside),
                "approved": ", ".join(str(year) for year in old.years) or "–",
            }
        )
    removed = _unmatched_objectives(approved.get("objectives", []), current.get("objectives", []))[0]
    for objective in removed:
        reasons.append(_("An objective was removed: %(text)s") % {"text": _objective_label(objective)})
    return reasons


# Core data -----------------------------------------------------------------------------------


def _label(model: type, name: str) -> str:
    return str(model._meta.get_field(name).verbose_name).capitalize()


def _shown(key: str, value: Any) -> str:
    if value in (None, ""):
        return ""
    if key in ("start_date", "end_date"):
        date = dt.date.fromisoformat(value)
        return f"{date.day}.{date.month}.{date.year}"
    if key == "max_aid_rate":
        return format_percent(Decimal(value))
    return str(value)


def _core_changes(before: Snapshot, after: Snapshot) -> list[Change]:
    changes = []
    for key, model, name in CORE_FIELDS:
        old, new = before.get(key), after.get(key)
        if (old or None) != (new or None):
            kind = ADDED if old in (None, "") else REMOVED if new in (None, "") else CHANGED
            changes.append(Change(_label(model, name), _shown(key, old), _shown(key, new), kind))
    return changes


# Money ---------------------------------------------------------------------------------------


def _sums(lines: list[dict], attribute: str) -> dict[tuple[str, int], Decimal]:
    """Amounts summed per (category or source, year): two lines of the same cell count as one."""
    sums: dict[tuple[str, int], Decimal] = defaultdict(lambda: ZERO)
    for line in lines:
        sums[(line[attribute], int(line["year"]))] += Decimal(line["amount"])
    return dict(sums)


def _signed(amount: Decimal) -> str:
    return ("+" if amount > 0 else "") + format_eur(amount)


def _money_change(label: str, old: Decimal | None, new: Decimal | None) -> Change:
    kind = ADDED if old is None else REMOVED if new is None else CHANGED
    return Change(
        label,
        format_eur(old) if old is not None else "",
        format_eur(new) if new is not None else "",
        kind,
        _signed((new or ZERO) - (old or ZERO)),
    )


def _money_changes(before: dict, after: dict, choices: type) -> list[Change]:
    labels = dict(choices.choices)
    order = {key: index for index, key in enumerate(labels)}
    changes = []
    for key, year in sorted(set(before) | set(after), key=lambda cell: (order.get(cell[0], len(order)), cell[1])):
        old, new = before.get((key, year)), after.get((key, year))
        if old != new:
            changes.append(_money_change(f"{labels.get(key, key)} {year}", old, new))
    return changes


def _flat_rate_terms(lines: list[dict]) -> dict[int, str]:
    """Per year, a flat rate's terms as shown ("40 % of staff costs")."""
    return {
        int(line["year"]): describe(Decimal(line["flat_rate"]), line.get("flat_rate_base", []))
        for line in lines
        if line.get("flat_rate") is not None
    }


def _flat_rate_changes(before: list[dict], after: list[dict]) -> list[Change]:
    """A flat rate whose rate or base changed, per year (its amount is among the money changes)."""
    old, new = _flat_rate_terms(before), _flat_rate_terms(after)
    category = BudgetLine.Category.FLAT_RATE.label
    changes = []
    for year in sorted(set(old) | set(new)):
        if old.get(year) != new.get(year):
            kind = ADDED if year not in old else REMOVED if year not in new else CHANGED
            label = _("%(category)s %(year)s: rate and base") % {"category": category, "year": year}
            changes.append(Change(label, old.get(year, ""), new.get(year, ""), kind))
    return changes


def _total_changes(before: Snapshot, after: Snapshot) -> list[Change]:
    old, new = FundingBreakdown.for_snapshot(before), FundingBreakdown.for_snapshot(after)
    changes = [
        _money_change(label, getattr(old, name), getattr(new, name))
        for label, name in (
            (_("Total cost"), "total_cost"),
            (_("Total financing"), "total_financing"),
            (_("Funding applied for"), "applied"),
            (_("Own contribution"), "own_contribution"),
        )
        if getattr(old, name) != getattr(new, name)
    ]
    if old.aid_rate != new.aid_rate:
        changes.append(Change(_("Aid rate"), format_percent(old.aid_rate), format_percent(new.aid_rate)))
    return changes


# Objectives and indicators ---------------------------------------------------------------------


def _objective_label(objective: dict) -> str:
    text = objective.get("text", "")
    return f"{objective.get('order', '')}. {text[:120]}{'…' if len(text) > 120 else ''}"


def _pairs(
    before: list[dict], after: list[dict], keys: tuple
) -> tuple[list[tuple[dict, dict]], list[dict], list[dict]]:
    """Match records first by their text, then by their position key; the rest were removed or added."""
    left, right = list(before), list(after)
    pairs = []
    for key in keys:
        for old in list(left):
            match = next((new for new in right if new.get(key) == old.get(key)), None)
            if match is not None:
                pairs.append((old, match))
                left.remove(old)
                right.remove(match)
    return pairs, left, right


def _unmatched_objectives(before: list[dict], after: list[dict]) -> tuple[list[dict], list[dict]]:
    _pairs_, removed, added = _pairs(before, after, ("text", "order"))
    return removed, added


def _objective_changes(before: list[dict], after: list[dict]) -> list[Change]:
    pairs, removed, added = _pairs(before, after, ("text", "order"))
    objective_label = _label(Objective, "text")
    changes = [Change(objective_label, _objective_label(old), "", REMOVED) for old in removed]
    changes += [Change(objective_label, "", _objective_label(new), ADDED) for new in added]
    for old, new in sorted(pairs, key=lambda pair: pair[1].get("order", 0)):
        where = _("Objective %(order)s") % {"order": new.get("order", "")}
        if old.get("text") != new.get("text"):
            changes.append(Change(f"{where}: {objective_label}", old.get("text", ""), new.get("text", "")))
        if old.get("order") != new.get("order"):
            changes.append(
                Change(f"{where}: {_label(Objective, 'order')}", str(old.get("order")), str(new.get("order")))
            )
        if old.get("actions", "") != new.get("actions", ""):
            changes.append(
                Change(f"{where}: {_label(Objective, 'actions')}", old.get("actions", ""), new.get("actions", ""))
            )
        changes += _indicator_changes(where, old.get("indicators", []), new.get("indicators", []))
    return changes


def _indicator_text(indicator: dict) -> str:
    parts = [indicator.get("name", "")]
    details = [f"{_label(Indicator, name)} {indicator.get(name)}" for name in INDICATOR_FIELDS if indicator.get(name)]
    return f"{parts[0]} ({', '.join(details)})" if details else parts[0]


def _indicator_changes(where: str, before: list[dict], after: list[dict]) -> list[Change]:
    pairs, removed, added = _pairs(before, after, ("name",))
    label = f"{where}: {_label(Indicator, 'name')}"
    changes = [Change(label, _indicator_text(old), "", REMOVED) for old in removed]
    changes += [Change(label, "", _indicator_text(new), ADDED) for new in added]
    for old, new in pairs:
        for name in INDICATOR_FIELDS:
            if old.get(name, "") != new.get(name, ""):
                what = _("%(where)s, indicator “%(name)s”: %(field)s") % {
                    "where": where,
                    "name": new.get("name", ""),
                    "field": _label(Indicator, name).lower(),
                }
                changes.append(Change(what, old.get(name, ""), new.get(name, "")))
    return changes
