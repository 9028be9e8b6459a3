"""What the board approved of a project: the latest checked decision that passed the application, the
exact version it decided, and what in the current application goes beyond that decision's delegation.

The agenda items are reached through the reverse relation `project.agenda_items` that the decisions
app declares: the projects layer names no model of the layer above it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from projects.diff import beyond_delegation
from projects.versions import snapshot

if TYPE_CHECKING:
    from django.db.models import Model

    from projects.models import ApplicationVersion, Project


def approved_item(project: Project) -> Model | None:
    """The latest checked agenda item about the project whose resolution passed and that names the
    application version it decided."""
    return (
        project.agenda_items.checked()
        .passed()
        .filter(application_version__isnull=False)
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
    return beyond_delegation(approved.snapshot, snapshot(project.as_stored()))
