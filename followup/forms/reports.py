"""The report's forms: a new report, the report itself (dates, a narrative per objective, a value per
indicator), an attachment, and the submission. They only check; followup.services.reports writes."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django import forms
from django.utils.translation import gettext_lazy as _

from followup.models import Report, ReportAttachment
from followup.reports import is_numeric, share_of_target
from followup.services.reports import IndicatorEntry
from hankehallinta.formfields import FinnishDecimalField
from hankehallinta.limits import TextLimitMixin, limit_texts
from hankehallinta.versioning import VersionedModelForm

if TYPE_CHECKING:
    from projects.models import Indicator, Objective

DATE_ERRORS = {"invalid": _("Give the date as 31.12.2025.")}
DATE_HELP = _("For example 31.12.2025")
DATE_FIELDS = ["period_start", "period_end", "due_date"]


def _check_period(form: forms.Form, data: dict[str, Any]) -> None:
    start, end = data.get("period_start"), data.get("period_end")
    if start and end and end < start:
        form.add_error("period_end", _("A report's period cannot end before it starts."))


class ReportCreateForm(forms.ModelForm):
    """A report outside the schedule: its kind, period and due date."""

    class Meta:
        model = Report
        fields = ["kind", *DATE_FIELDS]
        help_texts = dict.fromkeys(DATE_FIELDS, DATE_HELP)
        error_messages = {
            "kind": {"required": _("Choose the kind of report."), "invalid_choice": _("Choose the kind of report.")},
            **dict.fromkeys(DATE_FIELDS, DATE_ERRORS),
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        _check_period(self, data)
        return data


@dataclass
class IndicatorRow:
    """One indicator on the report's page: the application's baseline and target beside the value."""

    indicator: Indicator
    value: forms.BoundField
    note: forms.BoundField
    share: Decimal | None


@dataclass
class ObjectiveRow:
    objective: Objective
    narrative: forms.BoundField
    indicators: list[IndicatorRow]


class ReportForm(TextLimitMixin, VersionedModelForm):
    """The report: its dates, a narrative for each objective of the project and a value for each
    indicator (a number when the indicator counts something, followup.reports.is_numeric)."""

    class Meta:
        model = Report
        fields = DATE_FIELDS
        help_texts = dict.fromkeys(DATE_FIELDS, DATE_HELP)
        error_messages = dict.fromkeys(DATE_FIELDS, DATE_ERRORS)

    def __init__(self, *args: Any, objectives: list[Objective], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.objectives = objectives
        report = self.instance
        narratives = {row.objective_id: row.text for row in report.narratives.all()} if report.pk else {}
        values = {row.indicator_id: row for row in report.indicator_values.all()} if report.pk else {}
        self.stored_values = values
        for objective in objectives:
            self.fields[f"narrative-{objective.pk}"] = forms.CharField(
                label=_("Narrative: %(objective)s") % {"objective": objective.text[:80]},
                required=False,
                widget=forms.Textarea(attrs={"rows": 4, "class": "form-control"}),
                initial=narratives.get(objective.pk, ""),
            )
            for indicator in objective.indicators.all():
                self._add_indicator_fields(indicator, values.get(indicator.pk))
        limit_texts(self)

    def _add_indicator_fields(self, indicator: Indicator, stored: Any) -> None:
        label = _("Value: %(indicator)s") % {"indicator": indicator.name[:80]}
        small = {"class": "form-control form-control-sm"}
        if is_numeric(indicator):
            field = FinnishDecimalField(label=label, required=False, max_digits=16, decimal_places=4)
            field.widget.attrs = {**field.widget.attrs, **small}
            initial = str(stored) if stored and stored.number is not None else None  # "1 200,5"
        else:
            field = forms.CharField(label=label, required=False, max_length=300, widget=forms.TextInput(attrs=small))
            initial = stored.text if stored else ""
        field.initial = initial
        self.fields[f"value-{indicator.pk}"] = field
        self.fields[f"note-{indicator.pk}"] = forms.CharField(
            label=_("Note: %(indicator)s") % {"indicator": indicator.name[:80]},
            required=False,
            max_length=500,
            initial=stored.note if stored else "",
            widget=forms.TextInput(attrs=small),
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        _check_period(self, data)
        return data

    def rows(self) -> list[ObjectiveRow]:
        """The page's table: each objective with its narrative and its indicators' values."""
        rows = []
        for objective in self.objectives:
            indicators = []
            for indicator in objective.indicators.all():
                stored = self.stored_values.get(indicator.pk)
                share = share_of_target(stored.number if stored else None, indicator)
                value, note = self[f"value-{indicator.pk}"], self[f"note-{indicator.pk}"]
                indicators.append(IndicatorRow(indicator, value, note, share))
            rows.append(ObjectiveRow(objective, self[f"narrative-{objective.pk}"], indicators))
        return rows

    def narratives(self) -> dict[int, str]:
        return {objective.pk: self.cleaned_data[f"narrative-{objective.pk}"] for objective in self.objectives}

    def indicator_values(self) -> dict[int, IndicatorEntry]:
        entries = {}
        for objective in self.objectives:
            for indicator in objective.indicators.all():
                value = self.cleaned_data[f"value-{indicator.pk}"]
                note = self.cleaned_data[f"note-{indicator.pk}"]
                if isinstance(value, Decimal):
                    entries[indicator.pk] = IndicatorEntry(number=value, note=note)
                else:
                    entries[indicator.pk] = IndicatorEntry(text=value or "", note=note)
        return entries


class ReportAttachmentForm(forms.ModelForm):
    """A file for the report, accepted by its size and content (the model field's validator,
    hankehallinta.uploads.validate_upload), with the reason next to the field when it is not."""

    class Meta:
        model = ReportAttachment
        fields = ["title", "file"]
        labels = {"title": _("Attachment title"), "file": _("File")}
        error_messages = {
            "title": {"required": _("Give the title of the attachment.")},
            "file": {"required": _("Choose the file to attach.")},
        }


class ReportSubmitForm(forms.Form):
    """The submission: the version of the report the page showed."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
