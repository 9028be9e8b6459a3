"""Database constraints of the decisions app: numbering, confidentiality and dates."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import IntegrityError, transaction

from testing.factories import (
    HELSINKI,
    AgendaItemFactory,
    AttachmentFactory,
    AttendanceFactory,
    BodyFactory,
    MeetingFactory,
    MembershipFactory,
)

pytestmark = pytest.mark.django_db


def test_meeting_number_is_unique_per_body_and_year():
    body = BodyFactory()
    MeetingFactory(body=body, year=2023, number=12)

    with pytest.raises(IntegrityError), transaction.atomic():
        MeetingFactory(body=body, year=2023, number=12)

    MeetingFactory(body=body, year=2024, number=12)
    MeetingFactory(body=BodyFactory(), year=2023, number=12)


def test_section_is_unique_per_body_and_year_across_meetings():
    body = BodyFactory()
    AgendaItemFactory(meeting=MeetingFactory(body=body, year=2023, number=11), section=45)

    with pytest.raises(IntegrityError), transaction.atomic():
        AgendaItemFactory(meeting=MeetingFactory(body=body, year=2023, number=12), section=45)

    AgendaItemFactory(meeting=MeetingFactory(body=body, year=2024, number=1), section=45)
    AgendaItemFactory(meeting=MeetingFactory(body=BodyFactory(), year=2023, number=12), section=45)


def test_items_without_a_section_number_yet_do_not_collide():
    meeting = MeetingFactory()

    AgendaItemFactory(meeting=meeting, section=None)
    AgendaItemFactory(meeting=meeting, section=None)

    assert meeting.items.count() == 2


def test_item_takes_body_and_year_from_its_meeting():
    meeting = MeetingFactory(year=2023)
    item = AgendaItemFactory(meeting=meeting)

    assert (item.body, item.year) == (meeting.body, 2023)


def test_confidential_item_without_a_secrecy_ground_is_refused():
    with pytest.raises(IntegrityError), transaction.atomic():
        AgendaItemFactory(is_public=False, secrecy_ground="")


def test_confidential_item_with_a_secrecy_ground_is_allowed():
    item = AgendaItemFactory(is_public=False, secrecy_ground="JulkL 24.1 § 25 k")

    assert not item.is_public


def test_secret_attachment_without_a_secrecy_ground_is_refused():
    with pytest.raises(IntegrityError), transaction.atomic():
        AttachmentFactory(is_public=False, secrecy_ground="")


def test_attachment_number_is_unique_per_item():
    item = AgendaItemFactory()
    AttachmentFactory(item=item, number=1)

    with pytest.raises(IntegrityError), transaction.atomic():
        AttachmentFactory(item=item, number=1)


def test_meeting_ending_before_it_starts_is_refused():
    start = dt.datetime(2023, 11, 28, 14, 0, tzinfo=HELSINKI)

    with pytest.raises(IntegrityError), transaction.atomic():
        MeetingFactory(start=start, end=start - dt.timedelta(minutes=1))


def test_membership_ending_before_it_starts_is_refused():
    with pytest.raises(IntegrityError), transaction.atomic():
        MembershipFactory(start_date=dt.date(2023, 1, 1), end_date=dt.date(2022, 12, 31))


def test_body_active_until_before_active_from_is_refused():
    with pytest.raises(IntegrityError), transaction.atomic():
        BodyFactory(active_from=dt.date(2023, 1, 1), active_until=dt.date(2022, 12, 31))


def test_a_person_attends_a_meeting_once():
    attendance = AttendanceFactory()

    with pytest.raises(IntegrityError), transaction.atomic():
        AttendanceFactory(meeting=attendance.meeting, person=attendance.person)
