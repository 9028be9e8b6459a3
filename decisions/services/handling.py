"""The handling of an item at the meeting and what its decision sets: motions, votes with their
ballots, disqualifications, dissents, conditions and delegations, added and deleted by the secretary
until the minutes of the § are checked."""

from __future__ import annotations

from collections.abc import Mapping

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from decisions.models import (
    AgendaItem,
    DecisionCondition,
    Delegation,
    Disqualification,
    Dissent,
    Motion,
    Person,
    Vote,
    VoteBallot,
)
from decisions.models.voting import AWAY, voting_roll
from hankehallinta.services import ActionRefused

Record = Motion | Vote | Disqualification | Dissent | DecisionCondition | Delegation

#: The records by the name the decision page posts as `kind` to delete one.
HANDLING_KINDS: dict[str, type[Record]] = {
    "motion": Motion,
    "vote": Vote,
    "disqualification": Disqualification,
    "dissent": Dissent,
    "condition": DecisionCondition,
    "delegation": Delegation,
}


def _require_unchecked(item: AgendaItem) -> None:
    if item.is_checked:
        raise ActionRefused(_("The minutes of this § are checked: its handling can no longer change."))


def record_handling(record: Motion | Disqualification | Dissent) -> Motion | Disqualification | Dissent:
    """A motion, a disqualification or a dissent of the item the record names."""
    _require_unchecked(record.item)
    if isinstance(record, Disqualification) and voted_in_item(record.item, record.person):
        raise ActionRefused(
            _("%(name)s has voted in this §: remove that vote before recording the disqualification.")
            % {"name": record.person.full_name},
            field="person",
        )
    record.save()
    return record


def voted_in_item(item: AgendaItem, person: Person) -> bool:
    """Whether `person` took a position other than POISSA in a vote of the item."""
    return (
        VoteBallot.objects.filter(vote__item=item, person=person).exclude(position=VoteBallot.Position.ABSENT).exists()
    )


def record_decision_term(record: DecisionCondition | Delegation) -> DecisionCondition | Delegation:
    """A condition or a delegation the item's decision sets; it belongs to the item's project."""
    _require_unchecked(record.item)
    record.project_id = record.item.project_id
    record.save()
    return record


@transaction.atomic
def record_vote(vote: Vote, positions: Mapping[Person, str]) -> Vote:
    """A vote and each voting member's position (a VoteBallot.Position value), numbered after the
    item's earlier votes.

    Only those on the item's voting roll (decisions.models.voting) may have a position, and each of
    them must: a disqualified member or one absent from the meeting gets no ballot, one away from
    the item (arrived later or left earlier) is recorded as POISSA.
    """
    item = vote.item
    _require_unchecked(item)
    roll = voting_roll(item)
    given = {person.pk: position for person, position in positions.items()}
    voting = {entry.person.pk for entry in roll if entry.votes}
    refused = [person for person in positions if person.pk not in voting]
    if refused:
        reasons = {entry.person.pk: entry.reason for entry in roll}
        names = ", ".join(
            f"{person.full_name} ({reasons[person.pk]})" if person.pk in reasons else person.full_name
            for person in refused
        )
        raise ActionRefused(_("A ballot was given to someone without a vote in this §: %(names)s.") % {"names": names})
    missing = [entry.person.full_name for entry in roll if entry.votes and entry.person.pk not in given]
    if missing:
        raise ActionRefused(
            _("Every member entitled to vote needs a position: %(names)s.") % {"names": ", ".join(missing)}
        )
    if not voting:
        raise ActionRefused(_("Nobody present is entitled to vote in this §."))
    highest = Vote.objects.filter(item=item).aggregate(Max("order"))["order__max"]
    vote.order = (highest or 0) + 1
    vote.save()
    ballots = [VoteBallot(vote=vote, person_id=pk, position=position) for pk, position in given.items()]
    ballots += [
        VoteBallot(vote=vote, person=entry.person, position=VoteBallot.Position.ABSENT)
        for entry in roll
        if entry.standing == AWAY
    ]
    VoteBallot.objects.bulk_create(ballots)
    return vote


def delete_handling(item: AgendaItem, kind: str, record_id: int) -> bool:
    """Delete the item's record of `kind` with `record_id`; False when it was already gone."""
    _require_unchecked(item)
    model = HANDLING_KINDS[kind]
    record = model.objects.filter(item=item, pk=record_id).first()
    if record is None:
        return False
    record.delete()
    return True
