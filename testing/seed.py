"""The seed decision as test data: Tulevaisuuslautakunta § 45, Työkyvyn tuen palvelut.

The seed's own texts (portal.demo.texts) on the conftest cast's body. The figures are the
seed's (379 904 €, applied 303 924 €, own contribution 75 980 €, 80 % cap, so the cap warning
shows for 0,80 €), split unevenly over the years and with some own contribution in kind, unlike
the demo, so that tests exercise more than the demo shows.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from budgets.models import BudgetLine, FinancingLine
from decisions.models import AgendaItem, Body, Meeting, Person
from portal.demo.texts import DECISION, DESCRIPTION, PROPOSAL
from projects.models import Project
from testing.factories import (
    HELSINKI,
    AgendaItemFactory,
    BudgetLineFactory,
    FinancingLineFactory,
    IndicatorFactory,
    MeetingFactory,
    ObjectiveFactory,
    ProjectFactory,
)


def seed_project() -> Project:
    project = ProjectFactory(
        title="Työkyvyn tuen palvelut",
        owning_unit="Kehittämisyksikkö",
        start_date=dt.date(2024, 1, 1),
        end_date=dt.date(2025, 12, 31),
        state=Project.State.BOARD_REVIEW,
    )
    for category, year, amount in (
        (BudgetLine.Category.STAFF, 2024, "200000"),
        (BudgetLine.Category.SERVICES, 2024, "29904"),
        (BudgetLine.Category.STAFF, 2025, "150000"),
    ):
        BudgetLineFactory(project=project, category=category, year=year, amount=Decimal(amount))
    for source, year, amount, in_kind in (
        (FinancingLine.Source.APPLIED, 2024, "160000", False),
        (FinancingLine.Source.APPLIED, 2025, "143924", False),
        (FinancingLine.Source.OWN, 2024, "69904", False),
        (FinancingLine.Source.OWN, 2025, "6076", True),
    ):
        FinancingLineFactory(project=project, source=source, year=year, amount=Decimal(amount), in_kind=in_kind)
    for order, text in ((1, "Hanke selkeyttää yhdyspintoja"), (2, "Hanke selkeyttää vastuunjakoa")):
        objective = ObjectiveFactory(project=project, order=order, text=text)
        IndicatorFactory(objective=objective, name=f"Mittari {order}")
    return project


def seed_item(body: Body, presenter: Person | None = None, *, checked: bool = True, **extra) -> AgendaItem:
    meeting = MeetingFactory(
        body=body,
        year=2023,
        number=12,
        start=dt.datetime(2023, 11, 28, 14, 0, tzinfo=HELSINKI),
        state=Meeting.State.PUBLISHED if checked else Meeting.State.HELD,
    )
    values = {
        "meeting": meeting,
        "section": 45,
        "register_number": "SIUN/1234/02.08.00/2023",
        "title": "Työkyvyn tuen palvelut -hankkeen hankehakemus",
        "presenter": presenter,
        "presenter_name": presenter.full_name if presenter else "",
        "presenter_title": presenter.title if presenter else "",
        "proposal": PROPOSAL,
        "decision": DECISION,
        "resolution": AgendaItem.Resolution.PASSED,
        "description": DESCRIPTION,
        "project": seed_project(),
        "checked_at": dt.datetime(2023, 12, 1, 12, 0, tzinfo=HELSINKI) if checked else None,
    }
    values.update(extra)
    return AgendaItemFactory(**values)


def seed_snapshot() -> dict:
    """The seed's application as projects.versions.snapshot() writes it (test_versions checks the shape)."""
    return {
        "title": "Työkyvyn tuen palvelut",
        "owning_unit": "Kehittämisyksikkö",
        "manager": "Hanna Hankepäällikkö",
        "start_date": "2024-01-01",
        "end_date": "2025-12-31",
        "funder": "Sosiaali- ja terveysministeriö",
        "funding_call": "Kehittämishaku",
        "max_aid_rate": "0.8000",
        "partners": "",
        "objectives": [
            {
                "order": 1,
                "text": "Hanke selkeyttää yhdyspintoja",
                "actions": "",
                "indicators": [{"name": "Mittari 1", "baseline": "0", "target": "3", "unit": "kpl"}],
            },
            {"order": 2, "text": "Hanke selkeyttää vastuunjakoa", "actions": "", "indicators": []},
        ],
        "budget_lines": [
            {"category": "staff", "year": 2024, "amount": "200000.00", "justification": ""},
            {"category": "services", "year": 2024, "amount": "29904.00", "justification": ""},
            {"category": "staff", "year": 2025, "amount": "150000.00", "justification": ""},
        ],
        "financing_lines": [
            {"source": "applied", "funder_name": "", "year": 2024, "amount": "160000.00", "in_kind": False},
            {"source": "applied", "funder_name": "", "year": 2025, "amount": "143924.00", "in_kind": False},
            {"source": "own", "funder_name": "", "year": 2024, "amount": "69904.00", "in_kind": False},
            {"source": "own", "funder_name": "", "year": 2025, "amount": "6076.00", "in_kind": True},
        ],
    }
