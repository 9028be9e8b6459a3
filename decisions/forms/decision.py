"""The secretary's forms on the meeting day: the decision and its handling (motions, votes with each
member's position, disqualifications, dissents).

Every form lists its fields explicitly. The people offered are those recorded in the meeting's
attendance (present), so the secretary picks names rather than types them. Saving goes through
decisions.services.items (the decision) and decisions.services.handling (the rest).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from decisions.forms.fields import SafeModelChoiceField
from decisions.models import (
    AgendaItem,
    Attendance,
    Disqualification,
    Dissent,
    Meeting,
    Motion,
    Person,
    Vote,
    VoteBallot,
)
from decisions.services import handling
from hankehallinta.limits import TextLimitMixin
from hankehallinta.versioning import VersionedModelForm

VOTING_CAPACITIES = (
    Attendance.Capacity.CHAIR,
    Attendance.Capacity.VICE_CHAIR,
    Attendance.Capacity.MEMBER,
    Attendance.Capacity.DEPUTY,
)
CHOOSE_POSITION = _("Choose the member's position.")


def attendees(meeting: Meeting, *, voting: bool = False) -> QuerySet[Person]:
    """The people present at the meeting (only those with a vote when `voting`)."""
    attendance = Attendance.objects.filter(meeting=meeting, present=True)
    if voting:
        attendance = attendance.filter(capacity__in=VOTING_CAPACITIES)
    return Person.objects.filter(pk__in=attendance.values("person_id")).order_by("last_name", "first_name", "pk")


class DecisionForm(TextLimitMixin, VersionedModelForm):
    """The resolution and the decision text; the text starts as the proposal and is edited from there."""

    class Meta:
        model = AgendaItem
        fields = ["resolution", "decision"]
        widgets = {"decision": forms.Textarea(attrs={"rows": 8})}
        labels = {"resolution": _("Type of decision"), "decision": _("Decision")}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["resolution"].required = True
        self.fields["resolution"].error_messages["required"] = _("Choose how the matter was decided.")
        if not self.instance.decision and not self.is_bound:
            self.initial["decision"] = self.instance.proposal

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        needs_text = data.get("resolution") not in (None, "", AgendaItem.Resolution.REMOVED)
        if needs_text and not data.get("decision", "").strip():
            self.add_error("decision", _("Write the text of the decision."))
        return data


class HandlingForm(TextLimitMixin, forms.ModelForm):
    """A handling record of one item; the people offered are the meeting's attendees."""

    person_fields: tuple[str, ...] = ()
    voting_only = False

    def __init__(self, *args: Any, item: AgendaItem, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.item = item
        people = attendees(item.meeting, voting=self.voting_only)
        for name in self.person_fields:
            field = self.fields[name]
            self.fields[name] = SafeModelChoiceField(
                queryset=people, required=field.required, label=field.label, help_text=field.help_text
            )

    def record(self) -> Motion | Vote | Disqualification | Dissent:
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
        return person


class DissentForm(HandlingForm):
    person_fields = ("person",)

    class Meta:
        model = Dissent
        fields = ["person", "reasons"]
        labels = {"person": _("Dissenting person"), "reasons": _("Reasons")}
        widgets = {"reasons": forms.Textarea(attrs={"rows": 3})}


class VoteForm(HandlingForm):
    """The vote and each voting member's position (JAA / EI / TYHJÄ / poissa), one field per member."""

    voting_only = True

    class Meta:
        model = Vote
        fields = ["question", "yes_option", "no_option", "result"]
        labels = {
            "question": _("Question put to the vote"),
            "yes_option": _("JAA (yes) means"),
            "no_option": _("EI (no) means"),
            "result": _("Result of the vote"),
        }
        widgets = {"question": forms.Textarea(attrs={"rows": 2}), "result": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args: Any, item: AgendaItem, **kwargs: Any) -> None:
        super().__init__(*args, item=item, **kwargs)
        self.voters = list(attendees(item.meeting, voting=True))
        for person in self.voters:
            self.fields[self.ballot_field(person)] = forms.ChoiceField(
                label=person.full_name,
                choices=VoteBallot.Position.choices,
                initial=VoteBallot.Position.YES,
                widget=forms.RadioSelect,
                error_messages={"required": CHOOSE_POSITION, "invalid_choice": CHOOSE_POSITION},
            )

    @staticmethod
    def ballot_field(person: Person) -> str:
        return f"ballot_{person.pk}"

    def ballot_fields(self) -> list[forms.BoundField]:
        return [self[self.ballot_field(person)] for person in self.voters]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not self.voters:
            raise forms.ValidationError(
                _("Record the meeting's attendance first: the voters are chosen from those present.")
            )
        return data

    def record(self) -> Vote:
        """Record the vote with each voter's ballot (decisions.services.handling)."""
        positions = {person: self.cleaned_data[self.ballot_field(person)] for person in self.voters}
        return handling.record_vote(self.save(commit=False), positions)


#: The handling forms by the `action` the decision page posts.
HANDLING_FORMS: dict[str, type[HandlingForm]] = {
    "motion": MotionForm,
    "vote": VoteForm,
    "disqualification": DisqualificationForm,
    "dissent": DissentForm,
}
