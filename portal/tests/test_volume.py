"""portal.volume: the generated volume is the same for a seed, numbers its § without gaps, keeps to
the models' states and balances every project; the command refuses with DEBUG off."""

from __future__ import annotations

import io
from collections import defaultdict

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction

from budgets.models import BudgetLine
from decisions.models import AgendaItem, Meeting
from portal.volume import generate_volume
from projects.models import Project

pytestmark = pytest.mark.django_db

SMALL = {"projects": 12, "items": 120}


def _fingerprint() -> dict[str, list]:
    """What the generated data says, without the database's ids."""
    return {
        "projects": list(Project.objects.order_by("pk").values_list("title", "state", "start_date", "end_date")),
        "budget": list(BudgetLine.objects.order_by("pk").values_list("category", "year", "amount")),
        "meetings": list(Meeting.objects.order_by("pk").values_list("body__name", "year", "number", "state")),
        "items": list(
            AgendaItem.objects.order_by("pk").values_list(
                "title", "section", "register_number", "resolution", "is_public", "checked_at"
            )
        ),
    }


def _generate_and_roll_back(seed: int) -> tuple[object, dict[str, list]]:
    with transaction.atomic():
        summary = generate_volume(**SMALL, seed=seed)
        fingerprint = _fingerprint()
        transaction.set_rollback(True)
    return summary, fingerprint


def test_the_same_seed_gives_the_same_data_and_another_seed_other_data():
    first_summary, first = _generate_and_roll_back(seed=3)
    again_summary, again = _generate_and_roll_back(seed=3)
    _other_summary, other = _generate_and_roll_back(seed=4)
    assert first == again
    assert first_summary == again_summary
    assert first["items"] != other["items"]
    assert first_summary.projects == 12
    assert first_summary.items == 120
    assert first_summary.meetings == 12


def test_sections_run_from_one_without_gaps_per_body_and_year():
    generate_volume(**SMALL, seed=1)
    sections = defaultdict(list)
    for body, year, section in AgendaItem.objects.filter(section__isnull=False).values_list("body", "year", "section"):
        sections[(body, year)].append(section)
    assert sections
    for numbers in sections.values():
        assert sorted(numbers) == list(range(1, len(numbers) + 1))
    numbered_meetings = Meeting.objects.exclude(state=Meeting.State.PLANNED)
    assert not AgendaItem.objects.filter(meeting__in=numbered_meetings, section__isnull=True).exists()


def test_states_are_valid_and_checked_items_are_decided_items_of_published_minutes():
    generate_volume(**SMALL, seed=1)
    assert set(Project.objects.values_list("state", flat=True)) <= set(Project.State.values)
    assert set(Meeting.objects.values_list("state", flat=True)) <= set(Meeting.State.values)
    checked = AgendaItem.objects.checked()
    assert checked.exists()
    assert not checked.exclude(meeting__state=Meeting.State.PUBLISHED).exists()
    assert not checked.filter(resolution="").exists()
    assert AgendaItem.objects.filter(checked_at__isnull=True).exists()
    for item in AgendaItem.objects.all():
        item.full_clean(exclude=["meeting", "body", "presenter", "project", "preparer"])
    assert not AgendaItem.objects.filter(is_public=False, secrecy_ground="").exists()


def test_every_project_balances_per_year():
    generate_volume(**SMALL, seed=2)
    for project in Project.objects.all():
        costs, financing = project.budget_lines.by_year(), project.financing_lines.by_year()
        assert costs == financing
        assert set(costs) == set(project.years)


def test_the_command_refuses_with_debug_off_unless_forced(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("generate_volume", projects=1, items=1, stdout=io.StringIO())
    out = io.StringIO()
    call_command("generate_volume", projects=3, items=20, force=True, stdout=out)
    assert "Volume generated" in out.getvalue()
    assert Project.objects.count() == 3
