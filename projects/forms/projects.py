"""The application editor's forms: core data, objectives with their indicators, and the project's cost
estimate and financing lines (the row forms are budgets'). Fields are listed explicitly: state, the
funder's decision and the version are set by their own workflows, never through these. The forms
only check; projects.services.applications writes what they hold."""

from __future__ import annotations

from functools import cached_property
from typing import Any

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from budgets.forms import BudgetLineForm, FinancingLineForm, LineFormSet
from budgets.models import BudgetLine, FinancingLine
from hankehallinta.editing import kept_forms, marked_for_deletion
from hankehallinta.limits import RowLimitMixin, TextLimitMixin
from hankehallinta.versioning import VersionedModelForm
from projects.models import Indicator, Objective, Project

# A date that is no date, in any of the director's forms.
DATE_ERRORS = {"invalid": _("Give the date as 31.12.2025.")}


class ProjectForm(TextLimitMixin, VersionedModelForm):
    """The project's core data (hankkeen perustiedot)."""

    class Meta:
        model = Project
        fields = [
            "title",
            "owning_unit",
            "manager",
            "manager_account",
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
            self.add_error("end_date", _("A project cannot end before it starts."))
        return data


class ObjectiveForm(TextLimitMixin, forms.ModelForm):
    """An objective (tavoite) and its actions (toimenpiteet); the order follows the rows."""

    class Meta:
        model = Objective
        fields = ["text", "actions"]
        labels = {"text": _("Objective"), "actions": _("Actions")}
        widgets = {"text": forms.Textarea(attrs={"rows": 2}), "actions": forms.Textarea(attrs={"rows": 2})}
        error_messages = {"text": {"required": _("Write the objective.")}}


class IndicatorForm(TextLimitMixin, forms.ModelForm):
    """An indicator (mittari) of an objective: baseline and target."""

    class Meta:
        model = Indicator
        fields = ["name", "baseline", "target", "unit"]
        labels = {"name": _("Indicator"), "baseline": _("Baseline"), "target": _("Target"), "unit": _("Unit")}
        error_messages = {"name": {"required": _("Give the indicator's name.")}}


class IndicatorFormSet(RowLimitMixin, forms.BaseInlineFormSet):
    """The indicators of one objective, nested in the objective's row (at most settings.TABLE_MAX_ROWS)."""

    #: The placeholder of the row template for the script that adds rows: not the objective's own
    #: "__prefix__", so that copying an objective row leaves its indicator template intact.
    placeholder = "__iprefix__"

    @cached_property
    def stored_rows(self) -> models.QuerySet:
        """The objective's indicators; the objectives' query prefetches them: no query per objective."""
        return self.instance.indicators.all() if self.instance.pk else Indicator.objects.none()

    def get_queryset(self) -> models.QuerySet:
        return self.stored_rows

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


class ObjectiveFormSet(RowLimitMixin, forms.BaseInlineFormSet):
    """The project's objectives (at most settings.TABLE_MAX_ROWS); each row carries its own indicator
    formset (`form.indicators`)."""

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
            if not marked_for_deletion(self, form):
                valid = form.indicators.is_valid() and valid
        return valid

    def has_changed(self) -> bool:
        return super().has_changed() or any(form.indicators.has_changed() for form in self.forms)

    def clean(self) -> None:
        super().clean()
        for form in self.forms:
            if marked_for_deletion(self, form):
                continue
            if not form.has_changed() and not form.instance.pk and form.indicators.has_changed():
                form.add_error("text", _("Write the objective that the indicators belong to."))

    def kept_forms(self) -> list[forms.BaseForm]:
        """The objectives that will be stored, in their order on the page (numbered 1, 2, ... when saved):
        rows not removed that are stored already or were filled in."""
        return [form for form in kept_forms(self) if form.instance.pk or form.has_changed()]


ObjectiveInlineFormSet = forms.inlineformset_factory(
    Project, Objective, form=ObjectiveForm, formset=ObjectiveFormSet, extra=1, can_delete=True
)
BudgetLineFormSet = forms.inlineformset_factory(
    Project, BudgetLine, form=BudgetLineForm, formset=LineFormSet, extra=1, can_delete=True
)
FinancingLineFormSet = forms.inlineformset_factory(
    Project, FinancingLine, form=FinancingLineForm, formset=LineFormSet, extra=1, can_delete=True
)
