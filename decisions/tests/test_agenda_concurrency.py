"""§ numbering with concurrent writers on PostgreSQL: no duplicates and no gaps.

Two secretaries publish the agendas of two meetings of the same body at the same moment, while a
third adds an item to an agenda already published. Each works in its own thread with its own
database connection; a barrier releases them together. Without the lock on the body's row they
would read the same highest § and collide on the unique constraint (or leave gaps when retried).
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable

import pytest
from django.db import connection

from decisions.models import AgendaItem, Meeting
from decisions.services.agenda import add_item, number_agenda
from decisions.services.meetings import change_state
from testing.factories import HELSINKI, AgendaItemFactory, MeetingFactory

ROUNDS = 5


def run_at_once(works: list[Callable[[], None]]) -> list[str]:
    barrier = threading.Barrier(len(works))
    outcomes: list[str] = []
    lock = threading.Lock()

    def runner(work: Callable[[], None]) -> None:
        try:
            barrier.wait()
            work()
            outcome = "ok"
        except Exception as error:  # noqa: BLE001 - reported in the assertion
            outcome = f"error: {error!r}"
        finally:
            connection.close()
        with lock:
            outcomes.append(outcome)

    threads = [threading.Thread(target=runner, args=(work,)) for work in works]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return outcomes


def meeting(body, number: int, state=Meeting.State.PLANNED) -> Meeting:
    start = dt.datetime(2025, 2, number, 14, tzinfo=HELSINKI)
    return MeetingFactory(body=body, year=2025, number=number, start=start, state=state)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_numbering_leaves_no_duplicates_and_no_gaps(body):
    AgendaItemFactory(meeting=meeting(body, 1, Meeting.State.HELD), section=1)
    number = 2
    for _round in range(ROUNDS):
        first, second = meeting(body, number), meeting(body, number + 1)
        published = meeting(body, number + 2, Meeting.State.AGENDA_PUBLISHED)
        number += 3
        for target in (first, second):
            for order in range(1, 4):
                AgendaItemFactory(meeting=target, section=None, order=order)

        def add_late(target: Meeting = published) -> None:
            add_item(AgendaItem(meeting=Meeting.objects.get(pk=target.pk), title="Lisäasia"))

        outcomes = run_at_once(
            [
                lambda target=first: change_state(Meeting.objects.get(pk=target.pk), Meeting.State.AGENDA_PUBLISHED),
                lambda target=second: number_agenda(Meeting.objects.get(pk=target.pk)),
                add_late,
            ]
        )

        assert outcomes == ["ok"] * 3
    sections = sorted(AgendaItem.objects.filter(body=body, year=2025).values_list("section", flat=True))
    assert sections == list(range(1, 1 + 1 + ROUNDS * 7))
    for target in Meeting.objects.filter(body=body).exclude(state=Meeting.State.HELD):
        in_order = list(target.items.order_by("order", "pk").values_list("section", flat=True))
        assert in_order == sorted(in_order)
        assert in_order == list(range(in_order[0], in_order[0] + len(in_order)))  # one meeting's § run together
