"""The content key of the project's funding breakdown PDF (hankehallinta.pdf.keys): the project, every
row that points at it (budget and financing lines, objectives, application versions, state changes,
the items that decided on it) with the objectives' indicators, and all those rows point at."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from hankehallinta.pdf.keys import document_key
from projects.models import Objective, Project


def funding_key(project: Project, *, parts: Iterable[Any] = ()) -> str:
    return document_key(
        expand=[Project.objects.filter(pk=project.pk), Objective.objects.filter(project_id=project.pk)],
        parts=parts,
    )
