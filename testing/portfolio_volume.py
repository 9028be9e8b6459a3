"""Many projects with budget and financing lines, written with bulk_create: the portfolio exports are
tested at 1 000 projects and measured at 9 000 (`bulk_portfolio(9000, budget_lines=12, financing_lines=6)`).

The data come from `random.Random(seed)` only. Amounts carry cents, states cover the whole lifecycle
(rejected projects included: the per-year table leaves them out), the projects run for two or three
years over 2020–2029 and belong to a few units and funding calls (some to none).
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal
from itertools import cycle, islice, product

from budgets.models import BudgetLine, FinancingLine
from projects.models import FundingCall, Project

UNITS = ("Kehittämisyksikkö", "Sosiaalipalvelut", "Terveyspalvelut", "Ikääntyneiden palvelut", "")
FUNDERS = ("Sosiaali- ja terveysministeriö", "Euroopan sosiaalirahasto", "Opetushallitus")
CATEGORIES = [category for category in BudgetLine.Category.values if category != BudgetLine.Category.FLAT_RATE]
SOURCES = (
    (FinancingLine.Source.APPLIED, False),
    (FinancingLine.Source.OWN, False),
    (FinancingLine.Source.MUNICIPAL, False),
    (FinancingLine.Source.OWN, True),
    (FinancingLine.Source.OTHER_PUBLIC, False),
    (FinancingLine.Source.PRIVATE, False),
)
BATCH = 2_000


def _amount(rng: random.Random) -> Decimal:
    """Between 100,00 and 250 000,00 €, with cents."""
    return Decimal(rng.randrange(10_000, 25_000_000)).scaleb(-2)


def _project(rng: random.Random, number: int, calls: list[FundingCall | None]) -> Project:
    start = rng.randrange(2020, 2029)
    years = rng.choice((2, 3))
    return Project(
        title=f"Hanke {number:05d} {rng.choice(('hyvinvointi', 'työkyky', 'osallisuus', 'digituki'))}",
        owning_unit=rng.choice(UNITS),
        start_date=dt.date(start, rng.randrange(1, 13), 1),
        end_date=dt.date(start + years - 1, 12, 31),
        funding_call=rng.choice(calls),
        state=rng.choice(Project.State.values),
    )


def _budget_lines(rng: random.Random, project: Project, count: int) -> list[BudgetLine]:
    """`count` lines, one per category and year (at most six categories a year)."""
    years = range(project.start_date.year, project.end_date.year + 1)
    pairs = islice(product(years, CATEGORIES), count)
    return [BudgetLine(project=project, category=category, year=year, amount=_amount(rng)) for year, category in pairs]


def _financing_lines(rng: random.Random, project: Project, count: int) -> list[FinancingLine]:
    years = cycle(range(project.start_date.year, project.end_date.year + 1))
    return [
        FinancingLine(project=project, source=source, in_kind=in_kind, year=next(years), amount=_amount(rng))
        for source, in_kind in islice(cycle(SOURCES), count)
    ]


def bulk_portfolio(count: int, *, budget_lines: int = 3, financing_lines: int = 3, seed: int = 11) -> list[Project]:
    """`count` projects, each with `budget_lines` budget lines and `financing_lines` financing lines."""
    rng = random.Random(seed)
    calls: list[FundingCall | None] = [
        FundingCall.objects.create(funder=funder, name=f"Haku {number}", max_aid_rate=Decimal("0.8000"))
        for number, funder in enumerate(FUNDERS, start=1)
    ]
    calls.append(None)
    projects = Project.objects.bulk_create(
        [_project(rng, number, calls) for number in range(1, count + 1)], batch_size=BATCH
    )
    BudgetLine.objects.bulk_create(
        [line for project in projects for line in _budget_lines(rng, project, budget_lines)], batch_size=BATCH
    )
    FinancingLine.objects.bulk_create(
        [line for project in projects for line in _financing_lines(rng, project, financing_lines)], batch_size=BATCH
    )
    return projects
