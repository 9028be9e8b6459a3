"""A meeting on its day, for the decision, minutes and extract tests: a held meeting of `body` with
its chair, four members (one absent), the presenter and the secretary recorded as attending, and
two items with proposals."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from decisions.models import AgendaItem, Attendance, Body, Meeting, Person
from testing.factories import HELSINKI, AgendaItemFactory, AttendanceFactory, MeetingFactory, PersonFactory

PROPOSAL = "Lautakunta päättää hyväksyä hankehakemuksen ja valtuuttaa kehittämisjohtajan tekemään siihen muutokset."
AMENDED = "Lautakunta päättää hyväksyä hankehakemuksen muutettuna siten, että hankkeen kesto on kaksi vuotta."


@dataclass
class MeetingDay:
    meeting: Meeting
    first: AgendaItem
    second: AgendaItem
    chair: Person
    members: list[Person]
    absent: Person
    secretary_person: Person


def meeting_day(body: Body, *, state: str = Meeting.State.HELD, start: dt.datetime | None = None) -> MeetingDay:
    meeting = MeetingFactory(
        body=body,
        year=2026,
        number=3,
        start=start or dt.datetime(2026, 3, 10, 14, 0, tzinfo=HELSINKI),
        state=state,
        place="Joensuu, Tikkamäentie 16",
    )
    chair = PersonFactory(first_name="Anneli", last_name="Heikkinen")
    members = [PersonFactory(first_name=f"Jäsen{n}", last_name=f"Jäsenen{n}") for n in range(3)]
    absent = PersonFactory(first_name="Poissa", last_name="Oleva")
    secretary_person = PersonFactory(first_name="Sanna", last_name="Pöytäkirjanpitäjä", title="Hallintosihteeri")
    AttendanceFactory(meeting=meeting, person=chair, capacity=Attendance.Capacity.CHAIR)
    for member in members:
        AttendanceFactory(meeting=meeting, person=member, capacity=Attendance.Capacity.MEMBER)
    AttendanceFactory(meeting=meeting, person=absent, capacity=Attendance.Capacity.MEMBER, present=False)
    AttendanceFactory(meeting=meeting, person=secretary_person, capacity=Attendance.Capacity.SECRETARY)
    first = AgendaItemFactory(meeting=meeting, section=21, order=1, title="Hankehakemus", proposal=PROPOSAL)
    second = AgendaItemFactory(
        meeting=meeting, section=22, order=2, title="Ilmoitusasiat", proposal="Merkitään tiedoksi."
    )
    return MeetingDay(meeting, first, second, chair, members, absent, secretary_person)
