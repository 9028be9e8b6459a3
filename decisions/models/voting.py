"""Who votes in an item's votes: the voting roll of a §, read from the attendance and the handling.

A member (chair, vice-chair, member or deputy present in that capacity) votes unless they are
disqualified in the item (Hallintolaki 28 §) or were not there for it: absent from the meeting,
arrived during a later item, or left during an earlier one. Those who arrived or left during this
very item are offered a vote; the secretary marks them POISSA if they were out for the vote.

The vote form offers a ballot only to those who vote, and decisions.services.handling refuses any
other: the roll is computed the same way in both.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from decisions.models.meetings import VOTING_CAPACITIES, Attendance

if TYPE_CHECKING:
    from django.utils.functional import Promise

    from decisions.models.bodies import Person
    from decisions.models.items import AgendaItem

#: Standing of a person on the roll.
VOTES = "votes"
DISQUALIFIED = "disqualified"
AWAY = "away"  # at the meeting, not at this item: recorded as POISSA in each vote
ABSENT = "absent"  # not at the meeting: no ballot at all (the minutes list them as absent)


@dataclass(frozen=True)
class RollEntry:
    """A voting member of the meeting and whether they vote in this item (`reason` says why not)."""

    person: Person
    standing: str
    reason: Promise | str = ""
    note: Promise | str = ""

    @property
    def votes(self) -> bool:
        return self.standing == VOTES


def _place(item: AgendaItem) -> tuple[int, int, int]:
    return (item.order, item.section or 0, item.pk or 0)


def _entry(attendance: Attendance, item: AgendaItem, disqualified: set[int]) -> RollEntry:
    person = attendance.person
    if person.pk in disqualified:
        return RollEntry(person, DISQUALIFIED, pgettext_lazy("why a member has no vote in the item", "disqualified"))
    if not attendance.present:
        return RollEntry(
            person, ABSENT, pgettext_lazy("why a member has no vote in the item", "absent from the meeting")
        )
    arrived, left = attendance.arrived_at_item, attendance.left_at_item
    here = _place(item)
    if arrived is not None and _place(arrived) > here:
        section = arrived.section or "–"
        return RollEntry(
            person,
            AWAY,
            pgettext_lazy("why a member has no vote in the item", "absent"),
            _("arrived during § %(section)s") % {"section": section},
        )
    if left is not None and _place(left) < here:
        section = left.section or "–"
        return RollEntry(
            person,
            AWAY,
            pgettext_lazy("why a member has no vote in the item", "absent"),
            _("left during § %(section)s") % {"section": section},
        )
    if arrived is not None and arrived.pk == item.pk:
        return RollEntry(person, VOTES, note=_("arrived during this §"))
    if left is not None and left.pk == item.pk:
        return RollEntry(person, VOTES, note=_("left during this §"))
    return RollEntry(person, VOTES)


def voting_roll(item: AgendaItem) -> list[RollEntry]:
    """The meeting's voting members by name, each with their standing in this item's votes.

    Two queries at most: the attendances (with people and the items of arrival and leaving) and the
    item's disqualifications (none when they are prefetched)."""
    disqualified = {row.person_id for row in item.disqualifications.all()}
    attendances = (
        Attendance.objects.filter(meeting_id=item.meeting_id, capacity__in=VOTING_CAPACITIES)
        .select_related("person", "arrived_at_item", "left_at_item")
        .order_by("person__last_name", "person__first_name", "person__pk")
    )
    return [_entry(attendance, item, disqualified) for attendance in attendances]
