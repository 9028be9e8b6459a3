"""The secretary's forms for a meeting: a new meeting, its time, place and examiners, and its attendance.

Fields are listed explicitly. Nothing here saves: decisions.services.meetings does (the edit form is
saved by hankehallinta.editing.edit_with_version, which refuses a stale save).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from decisions.forms.fields import (
    DATETIME_ERROR,
    PersonChoiceField,
    PersonMultipleChoiceField,
    SafeModelChoiceField,
)
from decisions.models import AgendaItem, Attendance, Meeting, Membership, Person
from decisions.models.meetings import CAPACITY_OF_ROLE
from decisions.services.meetings import AttendanceRow
from hankehallinta.versioning import VersionedModelForm

MEETING_ENDS_BEFORE_START = _("A meeting cannot end before it starts.")


class MeetingCreateForm(forms.ModelForm):
    """A new meeting: its number in the body's year is proposed (the next free one) and can be changed."""

    class Meta:
        model = Meeting
        fields = ["body", "number", "start", "end", "place"]
        field_classes = {"body": SafeModelChoiceField}
        labels = {
            "body": _("Body"),
            "number": _("Meeting number"),
            "start": _("Starts"),
            "end": _("Ends"),
            "place": _("Place"),
        }
        help_texts = {
            "number": _("Numbering starts again every year; the proposed number is the next free one."),
            "start": _("For example 28.11.2025 14:00"),
            "end": _("For example 28.11.2025 16:30"),
        }
        error_messages = {
            "start": {"invalid": DATETIME_ERROR, "required": _("Give the start time of the meeting.")},
            "end": {"invalid": DATETIME_ERROR},
            "number": {"invalid": _("Give the number as a whole number.")},
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
            self.add_error("end", MEETING_ENDS_BEFORE_START)
        if start and body and number:
            year = timezone.localtime(start).year
            if Meeting.objects.number_taken(body, year, number):
                self.add_error(
                    "number",
                    _("Number %(number)s is already in use in %(year)s. The next free one is %(free)s.")
                    % {"number": number, "year": year, "free": Meeting.next_number(body, year)},
                )
        return data

    def validate_unique(self) -> None:
        """The year comes from the start; clean() checks the number within it."""


class MeetingForm(VersionedModelForm):
    """The secretary's form for a meeting's time, place and the examiners of its minutes."""

    class Meta:
        model = Meeting
        fields = ["start", "end", "place", "examiners"]
        field_classes = {"examiners": PersonMultipleChoiceField}
        widgets = {"examiners": forms.CheckboxSelectMultiple}
        help_texts = {
            "start": _("For example 28.11.2023 14:00"),
            "end": _("For example 28.11.2023 16:30"),
        }
        error_messages = {name: {"invalid": DATETIME_ERROR} for name in ("start", "end")}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Examiners are chosen among the body's members; ones already chosen stay selectable.
        members = Membership.objects.filter(body_id=self.instance.body_id, role__in=Membership.Role.voting())
        chosen = self.instance.examiners.all() if self.instance.pk else Person.objects.none()
        self.fields["examiners"].queryset = Person.objects.filter(
            pk__in=members.values("person_id")
        ) | Person.objects.filter(pk__in=chosen.values("pk"))

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            self.add_error("end", MEETING_ENDS_BEFORE_START)
        return data


class AttendanceRowForm(forms.Form):
    """One person's attendance: capacity, present or not, and the item during which they came or left."""

    person = PersonChoiceField(queryset=Person.objects.none(), label=_("Person"), required=True)
    capacity = forms.ChoiceField(choices=[("", "—"), *Attendance.Capacity.choices], label=_("Capacity"))
    present = forms.BooleanField(required=False, label=_("Present"))
    arrived_at_item = SafeModelChoiceField(
        queryset=AgendaItem.objects.none(), required=False, label=_("Arrived during item")
    )
    left_at_item = SafeModelChoiceField(queryset=AgendaItem.objects.none(), required=False, label=_("Left during item"))
    note = forms.CharField(max_length=300, required=False, label=_("Note"))

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
            self.add_error("present", _("A person who arrived or left must be marked present."))
        if arrived and left and (left.order, left.pk) < (arrived.order, arrived.pk):
            self.add_error("left_at_item", _("A person cannot leave before arriving."))
        return data


class BaseAttendanceFormSet(forms.BaseFormSet):
    def rows(self) -> list[AttendanceRow]:
        """The filled rows of a valid formset, for decisions.services.meetings.record_attendance."""
        return [
            AttendanceRow(
                person=data["person"],
                capacity=data["capacity"],
                present=data["present"],
                arrived_at_item=data["arrived_at_item"],
                left_at_item=data["left_at_item"],
                note=data["note"],
            )
            for data in (form.cleaned_data for form in self.forms)
            if data and data.get("person") is not None
        ]

    def clean(self) -> None:
        if any(self.errors):
            return
        seen: set[int] = set()
        for form in self.forms:
            person = form.cleaned_data.get("person")
            if person is None:
                continue
            if person.pk in seen:
                form.add_error("person", _("The person is already on the list."))
            seen.add(person.pk)


AttendanceFormSet = forms.formset_factory(
    AttendanceRowForm, formset=BaseAttendanceFormSet, extra=1, max_num=200, absolute_max=300, validate_max=True
)


def attendance_initial(meeting: Meeting) -> list[dict[str, Any]]:
    """The formset's rows: one per recorded attendance, then one per current member or official not yet recorded."""
    initial = []
    for row in meeting.attendance_rows():
        attendance = row.get("attendance")
        if attendance is not None:
            initial.append(
                {
                    "person": attendance.person_id,
                    "capacity": attendance.capacity,
                    "present": attendance.present,
                    "arrived_at_item": attendance.arrived_at_item_id,
                    "left_at_item": attendance.left_at_item_id,
                    "note": attendance.note,
                    "name": str(attendance.person),
                    "details": attendance.person.details,
                }
            )
        else:
            membership = row["membership"]
            initial.append(
                {
                    "person": membership.person_id,
                    "capacity": CAPACITY_OF_ROLE.get(membership.role, Attendance.Capacity.OTHER),
                    "present": True,
                    "note": "",
                    "name": str(membership.person),
                    "details": membership.person.details,
                }
            )
    return initial
