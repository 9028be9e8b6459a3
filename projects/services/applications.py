"""The application editor's save: core data, objectives with indicators, the cost estimate and the
financing plan, written together or not at all.

The forms have checked everything (projects.editor.ApplicationEditor.is_valid); they build the rows
(`save(commit=False)`) and this service writes them. The core data go first through the stale-save
check (hankehallinta.versioning): a form opened before someone else's save raises StaleVersionError
before anything is written.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from budgets.services.flat_rates import recompute_flat_rates
from hankehallinta.services import ActionRefused
from projects.services.lifecycle import check_against_approved

if TYPE_CHECKING:
    from django import forms
    from django.contrib.auth.models import AbstractBaseUser
    from django.db import models

    from projects.editor import ApplicationEditor
    from projects.forms.projects import ObjectiveFormSet
    from projects.models import Project, StateChange


@dataclass(frozen=True)
class SavedApplication:
    project: Project
    created: bool
    #: The step back to the board when the save went beyond the approved decision's delegation.
    sent_back: StateChange | None = None


def _save_rows(formset: forms.BaseInlineFormSet, parent: models.Model) -> None:
    """One formset's rows under `parent`: the changed and new rows written, the removed deleted."""
    formset.instance = parent
    for row in formset.save(commit=False):
        row.save()
    for row in formset.deleted_objects:
        row.delete()


def _save_objectives(formset: ObjectiveFormSet, project: Project) -> None:
    """The objectives numbered in their order on the page (1, 2, ...), then each kept one's indicators."""
    formset.instance = project
    changed = formset.save(commit=False)
    for objective in formset.deleted_objects:
        objective.delete()
    for order, form in enumerate(formset.kept_forms(), start=1):
        objective = form.instance
        if objective.pk is None or objective in changed or objective.order != order:
            objective.order = order
            objective.save()
        _save_rows(form.indicators, objective)


def save_application(editor: ApplicationEditor, *, by: AbstractBaseUser) -> SavedApplication:
    """Write the checked editor: core data, objectives, budget and financing lines in one transaction.

    Flat-rate lines are recomputed from their base categories as stored (budgets.services.flat_rates).

    Raises StaleVersionError when the project was saved after the form was opened, and ActionRefused
    when two cost estimate lines clash on category and year (nothing is written in either case). A
    project the board has approved goes back to it when the changes exceed the delegation.
    """
    created = editor.project.pk is None
    with transaction.atomic():
        project = editor.form.save()
        try:
            with transaction.atomic():
                _save_objectives(editor.objectives, project)
                _save_rows(editor.budget, project)
                _save_rows(editor.financing, project)
                recompute_flat_rates(project)  # rows the form left unchanged follow their base too
        except IntegrityError as clash:
            message = _("The cost estimate's lines could not be saved: two lines have the same cost category and year.")
            raise ActionRefused(message) from clash
        sent_back = None if created else check_against_approved(project, by=by)
    return SavedApplication(project=project, created=created, sent_back=sent_back)
