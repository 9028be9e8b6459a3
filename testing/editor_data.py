"""Submissions of the application editor for tests: the whole page as a browser sends it."""

from __future__ import annotations

from typing import Any

from django import forms

from projects.editor import ApplicationEditor
from projects.models import Project

SEED_OBJECTIVES = (
    "Hanke selkeyttää hyvinvointialueen ja työllisyysalueen välisiä yhdyspintoja ja rakenteita",
    "Hanke selkeyttää hyvinvointialueen sisäistä vastuunjakoa osatyökykyisten palveluissa",
)
# The seed's 379 904 € over 2024-2025: 303 924 € applied, 75 980 € own contribution.
SEED_BUDGET = (("staff", 2024, "150 000"), ("services", 2024, "39 952"), ("staff", 2025, "189 952"))
SEED_FINANCING = (
    ("applied", 2024, "151 962", False),
    ("own", 2024, "37 990", False),
    ("applied", 2025, "151 962", False),
    ("own", 2025, "37 990", True),
)


def management(prefix: str, total: int, initial: int = 0) -> dict[str, str]:
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def application(
    *,
    title: str = "Työkyvyn tuen palvelut",
    start: str = "1.1.2024",
    end: str = "31.12.2025",
    call: Any = "",
    objectives: tuple = tuple((text, "", (("Yhteiset toimintamallit", "0", "3"),)) for text in SEED_OBJECTIVES),
    budget: tuple = SEED_BUDGET,
    financing: tuple = SEED_FINANCING,
    **core: str,
) -> dict[str, Any]:
    """A new application (no stored rows): core data, objectives with indicators, budget and financing.

    A budget row is (category, year, amount), or for a flat rate (category, year, amount, rate, base
    categories): ("flat_rate", 2024, "", "40", ("staff",)). The base is a list of values, as the
    browser sends ticked boxes."""
    data: dict[str, Any] = {
        "title": title,
        "owning_unit": "Kehittämisyksikkö",
        "manager": "Tiina Korhonen",
        "start_date": start,
        "end_date": end,
        "funding_call": str(getattr(call, "pk", call)),
        "partners": "Joensuun kaupunki",
        "summary": "",
        **core,
    }
    data.update(management("objectives", len(objectives)))
    for index, (text, actions, indicators) in enumerate(objectives):
        data.update({f"objectives-{index}-text": text, f"objectives-{index}-actions": actions})
        data.update(management(f"objectives-{index}-ind", len(indicators)))
        for row, (name, baseline, target) in enumerate(indicators):
            prefix = f"objectives-{index}-ind-{row}"
            data.update({f"{prefix}-name": name, f"{prefix}-baseline": baseline, f"{prefix}-target": target})
    data.update(management("budget", len(budget)))
    for index, (category, year, amount, *flat_rate) in enumerate(budget):
        data.update(
            {f"budget-{index}-category": category, f"budget-{index}-year": str(year), f"budget-{index}-amount": amount}
        )
        if flat_rate:  # ("flat_rate", 2024, "", "40", ("staff",)): the rate as typed and the base categories
            rate, base = flat_rate
            data.update({f"budget-{index}-flat_rate": rate, f"budget-{index}-flat_rate_base": list(base)})
    data.update(management("financing", len(financing)))
    for index, (source, year, amount, in_kind) in enumerate(financing):
        data.update(
            {
                f"financing-{index}-source": source,
                f"financing-{index}-year": str(year),
                f"financing-{index}-amount": amount,
            }
        )
        if in_kind:
            data[f"financing-{index}-in_kind"] = "on"
    return data


def post_data(project: Project | None = None) -> dict[str, Any]:
    """A complete submission of the editor as a browser sends it for the stored data, unchanged.

    Tests start from this and change what the example is about. Ticked boxes of a multiple choice
    (a flat rate's base categories) are a list of values; a blank one is left out, as browsers do.
    """
    editor = ApplicationEditor.build(project or Project())
    data: dict[str, Any] = {}

    def add(form: forms.BaseForm) -> None:
        for bound in form:
            value = bound.value()
            if isinstance(bound.field, forms.BooleanField):
                if value:
                    data[bound.html_name] = "on"
                continue
            if value is None:
                continue
            if isinstance(bound.field, forms.MultipleChoiceField):
                if value:
                    data[bound.html_name] = [str(one) for one in value]
                continue
            if isinstance(bound.field, forms.ChoiceField):
                data[bound.html_name] = str(value)
                continue
            data[bound.html_name] = str(bound.field.widget.format_value(value) or "")

    add(editor.form)
    for formset in editor.all_formsets():
        add(formset.management_form)
        for form in formset.forms:
            add(form)
    return data
