"""The secretary's handling forms on the decision page: motions, disqualifications, dissents, and the
conditions and delegations the decision sets (the vote: decisions.forms.votes).

Every form lists its fields explicitly. The people offered are those recorded in the meeting's
attendance (present), so the secretary picks names rather than types them. Saving goes through
decisions.services.handling.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from decisions.forms.fields import DATE_ERROR, PersonChoiceField
from decisions.models import (
    AgendaItem,
    Attendance,
    DecisionCondition,
    Delegation,
    Disqualification,
    Dissent,
    Meeting,
    Motion,
    Person,
)
from decisions.models.meetings import VOTING_CAPACITIES
from decisions.services import handling
from hankehallinta.limits import TextLimitMixin


def attendees(meeting: Meeting, *, voting: bool = False) -> QuerySet[Person]:
    """The people present at the meeting (only those with a vote when `voting`)."""
    attendance = Attendance.objects.filter(meeting=meeting, present=True)
    if voting:
        attendance = attendance.filter(capacity__in=VOTING_CAPACITIES)
    return Person.objects.filter(pk__in=attendance.values("person_id")).order_by("last_name", "first_name", "pk")


class HandlingForm(TextLimitMixin, forms.ModelForm):
    """A record of one item's handling or decision; the people offered are the meeting's attendees."""

    person_fields: tuple[str, ...] = ()
    voting_only = False

    def __init__(self, *args: Any, item: AgendaItem, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.item = item
        if self.person_fields:
            people = attendees(item.meeting, voting=self.voting_only)
            for name in self.person_fields:
                field = self.fields[name]
                self.fields[name] = PersonChoiceField(
                    queryset=people, required=field.required, label=field.label, help_text=field.help_text
                )

    def record(self) -> Any:
        """Record the valid form's row (decisions.services.handling)."""
        return handling.record_handling(self.save(commit=False))


class MotionForm(HandlingForm):
    person_fields = ("proposer", "seconder")

    class Meta:
        model = Motion
        fields = ["proposer", "text", "seconder", "outcome"]
        labels = {
            "proposer": _("Proposer"),
            "text": _("Motion"),
            "seconder": _("Seconder"),
            "outcome": _("Outcome of the motion"),
        }
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        proposer, seconder = data.get("proposer"), data.get("seconder")
        if proposer and seconder and proposer == seconder:
            self.add_error("seconder", _("The proposer cannot second their own motion."))
        return data


class DisqualificationForm(HandlingForm):
    person_fields = ("person",)

    class Meta:
        model = Disqualification
        fields = ["person", "ground", "left_room", "note"]
        labels = {
            "person": _("Disqualified person"),
            "ground": _("Ground for disqualification (Hallintolaki 28 §)"),
            "left_room": _("Left the meeting room while the matter was handled"),
            "note": _("Additional information"),
        }

    def clean_person(self) -> Person:
        person = self.cleaned_data["person"]
        if Disqualification.objects.filter(item=self.instance.item, person=person).exists():
            raise forms.ValidationError(_("This person's disqualification is already recorded in this §."))
        if handling.voted_in_item(self.instance.item, person):
            raise forms.ValidationError(
                _("This person has voted in this §: remove that vote before recording the disqualification.")
            )
        return person


class DissentForm(HandlingForm):
    person_fields = ("person",)

    class Meta:
        model = Dissent
        fields = ["person", "reasons"]
        labels = {"person": _("Dissenting person"), "reasons": _("Reasons")}
        widgets = {"reasons": forms.Textarea(attrs={"rows": 3})}


class ConditionForm(HandlingForm):
    """A condition the decision sets: what, by when and whose responsibility; its status is set later
    on the project's conditions page."""

    class Meta:
        model = DecisionCondition
        fields = ["text", "due_date", "responsible"]
        labels = {"text": _("Condition"), "due_date": _("Due date"), "responsible": _("Responsible")}
        help_texts = {
            "text": _("For example: the own contribution is included in the 2024 budget."),
            "responsible": _("A person or a role, e.g. talousjohtaja."),
        }
        widgets = {"text": forms.Textarea(attrs={"rows": 2})}
        error_messages = {"due_date": {"invalid": DATE_ERROR}}

    def record(self) -> DecisionCondition:
        return handling.record_decision_term(self.save(commit=False))


class DelegationForm(HandlingForm):
    """Whom the decision authorises to do what."""

    class Meta:
        model = Delegation
        fields = ["delegate", "scope"]
        labels = {"delegate": _("Delegate"), "scope": _("What the delegate may do")}
        help_texts = {
            "delegate": _("A role or a person, e.g. kehittämisjohtaja."),
            "scope": _("For example: to make changes to the application within the funder's guidance."),
        }
        widgets = {"scope": forms.Textarea(attrs={"rows": 2})}

    def record(self) -> Delegation:
        return handling.record_decision_term(self.save(commit=False))
