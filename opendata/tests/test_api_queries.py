"""Each list endpoint of the API answers in a fixed number of queries, at 10 items as at 1,000."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from decisions.legal_clock import NotificationMethod
from decisions.models import AgendaItem, Attachment, Meeting, Membership, Notification
from testing.factories import HELSINKI, MeetingFactory, PersonFactory

#: The most queries of each list (two of them the savepoint of ATOMIC_REQUESTS), the same at any size.
LISTS = {
    "oparl-body-list": 2,
    "oparl-organization-list": 5,
    "oparl-person-list": 5,
    "oparl-membership-list": 4,
    "oparl-meeting-list": 5,
    "oparl-agendaitem-list": 8,
    "oparl-file-list": 9,
    "oparl-location-list": 3,
}


def published_items(body, count: int) -> None:
    """`count` checked public items (with an attachment row each) of published meetings, cheaply."""
    meetings = [
        MeetingFactory(body=body, number=n + 1, state=Meeting.State.PUBLISHED, place=f"Sali {n % 3}")
        for n in range(max(1, count // 100))
    ]
    checked = dt.datetime(2023, 12, 1, 12, 0, tzinfo=HELSINKI)
    AgendaItem.objects.bulk_create(
        AgendaItem(
            meeting=meetings[n % len(meetings)],
            body=body,
            year=2023,
            section=n + 1,
            order=n + 1,
            title=f"Asia {n}",
            decision="Hyväksyttiin.",
            resolution="passed",
            checked_at=checked,
        )
        for n in range(count)
    )
    items = list(AgendaItem.objects.filter(body=body))
    Attachment.objects.bulk_create(
        Attachment(item=item, number=1, title="Liite", file=f"attachments/2023/{item.pk}.pdf", sha256="0" * 64)
        for item in items
    )
    Notification.objects.bulk_create(  # each § its last day of the rectification period
        Notification(item=item, method=NotificationMethod.WEB_PUBLICATION, sent_on=dt.date(2023, 12, 5))
        for item in items
    )
    people = PersonFactory.create_batch(min(count, 60))
    Membership.objects.bulk_create(
        Membership(person=person, body=body, role="member", start_date=dt.date(2023, 1, 1)) for person in people
    )


@pytest.mark.parametrize("count", [10, 1000])
@pytest.mark.parametrize("name", LISTS)
def test_each_list_answers_in_a_fixed_number_of_queries(body, client, django_assert_max_num_queries, name, count):
    published_items(body, count)
    with django_assert_max_num_queries(LISTS[name]):
        response = client.get(reverse(name))
    assert response.status_code == 200
    assert response.json()["pagination"]["totalElements"] >= 1
    if name == "oparl-agendaitem-list":
        assert all(row["fi:appealLastDay"] for row in response.json()["data"])
