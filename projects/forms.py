"""The application editor's forms. Fields are listed explicitly: state, the funder's decision and the
version are set by their own workflows, never through these."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from hankehallinta.versioning import VersionedModelForm
from projects.models import Indicator, Objective, Project

# A date that is no date, in any of the director's forms.
DATE_ERRORS = {"invalid": _("Anna päivämäärä muodossa 31.12.2025.")}


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
        error_messages = {"start_date": DATE_ERRORS, "end_date": DATE_ERRORS}

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("Hanke ei voi päättyä ennen kuin se alkaa."))
        return data


class ObjectiveForm(forms.ModelForm):
    """An objective (tavoite) and its actions (toimenpiteet); the order follows the rows."""

    class Meta:
        model = Objective
        fields = ["text", "actions"]
        labels = {"text": _("Tavoite"), "actions": _("Toimenpiteet")}
        widgets = {"text": forms.Textarea(attrs={"rows": 2}), "actions": forms.Textarea(attrs={"rows": 2})}
        error_messages = {"text": {"required": _("Kirjoita tavoite.")}}


class IndicatorForm(forms.ModelForm):
    """An indicator (mittari) of an objective: baseline and target."""

    class Meta:
        model = Indicator
        fields = ["name", "baseline", "target", "unit"]
        labels = {"name": _("Mittari"), "baseline": _("Lähtötaso"), "target": _("Tavoitetaso"), "unit": _("Yksikkö")}
        error_messages = {"name": {"required": _("Anna mittarin nimi.")}}


class IndicatorFormSet(forms.BaseInlineFormSet):
    """The indicators of one objective, nested in the objective's row."""

    #: The placeholder of the row template for the script that adds rows: not the objective's own
    #: "__prefix__", so that copying an objective row leaves its indicator template intact.
    placeholder = "__iprefix__"

    def get_queryset(self) -> models.QuerySet:
        if not hasattr(self, "_queryset"):
            # The objectives' query prefetches the indicators: no query per objective.
            self._queryset = self.instance.indicators.all() if self.instance.pk else Indicator.objects.none()
        return self._queryset

    @property
    def empty_form(self) -> forms.Form:
        form = self.form(
            auto_id=self.auto_id,
            prefix=self.add_prefix(self.placeholder),
            empty_permitted=True,
            use_required_attribute=False,
            **self.get_form_kwargs(None),
            renderer=self.renderer,
        )
        self.add_fields(form, None)
        return form


IndicatorInlineFormSet = forms.inlineformset_factory(
    Objective, Indicator, form=IndicatorForm, formset=IndicatorFormSet, extra=0, can_delete=True
)


class ObjectiveFormSet(forms.BaseInlineFormSet):
    """The project's objectives; each row carries its own indicator formset (`form.indicators`)."""

    def add_fields(self, form: forms.Form, index: int | None) -> None:
        super().add_fields(form, index)
        form.indicators = IndicatorInlineFormSet(
            data=self.data if self.is_bound and index is not None else None,  # the row template is blank
            instance=form.instance,
            prefix=f"{form.prefix}-ind",
        )

    def is_valid(self) -> bool:
        valid = super().is_valid()
        for form in self.forms:
            if self.can_delete and self._should_delete_form(form):
                continue
            valid = form.indicators.is_valid() and valid
        return valid

    def has_changed(self) -> bool:
        return super().has_changed() or any(form.indicators.has_changed() for form in self.forms)

    def clean(self) -> None:
        super().clean()
        for form in self.forms:
            deleted = self.can_delete and self._should_delete_form(form)
            if not deleted and not form.has_changed() and not form.instance.pk and form.indicators.has_changed():
                form.add_error("text", _("Kirjoita tavoite, jolle mittarit kuuluvat."))

    def save(self, commit: bool = True) -> list[Objective]:
        """Save the rows numbered in their order (1, 2, ...), then each kept row's indicators."""
        kept = [
            form
            for form in self.forms
            if not (self.can_delete and self._should_delete_form(form)) and (form.instance.pk or form.has_changed())
        ]
        renumbered = []
        for order, form in enumerate(kept, start=1):
            if form.instance.order != order:
                form.instance.order = order
                renumbered.append(form)
        saved = super().save(commit=commit)
        for form in kept:
            if form in renumbered and form.instance not in saved and form.instance.pk:
                form.instance.save(update_fields=["order"])
            form.indicators.instance = form.instance
            form.indicators.save(commit=commit)
        return saved


ObjectiveInlineFormSet = forms.inlineformset_factory(
    Project, Objective, form=ObjectiveForm, formset=ObjectiveFormSet, extra=1, can_delete=True
)
