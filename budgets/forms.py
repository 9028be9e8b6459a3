"""The application editor's budget rows: a cost estimate line (category x year) and a financing line
(source x year), and the formset of one project's lines. The formsets bound to the project are built
in projects.forms.projects; the plan's arithmetic is checked in budgets.validation once every row is valid."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from budgets.fields import FinnishAmountField
from budgets.models import BudgetLine, FinancingLine
from hankehallinta.editing import kept_forms
from hankehallinta.limits import RowLimitMixin, TextLimitMixin

YEAR_ERRORS = {
    "invalid": _("Give the year in digits, for example 2024."),
    "min_value": _("Give a year between 1900 and 2200."),
    "max_value": _("Give a year between 1900 and 2200."),
    "required": _("Give the year."),
}


class YearField(forms.IntegerField):
    def __init__(self, **kwargs: Any) -> None:
        kwargs.pop("max_length", None)
        super().__init__(**{**kwargs, "min_value": 1900, "max_value": 2200, "error_messages": YEAR_ERRORS})

    def widget_attrs(self, widget: forms.Widget) -> dict[str, Any]:
        return {**super().widget_attrs(widget), "inputmode": "numeric"}


class BudgetLineForm(TextLimitMixin, forms.ModelForm):
    """One line of the cost estimate (kustannusarvio)."""

    year = YearField(label=_("Year"))
    amount = FinnishAmountField(label=_("Amount (€)"))

    class Meta:
        model = BudgetLine
        fields = ["category", "year", "amount", "justification"]
        labels = {"category": _("Cost category"), "justification": _("Justification")}
        widgets = {"justification": forms.TextInput()}
        error_messages = {"category": {"required": _("Choose the cost category.")}}


class FinancingLineForm(TextLimitMixin, forms.ModelForm):
    """One line of the financing plan (rahoitussuunnitelma); own contribution may be staff time."""

    year = YearField(label=_("Year"))
    amount = FinnishAmountField(label=_("Amount (€)"))

    class Meta:
        model = FinancingLine
        fields = ["source", "funder_name", "year", "amount", "in_kind"]
        labels = {
            "source": _("Source of financing"),
            "funder_name": _("Funder"),
            "in_kind": _("As staff time (in kind)"),
        }
        error_messages = {"source": {"required": _("Choose the source of financing.")}}

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("in_kind") and data.get("source") not in (None, FinancingLine.Source.OWN):
            self.add_error("in_kind", _("Only the own contribution can be staff time."))
        return data


class LineFormSet(RowLimitMixin, forms.BaseInlineFormSet):
    """Rows of one project's lines (at most settings.TABLE_MAX_ROWS); blank extra rows are ignored and
    ticked rows removed."""

    def validate_unique(self) -> None:
        """Duplicates are reported at the row's year by budgets.validation, in plain language."""

    def line_instances(self) -> list:
        """The lines as they will be after saving: kept and new rows (valid ones), not the removed."""
        return [form.instance for form in kept_forms(self) if not form.errors]
