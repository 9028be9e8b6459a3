from __future__ import annotations

import datetime as dt
from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from projects.models import FundingCall, Indicator, Objective, Project


class FundingCallFactory(DjangoModelFactory):
    class Meta:
        model = FundingCall

    funder = "Sosiaali- ja terveysministeriö"
    name = factory.Sequence(lambda n: f"Kehittämishaku {n}")
    max_aid_rate = Decimal("0.8000")


class ProjectFactory(DjangoModelFactory):
    class Meta:
        model = Project

    title = factory.Sequence(lambda n: f"Hanke {n}")
    owning_unit = "Kehittämisyksikkö"
    manager = "Hanna Hankepäällikkö"
    start_date = dt.date(2024, 1, 1)
    end_date = dt.date(2025, 12, 31)
    funding_call = factory.SubFactory(FundingCallFactory)


class ObjectiveFactory(DjangoModelFactory):
    class Meta:
        model = Objective

    project = factory.SubFactory(ProjectFactory)
    order = factory.Sequence(lambda n: n + 1)
    text = factory.Sequence(lambda n: f"Tavoite {n}")


class IndicatorFactory(DjangoModelFactory):
    class Meta:
        model = Indicator

    objective = factory.SubFactory(ObjectiveFactory)
    name = "Yhteisten toimintamallien määrä"
    baseline = "0"
    target = "3"


def balanced_project(state: str = Project.State.PREPARATION, **extra) -> Project:
    """1 000 € of costs in 2024, 800 € applied (80 %, the cap) and 200 € own contribution."""
    from budgets.models import FinancingLine  # noqa: PLC0415 - budgets' factories import these
    from budgets.tests.factories import BudgetLineFactory, FinancingLineFactory  # noqa: PLC0415

    project = ProjectFactory(state=state, **extra)
    BudgetLineFactory(project=project, year=2024, amount=Decimal("1000"))
    FinancingLineFactory(project=project, year=2024, amount=Decimal("800"))
    FinancingLineFactory(project=project, year=2024, source=FinancingLine.Source.OWN, amount=Decimal("200"))
    return project
