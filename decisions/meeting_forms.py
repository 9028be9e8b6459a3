"""The secretary's forms for a new meeting and its attendance.

Fields are listed explicitly; labels and messages are Finnish. The meeting's edit form (time, place,
examiners) is decisions.forms.MeetingForm.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from decisions.fields import DATETIME_ERROR, SafeModelChoiceField, TitledPersonChoiceField
from decisions.models import AgendaItem, Attendance, Meeting, Person


class MeetingCreateForm(forms.ModelForm):
    """A new meeting: its number in the body's year is proposed (the next free one) and can be changed."""

    class Meta:
        model = Meeting
        fields = ["body", "number", "start", "end", "place"]
        field_classes = {"body": SafeModelChoiceField}
        labels = {
            "body": _("Toimielin"),
            "number": _("Kokouksen numero"),
            "start": _("Alkaa"),
            "end": _("Päättyy"),
            "place": _("Paikka"),
        }
        help_texts = {
            "number": _("Numerointi alkaa joka vuosi alusta; ehdotettu on seuraava vapaa numero."),
            "start": _("Esimerkiksi 28.11.2025 14:00"),
            "end": _("Esimerkiksi 28.11.2025 16:30"),
        }
        error_messages = {
            "start": {"invalid": DATETIME_ERROR, "required": _("Anna kokouksen alkamisaika.")},
            "end": {"invalid": DATETIME_ERROR},
            "number": {"invalid": _("Anna numero kokonaislukuna.")},
        }

    def __init__(self, *args: Any, bodies: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = bodies
        self.fields["number"].min_value = 1
        self.fields["number"].widget.attrs["min"] = 1
        self.fields["number"].max_value = 32767
        if bodies.count() == 1:
            body = bodies.first()
            self.fields["body"].initial = body.pk
            self.fields["body"].widget = forms.HiddenInput()
            self.fields["number"].initial = Meeting.next_number(body, timezone.localdate().year)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        start, end, body, number = data.get("start"), data.get("end"), data.get("body"), data.get("number")
        if start and end and end < start:
            self.add_error("end", _("Kokous ei voi päättyä ennen kuin se alkaa."))
        if start and body and number:
            year = timezone.localtime(start).year
            if Meeting.objects.filter(body=body, year=year, number=number).exists():
                self.add_error(
                    "number",
                    _("Numero %(number)s on jo käytössä vuonna %(year)s. Seuraava vapaa on %(free)s.")
                    % {"number": number, "year": year, "free": Meeting.next_number(body, year)},
                )
        return data

    def validate_unique(self) -> None:
        """The year comes from the start; clean() checks the number within it."""

    def save(self, commit: bool = True) -> Meeting:
        self.instance.year = timezone.localtime(self.instance.start).year
        return super().save(commit=commit)


class AttendanceRowForm(forms.Form):
    """One person's attendance: capacity, present or not, and the item during which they came or left."""

    person = TitledPersonChoiceField(queryset=Person.objects.none(), label=_("Henkilö"), required=True)
    capacity = forms.ChoiceField(choices=[("", "—"), *Attendance.Capacity.choices], label=_("Ominaisuus"))
    present = forms.BooleanField(required=False, label=_("Läsnä"))
    arrived_at_item = SafeModelChoiceField(
        queryset=AgendaItem.objects.none(), required=False, label=_("Saapui asian aikana")
    )
    left_at_item = SafeModelChoiceField(
        queryset=AgendaItem.objects.none(), required=False, label=_("Poistui asian aikana")
    )
    note = forms.CharField(max_length=300, required=False, label=_("Huomautus"))

    def __init__(self, *args: Any, meeting: Meeting, persons: Any, items: list[AgendaItem], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = persons
        for name in ("arrived_at_item", "left_at_item"):
            field = self.fields[name]
            field.queryset = AgendaItem.objects.filter(meeting=meeting)
            field.label_from_instance = lambda item: str(item)
            field.choices = [("", "—"), *[(item.pk, str(item)) for item in items]]
        for name in ("person", "arrived_at_item", "left_at_item"):
            self.fields[name].widget.attrs["class"] = "form-select form-select-sm"
        self.fields["note"].widget.attrs["class"] = "form-control form-control-sm"
        if self.initial.get("person") is not None:  # a prefilled row: the name is shown as the row's header
            self.fields["person"].widget = forms.HiddenInput()

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        arrived, left = data.get("arrived_at_item"), data.get("left_at_item")
        if (arrived or left) and not data.get("present"):
            self.add_error("present", _("Saapuneen tai poistuneen henkilön on oltava merkitty läsnä olleeksi."))
        if arrived and left and (left.order, left.pk) < (arrived.order, arrived.pk):
            self.add_error("left_at_item", _("Henkilö ei voi poistua ennen kuin hän saapui."))
        return data


class BaseAttendanceFormSet(forms.BaseFormSet):
    def clean(self) -> None:
        if any(self.errors):
            return
        seen: set[int] = set()
        for form in self.forms:
            person = form.cleaned_data.get("person")
            if person is None:
                continue
            if person.pk in seen:
                form.add_error("person", _("Henkilö on jo listalla."))
            seen.add(person.pk)


AttendanceFormSet = forms.formset_factory(
    AttendanceRowForm, formset=BaseAttendanceFormSet, extra=1, max_num=200, absolute_max=300, validate_max=True
)
