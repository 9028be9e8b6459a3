"""The version difference test: projects.diff over two snapshot dicts, no database."""

from __future__ import annotations

import copy

import pytest

from projects.diff import ADDED, CHANGED, REMOVED, beyond_delegation, diff
from projects.models import Indicator, Project
from testing.seed import seed_snapshot


@pytest.fixture
def approved() -> dict:
    return seed_snapshot()


@pytest.fixture
def current(approved) -> dict:
    return copy.deepcopy(approved)


def label(model: type, name: str) -> str:
    return str(model._meta.get_field(name).verbose_name).capitalize()


def rows(changes) -> list[tuple[str, str, str, str]]:
    return [(change.label, change.before, change.after, change.kind) for change in changes]


def test_identical_versions_have_no_differences(approved, current):
    result = diff(approved, current)

    assert not result
    assert len(result) == 0
    assert result.sections == []
    assert beyond_delegation(approved, current) == []


def test_a_changed_core_field_shows_before_and_after(approved, current):
    current["title"] = "Työkyvyn tuen palvelut 2.0"
    current["end_date"] = "2026-06-30"
    current["manager"] = ""

    result = diff(approved, current)

    assert rows(result.core) == [
        (label(Project, "title"), "Työkyvyn tuen palvelut", "Työkyvyn tuen palvelut 2.0", CHANGED),
        (label(Project, "manager"), "Hanna Hankepäällikkö", "", REMOVED),
        (label(Project, "end_date"), "31.12.2025", "30.6.2026", CHANGED),
    ]
    assert [change.kind for change in result.core] == [CHANGED, REMOVED, CHANGED]


def test_money_is_compared_per_category_and_year(approved, current):
    current["budget_lines"][1]["amount"] = "30904.00"  # services 2024 +1 000
    current["budget_lines"].append({"category": "travel", "year": 2025, "amount": "500.00", "justification": ""})

    result = diff(approved, current)

    costs = [(c.before, c.after, c.kind, c.delta) for c in result.costs]
    assert costs == [
        ("29\u00a0904,00\u00a0€", "30\u00a0904,00\u00a0€", CHANGED, "+1\u00a0000,00\u00a0€"),
        ("", "500,00\u00a0€", ADDED, "+500,00\u00a0€"),
    ]
    assert [c.label.endswith(" 2024") for c in result.costs] == [True, False]


def test_two_lines_in_the_same_cell_count_as_their_sum(approved, current):
    current["budget_lines"][0]["amount"] = "150000.00"
    current["budget_lines"].append({"category": "staff", "year": 2024, "amount": "50000.00", "justification": "x"})

    assert diff(approved, current).costs == []


def test_financing_is_compared_per_source_and_year_and_totals_follow(approved, current):
    current["financing_lines"][2]["amount"] = "59904.00"  # own 2024 −10 000
    current["financing_lines"][0]["amount"] = "170000.00"  # applied 2024 +10 000

    result = diff(approved, current)

    assert [(c.kind, c.delta) for c in result.financing] == [
        (CHANGED, "+10\u00a0000,00\u00a0€"),
        (CHANGED, "-10\u00a0000,00\u00a0€"),
    ]
    totals = {c.label: (c.before, c.after) for c in result.totals}
    assert totals["Haettava rahoitus"] == ("303\u00a0924,00\u00a0€", "313\u00a0924,00\u00a0€")
    assert totals["Omarahoitusosuus"] == ("75\u00a0980,00\u00a0€", "65\u00a0980,00\u00a0€")
    assert "Kokonaiskustannukset" not in totals
    assert "Tukiprosentti" in totals


def test_a_removed_line_is_shown_as_removed(approved, current):
    del current["financing_lines"][3]

    changes = diff(approved, current).financing

    assert [(c.before, c.after, c.kind) for c in changes] == [("6\u00a0076,00\u00a0€", "", REMOVED)]


def test_objectives_added_removed_and_changed(approved, current):
    current["objectives"][0]["text"] = "Hanke selkeyttää yhdyspintoja ja palveluketjuja"
    del current["objectives"][1]
    current["objectives"].append({"order": 3, "text": "Uusi tavoite", "actions": "", "indicators": []})

    changes = diff(approved, current).objectives

    kinds = [(c.kind, c.before, c.after) for c in changes]
    assert (REMOVED, "2. Hanke selkeyttää vastuunjakoa", "") in kinds
    assert (ADDED, "", "3. Uusi tavoite") in kinds
    assert (
        CHANGED,
        "Hanke selkeyttää yhdyspintoja",
        "Hanke selkeyttää yhdyspintoja ja palveluketjuja",
    ) in kinds
    assert len(changes) == 3


def test_a_renumbered_objective_is_matched_by_its_text(approved, current):
    current["objectives"].reverse()
    current["objectives"][0]["order"], current["objectives"][1]["order"] = 1, 2

    changes = diff(approved, current).objectives

    assert {c.kind for c in changes} == {CHANGED}
    assert len(changes) == 2  # both orders changed, no objective added or removed
    assert beyond_delegation(approved, current) == []


def test_indicators_added_removed_and_changed(approved, current):
    indicators = current["objectives"][0]["indicators"]
    indicators[0]["target"] = "5"
    indicators.append({"name": "Asiakastyytyväisyys", "baseline": "", "target": "4", "unit": ""})
    current["objectives"][1]["indicators"] = []

    changes = diff(approved, current).objectives

    assert [(c.label, c.before, c.after, c.kind) for c in changes] == [
        (f"Tavoite 1: {label(Indicator, 'name')}", "", f"Asiakastyytyväisyys ({label(Indicator, 'target')} 4)", ADDED),
        (f"Tavoite 1, mittari ”Mittari 1”: {label(Indicator, 'target').lower()}", "3", "5", CHANGED),
    ]


# Beyond the delegation -------------------------------------------------------------------------


def test_a_higher_total_and_own_contribution_go_beyond_the_delegation(approved, current):
    current["budget_lines"][0]["amount"] = "210000.00"
    current["financing_lines"][2]["amount"] = "79904.00"

    reasons = beyond_delegation(approved, current)

    assert reasons == [
        "Kokonaiskustannukset nousivat: hyväksytty 379\u00a0904,00\u00a0€, nyt 389\u00a0904,00\u00a0€.",
        "Omarahoitusosuus nousi: hyväksytty 75\u00a0980,00\u00a0€, nyt 85\u00a0980,00\u00a0€.",
    ]


def test_moving_money_between_lines_within_the_totals_stays_within_the_delegation(approved, current):
    current["budget_lines"][0]["amount"] = "190000.00"
    current["budget_lines"][1]["amount"] = "39904.00"

    assert diff(approved, current).costs
    assert beyond_delegation(approved, current) == []


def test_lower_figures_stay_within_the_delegation(approved, current):
    current["budget_lines"][2]["amount"] = "140000.00"
    current["financing_lines"][1]["amount"] = "133924.00"

    assert beyond_delegation(approved, current) == []


def test_a_year_outside_the_approved_ones_goes_beyond_the_delegation(approved, current):
    current["budget_lines"][2]["year"] = 2026
    current["financing_lines"][1]["year"] = 2026
    current["financing_lines"][3]["year"] = 2026

    reasons = beyond_delegation(approved, current)

    assert reasons == ["Vuodet 2026 ovat hyväksyttyjen vuosien (2024, 2025) ulkopuolella."]


def test_a_removed_objective_goes_beyond_the_delegation(approved, current):
    del current["objectives"][1]

    assert beyond_delegation(approved, current) == ["Tavoite poistettiin: 2. Hanke selkeyttää vastuunjakoa"]


def test_a_changed_objective_text_stays_within_the_delegation(approved, current):
    current["objectives"][1]["text"] = "Hanke selkeyttää vastuunjakoa ja yhdyspintoja"

    assert diff(approved, current).objectives
    assert beyond_delegation(approved, current) == []
