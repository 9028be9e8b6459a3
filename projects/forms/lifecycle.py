"""Forms of the project's lifecycle: a step, the funder's decision, a named version.

(The status of a decision's condition is the decisions app's: decisions.forms.conditions.)"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from budgets.fields import FinnishAmountField
from hankehallinta.money import format_percent
from hankehallinta.versioning import VersionedModelForm
from projects.forms.projects import DATE_ERRORS
from projects.models import Project

_PERCENT = re.compile(r"^\d{1,3}(,\d{1,4})?$")


class FinnishPercentField(forms.DecimalField):
    """A percentage typed the Finnish way ("80", "80,00", "80 %"); the value is a fraction, 0.8000."""

    default_error_messages = {
        "invalid": _("Give a percentage, for example 80 or 80,00 %."),
        "range": _("The percentage must be between 0 and 100."),
    }

    def __init__(self, **kwargs: Any) -> None:
        kwargs.pop("max_digits", None)
        kwargs.pop("decimal_places", None)
        kwargs.pop("min_value", None)
        kwargs.pop("max_value", None)
        kwargs["widget"] = forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"})
        super().__init__(max_digits=5, decimal_places=4, **kwargs)

    def widget_attrs(self, widget: forms.Widget) -> dict[str, Any]:
        return forms.Field.widget_attrs(self, widget)

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, Decimal):
            return format_percent(value)
        return value

    def to_python(self, value: Any) -> Decimal | None:
        if value in self.empty_values:
            return None
        if isinstance(value, Decimal):
            return value
        text = re.sub(r"[\s\u00a0\u202f]", "", str(value)).removesuffix("%")
        if not _PERCENT.match(text):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        try:
            percent = Decimal(text.replace(",", "."))
        except InvalidOperation as error:  # pragma: no cover - the pattern admits digits only
            raise ValidationError(self.error_messages["invalid"], code="invalid") from error
        if percent > 100:
            raise ValidationError(self.error_messages["range"], code="range")
        return (percent / 100).quantize(Decimal("0.0001"))

    def validate(self, value: Decimal | None) -> None:
        forms.Field.validate(self, value)

    def has_changed(self, initial: Any, data: Any) -> bool:
        try:
            return self.to_python(data) != initial
        except ValidationError:
            return True


class TransitionForm(forms.Form):
    """One lifecycle step: where to, and why. The lifecycle's guards are checked here, at the fields they concern."""

    to = forms.ChoiceField(
        label=_("New state"), error_messages={"invalid_choice": _("The project cannot be moved to this state now.")}
    )
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Why the project is moved. Required when the application is returned or rejected."),
    )

    def __init__(self, *args: Any, project: Project, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.project = project
        self.fields["to"].choices = [(state, Project.State(state).label) for state in project.allowed_transitions()]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        to = cleaned.get("to")
        if to:
            for error in self.project.transition_errors(to, reason=cleaned.get("reason", "")):
                self.add_error("reason" if error.guard == "reason_required" else None, error.message)
        return cleaned


class FundingDecisionForm(VersionedModelForm):
    """The funder's decision as the funder wrote it: granted amount, aid rate, date and reference.

    It carries the project's version; projects.services.lifecycle.decide_funding refuses a stale save."""

    granted_amount = FinnishAmountField(label=_("Granted amount"), help_text=_("For example 303 924,00"))
    granted_aid_rate = FinnishPercentField(
        label=_("Aid rate"), required=False, help_text=_("As a percentage, for example 80,00 %")
    )
    funding_decision_date = forms.DateField(
        label=_("Date of the decision"), help_text=_("For example 31.12.2025"), error_messages=DATE_ERRORS
    )
    funding_decision_reference = forms.CharField(
        label=_("Reference of the decision"),
        max_length=100,
        help_text=_("The funder's record number or the number of the decision"),
    )

    class Meta:
        model = Project
        fields = ("granted_amount", "granted_aid_rate", "funding_decision_date", "funding_decision_reference")


class NamedVersionForm(forms.Form):
    label = forms.CharField(
        label=_("Name of the version"),
        max_length=200,
        help_text=_("For example: Corrected as the funder advised"),
    )
