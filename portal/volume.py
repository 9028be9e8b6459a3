"""Ten years of realistic volume on top of whatever the database holds: `generate_volume()`.

The benchmark (`manage.py benchmark --size medium|full`) and the load test measure the pages at the
size a county reaches in ten years; `manage.py generate_volume` adds that volume on its own. What it
makes, from `random.Random(seed)` only (the same seed gives the same data):

- funding calls; projects whose years run over 2017–2026 and whose states follow their dates over
  the whole lifecycle, each with about 12 budget lines and 6 financing lines that balance per year
  and stay within the call's aid rate;
- bodies (36 at the full size) with two council terms of people and memberships;
- meetings (about one per ten items) spread over the ten years, numbered per body and year;
- agenda items with Finnish titles and texts: most checked and published, the last meetings of each
  body still in draft, some confidential; the § runs per body and year from 1 without gaps;
  register numbers like HYVAKS/1234/00.01.00/2021; a quarter of them decide a project;
- for the checked minutes: the check record and the attendance.

Everything is written with bulk_create in batches, in one transaction: no model save(), no history
(django-simple-history records only saves), no audit. Checked items are inserted already checked, so
the triggers that freeze them (they fire on UPDATE) never see a change. Columns the database fills
itself (search vectors by trigger or generated column) are left to it. PostgreSQL then gets ANALYZE.
"""

from __future__ import annotations

import datetime as dt
import random
import time
from dataclasses import dataclass, field
from decimal import ROUND_DOWN, Decimal
from typing import TYPE_CHECKING

from django.db import connection, transaction
from django.utils import timezone

from budgets.models import BudgetLine, FinancingLine
from decisions.models import AgendaItem, Attendance, Body, Meeting, Membership, MinutesCheck, Person
from portal.volume_texts import (
    BODY_TOPICS,
    FIRST_NAMES,
    FUNDERS,
    LAST_NAMES,
    RECURRING_ITEMS,
    SECRECY_GROUNDS,
    TASK_CLASSES,
    UNITS,
    Texts,
)
from projects.models import FundingCall, Project

if TYPE_CHECKING:
    from typing import TextIO

#: The named sizes: (projects, agenda items).
SIZES: dict[str, tuple[int, int]] = {"medium": (1_000, 2_000), "full": (9_000, 18_000)}
FIRST_YEAR, LAST_YEAR = 2017, 2026
FULL_BODIES = 36
ITEMS_PER_MEETING = 10
BATCH = 2_000
TERMS = ((dt.date(2017, 1, 1), dt.date(2022, 12, 31)), (dt.date(2023, 1, 1), None))
CENT = Decimal("0.01")
#: The states in which the funder's decision is recorded.
GRANTED_STATES = (
    Project.State.FUNDING_DECIDED,
    Project.State.IN_PROGRESS,
    Project.State.CLOSING,
    Project.State.CLOSED,
)


@dataclass
class VolumeSummary:
    """How many rows of each kind generate_volume() added, and how long it took."""

    funding_calls: int = 0
    projects: int = 0
    budget_lines: int = 0
    financing_lines: int = 0
    bodies: int = 0
    people: int = 0
    memberships: int = 0
    meetings: int = 0
    items: int = 0
    minutes_checks: int = 0
    attendances: int = 0
    seconds: float = field(default=0.0, compare=False)

    def lines(self) -> list[str]:
        """One line per kind, for the commands' output."""
        counts = {name: value for name, value in vars(self).items() if name != "seconds"}
        return [f"{name.replace('_', ' '):16} {value:>8,}" for name, value in counts.items()]


def generate_volume(*, projects: int, items: int, seed: int = 1, stdout: TextIO | None = None) -> VolumeSummary:
    """Add `projects` projects and `items` agenda items (with all that goes with them); see the module."""
    started = time.perf_counter()
    summary = VolumeSummary()
    generator = _Generator(random.Random(seed), summary, stdout)
    with transaction.atomic():
        project_rows = generator.projects(projects)
        generator.decisions(items, project_rows)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    summary.seconds = time.perf_counter() - started
    return summary


def _bulk(model, rows: list) -> list:
    """Insert `rows` in batches; the returned objects carry their primary keys."""
    return model.objects.bulk_create(rows, batch_size=BATCH)


def _aware(day: dt.date, hour: int) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=timezone.get_current_timezone())


class _Generator:
    def __init__(self, rng: random.Random, summary: VolumeSummary, stdout: TextIO | None) -> None:
        self.rng = rng
        self.summary = summary
        self.stdout = stdout
        self.texts = Texts(rng)
        self.started = time.perf_counter()

    def say(self, what: str) -> None:
        if self.stdout is not None:
            self.stdout.write(f"  {what} ({time.perf_counter() - self.started:.1f} s)\n")

    # Projects ---------------------------------------------------------------------------------

    def projects(self, count: int) -> list[Project]:
        """`count` projects with their lines; the lines are made first, so the granted amount is known."""
        if count <= 0:
            return []
        calls = self.funding_calls(max(3, count // 150))
        rows, budget, financing = [], [], []
        for _ in range(count):
            project = self.project(calls)
            year_costs = self.budget_lines(project, budget)
            self.financing_lines(project, year_costs, financing)
            rows.append(project)
        self.summary.projects = len(_bulk(Project, rows))
        self.say(f"{len(rows):,} projects")
        self.summary.budget_lines = len(_bulk(BudgetLine, budget))
        self.say(f"{len(budget):,} budget lines")
        self.summary.financing_lines = len(_bulk(FinancingLine, financing))
        self.say(f"{len(financing):,} financing lines")
        return rows

    def funding_calls(self, count: int) -> list[FundingCall]:
        calls = []
        for number in range(count):
            funder, rate = self.rng.choice(FUNDERS)
            year = FIRST_YEAR + number * (LAST_YEAR - FIRST_YEAR + 1) // count
            name = f"{self.texts.topic_title()} {year}"
            deadline = dt.date(year, self.rng.randint(1, 12), self.rng.randint(1, 28))
            calls.append(FundingCall(funder=funder, name=name, max_aid_rate=rate, deadline=deadline))
        self.summary.funding_calls = len(_bulk(FundingCall, calls))
        return calls

    def project(self, calls: list[FundingCall]) -> Project:
        rng = self.rng
        start = dt.date(rng.randint(FIRST_YEAR, LAST_YEAR), rng.randint(1, 12), 1)
        years = rng.choices((1, 2, 3), weights=(5, 60, 35))[0]
        end = dt.date(start.year + years - 1, 12, 31)
        call = rng.choice(calls) if rng.random() < 0.9 else None
        state = self.project_state(start, end)
        project = Project(
            title=self.texts.project_title(start.year),
            owning_unit=rng.choice(UNITS),
            manager=f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
            start_date=start,
            end_date=end,
            funding_call=call,
            partners=", ".join(self.texts.places(rng.randint(0, 3))),
            summary=self.texts.paragraph(2, 4),
            state=state,
        )
        if state in GRANTED_STATES:
            project.funding_decision_date = start - dt.timedelta(days=rng.randint(20, 90))
            project.funding_decision_reference = f"{rng.randint(100, 9999)}/{start.year - 1}"
            project.granted_aid_rate = call.max_aid_rate if call and call.max_aid_rate else Decimal("0.7500")
        return project

    def project_state(self, start: dt.date, end: dt.date) -> str:
        """A state that fits the dates as of the end of LAST_YEAR: old projects are closed (or were
        rejected), running ones in progress, the newest still being prepared or decided on."""
        state = Project.State
        if end.year < LAST_YEAR:
            options = {state.CLOSED: 75, state.REJECTED: 15, state.CLOSING: 6, state.IN_PROGRESS: 4}
        elif start.year < LAST_YEAR:
            options = {state.IN_PROGRESS: 70, state.FUNDING_DECIDED: 10, state.CLOSING: 10, state.SUBMITTED: 10}
        else:
            options = {
                state.IDEA: 20,
                state.PREPARATION: 30,
                state.BOARD_REVIEW: 15,
                state.SUBMITTED: 15,
                state.FUNDING_DECIDED: 10,
                state.RETURNED: 5,
                state.REJECTED: 5,
            }
        return self.rng.choices(list(options), weights=list(options.values()))[0]

    def budget_lines(self, project: Project, into: list[BudgetLine]) -> dict[int, Decimal]:
        """About 12 lines (categories × years); returns the cost of each year."""
        years = list(range(project.start_date.year, project.end_date.year + 1))
        categories = [c for c in BudgetLine.Category.values if c != BudgetLine.Category.FLAT_RATE]
        chosen = [categories[0], *self.rng.sample(categories[1:], 12 // len(years) - 1 if len(years) > 1 else 5)]
        costs = {}
        for year in years:
            costs[year] = Decimal(0)
            for category in chosen:
                amount = Decimal(self.rng.randrange(*COST_RANGES[category], 100))
                costs[year] += amount
                into.append(
                    BudgetLine(
                        project=project,
                        category=category,
                        year=year,
                        amount=amount,
                        justification=self.texts.sentence(),
                    )
                )
        return costs

    def financing_lines(self, project: Project, costs: dict[int, Decimal], into: list[FinancingLine]) -> None:
        """About 6 lines that cover each year's costs exactly: applied at the call's rate, own money
        (partly in kind) and, for short projects, a municipal share."""
        call = project.funding_call
        rate = call.max_aid_rate if call and call.max_aid_rate else Decimal("0.7500")
        funder = call.funder if call else "Sosiaali- ja terveysministeriö"
        municipal = len(costs) < 3
        for year, cost in costs.items():
            applied = (cost * rate).quantize(CENT, ROUND_DOWN)
            municipal_share = (cost * Decimal("0.05")).quantize(CENT, ROUND_DOWN) if municipal else Decimal(0)
            lines = [(FinancingLine.Source.APPLIED, funder, applied, False)]
            if municipal:
                lines.append((FinancingLine.Source.MUNICIPAL, "Joensuun kaupunki", municipal_share, False))
            own = cost - applied - municipal_share
            lines.append((FinancingLine.Source.OWN, "", own, self.rng.random() < 0.3))
            for source, name, amount, in_kind in lines:
                into.append(
                    FinancingLine(
                        project=project, source=source, funder_name=name, year=year, amount=amount, in_kind=in_kind
                    )
                )
        if project.granted_aid_rate is not None:
            project.granted_amount = sum((cost * rate).quantize(CENT, ROUND_DOWN) for cost in costs.values())

    # Bodies, people, meetings and items --------------------------------------------------------

    def decisions(self, items: int, projects: list[Project]) -> None:
        if items <= 0:
            return
        meetings_count = max(1, round(items / ITEMS_PER_MEETING))
        bodies = self.bodies(min(FULL_BODIES, max(2, round(FULL_BODIES * items / SIZES["full"][1]))))
        roster = self.people(bodies)
        meetings = self.meetings(bodies, meetings_count)
        agenda = self.items(meetings, items, roster, projects)
        self.minutes(meetings, agenda, roster)

    def bodies(self, count: int) -> list[Body]:
        taken = set(Body.objects.values_list("name", flat=True))
        bodies = []
        for index in range(count):
            topic, kind = BODY_TOPICS[index % len(BODY_TOPICS)]
            name = topic if index < len(BODY_TOPICS) else f"{topic} {index // len(BODY_TOPICS) + 1}"
            suffix = 1
            while name in taken:
                suffix += 1
                name = f"{topic} ({suffix})"
            taken.add(name)
            bodies.append(
                Body(
                    name=name,
                    abbreviation="".join(part[0] for part in name.split()).upper()[:6],
                    kind=kind,
                    organisation="Pohjois-Karjalan hyvinvointialue",
                    appeal_court="Itä-Suomen hallinto-oikeus",
                    registry_postal_address="Kirjaamo\nTikkamäentie 16\n80210 Joensuu",
                    registry_email="kirjaamo@example.fi",
                    active_from=TERMS[0][0],
                )
            )
        self.summary.bodies = len(_bulk(Body, bodies))
        return bodies

    def people(self, bodies: list[Body]) -> dict[tuple[int, int], dict[str, list[Person]]]:
        """Per (body, term): the chair, vice-chair, seven members, the presenter and the secretary."""
        roles = [
            (Membership.Role.CHAIR, ""),
            (Membership.Role.VICE_CHAIR, ""),
            *[(Membership.Role.MEMBER, "")] * 7,
            (Membership.Role.PRESENTER, "Palvelualuejohtaja"),
            (Membership.Role.SECRETARY, "Hallintosihteeri"),
        ]
        people, planned = [], []
        for body in bodies:
            for term, _dates in enumerate(TERMS):
                for role, title in roles:
                    first, last = self.rng.choice(FIRST_NAMES), self.rng.choice(LAST_NAMES)
                    person = Person(first_name=first, last_name=last, title=title, unit=self.rng.choice(UNITS))
                    people.append(person)
                    planned.append((body, term, role, person))
        _bulk(Person, people)
        memberships, roster = [], {}
        for body, term, role, person in planned:
            start, end = TERMS[term]
            memberships.append(Membership(person=person, body=body, role=role, start_date=start, end_date=end))
            roster.setdefault((body.pk, term), {}).setdefault(role, []).append(person)
        self.summary.people = len(people)
        self.summary.memberships = len(_bulk(Membership, memberships))
        self.say(f"{len(bodies)} bodies, {len(people):,} people")
        return roster

    def meetings(self, bodies: list[Body], count: int) -> list[Meeting]:
        """Each body's meetings spread evenly over the ten years; the last three of a body are still
        open (minutes awaiting check, agenda published, planned), the rest published."""
        first, last = dt.date(FIRST_YEAR, 1, 15), dt.date(LAST_YEAR, 12, 18)
        open_states = (Meeting.State.AWAITING_CHECK, Meeting.State.AGENDA_PUBLISHED, Meeting.State.PLANNED)
        meetings = []
        for index, body in enumerate(bodies):
            share = count // len(bodies) + (1 if index < count % len(bodies) else 0)
            numbers: dict[int, int] = {}
            for position in range(share):
                day = first + (last - first) * (position + self.rng.random() * 0.5) / max(share, 1)
                numbers[day.year] = numbers.get(day.year, 0) + 1
                from_end = share - 1 - position
                state = open_states[-1 - from_end] if from_end < len(open_states) else Meeting.State.PUBLISHED
                start = _aware(day, self.rng.choice((9, 13, 16)))
                published = state == Meeting.State.PUBLISHED
                meetings.append(
                    Meeting(
                        body=body,
                        year=day.year,
                        number=numbers[day.year],
                        start=start,
                        end=start + dt.timedelta(hours=2),
                        place=self.rng.choice(("Joensuu, Tikkamäentie 16", "Teams-etäkokous", "Lieksa, kaupungintalo")),
                        state=state,
                        minutes_published_on=(day + dt.timedelta(days=8)) if published else None,
                    )
                )
        self.summary.meetings = len(_bulk(Meeting, meetings))
        self.say(f"{len(meetings):,} meetings")
        return meetings

    def items(
        self, meetings: list[Meeting], count: int, roster: dict, projects: list[Project]
    ) -> dict[int, list[AgendaItem]]:
        """`count` items over the meetings, each meeting at least two (the opening routines)."""
        sizes = [min(2, count // len(meetings)) for _ in meetings]
        for _ in range(count - sum(sizes)):
            sizes[self.rng.randrange(len(meetings))] += 1
        by_year: dict[int | None, list[Project]] = {None: projects}
        for project in projects:
            by_year.setdefault(project.start_date.year, []).append(project)
        sections: dict[tuple[int, int], int] = {}
        registers: dict[int, int] = {}
        agenda, rows = {}, []
        for meeting, size in sorted(zip(meetings, sizes, strict=True), key=lambda pair: pair[0].start):
            people = roster[(meeting.body_id, 0 if meeting.year < TERMS[1][0].year else 1)]
            agenda[meeting.pk] = []
            for order in range(1, size + 1):
                item = self.item(meeting, order, people, by_year)
                if meeting.state != Meeting.State.PLANNED:
                    key = (meeting.body_id, meeting.year)
                    sections[key] = item.section = sections.get(key, 0) + 1
                registers[meeting.year] = registers.get(meeting.year, 0) + self.rng.randint(1, 6)
                if order > len(RECURRING_ITEMS):
                    task = self.rng.choice(TASK_CLASSES)
                    item.register_number = f"HYVAKS/{registers[meeting.year]}/{task}/{meeting.year}"
                agenda[meeting.pk].append(item)
                rows.append(item)
        self.summary.items = len(_bulk(AgendaItem, rows))
        self.say(f"{len(rows):,} agenda items")
        return agenda

    def item(self, meeting: Meeting, order: int, people: dict, projects: dict) -> AgendaItem:
        """An item of the meeting; a quarter decide a project starting in the meeting's year or the next."""
        rng, texts = self.rng, self.texts
        presenter = people[Membership.Role.PRESENTER][0]
        project = None
        if order <= len(RECURRING_ITEMS):
            title, proposal = RECURRING_ITEMS[order - 1]
        elif projects[None] and rng.random() < 0.25:
            project = rng.choice(projects.get(meeting.year + 1) or projects.get(meeting.year) or projects[None])
            title = f"Hankehakemus: {project.title}"
            proposal = texts.proposal(project.title)
        else:
            title = texts.item_title()
            proposal = texts.proposal(title)
        item = AgendaItem(
            meeting=meeting,
            body_id=meeting.body_id,
            year=meeting.year,
            order=order,
            title=title[:500],
            project=project,
            presenter=presenter,
            presenter_name=presenter.full_name,
            presenter_title=presenter.title,
            preparer_name=f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
            preparer_title="Kehittämispäällikkö",
            proposal=proposal,
            description=texts.paragraph(3, 8) if order > len(RECURRING_ITEMS) else "",
            distribution="Kirjaamo",
        )
        if order > len(RECURRING_ITEMS) and rng.random() < 0.05:
            item.is_public = False
            item.secrecy_ground = rng.choice(SECRECY_GROUNDS)
        if meeting.state in (Meeting.State.PUBLISHED, Meeting.State.AWAITING_CHECK):
            self.decide(item)
        if meeting.state == Meeting.State.PUBLISHED:
            item.checked_at = meeting.start + dt.timedelta(days=7)
        return item

    def decide(self, item: AgendaItem) -> None:
        """A resolution with its facts: mostly passed unchanged, now and then after a vote or amended."""
        outcomes = {
            AgendaItem.Resolution.PASSED: 82,
            AgendaItem.Resolution.NOTED: 8,
            AgendaItem.Resolution.RETURNED: 4,
            AgendaItem.Resolution.TABLED: 3,
            AgendaItem.Resolution.REJECTED: 2,
            AgendaItem.Resolution.PASSED_REVISED: 1,
        }
        item.resolution = self.rng.choices(list(outcomes), weights=list(outcomes.values()))[0]
        roll = self.rng.random()
        if item.resolution != AgendaItem.Resolution.NOTED and roll < 0.05:
            item.after_vote = True
        if item.resolution == AgendaItem.Resolution.PASSED and 0.05 <= roll < 0.1:
            item.amended = True
            item.decision = item.proposal + " " + self.texts.sentence()
        else:
            item.decision = item.proposal

    def minutes(self, meetings: list[Meeting], agenda: dict[int, list[AgendaItem]], roster: dict) -> None:
        """The check record (the whole meeting) and the attendance of every meeting that was held."""
        checks, attendances = [], []
        capacity = dict(CAPACITIES)
        for meeting in meetings:
            if meeting.state not in (Meeting.State.PUBLISHED, Meeting.State.AWAITING_CHECK):
                continue
            people = roster[(meeting.body_id, 0 if meeting.year < TERMS[1][0].year else 1)]
            for role, persons in people.items():
                for person in persons:
                    present = role != Membership.Role.MEMBER or self.rng.random() < 0.9
                    attendances.append(
                        Attendance(meeting=meeting, person=person, capacity=capacity[role], present=present)
                    )
            if meeting.state == Meeting.State.PUBLISHED:
                checks.append(
                    MinutesCheck(
                        meeting=meeting,
                        checked_on=timezone.localtime(meeting.start).date() + dt.timedelta(days=7),
                        method=MinutesCheck.Method.ELECTRONIC,
                    )
                )
        self.summary.minutes_checks = len(_bulk(MinutesCheck, checks))
        self.summary.attendances = len(_bulk(Attendance, attendances))
        self.say(f"{len(checks):,} minutes checks, {len(attendances):,} attendances")


CAPACITIES = (
    (Membership.Role.CHAIR, Attendance.Capacity.CHAIR),
    (Membership.Role.VICE_CHAIR, Attendance.Capacity.VICE_CHAIR),
    (Membership.Role.MEMBER, Attendance.Capacity.MEMBER),
    (Membership.Role.PRESENTER, Attendance.Capacity.PRESENTER),
    (Membership.Role.SECRETARY, Attendance.Capacity.SECRETARY),
)

#: (low, high) euros of a budget line per year, by category.
COST_RANGES = {
    BudgetLine.Category.STAFF: (40_000, 260_000),
    BudgetLine.Category.SERVICES: (5_000, 90_000),
    BudgetLine.Category.TRAVEL: (1_000, 15_000),
    BudgetLine.Category.EQUIPMENT: (1_000, 30_000),
    BudgetLine.Category.RENTS: (2_000, 24_000),
    BudgetLine.Category.OTHER: (1_000, 15_000),
}
