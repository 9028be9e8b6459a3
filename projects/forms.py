"""The application editor's forms. Fields are listed explicitly: state, the funder's decision and the
version are set by their own workflows, never through these."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from hankehallinta.versioning import VersionedModelForm
from projects.models import Project


class ProjectForm(VersionedModelForm):
    """The project's core data (hankkeen perustiedot)."""

    class Meta:
        model = Project
        fields = [
            "title",
            "owning_unit",
            "manager",
            "start_date",
            "end_date",
            "funding_call",
            "partners",
            "summary",
        ]
        widgets = {
            "partners": forms.Textarea(attrs={"rows": 3}),
            "summary": forms.Textarea(attrs={"rows": 8}),
        }
        help_texts = {
            "start_date": _("For example 1.1.2024"),
            "end_date": _("For example 31.12.2025"),
        }
        error_messages = {
            name: {"invalid": _("Anna päivämäärä muodossa 31.12.2025.")} for name in ("start_date", "end_date")
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("Hanke ei voi päättyä ennen kuin se alkaa."))
        return data
