"""Flat rates in the application editor, on the project page and in the funding PDF: the rate and its
base are entered, the amount of every year is computed and kept in step with its base."""

from __future__ import annotations

import copy
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from budgets.models import BudgetLine
from hankehallinta.money import NBSP
from projects.diff import diff
from projects.models import Project
from projects.versions import snapshot
from testing.editor_data import application, post_data
from testing.flat_rate import FLAT, flat_rate_project, row_of
from testing.pdf import response_pdf_text

pytestmark = pytest.mark.django_db

CREATE = reverse("projects:create")
LABEL = "Flat rate -kustannukset (40 % henkilöstökustannuksista)"
THREE_YEARS = {"start": "1.1.2024", "end": "31.12.2026"}


def edit_url(project: Project) -> str:
    return reverse("projects:edit", args=[project.pk])


def field_error(response, field: str) -> str:
    match = re.search(rf'<div id="id_{field}_error" class="invalid-feedback">(.*?)</div>', response.text, re.S)
    assert match, f"no error shown at {field}"
    return re.sub(r"[ \t\n]+", " ", re.sub(r"<[^>]+>", "", match.group(1))).strip()


def flat_amounts(project: Project) -> dict[int, Decimal]:
    return dict(project.budget_lines.filter(category="flat_rate").values_list("year", "amount"))


def three_year_application(**changes) -> dict:
    """Staff 57 437,00 / 60 000,00 / 30 000,00 € and 40 % of it each year, financed to the cent."""
    budget = (
        ("staff", 2024, "57 437,00"),
        ("flat_rate", 2024, "", "40", ("staff",)),
        ("staff", 2025, "60 000"),
        ("flat_rate", 2025, "", "40 %", ("staff",)),
        ("staff", 2026, "30 000"),
        ("flat_rate", 2026, "", "40,00 %", ("staff",)),
    )
    financing = (
        ("applied", 2024, "70 411,80", False),
        ("municipal", 2024, "10 000", False),
        ("applied", 2025, "84 000", False),
        ("applied", 2026, "42 000", False),
    )
    return application(**{**THREE_YEARS, "budget": budget, "financing": financing, **changes})


def test_director_enters_a_40_percent_flat_rate_over_three_budget_years(director_client):
    response = director_client.post(CREATE, three_year_application())

    assert response.status_code == 302, response.text[:3000]
    project = Project.objects.get()
    assert flat_amounts(project) == {2024: Decimal("22974.80"), 2025: Decimal("24000.00"), 2026: Decimal("12000.00")}
    flat = project.budget_lines.get(category="flat_rate", year=2024)
    assert (flat.flat_rate, flat.flat_rate_base) == (Decimal("0.4000"), ["staff"])
    assert project.budget_lines.total() == Decimal("57437") + Decimal("60000") + Decimal("30000") + sum(FLAT.values())


def test_a_posted_amount_of_a_flat_rate_is_ignored(director_client):
    data = three_year_application()
    data["budget-1-amount"] = "999 999,00"

    response = director_client.post(CREATE, data)

    assert response.status_code == 302
    assert flat_amounts(Project.objects.get())[2024] == Decimal("22974.80")


def test_a_flat_rate_of_two_base_categories(director_client):
    budget = (
        ("staff", 2024, "10 000"),
        ("travel", 2024, "1 000,10"),
        ("services", 2024, "5 000"),
        ("flat_rate", 2024, "", "15", ("staff", "travel")),
    )
    data = application(budget=budget, financing=(("applied", 2024, "17 650,12", False),))  # 1 650,015 -> 1 650,02

    response = director_client.post(CREATE, data)

    assert response.status_code == 302, response.text[:3000]
    assert flat_amounts(Project.objects.get()) == {2024: Decimal("1650.02")}


def test_a_changed_staff_line_recomputes_the_flat_rate_left_untouched(director_client):
    project = flat_rate_project()
    data = post_data(project)
    staff = row_of(data, "budget", category="staff", year="2024")
    applied = row_of(data, "financing", source="applied", year="2024")
    data[f"budget-{staff}-amount"] = "60 000,01"
    data[f"financing-{applied}-amount"] = "74 000,01"  # 60 000,01 + 24 000,00 - 10 000 municipal

    response = director_client.post(edit_url(project), data)

    assert response.status_code == 302, response.text[:3000]
    assert flat_amounts(project)[2024] == Decimal("24000.00")  # 40 % of 60 000,01 = 24 000,004
    assert project.budget_lines.get(category="flat_rate", year=2024).history.count() == 2


def test_the_plan_must_balance_with_the_computed_flat_rate(director_client):
    project = flat_rate_project()
    data = post_data(project)
    data[f"budget-{row_of(data, 'budget', category='staff', year='2025')}-amount"] = "61 000"

    response = director_client.post(edit_url(project), data)

    assert response.status_code == 200
    text = re.sub(r"\s+", " ", response.text).replace(NBSP, " ")
    assert "Vuonna 2025 kustannukset (85 400,00 €) ja rahoitus (84 000,00 €) eivät ole yhtä suuret" in text
    assert flat_amounts(project)[2025] == Decimal("24000.00")


def test_saving_unchanged_keeps_the_flat_rate(director_client):
    project = flat_rate_project()

    response = director_client.post(edit_url(project), post_data(project))

    assert response.status_code == 302
    assert flat_amounts(project) == FLAT
    assert project.budget_lines.get(category="flat_rate", year=2024).flat_rate_base == ["staff"]


@pytest.mark.parametrize(
    ("rate", "base", "field", "message"),
    [
        ("", ["staff"], "flat_rate", "Anna flat rate -prosentti, esimerkiksi 40."),
        ("0", ["staff"], "flat_rate", "Flat rate -prosentin on oltava suurempi kuin 0 %."),
        ("40", [], "flat_rate_base", "Valitse kustannuslajit, joista flat rate lasketaan."),
        (
            "40",
            ["travel"],
            "flat_rate_base",
            "Vuonna 2024 laskentaperusteen kustannuslajeilla ei ole kustannuksia, joten flat rate olisi 0,00 €.",
        ),
    ],
)
def test_validation_messages_stand_at_the_flat_rate_fields(director_client, rate, base, field, message):
    data = three_year_application()
    data["budget-1-flat_rate"] = rate
    data["budget-1-flat_rate_base"] = base

    response = director_client.post(CREATE, data)

    assert response.status_code == 200
    assert field_error(response, f"budget-1-{field}").replace(NBSP, " ") == message
    assert not Project.objects.exists()


def test_the_editor_shows_the_rate_the_base_and_the_computed_amount(director_client):
    project = flat_rate_project()
    prefix = f"budget-{row_of(post_data(project), 'budget', category='flat_rate', year='2024')}"

    text = director_client.get(edit_url(project)).text

    row = text[text.index(f'data-row="{prefix}"') :]
    row = row[: row.index("</fieldset>")]
    assert f'value="40,00{NBSP}%"' in row
    assert re.search(rf'name="{prefix}-flat_rate_base" value="staff"[^>]*checked', row)
    assert re.search(rf'<output[^>]*id="{prefix}-computed"[^>]*>22{NBSP}974,80{NBSP}€</output>', row)
    assert '<div class="col-md row-field row-field-amount" hidden>' in row  # nothing to type
    assert "data-flat-rate-fields hidden" not in row


def test_the_project_page_and_the_funding_pdf_show_the_flat_rate_line(director_client):
    project = flat_rate_project()

    page = director_client.get(project.get_absolute_url()).text.replace(NBSP, " ")
    pdf = response_pdf_text(director_client.get(reverse("projects:funding_pdf", args=[project.pk])))

    assert LABEL in page
    for text in (page, pdf):
        assert "22 974,80" in text
        assert "58 974,80" in text  # the flat-rate row's total over the three years
    assert LABEL in pdf


def test_the_frozen_version_holds_the_rate_and_its_base():
    project = flat_rate_project()

    lines = [line for line in snapshot(project)["budget_lines"] if line["category"] == BudgetLine.Category.FLAT_RATE]

    assert {(line["year"], line["amount"], line["flat_rate"], tuple(line["flat_rate_base"])) for line in lines} == {
        (2024, "22974.80", "0.4000", ("staff",)),
        (2025, "24000.00", "0.4000", ("staff",)),
        (2026, "12000.00", "0.4000", ("staff",)),
    }


def test_the_difference_between_versions_names_a_changed_rate():
    before = snapshot(flat_rate_project())
    after = copy.deepcopy(before)
    line = next(line for line in after["budget_lines"] if (line["category"], line["year"]) == ("flat_rate", 2025))
    line.update({"flat_rate": "0.2500", "amount": "15000.00"})

    changes = [(c.label, c.before, c.after) for c in diff(before, after).costs]

    assert changes == [
        ("Flat rate -kustannukset 2025", f"24{NBSP}000,00{NBSP}€", f"15{NBSP}000,00{NBSP}€"),
        (
            "Flat rate -kustannukset 2025: prosentti ja laskentaperuste",
            f"40{NBSP}% henkilöstökustannuksista",
            f"25{NBSP}% henkilöstökustannuksista",
        ),
    ]


def test_adding_a_row_without_the_script_shows_the_flat_rate_computed(director_client):
    response = director_client.post(CREATE, {**three_year_application(), "add_row": "budget"})

    assert response.status_code == 200
    assert re.search(rf'id="budget-1-computed"[^>]*>22{NBSP}974,80{NBSP}€</output>', response.text)
    assert 'name="budget-6-category"' in response.text  # the row asked for
    assert not Project.objects.exists()
