"""The application editor's budget rows: a cost estimate line (category x year) and a financing line
(source x year), and the formset of one project's lines. The formsets bound to the project are built
in projects.forms.projects; the plan's arithmetic is checked in budgets.validation once every row is valid."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from budgets.fields import FinnishAmountField
from budgets.flat_rate import BASE_CHOICES
from budgets.models import ZERO, BudgetLine, FinancingLine
from hankehallinta.editing import kept_forms
from hankehallinta.limits import RowLimitMixin, TextLimitMixin
from hankehallinta.percent import PercentField

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


class ComputedAmountField(FinnishAmountField):
    """The amount of a flat-rate row: computed from its base (budgets.flat_rate), so whatever was
    posted for it is ignored, junk included."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**{**kwargs, "required": False})

    def bound_data(self, data: Any, initial: Any) -> Any:
        return initial

    def clean(self, value: Any) -> None:
        return None

    def has_changed(self, initial: Any, data: Any) -> bool:
        return False


class BudgetLineForm(TextLimitMixin, forms.ModelForm):
    """One line of the cost estimate (kustannusarvio). A flat-rate line (category "Flat-rate costs")
    is a percentage of base categories: its amount is computed, never typed (budgets.validation
    computes it with the other rows; budgets.services.flat_rates keeps it in step when stored)."""

    year = YearField(label=_("Year"))
    amount = FinnishAmountField(label=_("Amount (€)"))
    flat_rate = PercentField(label=_("Flat rate (%)"), required=False)
    flat_rate_base = forms.MultipleChoiceField(
        label=_("Base cost categories"),
        choices=BASE_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Choose the base among the cost categories other than flat-rate costs.")},
    )

    #: The fields of a flat rate: the row template shows them apart, for flat-rate rows only.
    flat_rate_fields = ("flat_rate", "flat_rate_base")

    class Meta:
        model = BudgetLine
        fields = ["category", "year", "amount", "justification", "flat_rate", "flat_rate_base"]
        labels = {"category": _("Cost category"), "justification": _("Justification")}
        widgets = {"justification": forms.TextInput()}
        error_messages = {"category": {"required": _("Choose the cost category.")}}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.is_flat_rate:
            self.fields["amount"] = ComputedAmountField(label=_("Amount (€)"))

    @property
    def is_flat_rate(self) -> bool:
        """Whether the row is a flat rate: its category as posted, or as stored."""
        return self["category"].value() == BudgetLine.Category.FLAT_RATE

    @property
    def computed_amount(self) -> Decimal | None:
        """A flat-rate row's amount as computed from the rows (None while the row has errors)."""
        if not self.is_flat_rate or self.errors:
            return None
        return self.instance.amount

    def clean_flat_rate(self) -> Decimal | None:
        rate = self.cleaned_data.get("flat_rate")
        if rate is not None and rate <= 0:
            raise forms.ValidationError(_("The flat rate must be more than 0 %."), code="range")
        return rate

    def clean_flat_rate_base(self) -> list[str]:
        chosen = set(self.cleaned_data.get("flat_rate_base") or [])
        return [key for key, _label in BASE_CHOICES if key in chosen]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not self.is_flat_rate:
            for name in self.flat_rate_fields:  # hidden on other rows: what they hold is not asked for
                self.errors.pop(name, None)
            return {**data, "flat_rate": None, "flat_rate_base": []}
        if data.get("flat_rate") is None and "flat_rate" not in self.errors:
            self.add_error("flat_rate", _("Give the flat rate as a percentage, for example 40."))
        if not data.get("flat_rate_base") and "flat_rate_base" not in self.errors:
            self.add_error("flat_rate_base", _("Choose the cost categories that the flat rate is a percentage of."))
        return {**self.cleaned_data, "amount": self.instance.amount if self.instance.amount is not None else ZERO}


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
