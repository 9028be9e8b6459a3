"""The vote form: the question, what JAA and EI mean, and each voting member's position.

Only those on the item's voting roll (decisions.models.voting) get a ballot: a disqualified member,
one absent from the meeting or away from the item is listed below the ballots with the reason, and a
ballot posted for them is refused. Nothing is preselected: an eligible member without a position is
an error on that member's row. An empty result is written from the positions when they decide it.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from decisions.forms.handling import HandlingForm
from decisions.models import AgendaItem, Attendance, Person, Vote, VoteBallot
from decisions.models.voting import AWAY, RollEntry, voting_roll
from decisions.services import handling

CHOOSE_POSITION = _("Choose the member's position.")
BALLOT_PREFIX = "ballot_"


def position_choices() -> list[tuple[str, Any]]:
    """The four positions as the minutes name them: JAA, EI, TYHJÄ, POISSA."""
    return [(value, Vote.POSITION_WORDS[value]) for value in VoteBallot.Position.values]


def default_result(counts: dict[str, int], yes_option: str, no_option: str, chair_position: str | None) -> str:
    """The result as the positions decide it: the side with more votes, or on a tie the chair's side
    (the chair's vote decides a tie in a matter; not in an election). Empty when neither decides it."""
    yes, no = counts.get(VoteBallot.Position.YES, 0), counts.get(VoteBallot.Position.NO, 0)
    if yes == no == 0:
        return ""
    if yes != no:
        return str(_("The vote was won by %(option)s.") % {"option": yes_option if yes > no else no_option})
    if chair_position in (VoteBallot.Position.YES, VoteBallot.Position.NO):
        option = yes_option if chair_position == VoteBallot.Position.YES else no_option
        return str(_("The votes were tied; the chair's vote decided for %(option)s.") % {"option": option})
    return ""


class VoteForm(HandlingForm):
    """The vote and a position (JAA / EI / TYHJÄ / POISSA) for each member who votes in the item."""

    class Meta:
        model = Vote
        fields = ["question", "yes_option", "no_option", "result"]
        labels = {
            "question": _("Question put to the vote"),
            "yes_option": _("JAA (yes) means"),
            "no_option": _("EI (no) means"),
            "result": _("Result of the vote"),
        }
        help_texts = {"result": _("Left empty, the result is written from the positions.")}
        widgets = {"question": forms.Textarea(attrs={"rows": 2}), "result": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args: Any, item: AgendaItem, **kwargs: Any) -> None:
        super().__init__(*args, item=item, **kwargs)
        self.roll: list[RollEntry] = voting_roll(item)
        self.voters = [entry.person for entry in self.roll if entry.votes]
        self.not_voting = [entry for entry in self.roll if not entry.votes]
        self.number = len(item.votes.all()) + 1
        for person in self.voters:
            self.fields[self.ballot_field(person)] = forms.ChoiceField(
                label=person.full_name,
                choices=position_choices(),
                widget=forms.RadioSelect,
                error_messages={"required": CHOOSE_POSITION, "invalid_choice": CHOOSE_POSITION},
            )

    def position_choices(self) -> list[tuple[str, Any]]:
        """The column headings of the ballot table."""
        return position_choices()

    @staticmethod
    def ballot_field(person: Person) -> str:
        return f"{BALLOT_PREFIX}{person.pk}"

    def ballot_fields(self) -> list[forms.BoundField]:
        return [self[self.ballot_field(person)] for person in self.voters]

    def ballot_rows(self) -> list[dict[str, Any]]:
        """One row per voter for the template: the person, the bound field and the roll's note."""
        return [
            {"person": entry.person, "field": self[self.ballot_field(entry.person)], "note": entry.note}
            for entry in self.roll
            if entry.votes
        ]

    def fixed_absent(self) -> int:
        """Those away from the item: recorded as POISSA without a ballot on the form."""
        return sum(1 for entry in self.not_voting if entry.standing == AWAY)

    def _posted_ballots(self) -> set[str]:
        """The ids the POST carries a ballot for."""
        prefix = self.add_prefix(BALLOT_PREFIX)
        return {key.removeprefix(prefix) for key in self.data if key.startswith(prefix)}

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not self.voters:
            raise forms.ValidationError(
                _("Record the meeting's attendance first: the voters are chosen from those present.")
            )
        posted = self._posted_ballots()
        for entry in self.not_voting:
            if str(entry.person.pk) in posted:
                self.add_error(
                    None,
                    _("%(name)s has no vote in this § (%(reason)s).")
                    % {"name": entry.person.full_name, "reason": entry.reason},
                )
        voter_ids = {str(person.pk) for person in self.voters} | {str(e.person.pk) for e in self.not_voting}
        if posted - voter_ids:
            self.add_error(None, _("A ballot was sent for someone who is not a voting member of this meeting."))
        if not self.errors and not (data.get("result") or "").strip():
            data["result"] = self._default_result(data)
        return data

    def _default_result(self, data: dict[str, Any]) -> str:
        counts = dict.fromkeys(VoteBallot.Position.values, 0)
        chair_position = None
        chairs = set(
            Attendance.objects.filter(
                meeting_id=self.instance.item.meeting_id, capacity=Attendance.Capacity.CHAIR, present=True
            ).values_list("person_id", flat=True)
        )
        for person in self.voters:
            position = data[self.ballot_field(person)]
            counts[position] += 1
            if person.pk in chairs:
                chair_position = position
        return default_result(counts, data.get("yes_option", ""), data.get("no_option", ""), chair_position)

    def record(self) -> Vote:
        """Record the vote with each voter's ballot (decisions.services.handling)."""
        positions = {person: self.cleaned_data[self.ballot_field(person)] for person in self.voters}
        return handling.record_vote(self.save(commit=False), positions)
