"""The project's lifecycle as data and guards: the states, where each may go next, and what stops a step.

idea -> preparation -> board review -> submitted -> funding decided -> in progress -> closing -> closed,
with the rejected and returned branches. projects.services.lifecycle writes a step; the functions here
only read: the guards name what stops a step, each with a stable key.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from django.db import models
from django.utils import formats
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from budgets.breakdown import FundingBreakdown
from hankehallinta.money import format_eur, format_percent
from hankehallinta.services import ActionRefused

if TYPE_CHECKING:
    from projects.models import Project


class TransitionError(ActionRefused):
    """A lifecycle step that the transition table or a guard refuses.

    The message is translated and names the guard; `guard` is a stable key for code and tests.
    """

    def __init__(self, message: str, *, guard: str) -> None:
        super().__init__(message)
        self.guard = guard


class ProjectState(models.TextChoices):
    IDEA = "idea", _("Idea")
    PREPARATION = "preparation", _("Preparation")
    BOARD_REVIEW = "board_review", _("Board review")
    SUBMITTED = "submitted", _("Submitted to funder")
    FUNDING_DECIDED = "funding_decided", _("Funding decided")
    IN_PROGRESS = "in_progress", _("In progress")
    CLOSING = "closing", _("Closing")
    CLOSED = "closed", _("Closed")
    REJECTED = "rejected", _("Rejected")
    RETURNED = "returned", _("Returned for preparation")

    @classmethod
    def ended(cls) -> list[str]:
        return [cls.CLOSED, cls.REJECTED]


State = ProjectState
# From each state, where a project may go next. Guards are in transition_errors().
TRANSITIONS: dict[str, tuple[str, ...]] = {
    State.IDEA: (State.PREPARATION,),
    State.PREPARATION: (State.BOARD_REVIEW,),
    State.BOARD_REVIEW: (State.SUBMITTED, State.RETURNED, State.REJECTED),
    State.RETURNED: (State.PREPARATION,),
    # After the board approved, changes beyond its delegation send the application back to it (V8).
    State.SUBMITTED: (State.FUNDING_DECIDED, State.REJECTED, State.BOARD_REVIEW, State.RETURNED),
    State.FUNDING_DECIDED: (State.IN_PROGRESS, State.REJECTED, State.BOARD_REVIEW, State.RETURNED),
    State.IN_PROGRESS: (State.CLOSING, State.BOARD_REVIEW, State.RETURNED),
    State.CLOSING: (State.CLOSED,),
}
# Steps that end or send back an application say why.
REASON_REQUIRED = frozenset({State.RETURNED, State.REJECTED})
# The board has approved the application: its decision and delegations bind what may change.
POST_APPROVAL = frozenset({State.SUBMITTED, State.FUNDING_DECIDED, State.IN_PROGRESS})
# The funder's decision may be recorded once the application was sent to the funder.
FUNDING_DECISION_OPEN = (State.SUBMITTED, State.FUNDING_DECIDED, State.IN_PROGRESS, State.CLOSING)
FUNDING_DECISION_FIELDS = ("granted_amount", "granted_aid_rate", "funding_decision_date", "funding_decision_reference")


#: What closing a project requires beyond the table, from the apps above projects (which this module
#: cannot import): each check takes the project and returns a TransitionError for everything missing,
#: an empty list when nothing is. An app registers its checks in its AppConfig.ready() with
#: register_closing_check() (followup: the final payment claim and the final report).
CLOSING_CHECKS: list[Callable[[Project], list[TransitionError]]] = []


def register_closing_check(check: Callable[[Project], list[TransitionError]]) -> None:
    """Add a check that closing a project consults (once, however often the app is readied)."""
    if check not in CLOSING_CHECKS:
        CLOSING_CHECKS.append(check)


def state_label(state: str) -> str:
    return str(State(state).label) if state in State.values else state


def transition_errors(project: Project, to: str, *, reason: str = "") -> list[TransitionError]:
    """Everything that stops the move of `project` to `to` now, each naming its guard; empty when allowed."""
    if to not in TRANSITIONS.get(project.state, ()):
        message = gettext("A project in the state “%(from)s” cannot move to the state “%(to)s”.") % {
            "from": project.get_state_display(),
            "to": state_label(to),
        }
        return [TransitionError(message, guard="not_allowed")]
    errors = []
    if to in REASON_REQUIRED and not reason.strip():
        message = gettext("Give the reason for moving the project to the state “%(to)s”.") % {"to": state_label(to)}
        errors.append(TransitionError(message, guard="reason_required"))
    if to == State.BOARD_REVIEW:
        errors += budget_errors(project)
    if to == State.CLOSED:
        errors += [error for check in CLOSING_CHECKS for error in check(project)]
    if to == State.FUNDING_DECIDED:
        missing = [
            str(project._meta.get_field(name).verbose_name)
            for name in ("granted_amount", "funding_decision_date", "funding_decision_reference")
            if getattr(project, name) in (None, "")
        ]
        if missing:
            message = gettext("The funder's decision is not recorded: %(missing)s missing.") % {
                "missing": ", ".join(missing)
            }
            errors.append(TransitionError(message, guard="funding_decision_missing"))
    return errors


def transition_flag(project: Project, to: str) -> str:
    """Why an allowed step deserves a second look, or "": sent to the funder before the board decided."""
    if to == State.SUBMITTED and not project.agenda_items.filter(checked_at__isnull=False).exists():
        return gettext("Sent to the funder before the board decided: no body's checked minutes decide the project yet.")
    return ""


def budget_errors(project: Project) -> list[TransitionError]:
    """Board review's guard: costs and financing above zero and equal in total and per year, years
    within the project's dates, and applied funding at most rounding above the cap.

    The lines are read through the row's related managers (a prefetched row answers from its prefetch)."""
    breakdown = FundingBreakdown(
        budget_lines=list(project.budget_lines.all()),
        financing_lines=list(project.financing_lines.all()),
        max_aid_rate=project.funding_call.max_aid_rate if project.funding_call else None,
    )
    errors = []
    if breakdown.total_cost <= 0:
        message = gettext(
            "The cost estimate is empty: an application taken to board review needs total costs above zero."
        )
        errors.append(TransitionError(message, guard="budget_empty"))
    elif not breakdown.is_balanced:
        message = gettext(
            "The cost estimate and the financing plan do not match: costs %(cost)s, financing %(financing)s. "
            "Costs and financing must be equal in total and for every year before board review."
        ) % {"cost": format_eur(breakdown.total_cost), "financing": format_eur(breakdown.total_financing)}
        errors.append(TransitionError(message, guard="budget_unbalanced"))
    outside = [year for year in breakdown.years if year not in project.years]
    if outside:
        message = gettext("The years %(years)s lie outside the project's dates %(start)s–%(end)s.") % {
            "years": ", ".join(str(year) for year in outside),
            "start": formats.date_format(project.start_date, "SHORT_DATE_FORMAT"),
            "end": formats.date_format(project.end_date, "SHORT_DATE_FORMAT"),
        }
        errors.append(TransitionError(message, guard="years_outside_dates"))
    if breakdown.exceeds_cap_tolerance:
        message = gettext(
            "The funding applied for exceeds the maximum aid rate %(rate)s (%(cap)s) by %(excess)s: "
            "a euro or more is more than rounding."
        ) % {
            "rate": format_percent(breakdown.max_aid_rate),
            "cap": format_eur(breakdown.cap_amount),
            "excess": format_eur(breakdown.over_cap_by),
        }
        errors.append(TransitionError(message, guard="over_cap"))
    return errors
