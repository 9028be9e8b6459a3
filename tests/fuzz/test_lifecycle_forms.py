"""The project lifecycle's forms (projects.forms.lifecycle) through their views, with hypothesis-made
input: a step, the funder's decision, a named version and a condition's status. Same oracle as
test_forms.py: never a 500; the form again with Finnish errors, or a redirect on this site after
which the project page shows the values escaped."""

from __future__ import annotations

import pytest
from django.urls import reverse
from hypothesis import event, given
from hypothesis import strategies as st

from decisions.models import DecisionCondition
from projects.models import Project
from testing.fuzz.coverage import fuzzed_in
from testing.fuzz.harness import (
    DB_SETTINGS,
    apply,
    assert_escaped,
    assert_finnish_errors,
    assert_local_redirect,
    client_for,
    open_form,
    post_drawn,
    rolled_back,
    strategy_for,
)
from testing.seed import seed_item

# target: (URL name, state the project is in)
TARGETS = {
    "transition": ("projects:transition", Project.State.BOARD_REVIEW),
    "funding_decision": ("projects:funding_decision", Project.State.SUBMITTED),
    "version_create": ("projects:version_create", Project.State.PREPARATION),
    "conditions": ("decisions:project_conditions", Project.State.SUBMITTED),
}
COVERED = {"TransitionForm", "FundingDecisionForm", "NamedVersionForm", "ConditionStatusForm"}


def test_this_module_fuzzes_what_the_register_says():
    """testing/fuzz/coverage.py registers with this module exactly the forms it fuzzes."""
    assert fuzzed_in(__file__) == COVERED


@pytest.fixture
def lifecycle_world(body, presenter_person, director):
    item = seed_item(body, presenter_person)
    DecisionCondition.objects.create(item=item, project=item.project, text="Omarahoitusosuus talousarvioon 2024.")
    return item.project


@pytest.mark.parametrize("target", sorted(TARGETS))
@DB_SETTINGS
@given(data=st.data())
def test_lifecycle_form_never_fails(request, target, lifecycle_world, director, data):
    url_name, state = TARGETS[target]
    project = lifecycle_world
    with rolled_back():
        Project.objects.filter(pk=project.pk).update(state=state)
        client = client_for(director)
        url = reverse(url_name, args=[project.pk])
        page = open_form(client, url)
        post = {name: list(values) for name, values in page.data.items()}
        fields = [name for name in page.form.fields if name != "version"]  # stale saves: tests/test_stale_saves.py
        chosen = data.draw(st.lists(st.sampled_from(fields), unique=True, min_size=1, max_size=len(fields)), "fields")
        sent = {}
        for name in chosen:
            sent[name] = data.draw(strategy_for(page.form.fields[name]), name)
            apply(page, name, sent[name], post)
        response = post_drawn(request, client, url, post, sent)
        if response.status_code == 302:
            event("saved")
            assert assert_local_redirect(response) == project.get_absolute_url()
            shown = client.get(project.get_absolute_url())
            assert shown.status_code == 200
            assert_escaped(shown.content.decode())
        else:
            assert response.status_code == 200, response.status_code
            event("refused")
            form = response.context["form"]
            assert form.errors, "refused without an error message"  # a refused step: a non-field error
            assert_finnish_errors(form)
            assert_escaped(response.content.decode())
