"""No lost updates: every edit form carries the row's version, and a stale save changes nothing.

The check and the write happen in one transaction with the row locked (SELECT ... FOR UPDATE on
PostgreSQL), so two editors who opened the same version cannot both win.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _


class StaleVersionError(Exception):
    """Someone saved the row after this form was opened."""

    def __init__(self, current_version: int | None) -> None:
        super().__init__(f"stale edit: the row is now at version {current_version}")
        self.current_version = current_version


def save_if_unchanged(
    instance: models.Model, *, expected_version: int, update_fields: list[str] | None = None
) -> models.Model:
    with transaction.atomic():
        current = (
            type(instance)
            ._base_manager.select_for_update()
            .filter(pk=instance.pk)
            .values_list("version", flat=True)
            .first()
        )
        if current != expected_version:
            raise StaleVersionError(current)
        instance.version = expected_version + 1
        instance.save(update_fields=[*update_fields, "version"] if update_fields else None)
    return instance


class VersionedModelForm(forms.ModelForm):
    """A ModelForm whose save refuses to overwrite a newer version of the row."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    stale_message = _(
        "Someone else saved this information after you opened the form. Your save was not made: "
        "the current data are below, and your own changes are shown under them."
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version
        else:
            self.fields["version"].required = False

    def save(self, commit: bool = True) -> models.Model:
        if not self.instance.pk or not commit:
            return super().save(commit=commit)
        instance = super().save(commit=False)  # sets the public save_m2m() for after the row is written
        save_if_unchanged(instance, expected_version=self.cleaned_data["version"])
        self.save_m2m()
        return instance
