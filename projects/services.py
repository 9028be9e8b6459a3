"""Lifecycle writes that span the project, its frozen versions and the board's decisions.

- transition_project(): a lifecycle step, freezing the application when it goes to the board or
  to the funder, in one transaction.
- save_named_version(): the development director freezes the application under a name.
- approved_item() / approved_version(): the board's latest passing, checked decision and the
  exact application version it decided.
- check_against_approved(): after the application is saved, changes beyond what the decision
  delegated send it back to the board (a flagged step whose reason lists the changes).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction
from django.utils.translation import gettext as _

from decisions.models import AgendaItem
from projects.diff import beyond_delegation
from projects.lifecycle import POST_APPROVAL, TransitionError
from projects.models import ApplicationVersion, Project, StateChange
from projects.versions import freeze_version, snapshot

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser

PASSING = (
    AgendaItem.Resolution.PASSED_UNCHANGED,
    AgendaItem.Resolution.PASSED_VOTED,
    AgendaItem.Resolution.PASSED_AMENDED,
    AgendaItem.Resolution.PASSED_REVISED,
)


def freezing_label(to: str) -> str:
    """The label of the version frozen by a step to `to`, or "" when the step freezes nothing."""
    labels = {
        Project.State.BOARD_REVIEW: _("Toimielimen käsittelyyn"),
        Project.State.SUBMITTED: _("Lähetetty rahoittajalle"),
    }
    return labels.get(to, "")


def _fresh(project: Project) -> Project:
    """The project as stored now, with nothing prefetched: a snapshot must not read stale lines."""
    return Project.objects.select_related("funding_call").get(pk=project.pk)


def transition_project(
    project: Project, to: str, *, by: AbstractBaseUser, reason: str = "", flag: str = ""
) -> StateChange:
    """Move the project to `to` (Project.transition's guards) and freeze the application when the step
    sends it to the board or to the funder; both or neither are written. Raises TransitionError."""
    with transaction.atomic():
        change = project.transition(to, by=by, reason=reason, flag=flag)
        label = freezing_label(to)
        if label:
            freeze_version(_fresh(project), by=by, label=label)
    return change


def save_named_version(project: Project, *, by: AbstractBaseUser, label: str) -> ApplicationVersion:
    """The director's named version: always a new version, even when the content equals the latest."""
    return freeze_version(_fresh(project), by=by, label=label.strip(), always_new=True)


def approved_item(project: Project) -> AgendaItem | None:
    """The latest checked agenda item about the project whose resolution passed and that names the
    application version it decided."""
    return (
        AgendaItem.objects.filter(
            project=project, checked_at__isnull=False, resolution__in=PASSING, application_version__isnull=False
        )
        .select_related("application_version", "meeting__body")
        .order_by("-meeting__start", "-checked_at", "-pk")
        .first()
    )


def approved_version(project: Project) -> ApplicationVersion | None:
    item = approved_item(project)
    return item.application_version if item else None


def changes_beyond_delegation(project: Project, approved: ApplicationVersion | None = None) -> list[str]:
    """What in the current application goes beyond the approved version's delegation (empty if nothing,
    or if no version is approved yet)."""
    approved = approved or approved_version(project)
    if approved is None:
        return []
    return beyond_delegation(approved.snapshot, snapshot(_fresh(project)))


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
    reason = _("Muutokset ylittävät päätöksen delegoinnin: %(changes)s") % {"changes": " ".join(reasons)}
    flag = _("Hakemus palautui toimielimelle: muutokset ylittävät delegoinnin.")
    try:
        return transition_project(project, Project.State.BOARD_REVIEW, by=by, reason=reason, flag=flag)
    except TransitionError as refused:
        reason = f"{reason} {refused.message}"
        return transition_project(project, Project.State.RETURNED, by=by, reason=reason, flag=flag)
