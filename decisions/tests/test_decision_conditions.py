"""Conditions and delegations recorded on the decision page as the decision is made: what, by when,
whose responsibility; whom the decision authorises to do what. The item and project pages show them;
they are removed like the handling until the check, and the checked § refuses them."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from decisions.models import AgendaItem, DecisionCondition, Delegation
from decisions.services import handling
from decisions.services import minutes as minutes_services
from hankehallinta.services import ActionRefused
from testing.factories import AttendanceFactory, PersonFactory, balanced_project
from testing.meeting_day import meeting_day

pytestmark = pytest.mark.django_db

CONDITION = "Hankkeen omarahoitusosuus sisällytetään vuoden 2027 talousarvioon."
SCOPE = "Tekemään hankehakemukseen rahoittajan ohjeistuksen mukaiset muutokset."


def url(item) -> str:
    return reverse("decisions:item_decision", args=[item.pk])


@pytest.fixture
def day(body):
    day = meeting_day(body)
    AgendaItem.objects.filter(pk=day.first.pk).update(project=balanced_project())
    day.first.refresh_from_db()
    return day


def add_condition(client, item, **fields: str):
    data = {"text": CONDITION, "due_date": "31.12.2026", "responsible": "talousjohtaja", **fields}
    return client.post(url(item), {"action": "condition", **{f"condition-{k}": v for k, v in data.items()}})


def add_delegation(client, item, **fields: str):
    data = {"delegate": "kehittämisjohtaja", "scope": SCOPE, **fields}
    return client.post(url(item), {"action": "delegation", **{f"delegation-{k}": v for k, v in data.items()}})


def squeezed(html: str) -> str:
    return " ".join(html.split())


def test_condition_added_on_the_decision_page_shows_on_the_item_and_project_pages(secretary_client, day):
    response = add_condition(secretary_client, day.first)

    assert response.status_code == 302
    assert response["Location"].endswith("#decision-terms")
    condition = DecisionCondition.objects.get()
    assert (condition.item, condition.project, condition.due_date) == (
        day.first,
        day.first.project,
        dt.date(2026, 12, 31),
    )
    assert condition.responsible == "talousjohtaja"
    for page in (day.first.get_absolute_url(), day.first.project.get_absolute_url(), url(day.first)):
        text = squeezed(secretary_client.get(page).text)
        assert CONDITION in text, page
        assert "määräpäivä 31.12.2026, vastuutaho: talousjohtaja" in text, page


def test_delegation_added_on_the_decision_page_shows_on_the_item_and_project_pages(secretary_client, day):
    response = add_delegation(secretary_client, day.first)

    assert response.status_code == 302
    delegation = Delegation.objects.get()
    assert (delegation.item, delegation.project, delegation.delegate) == (
        day.first,
        day.first.project,
        "kehittämisjohtaja",
    )
    for page in (day.first.get_absolute_url(), day.first.project.get_absolute_url(), url(day.first)):
        text = squeezed(secretary_client.get(page).text)
        assert f"<strong>kehittämisjohtaja</strong>: {SCOPE}" in text, page


def test_condition_and_delegation_need_their_text(secretary_client, day):
    condition = add_condition(secretary_client, day.first, text=" ", due_date="31.13.2026")
    delegation = add_delegation(secretary_client, day.first, delegate="", scope="")

    assert condition.status_code == delegation.status_code == 200
    assert set(condition.context["forms"]["condition"].errors) == {"text", "due_date"}
    assert condition.context["forms"]["condition"].errors["due_date"] == ["Anna päivämäärä muodossa 31.12.2025."]
    assert set(delegation.context["forms"]["delegation"].errors) == {"delegate", "scope"}
    assert '<details class="mb-3" open>' in condition.text
    assert not DecisionCondition.objects.exists() and not Delegation.objects.exists()


def test_condition_and_delegation_are_removed_before_the_check(secretary_client, day):
    add_condition(secretary_client, day.first)
    add_delegation(secretary_client, day.first)

    for kind, model in (("condition", DecisionCondition), ("delegation", Delegation)):
        record = model.objects.get()
        response = secretary_client.post(url(day.first), {"action": "delete", "kind": kind, "id": record.pk})
        assert response.status_code == 302
        assert not model.objects.exists()


def test_a_condition_of_another_item_is_not_removed_through_this_one(secretary_client, day):
    other = DecisionCondition.objects.create(item=day.second, text="Toisen pykälän ehto")

    secretary_client.post(url(day.first), {"action": "delete", "kind": "condition", "id": other.pk})

    assert DecisionCondition.objects.filter(pk=other.pk).exists()


def test_checked_decision_refuses_new_and_removed_conditions_and_delegations(secretary_client, secretary, day):
    add_condition(secretary_client, day.first)
    condition = DecisionCondition.objects.get()
    AgendaItem.objects.filter(pk=day.first.pk).update(resolution="passed_unchanged", decision=day.first.proposal)
    minutes_services.check_minutes(
        day.meeting, checked_on=dt.date(2026, 3, 12), examiners=day.members[:2], method="electronic", by=secretary
    )

    added = add_condition(secretary_client, day.first, text="Myöhästynyt ehto")
    delegated = add_delegation(secretary_client, day.first)
    removed = secretary_client.post(url(day.first), {"action": "delete", "kind": "condition", "id": condition.pk})

    for response in (added, delegated, removed):
        assert response.status_code == 403
        assert "pöytäkirja on tarkastettu" in response.text.lower()
    assert list(DecisionCondition.objects.values_list("text", flat=True)) == [CONDITION]
    assert not Delegation.objects.exists()
    day.first.refresh_from_db()
    with pytest.raises(ActionRefused):
        handling.record_decision_term(Delegation(item=day.first, delegate="x", scope="y"))


def test_other_bodies_secretary_cannot_add_a_condition(other_secretary_client, day):
    assert add_condition(other_secretary_client, day.first).status_code == 403
    assert not DecisionCondition.objects.exists()


def _add_rows(day, count: int, start: int = 0) -> None:
    """`count` conditions, delegations and voting members more."""
    for number in range(start, start + count):
        DecisionCondition.objects.create(item=day.first, text=f"Ehto {number}", responsible=f"Vastuu {number}")
        Delegation.objects.create(item=day.first, delegate=f"Valtuutettu {number}", scope="Muutokset")
        AttendanceFactory(meeting=day.meeting, person=PersonFactory(), capacity="member")


def test_decision_page_runs_the_same_queries_for_few_and_many_conditions_and_voters(secretary_client, day):
    _add_rows(day, 1)
    with CaptureQueriesContext(connection) as few:
        assert secretary_client.get(url(day.first)).status_code == 200
    _add_rows(day, 12, start=1)

    with CaptureQueriesContext(connection) as many:
        response = secretary_client.get(url(day.first))

    assert response.status_code == 200
    assert len(response.context["forms"]["vote"].voters) == 4 + 13
    assert len(many) == len(few), "\n".join(query["sql"] for query in many.captured_queries)
