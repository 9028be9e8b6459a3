from __future__ import annotations

from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from budgets.models import BudgetLine, FinancingLine
from projects.tests.factories import ProjectFactory


class BudgetLineFactory(DjangoModelFactory):
    class Meta:
        model = BudgetLine

    project = factory.SubFactory(ProjectFactory)
    category = BudgetLine.Category.STAFF
    year = 2024
    amount = Decimal("1000.00")


class FinancingLineFactory(DjangoModelFactory):
    class Meta:
        model = FinancingLine

    project = factory.SubFactory(ProjectFactory)
    source = FinancingLine.Source.APPLIED
    year = 2024
    amount = Decimal("800.00")
