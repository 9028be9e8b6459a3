"""The application editor's budget rows: cost estimate lines (category x year) and financing lines
(source x year), as inline formsets of the project. The plan's arithmetic is checked in
budgets.validation once every row is valid on its own."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from budgets.fields import FinnishAmountField
from budgets.models import BudgetLine, FinancingLine
from projects.models import Project

YEAR_ERRORS = {
    "invalid": _("Anna vuosi numeroina, esimerkiksi 2024."),
    "min_value": _("Anna vuosi väliltä 1900–2200."),
    "max_value": _("Anna vuosi väliltä 1900–2200."),
    "required": _("Anna vuosi."),
}


class YearField(forms.IntegerField):
    def __init__(self, **kwargs: Any) -> None:
        kwargs.update(min_value=1900, max_value=2200, error_messages=YEAR_ERRORS)
        kwargs.pop("max_length", None)
        super().__init__(**kwargs)

    def widget_attrs(self, widget: forms.Widget) -> dict[str, Any]:
        return {**super().widget_attrs(widget), "inputmode": "numeric"}


class BudgetLineForm(forms.ModelForm):
    """One line of the cost estimate (kustannusarvio)."""

    year = YearField(label=_("Vuosi"))
    amount = FinnishAmountField(label=_("Summa (€)"))

    class Meta:
        model = BudgetLine
        fields = ["category", "year", "amount", "justification"]
        labels = {"category": _("Kustannuslaji"), "justification": _("Perustelu")}
        widgets = {"justification": forms.TextInput()}
        error_messages = {"category": {"required": _("Valitse kustannuslaji.")}}


class FinancingLineForm(forms.ModelForm):
    """One line of the financing plan (rahoitussuunnitelma); own contribution may be staff time."""

    year = YearField(label=_("Vuosi"))
    amount = FinnishAmountField(label=_("Summa (€)"))

    class Meta:
        model = FinancingLine
        fields = ["source", "funder_name", "year", "amount", "in_kind"]
        labels = {
            "source": _("Rahoituslähde"),
            "funder_name": _("Rahoittaja"),
            "in_kind": _("Työaikana (luontoissuoritus)"),
        }
        error_messages = {"source": {"required": _("Valitse rahoituslähde.")}}

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("in_kind") and data.get("source") not in (None, FinancingLine.Source.OWN):
            self.add_error("in_kind", _("Vain omarahoitusosuus voi olla henkilöstön työaikaa."))
        return data


class LineFormSet(forms.BaseInlineFormSet):
    """Rows of one project's lines; blank extra rows are ignored and ticked rows removed."""

    def validate_unique(self) -> None:
        """Duplicates are reported at the row's year by budgets.validation, in plain Finnish."""

    def line_instances(self) -> list:
        """The lines as they will be after saving: kept and new rows (valid ones), not the removed."""
        lines = []
        for form in self.forms:
            if not hasattr(form, "cleaned_data") or not form.cleaned_data:
                continue
            if self.can_delete and self._should_delete_form(form):
                continue
            if form.errors:
                continue
            lines.append(form.instance)
        return lines


BudgetLineFormSet = forms.inlineformset_factory(
    Project, BudgetLine, form=BudgetLineForm, formset=LineFormSet, extra=1, can_delete=True
)
FinancingLineFormSet = forms.inlineformset_factory(
    Project, FinancingLine, form=FinancingLineForm, formset=LineFormSet, extra=1, can_delete=True
)
