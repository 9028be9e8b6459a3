"""What both exports hold: the columns of the project sheet and of the per-year sheet, and the
values of one project's row (as the portfolio page computes them, PortfolioRow)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from projects.models import Project

if TYPE_CHECKING:
    from projects.portfolio import PortfolioRow

EUR_FORMAT = '#,##0.00 "€"'
PERCENT_FORMAT = "0.00 %"
DATE_FORMAT = "d.m.yyyy"


def project_headers() -> list[str]:
    return [
        _("Project"),
        _("State"),
        _("Owning unit"),
        _("Funder"),
        _("Starts"),
        _("Ends"),
        _("Total cost (€)"),
        _("Funding applied for (€)"),
        _("Own contribution (€)"),
        _("Aid rate (%)"),
    ]


def year_headers() -> list[str]:
    return [
        _("Year"),
        _("Gross cost (€)"),
        _("Grant income (€)"),
        _("Own contribution (€)"),
        _("of which in kind (€)"),
    ]


def state_names() -> dict[str, str]:
    """The states' names in the active language, translated once for a whole export (a model's
    get_state_display() translates every choice again on each call: a second at 9 000 rows)."""
    return {value: str(label) for value, label in Project.State.choices}


def project_values(row: PortfolioRow, states: dict[str, str]) -> list:
    """Texts, dates and Decimals; the aid rate is a fraction (0.800002), None without costs.
    `states` are the state_names()."""
    project = row.project
    return [
        project.title,
        states.get(project.state, project.state),
        project.owning_unit,
        project.funder,
        project.start_date,
        project.end_date,
        row.total_cost,
        row.applied,
        row.own_contribution,
        row.aid_rate,
    ]
