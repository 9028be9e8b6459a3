"""A body's numbering of a year as the pages show it: where the § count and the meeting numbers
start (NumberingStart, or 1), the highest already given, and the next ones.

The next § is what decisions.services.agenda.highest_section continues from, and the next meeting
number is Meeting.next_number: one past the highest given, and not below the year's start.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Max

from decisions.models import AgendaItem, Body, Meeting, NumberingStart


@dataclass(frozen=True)
class YearNumbering:
    """One year of a body's numbering."""

    year: int
    start: NumberingStart | None
    highest_section: int | None
    highest_meeting_number: int | None

    @property
    def first_section(self) -> int:
        return self.start.first_section if self.start else 1

    @property
    def first_meeting_number(self) -> int:
        return self.start.first_meeting_number if self.start else 1

    @property
    def next_section(self) -> int:
        return max(self.highest_section or 0, self.first_section - 1) + 1

    @property
    def next_meeting_number(self) -> int:
        return max((self.highest_meeting_number or 0) + 1, self.first_meeting_number)


def _numbering(body: Body, years: set[int], starts: dict[int, NumberingStart]) -> list[YearNumbering]:
    sections = dict(
        AgendaItem.objects.filter(body=body, year__in=years, section__isnull=False)
        .values("year")
        .annotate(highest=Max("section"))
        .values_list("year", "highest")
        .order_by()
    )
    meetings = dict(
        Meeting.objects.filter(body=body, year__in=years)
        .values("year")
        .annotate(highest=Max("number"))
        .values_list("year", "highest")
        .order_by()
    )
    return [
        YearNumbering(year, starts.get(year), sections.get(year), meetings.get(year))
        for year in sorted(years, reverse=True)
    ]


def year_numbering(body: Body, year: int) -> YearNumbering:
    """One year of the body's numbering (three queries)."""
    starts = {start.year: start for start in NumberingStart.objects.of(body, year)}
    [numbering] = _numbering(body, {year}, starts)
    return numbering


def body_numbering(body: Body, today: dt.date) -> list[YearNumbering]:
    """The body page's rows, newest first: next year, this year and every year with a start of its
    own (three queries however many years)."""
    starts = {start.year: start for start in NumberingStart.objects.filter(body=body)}
    return _numbering(body, {today.year, today.year + 1, *starts}, starts)
