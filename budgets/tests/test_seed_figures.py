"""The seed's figures as the demo loads them: 379 904 = 303 924 + 75 980, aid rate 80,00 %, and the
0,80 € above an exact 80 % cap that is a warning, not an error."""

from __future__ import annotations

from decimal import Decimal

import pytest

from budgets.breakdown import FundingBreakdown
from hankehallinta.money import NBSP, format_eur, format_percent
from portal import demo

pytestmark = pytest.mark.django_db


@pytest.fixture
def seed(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return demo.load()


@pytest.fixture
def breakdown(seed) -> FundingBreakdown:
    return FundingBreakdown.for_project(seed.project)


def test_seed_totals_are_the_seeds_figures(breakdown):
    assert breakdown.total_cost == Decimal("379904")
    assert breakdown.applied == Decimal("303924")
    assert breakdown.own_contribution == Decimal("75980")
    assert breakdown.own_contribution_entered == Decimal("75980")
    assert breakdown.total_financing == breakdown.total_cost


def test_seed_totals_print_the_finnish_way(breakdown):
    assert format_eur(breakdown.total_cost) == f"379{NBSP}904,00{NBSP}€"
    assert format_eur(breakdown.applied) == f"303{NBSP}924,00{NBSP}€"
    assert format_eur(breakdown.own_contribution) == f"75{NBSP}980,00{NBSP}€"


def test_seed_aid_rate_is_80_00_percent(breakdown):
    assert format_percent(breakdown.aid_rate) == f"80,00{NBSP}%"
    assert format_percent(breakdown.own_rate) == f"20,00{NBSP}%"


def test_seed_budget_balances_in_total_and_every_year(breakdown):
    assert breakdown.is_balanced
    assert breakdown.years == [2024, 2025]
    for year in breakdown.per_year:
        assert year.balanced
        assert year.gross_cost == Decimal("189952")
        assert year.grant_income == Decimal("151962")
        assert year.own_contribution == Decimal("37990")


def test_seed_budget_years_lie_within_the_project_dates(seed, breakdown):
    assert set(breakdown.years) <= set(seed.project.years)
    assert seed.project.start_date.isoformat() == "2024-01-01"
    assert seed.project.end_date.isoformat() == "2025-12-31"


def test_seed_budget_has_lines_in_several_cost_categories(seed, breakdown):
    assert len(breakdown.cost_table) >= 4
    assert sum(total for _label, _years, total in breakdown.cost_table) == Decimal("379904")
    assert seed.project.budget_lines.values("year").distinct().count() == 2


def test_seed_applies_0_80_euros_above_the_exact_80_percent_cap(breakdown):
    assert breakdown.max_aid_rate == Decimal("0.8000")
    assert breakdown.cap_amount == Decimal("303923.20")
    assert breakdown.over_cap_by == Decimal("0.80")
    assert breakdown.exceeds_cap  # a warning
    assert not breakdown.exceeds_cap_tolerance  # within the 1 € rounding tolerance: no error


def test_the_demo_description_states_the_same_totals(seed, breakdown):
    description = seed.item.description

    assert "Hankkeen budjetti on koko hankeajalle 379.904 €." in description
    assert "Haettava rahoitus on 303.924 € ja omavastuuosuus 75.980 €." in description
    assert breakdown.total_cost == breakdown.applied + breakdown.own_contribution


def test_the_other_demo_project_is_balanced_within_its_cap(seed):
    breakdown = FundingBreakdown.for_project(seed.other_project)

    assert breakdown.is_balanced
    assert not breakdown.exceeds_cap
