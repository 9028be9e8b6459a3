"""Database constraints of the budgets app: amounts are never negative, one line per category and year."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from budgets.models import BudgetLine
from testing.factories import BudgetLineFactory, FinancingLineFactory, ProjectFactory

pytestmark = pytest.mark.django_db


def test_negative_budget_line_is_refused():
    with pytest.raises(IntegrityError), transaction.atomic():
        BudgetLineFactory(amount=Decimal("-0.01"))


def test_negative_financing_line_is_refused():
    with pytest.raises(IntegrityError), transaction.atomic():
        FinancingLineFactory(amount=Decimal("-0.01"))


def test_zero_amounts_are_allowed():
    assert BudgetLineFactory(amount=Decimal("0")).amount == 0
    assert FinancingLineFactory(amount=Decimal("0")).amount == 0


def test_one_budget_line_per_cost_category_and_year():
    project = ProjectFactory()
    BudgetLineFactory(project=project, category=BudgetLine.Category.STAFF, year=2024)

    with pytest.raises(IntegrityError), transaction.atomic():
        BudgetLineFactory(project=project, category=BudgetLine.Category.STAFF, year=2024)

    BudgetLineFactory(project=project, category=BudgetLine.Category.STAFF, year=2025)
    BudgetLineFactory(project=project, category=BudgetLine.Category.TRAVEL, year=2024)
    assert project.budget_lines.count() == 3


def test_amounts_keep_their_cents_exactly():
    line = BudgetLineFactory(amount=Decimal("303923.20"))
    line.refresh_from_db()

    assert line.amount == Decimal("303923.20")
