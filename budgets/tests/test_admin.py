"""The budget back office: lines with their amounts the Finnish way, filtered by year and category."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from budgets.models import BudgetLine, FinancingLine
from hankehallinta.money import NBSP
from testing.factories import BudgetLineFactory, FinancingLineFactory

pytestmark = pytest.mark.django_db


def test_budget_lines_list_shows_amounts_in_euros(admin_client):
    BudgetLineFactory(amount=Decimal("150000"), category=BudgetLine.Category.STAFF, year=2024)

    response = admin_client.get(reverse("admin:budgets_budgetline_changelist"))

    assert response.status_code == 200
    assert f"150{NBSP}000,00{NBSP}€" in response.text


def test_budget_lines_filter_by_year(admin_client):
    BudgetLineFactory(year=2024, justification="vuoden 2024 rivi")
    BudgetLineFactory(year=2025, justification="vuoden 2025 rivi")

    response = admin_client.get(reverse("admin:budgets_budgetline_changelist"), {"year": "2025"})

    assert "vuoden 2025 rivi" in response.text
    assert "vuoden 2024 rivi" not in response.text


def test_financing_lines_list_shows_source_and_funder(admin_client):
    FinancingLineFactory(
        source=FinancingLine.Source.APPLIED, funder_name="Sosiaali- ja terveysministeriö", amount=Decimal("151962")
    )

    response = admin_client.get(reverse("admin:budgets_financingline_changelist"))

    assert "Sosiaali- ja terveysministeriö" in response.text
    assert f"151{NBSP}962,00{NBSP}€" in response.text
