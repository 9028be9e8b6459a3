"""The minutes of a meeting: the check (its date, examiners, method and the § it covers) and the
publication on the web. Saving is decisions.services.minutes."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from decisions.forms.fields import DATE_ERROR, PersonMultipleChoiceField, SafeModelMultipleChoiceField
from decisions.models import AgendaItem, Meeting, MinutesCheck, Person

CHOOSE_UNCHECKED = _("Choose unchecked sections.")


class MinutesCheckForm(forms.Form):
    """The check of the minutes: date, examiners, method, and the § it covers (none chosen: all)."""

    checked_on = forms.DateField(label=_("Date of the check"), error_messages={"invalid": DATE_ERROR})
    method = forms.ChoiceField(label=_("Method of the check"), choices=MinutesCheck.Method.choices)
    examiners = PersonMultipleChoiceField(
        label=_("Minutes examiners"),
        queryset=Person.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    items = SafeModelMultipleChoiceField(
        label=_("Sections to check"),
        queryset=AgendaItem.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_(
            "Leave empty when the whole minutes are checked. Choose the sections that were checked at once in the "
            "meeting."
        ),
    )

    def __init__(self, *args: Any, meeting: Meeting, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.meeting = meeting
        self.fields["checked_on"].initial = timezone.localdate()
        chosen = meeting.examiners.all()
        self.fields["examiners"].queryset = (
            meeting.attendees(voting=True) | Person.objects.filter(pk__in=chosen)
        ).distinct()
        self.fields["examiners"].initial = list(chosen.values_list("pk", flat=True))
        self.fields["items"].queryset = meeting.items.filter(checked_at__isnull=True).order_by("order", "pk")
        self.fields["items"].error_messages["invalid_choice"] = CHOOSE_UNCHECKED
        self.fields["items"].error_messages["invalid_pk_value"] = CHOOSE_UNCHECKED

    def clean_examiners(self) -> Any:
        examiners = self.cleaned_data["examiners"]
        if not examiners:
            raise forms.ValidationError(_("Choose the examiners of the minutes."))
        return examiners

    def clean_checked_on(self) -> dt.date:
        day = self.cleaned_data["checked_on"]
        if day < self.meeting.date:
            raise forms.ValidationError(_("The minutes cannot be checked before the meeting."))
        if day > timezone.localdate():
            raise forms.ValidationError(_("The date of the check cannot be in the future."))
        return day


class PublishForm(forms.Form):
    """The day the checked minutes went on the web: not before their check, not in the future."""

    published_on = forms.DateField(label=_("Published on the web"), error_messages={"invalid": DATE_ERROR})

    def __init__(self, *args: Any, meeting: Meeting, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.meeting = meeting
        self.fields["published_on"].initial = timezone.localdate()

    def clean_published_on(self) -> dt.date:
        day = self.cleaned_data["published_on"]
        checks = [check.checked_on for check in self.meeting.checks.all()]
        if checks and day < max(checks):
            raise forms.ValidationError(_("The minutes cannot be published before they are checked."))
        if day > timezone.localdate():
            raise forms.ValidationError(_("The date of publication cannot be in the future."))
        return day
