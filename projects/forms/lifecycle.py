"""Forms of the project's lifecycle: a step, the funder's decision, a named version.

(The status of a decision's condition is the decisions app's: decisions.forms.conditions.)"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from budgets.fields import FinnishAmountField
from hankehallinta.percent import PercentField
from hankehallinta.versioning import VersionedModelForm
from projects.forms.projects import DATE_ERRORS
from projects.models import Project


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
    granted_aid_rate = PercentField(
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
