"""Long lists, fast: projects, their lines, meetings and checked items written with bulk_create (no
factories, no history rows), for the tests that a list page shows one page whatever the volume."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db.models import Max
from django.utils import timezone

from budgets.models import BudgetLine, FinancingLine
from decisions.models import AgendaItem, Meeting
from projects.models import Project

if TYPE_CHECKING:
    from decisions.models import Body

BATCH = 2_000


def many_projects(count: int, *, year: int = 2025, title: str = "Hanke", **fields) -> list[Project]:
    """`count` one-year projects starting on the same day, titled "<title> 00001" onwards."""
    projects = [
        Project(
            title=f"{title} {number:05d}",
            start_date=dt.date(year, 1, 1),
            end_date=dt.date(year, 12, 31),
            **fields,
        )
        for number in range(1, count + 1)
    ]
    return Project.objects.bulk_create(projects, batch_size=BATCH)


def with_lines(projects: list[Project], *, year: int = 2025, cost: str = "1000.10", applied: str = "600.05") -> None:
    """For each project: one budget line of `cost`, the funding `applied` for and the rest as its own
    contribution, a tenth of it in kind (as testing.factories.small_project, with cents)."""
    cost_amount, applied_amount = Decimal(cost), Decimal(applied)
    own = cost_amount - applied_amount
    in_kind = (own / 10).quantize(Decimal("0.01"))
    BudgetLine.objects.bulk_create(
        [BudgetLine(project=project, category="staff", year=year, amount=cost_amount) for project in projects],
        batch_size=BATCH,
    )
    Source = FinancingLine.Source
    FinancingLine.objects.bulk_create(
        [
            line
            for project in projects
            for line in (
                FinancingLine(project=project, source=Source.APPLIED, year=year, amount=applied_amount),
                FinancingLine(project=project, source=Source.OWN, year=year, amount=own - in_kind),
                FinancingLine(project=project, source=Source.OWN, year=year, amount=in_kind, in_kind=True),
            )
        ],
        batch_size=BATCH,
    )


def many_meetings(body: Body, count: int, *, items_each: int = 0) -> list[Meeting]:
    """`count` more meetings of `body` in 2023, one a day after those it has, each with `items_each`
    agenda items."""
    start = dt.datetime(2023, 1, 2, 14, 0, tzinfo=timezone.get_current_timezone())
    first = Meeting.objects.filter(body=body, year=2023).count() + 1
    meetings = Meeting.objects.bulk_create(
        [
            Meeting(body=body, year=2023, number=number, start=start + dt.timedelta(hours=number))
            for number in range(first, first + count)
        ],
        batch_size=BATCH,
    )
    AgendaItem.objects.bulk_create(
        [
            AgendaItem(meeting=meeting, body=body, year=2023, order=order, title=f"Asia {meeting.number}.{order}")
            for meeting in meetings
            for order in range(1, items_each + 1)
        ],
        batch_size=BATCH,
    )
    return meetings


def checked_items(body: Body, count: int) -> list[AgendaItem]:
    """`count` public items of a new meeting, numbered on from the body's last §, each checked a minute
    after the one before."""
    meeting = many_meetings(body, 1)[0]
    checked = dt.datetime(2023, 6, 1, 12, 0, tzinfo=timezone.get_current_timezone())
    first = (AgendaItem.objects.filter(body=body, year=2023).aggregate(Max("section"))["section__max"] or 0) + 1
    return AgendaItem.objects.bulk_create(
        [
            AgendaItem(
                meeting=meeting,
                body=body,
                year=2023,
                order=number,
                section=number,
                title=f"Päätetty asia {number:03d}",
                checked_at=checked + dt.timedelta(minutes=number),
            )
            for number in range(first, first + count)
        ]
    )
