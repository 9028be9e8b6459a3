"""The application editor's rows, fuzzed through the real view (issue 5): objectives, indicators, cost
estimate and financing lines, existing rows and a new row, with hypothesis-made values.

Each example opens the editor of the seed project as the development director, replaces some fields
of some rows (and may remove a row), posts the whole page and checks: never a 500; 302 saves the
application (version + 1) with every stored amount zero or more and every year within the dates;
200 shows the page again with at least one error, all in Finnish, and changes nothing. The project's
core data form is fuzzed by tests/fuzz/test_forms.py (project_edit).
"""

from __future__ import annotations

import pytest
from django.urls import reverse
from hypothesis import event, given
from hypothesis import strategies as st

from budgets.models import BudgetLine, FinancingLine
from projects.models import Project
from testing.fuzz.coverage import fuzzed_in
from testing.fuzz.harness import (
    DB_SETTINGS,
    ENGLISH,
    assert_escaped,
    client_for,
    open_form,
    post_drawn,
    rolled_back,
    strategy_for,
)
from testing.seed import seed_project

pytestmark = pytest.mark.django_db

# Fuzzed here: the row forms of the editor (registered in testing/fuzz/coverage.py).
COVERED = ("ObjectiveForm", "IndicatorForm", "BudgetLineForm", "FinancingLineForm")


def test_this_module_fuzzes_what_the_register_says():
    """testing/fuzz/coverage.py registers with this module exactly the forms it fuzzes."""
    assert fuzzed_in(__file__) == set(COVERED)


def _rows(editor) -> list:
    """Every row form on the page: existing rows and the blank extra rows."""
    return [form for formset in editor.all_formsets() for form in formset.forms]


def _messages(editor) -> list[str]:
    messages = [str(m) for errors in editor.form.errors.values() for m in errors] + list(editor.plan_errors)
    for formset in editor.all_formsets():
        messages += [str(m) for m in formset.non_form_errors()]
        for form in formset.forms:
            messages += [str(m) for errors in form.errors.values() for m in errors]
    return messages


@pytest.fixture
def project(db) -> Project:
    return seed_project()


@DB_SETTINGS
@given(data=st.data())
def test_editor_rows_never_fail_and_store_or_refuse_cleanly(request, project, director, data):
    url = reverse("projects:edit", args=[project.pk])
    with rolled_back():
        client = client_for(director)
        page = open_form(client, url)
        editor = client.get(url).context["editor"]
        post = {name: list(values) for name, values in page.data.items()}
        rows = _rows(editor)
        chosen_rows = data.draw(st.lists(st.sampled_from(rows), min_size=1, max_size=3, unique_by=id), "rows")
        sent = {}
        for row in chosen_rows:
            names = [name for name in row.fields if name not in ("id", "project", "objective", "DELETE")]
            for name in data.draw(st.lists(st.sampled_from(names), min_size=1, unique=True), "fields"):
                value = data.draw(strategy_for(row.fields[name]), f"{row.prefix}-{name}")
                sent[row[name].html_name] = value
                if value is None or value == []:
                    post.pop(row[name].html_name, None)
                else:
                    post[row[name].html_name] = [value] if isinstance(value, str) else [str(v) for v in value]
        if data.draw(st.booleans(), "remove a row"):
            removed = data.draw(st.sampled_from(rows), "removed row")
            post[f"{removed.prefix}-DELETE"] = ["on"]

        response = post_drawn(request, client, url, post, sent)
        after = Project.objects.get(pk=project.pk)
        if response.status_code == 302:
            event("saved")
            assert after.version == project.version + 1
            assert not BudgetLine.objects.filter(project=project, amount__lt=0).exists()
            assert not FinancingLine.objects.filter(project=project, amount__lt=0).exists()
            years = set(BudgetLine.objects.filter(project=project).values_list("year", flat=True))
            years |= set(FinancingLine.objects.filter(project=project).values_list("year", flat=True))
            assert years <= set(after.years)
            shown = client.get(url)
            assert shown.status_code == 200
            assert_escaped(shown.content.decode())
            assert_escaped(client.get(project.get_absolute_url()).content.decode())
        else:
            assert response.status_code == 200, (response.status_code, response.get("Location"))
            event("refused: errors")
            messages = _messages(response.context["editor"])
            assert messages, "the editor was shown again without an error message"
            english = [message for message in messages if ENGLISH.match(message)]
            assert not english, f"untranslated error messages: {english}"
            assert after.version == project.version
            assert_escaped(response.content.decode())
