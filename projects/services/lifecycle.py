"""The project's lifecycle writes: a step, the funder's decision, and the return to the board.

- step(): one lifecycle step, the state and a StateChange saying who, when and why, with the row locked;
- transition_project(): a step that also freezes the application when it goes to the board or to the
  funder, both or neither written;
- record_funding_decision(): the funder's decision as the funder wrote it;
- decide_funding(): the funder's decision, moving a project sent to the funder to "funding decided";
- check_against_approved(): after the application is saved, changes beyond what the board's decision
  delegated send it back to the board (a flagged step whose reason lists the changes).

Each refusal raises TransitionError (an ActionRefused) with a message for the user and a stable guard key.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from hankehallinta.audit import record
from hankehallinta.models import AuditEvent
from hankehallinta.versioning import StaleVersionError
from projects.approval import changes_beyond_delegation
from projects.lifecycle import FUNDING_DECISION_FIELDS, FUNDING_DECISION_OPEN, POST_APPROVAL, TransitionError
from projects.models import Project, StateChange
from projects.services.versions import freeze_version

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser


def freezing_label(to: str) -> str:
    """The label of the version frozen by a step to `to`, or "" when the step freezes nothing."""
    labels = {
        Project.State.BOARD_REVIEW: _("To board review"),
        Project.State.SUBMITTED: _("Submitted to the funder"),
    }
    return labels.get(to, "")


def step(project: Project, to: str, *, by: AbstractBaseUser, reason: str = "", flag: str = "") -> StateChange:
    """Move the project to the state `to`, or raise TransitionError naming the guard that refuses.

    The row is locked while the guards run; the state and the StateChange are written together.
    The row's version goes up, so an editor form opened before the move cannot save a stale state.
    `flag` marks the step for a second look (e.g. changes beyond a delegation sent it back).
    """
    with transaction.atomic():
        locked = Project.objects.select_for_update(of=("self",)).select_related("funding_call").get(pk=project.pk)
        errors = locked.transition_errors(to, reason=reason)
        if errors:
            raise errors[0]
        flag_reason = " ".join(part for part in (flag.strip(), locked.transition_flag(to)) if part)[:300]
        from_state = locked.state
        locked.state = to
        locked.version += 1
        locked._history_user = by  # django-simple-history's documented way to name the author
        locked.save(update_fields=["state", "version", "updated_at"])
        change = StateChange.objects.create(
            project=locked,
            from_state=from_state,
            to_state=to,
            changed_by=by,
            reason=reason.strip(),
            flagged=bool(flag_reason),
            flag_reason=flag_reason,
        )
        record(
            AuditEvent.Action.STATE_CHANGE,
            user=by,
            obj=locked,
            detail={"from": from_state, "to": str(to), "flagged": bool(flag_reason)},
        )
    project.state, project.version, project.updated_at = locked.state, locked.version, locked.updated_at
    return change


def transition_project(
    project: Project, to: str, *, by: AbstractBaseUser, reason: str = "", flag: str = ""
) -> StateChange:
    """Move the project to `to` (step()'s guards) and freeze the application when the step sends it to
    the board or to the funder; both or neither are written. Raises TransitionError."""
    with transaction.atomic():
        change = step(project, to, by=by, reason=reason, flag=flag)
        label = freezing_label(to)
        if label:
            freeze_version(project.as_stored(), by=by, label=label)
    return change


def record_funding_decision(
    project: Project,
    *,
    granted_amount: Decimal,
    aid_rate: Decimal | None,
    decided_on: dt.date,
    reference: str,
    by: AbstractBaseUser,
    expected_version: int | None = None,
) -> None:
    """Write the funder's decision as the funder wrote it: amount, aid rate, date and reference, together.

    Allowed once the application has been sent to the funder; raises ValidationError for a value
    that cannot be right and TransitionError before the application was sent. `expected_version` is
    the project's version the form was opened with: when the project was saved since,
    StaleVersionError is raised and nothing changes (None skips the check).
    """
    errors = {}
    if not isinstance(granted_amount, Decimal) or granted_amount < 0:
        errors["granted_amount"] = _("The granted amount must be zero or more euros.")
    if aid_rate is not None and not (isinstance(aid_rate, Decimal) and 0 <= aid_rate <= 1):
        errors["granted_aid_rate"] = _("The aid rate must be a fraction between 0 and 1.")
    if not reference.strip():
        errors["funding_decision_reference"] = _("Give the reference of the funder's decision.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        locked = Project.objects.select_for_update().get(pk=project.pk)
        if expected_version is not None and locked.version != expected_version:
            raise StaleVersionError(locked.version)
        if locked.state not in FUNDING_DECISION_OPEN:
            message = _(
                "The funder's decision can be recorded only after the application was sent to the funder; "
                "the project is in the state “%(state)s”."
            ) % {"state": locked.get_state_display()}
            raise TransitionError(message, guard="not_submitted")
        locked.granted_amount = granted_amount
        locked.granted_aid_rate = aid_rate
        locked.funding_decision_date = decided_on
        locked.funding_decision_reference = reference.strip()
        locked.version += 1
        locked._history_user = by  # django-simple-history's documented way to name the author
        locked.save(update_fields=[*FUNDING_DECISION_FIELDS, "version", "updated_at"])
    for name in (*FUNDING_DECISION_FIELDS, "version", "updated_at"):
        setattr(project, name, getattr(locked, name))


def decide_funding(
    project: Project,
    *,
    granted_amount: Decimal,
    aid_rate: Decimal | None,
    decided_on: dt.date,
    reference: str,
    by: AbstractBaseUser,
    expected_version: int | None = None,
) -> StateChange | None:
    """The funder's decision; a project sent to the funder moves on to "funding decided" (both or
    neither are written). Returns the step, or None when the project was already past it.
    A stale `expected_version` raises StaleVersionError (see record_funding_decision)."""
    with transaction.atomic():
        record_funding_decision(
            project,
            granted_amount=granted_amount,
            aid_rate=aid_rate,
            decided_on=decided_on,
            reference=reference,
            by=by,
            expected_version=expected_version,
        )
        if project.state != Project.State.SUBMITTED:
            return None
        reason = _("The funder's decision %(reference)s.") % {"reference": reference.strip()}
        return transition_project(project, Project.State.FUNDING_DECIDED, by=by, reason=reason)


def check_against_approved(project: Project, *, by: AbstractBaseUser) -> StateChange | None:
    """Call after the application is saved. When the board has approved it (the project is past board
    review) and the changes go beyond the delegation, the application goes back to the board: a flagged
    step to board review, or, when its guards refuse (say the budget no longer balances), back to
    preparation. Returns the step, or None when nothing needed to happen."""
    if project.state not in POST_APPROVAL:
        return None
    reasons = changes_beyond_delegation(project)
    if not reasons:
        return None
    reason = _("The changes go beyond the decision's delegation: %(changes)s") % {"changes": " ".join(reasons)}
    flag = _("The application went back to the board: the changes go beyond the delegation.")
    try:
        return transition_project(project, Project.State.BOARD_REVIEW, by=by, reason=reason, flag=flag)
    except TransitionError as refused:
        reason = f"{reason} {refused.message}"
        return transition_project(project, Project.State.RETURNED, by=by, reason=reason, flag=flag)
