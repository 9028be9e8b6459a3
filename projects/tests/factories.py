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
