from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import factory
from factory.django import DjangoModelFactory

from decisions.models import AgendaItem, Attachment, Attendance, Body, Meeting, Membership, Person

HELSINKI = ZoneInfo("Europe/Helsinki")


class PersonFactory(DjangoModelFactory):
    class Meta:
        model = Person

    first_name = factory.Sequence(lambda n: f"Etunimi{n}")
    last_name = factory.Sequence(lambda n: f"Sukunimi{n}")
    title = "Asiantuntija"


class BodyFactory(DjangoModelFactory):
    class Meta:
        model = Body

    name = factory.Sequence(lambda n: f"Lautakunta {n}")
    organisation = "Pohjois-Karjalan hyvinvointialue"
    appeal_court = "Itä-Suomen hallinto-oikeus"
    registry_email = "kirjaamo@example.fi"


class MembershipFactory(DjangoModelFactory):
    class Meta:
        model = Membership

    person = factory.SubFactory(PersonFactory)
    body = factory.SubFactory(BodyFactory)
    role = Membership.Role.MEMBER
    start_date = dt.date(2023, 1, 1)


class MeetingFactory(DjangoModelFactory):
    class Meta:
        model = Meeting

    body = factory.SubFactory(BodyFactory)
    year = 2023
    number = factory.Sequence(lambda n: n + 1)
    start = dt.datetime(2023, 11, 20, 14, 0, tzinfo=HELSINKI)
    place = "Joensuu"


class AgendaItemFactory(DjangoModelFactory):
    class Meta:
        model = AgendaItem

    meeting = factory.SubFactory(MeetingFactory)
    order = factory.Sequence(lambda n: n + 1)
    section = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Asia {n}")
    proposal = "Lautakunta päättää hyväksyä asian."


class AttachmentFactory(DjangoModelFactory):
    class Meta:
        model = Attachment

    item = factory.SubFactory(AgendaItemFactory)
    number = factory.Sequence(lambda n: n + 1)
    title = "Liite"


class AttendanceFactory(DjangoModelFactory):
    class Meta:
        model = Attendance

    meeting = factory.SubFactory(MeetingFactory)
    person = factory.SubFactory(PersonFactory)
    capacity = Attendance.Capacity.MEMBER
