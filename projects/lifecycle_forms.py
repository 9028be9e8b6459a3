"""Forms of the project's lifecycle: a step, the funder's decision, a named version, a condition's status."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from budgets.fields import FinnishAmountField
from decisions.models import DecisionCondition
from hankehallinta.money import format_percent
from projects.forms import DATE_ERRORS
from projects.models import Project

_PERCENT = re.compile(r"^\d{1,3}(,\d{1,4})?$")


class FinnishPercentField(forms.DecimalField):
    """A percentage typed the Finnish way ("80", "80,00", "80 %"); the value is a fraction, 0.8000."""

    default_error_messages = {
        "invalid": _("Anna prosentti, esimerkiksi 80 tai 80,00 %."),
        "range": _("Prosentin on oltava 0–100."),
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
    """One lifecycle step: where to, and why. The model's guards are checked here, in Finnish."""

    to = forms.ChoiceField(
        label=_("Uusi tila"), error_messages={"invalid_choice": _("Hanketta ei voi siirtää tähän tilaan nyt.")}
    )
    reason = forms.CharField(
        label=_("Perustelu"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Miksi hanke siirretään. Pakollinen, kun hakemus palautetaan tai hylätään."),
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


class FundingDecisionForm(forms.ModelForm):
    """The funder's decision as the funder wrote it: granted amount, aid rate, date and reference."""

    granted_amount = FinnishAmountField(label=_("Myönnetty summa"), help_text=_("Esimerkiksi 303 924,00"))
    granted_aid_rate = FinnishPercentField(
        label=_("Tukiprosentti"), required=False, help_text=_("Prosentteina, esimerkiksi 80,00 %")
    )
    funding_decision_date = forms.DateField(
        label=_("Päätöksen päivämäärä"), help_text=_("Esimerkiksi 31.12.2025"), error_messages=DATE_ERRORS
    )
    funding_decision_reference = forms.CharField(
        label=_("Päätöksen tunnus"), max_length=100, help_text=_("Rahoittajan diaarinumero tai päätöksen numero")
    )

    class Meta:
        model = Project
        fields = ("granted_amount", "granted_aid_rate", "funding_decision_date", "funding_decision_reference")


class NamedVersionForm(forms.Form):
    label = forms.CharField(
        label=_("Version nimi"),
        max_length=200,
        help_text=_("Esimerkiksi: Rahoittajan ohjauksen mukaan korjattu"),
    )


class ConditionStatusForm(forms.ModelForm):
    """Whether a decision's condition is met: set by a person, with the evidence (e.g. the budget decision
    and its §); never derived from the figures."""

    status = forms.ChoiceField(label=_("Tila"), choices=DecisionCondition.Status.choices)
    evidence = forms.CharField(
        label=_("Näyttö"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Esimerkiksi: Aluevaltuusto 12.12.2023 § 98, talousarvio 2024."),
    )

    class Meta:
        model = DecisionCondition
        fields = ("status", "evidence")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        status, evidence = cleaned.get("status"), (cleaned.get("evidence") or "").strip()
        if status in (DecisionCondition.Status.MET, DecisionCondition.Status.NOT_MET) and not evidence:
            self.add_error(
                "evidence",
                _("Kerro näyttö: mihin päätökseen ja pykälään tila perustuu (esimerkiksi talousarviopäätös §)."),
            )
        return cleaned
