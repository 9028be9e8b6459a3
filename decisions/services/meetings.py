"""A meeting's own writes: creating it, moving it through its states, recording who attended.

The meeting's data (time, place, examiners) are edited through hankehallinta.editing.edit_with_version,
which refuses a stale save; the agenda's items are decisions.services.agenda.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from decisions.models import AgendaItem, Attendance, Meeting, Person
from decisions.services.agenda import AgendaError, Renumbered, number_agenda, release_sections
from hankehallinta.services import ActionRefused

if TYPE_CHECKING:
    from collections.abc import Iterable

    from django.contrib.auth.models import AbstractBaseUser


class MeetingTransitionError(ActionRefused):
    """A state change its guards refuse; `errors` are the reasons shown to the user, one by one."""

    def __init__(self, errors: list[str]) -> None:
        super().__init__("; ".join(errors))
        self.errors = errors


@dataclass(frozen=True)
class AttendanceRow:
    """One person's attendance as the secretary records it."""

    person: Person
    capacity: str
    present: bool
    arrived_at_item: AgendaItem | None = None
    left_at_item: AgendaItem | None = None
    note: str = ""


def create_meeting(meeting: Meeting, *, by: AbstractBaseUser | None = None) -> Meeting:
    """Save a new meeting; its year is that of its start, and its number must be free in that year."""
    meeting.year = timezone.localtime(meeting.start).year
    if Meeting.objects.number_taken(meeting.body, meeting.year, meeting.number):
        raise ActionRefused(
            _("Number %(number)s is already in use in %(year)s. The next free one is %(free)s.")
            % {"number": meeting.number, "year": meeting.year, "free": Meeting.next_number(meeting.body, meeting.year)},
            field="number",
        )
    meeting.save()
    return meeting


class StaleAttendanceError(ActionRefused):
    """Someone saved the meeting's attendance after this form was opened; nothing was saved."""

    def __init__(self) -> None:
        super().__init__(
            _(
                "Someone else saved the attendance after you opened the form. Your save was not made: the "
                "current attendance is below, and your own entries are shown under it."
            )
        )


@transaction.atomic
def _change_state(meeting: Meeting, to: str) -> list[Renumbered]:
    locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
    errors = locked.transition_errors(to)
    if errors:
        raise MeetingTransitionError(errors)
    moves: list[Renumbered] = []
    if to == Meeting.State.AGENDA_PUBLISHED:
        number_agenda(locked)
    if to == Meeting.State.CANCELLED:
        try:
            moves = release_sections(locked)
        except AgendaError as error:
            raise MeetingTransitionError([error.message]) from error
    locked.state = to
    locked.version += 1
    locked.save(update_fields=["state", "version"])
    meeting.state, meeting.version = locked.state, locked.version
    return moves


def change_state(meeting: Meeting, to: str, *, by: AbstractBaseUser | None = None) -> Meeting:
    """Move the meeting to state `to`, or raise MeetingTransitionError with the reasons.

    Publishing the agenda numbers its items (§); cancelling gives the numbers back (see
    cancel_meeting). The row is locked for the check and the write; the audit receivers record who
    (`by`) changed it.
    """
    _change_state(meeting, to)
    return meeting


def cancel_meeting(meeting: Meeting, *, by: AbstractBaseUser | None = None) -> list[Renumbered]:
    """Cancel the meeting: its § numbers are given back and the items of later meetings whose agendas
    are unpublished move down to fill them (returned, for the message). Refused, with the meeting
    named, when a later meeting's numbers are already fixed by its published agenda."""
    return _change_state(meeting, Meeting.State.CANCELLED)


def record_attendance(
    meeting: Meeting,
    rows: Iterable[AttendanceRow],
    *,
    expected_version: str | None,
    by: AbstractBaseUser | None = None,
) -> list[Attendance]:
    """Record each row's attendance at the meeting, replacing what was recorded for that person.

    `expected_version` is Meeting.attendance_version() as the form saw it: when the attendance has
    changed since, StaleAttendanceError is raised and nothing is saved (None skips the check, for
    loaders that are the only writer). The view locks the meeting's row, so two saves queue.
    """
    if expected_version is not None and expected_version != meeting.attendance_version():
        raise StaleAttendanceError()
    recorded = []
    for row in rows:
        attendance, _created = Attendance.objects.update_or_create(
            meeting=meeting,
            person=row.person,
            defaults={
                "capacity": row.capacity,
                "present": row.present,
                "arrived_at_item": row.arrived_at_item,
                "left_at_item": row.left_at_item,
                "note": row.note,
            },
        )
        recorded.append(attendance)
    return recorded
