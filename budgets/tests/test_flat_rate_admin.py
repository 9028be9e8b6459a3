"""Flat rates in the back office: the base as tick boxes, the amount recomputed after every save."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from budgets.models import BudgetLine
from testing.flat_rate import flat_rate_project

pytestmark = pytest.mark.django_db


def test_a_staff_line_changed_in_the_admin_recomputes_the_flat_rate(admin_client):
    project = flat_rate_project()
    staff = project.budget_lines.get(category="staff", year=2024)

    response = admin_client.post(
        reverse("admin:budgets_budgetline_change", args=[staff.pk]),
        {"project": project.pk, "category": "staff", "year": "2024", "amount": "60 000,01", "justification": ""},
    )

    assert response.status_code == 302, response.text[:3000]
    assert project.budget_lines.get(category="flat_rate", year=2024).amount == Decimal("24000.00")


def test_a_flat_rate_typed_in_the_admin_gets_its_computed_amount(admin_client):
    project = flat_rate_project()
    project.budget_lines.filter(category="flat_rate", year=2025).delete()

    response = admin_client.post(
        reverse("admin:budgets_budgetline_add"),
        {
            "project": project.pk,
            "category": "flat_rate",
            "year": "2025",
            "amount": "1",
            "flat_rate": "0,25",
            "flat_rate_base": ["staff"],
            "justification": "",
        },
    )

    assert response.status_code == 302, response.text[:3000]
    line = project.budget_lines.get(category="flat_rate", year=2025)
    assert (line.amount, line.flat_rate, line.flat_rate_base) == (Decimal("15000.00"), Decimal("0.25"), ["staff"])


def test_removing_a_base_line_in_the_admin_recomputes_the_flat_rate(admin_client):
    project = flat_rate_project()
    BudgetLine.objects.create(project=project, category="travel", year=2026, amount=Decimal("100"))
    project.budget_lines.filter(category="flat_rate", year=2026).update(
        flat_rate_base=["staff", "travel"], amount=Decimal("12040.00")
    )
    travel = project.budget_lines.get(category="travel")

    response = admin_client.post(reverse("admin:budgets_budgetline_delete", args=[travel.pk]), {"post": "yes"})

    assert response.status_code == 302
    assert project.budget_lines.get(category="flat_rate", year=2026).amount == Decimal("12000.00")
