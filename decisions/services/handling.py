"""The handling of an item at the meeting: motions, votes with their ballots, disqualifications and
dissents, added and deleted by the secretary until the minutes of the § are checked."""

from __future__ import annotations

from collections.abc import Mapping

from django.utils.translation import gettext as _

from decisions.models import AgendaItem, Disqualification, Dissent, Motion, Person, Vote, VoteBallot
from hankehallinta.services import ActionRefused

#: The handling records by the name the decision page posts as `kind`.
HANDLING_KINDS: dict[str, type[Motion | Vote | Disqualification | Dissent]] = {
    "motion": Motion,
    "vote": Vote,
    "disqualification": Disqualification,
    "dissent": Dissent,
}


def _require_unchecked(item: AgendaItem) -> None:
    if item.is_checked:
        raise ActionRefused(_("The minutes of this § are checked: its handling can no longer change."))


def record_handling(record: Motion | Disqualification | Dissent) -> Motion | Disqualification | Dissent:
    """A motion, a disqualification or a dissent of the item the record names."""
    _require_unchecked(record.item)
    record.save()
    return record


def record_vote(vote: Vote, positions: Mapping[Person, str]) -> Vote:
    """A vote and each voting member's position (a VoteBallot.Position value)."""
    _require_unchecked(vote.item)
    vote.save()
    VoteBallot.objects.bulk_create(
        VoteBallot(vote=vote, person=person, position=position) for person, position in positions.items()
    )
    return vote


def delete_handling(item: AgendaItem, kind: str, record_id: int) -> bool:
    """Delete the item's handling record of `kind` with `record_id`; False when it was already gone."""
    _require_unchecked(item)
    model = HANDLING_KINDS[kind]
    record = model.objects.filter(item=item, pk=record_id).first()
    if record is None:
        return False
    record.delete()
    return True
