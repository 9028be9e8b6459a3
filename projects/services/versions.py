"""Frozen application versions: the canonical snapshot (projects.versions) written as a numbered version."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import Max

from projects.models import ApplicationVersion, Project
from projects.versions import content_hash, snapshot

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser


def freeze_version(
    project: Project, *, by: AbstractBaseUser | None, label: str = "", always_new: bool = False
) -> ApplicationVersion:
    """Freeze the application as it stands now; identical content reuses the latest version, unless
    `always_new` (a version the director names). The project row is locked while the number is chosen."""
    with transaction.atomic():
        Project.objects.select_for_update().filter(pk=project.pk).first()
        data = snapshot(project)
        digest = content_hash(data)
        latest = project.versions.order_by("-number").first()
        if latest and latest.content_hash == digest and not always_new:
            return latest
        number = (project.versions.aggregate(top=Max("number"))["top"] or 0) + 1
        return ApplicationVersion.objects.create(
            project=project, number=number, label=label, created_by=by, snapshot=data, content_hash=digest
        )


def save_named_version(project: Project, *, by: AbstractBaseUser, label: str) -> ApplicationVersion:
    """The director's named version: always a new version, even when the content equals the latest."""
    return freeze_version(project.as_stored(), by=by, label=label.strip(), always_new=True)
