"""The project lifecycle: the transition table, the guards, the flag and the funder's decision."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from itertools import product

import pytest
from django.core.exceptions import ValidationError

from budgets.models import BudgetLine, FinancingLine
from hankehallinta.models import AuditEvent
from hankehallinta.versioning import StaleVersionError, save_if_unchanged
from projects.lifecycle import TRANSITIONS, TransitionError
from projects.models import Project, StateChange
from projects.services.lifecycle import record_funding_decision, step
from testing.factories import (
    BudgetLineFactory,
    FinancingLineFactory,
    FundingCallFactory,
    PaymentClaimFactory,
    ProjectFactory,
    ReportFactory,
    balanced_project,
)
from testing.seed import seed_item, seed_project

pytestmark = pytest.mark.django_db

State = Project.State


def decided_project(state: str = State.SUBMITTED) -> Project:
    return ProjectFactory(
        state=state,
        granted_amount=Decimal("303924.00"),
        granted_aid_rate=Decimal("0.8000"),
        funding_decision_date=dt.date(2024, 2, 15),
        funding_decision_reference="STM/123/2024",
    )


def refusal(project: Project, to: str, by, **kwargs) -> TransitionError:
    before = (project.state, StateChange.objects.count())
    with pytest.raises(TransitionError) as caught:
        step(project, to, by=by, **kwargs)
    project.refresh_from_db()
    assert (project.state, StateChange.objects.count()) == before, "a refused step changes nothing"
    return caught.value


# The table ----------------------------------------------------------------------------------


def test_the_table_is_the_lifecycle_of_the_design():
    assert TRANSITIONS == {
        State.IDEA: (State.PREPARATION,),
        State.PREPARATION: (State.BOARD_REVIEW,),
        State.BOARD_REVIEW: (State.SUBMITTED, State.RETURNED, State.REJECTED),
        State.RETURNED: (State.PREPARATION,),
        # after approval, changes beyond the delegation send the application back (research/funding.md V8)
        State.SUBMITTED: (State.FUNDING_DECIDED, State.REJECTED, State.BOARD_REVIEW, State.RETURNED),
        State.FUNDING_DECIDED: (State.IN_PROGRESS, State.REJECTED, State.BOARD_REVIEW, State.RETURNED),
        State.IN_PROGRESS: (State.CLOSING, State.BOARD_REVIEW, State.RETURNED),
        State.CLOSING: (State.CLOSED,),
    }


@pytest.mark.parametrize(
    ("from_state", "to_state"),
    [(a, b) for a, b in product(State.values, State.values) if b not in TRANSITIONS.get(a, ())],
)
def test_a_step_outside_the_table_is_refused_in_finnish(director, from_state, to_state):
    project = balanced_project(state=from_state)

    error = refusal(project, to_state, director, reason="Perustelu")

    assert error.guard == "not_allowed"
    assert str(error).startswith("Hanketta ei voi siirtää tilasta")
    assert f"”{State(to_state).label}”" in str(error)


def test_closed_and_rejected_projects_go_nowhere():
    assert ProjectFactory(state=State.CLOSED).allowed_transitions() == ()
    assert ProjectFactory(state=State.REJECTED).allowed_transitions() == ()


def test_a_project_walks_from_idea_to_closed(director):
    project = balanced_project(state=State.IDEA)
    for to in (State.PREPARATION, State.BOARD_REVIEW, State.SUBMITTED):
        step(project, to, by=director, reason=f"→ {to}")
    record_funding_decision(
        project,
        granted_amount=Decimal("800.00"),
        aid_rate=Decimal("0.8"),
        decided_on=dt.date(2024, 3, 1),
        reference="STM/1/2024",
        by=director,
    )
    # Closing requires the final claim sent and the final report submitted (followup.closure).
    PaymentClaimFactory(project=project, is_final=True, state="sent")
    ReportFactory(project=project, kind="final", state="submitted", submitted_at=dt.datetime(2025, 1, 1, tzinfo=dt.UTC))
    for to in (State.FUNDING_DECIDED, State.IN_PROGRESS, State.CLOSING, State.CLOSED):
        step(project, to, by=director)

    project.refresh_from_db()
    assert project.state == State.CLOSED
    assert [(c.from_state, c.to_state) for c in project.state_changes.all()] == [
        (State.IDEA, State.PREPARATION),
        (State.PREPARATION, State.BOARD_REVIEW),
        (State.BOARD_REVIEW, State.SUBMITTED),
        (State.SUBMITTED, State.FUNDING_DECIDED),
        (State.FUNDING_DECIDED, State.IN_PROGRESS),
        (State.IN_PROGRESS, State.CLOSING),
        (State.CLOSING, State.CLOSED),
    ]


def test_a_step_records_who_when_and_why(director):
    project = ProjectFactory(state=State.IDEA)

    change = step(project, State.PREPARATION, by=director, reason="  Kehittämisyksikkö otti valmisteluun.  ")

    assert project.state == State.PREPARATION
    project.refresh_from_db()
    assert project.state == State.PREPARATION
    assert change.project == project
    assert (change.from_state, change.to_state) == (State.IDEA, State.PREPARATION)
    assert change.changed_by == director
    assert change.changed_at is not None
    assert change.reason == "Kehittämisyksikkö otti valmisteluun."
    assert not change.flagged
    assert change.flag_reason == ""


def test_a_step_writes_the_field_history_and_the_audit_log_as_the_user(director):
    project = ProjectFactory(state=State.IDEA)

    step(project, State.PREPARATION, by=director)

    latest = project.history.order_by("-history_id").first()
    assert latest.state == State.PREPARATION
    assert latest.history_user == director
    event = AuditEvent.objects.get(action=AuditEvent.Action.STATE_CHANGE)
    assert event.user == director
    assert event.object_id == str(project.pk)
    assert event.detail == {"from": State.IDEA, "to": State.PREPARATION, "flagged": False}


def test_a_step_saves_only_the_state_and_keeps_other_changes(director):
    project = ProjectFactory(state=State.IDEA, title="Vanha nimi")
    Project.objects.filter(pk=project.pk).update(title="Uusi nimi")

    step(project, State.PREPARATION, by=director)

    project.refresh_from_db()
    assert (project.title, project.state) == ("Uusi nimi", State.PREPARATION)


def test_an_editor_form_opened_before_a_step_cannot_save_a_stale_state(director):
    project = ProjectFactory(state=State.IDEA)
    opened = Project.objects.get(pk=project.pk)

    step(project, State.PREPARATION, by=director)

    opened.title = "Muokattu"
    with pytest.raises(StaleVersionError):
        save_if_unchanged(opened, expected_version=opened.version)
    project.refresh_from_db()
    assert project.state == State.PREPARATION


def test_the_state_and_its_record_are_written_together(director, monkeypatch):
    project = ProjectFactory(state=State.IDEA)

    def broken(*args, **kwargs):
        raise RuntimeError("tallennus epäonnistui")

    monkeypatch.setattr(StateChange.objects, "create", broken)
    with pytest.raises(RuntimeError):
        step(project, State.PREPARATION, by=director)

    assert Project.objects.get(pk=project.pk).state == State.IDEA


def test_returning_and_rejecting_need_a_reason(director):
    for to in (State.RETURNED, State.REJECTED):
        project = ProjectFactory(state=State.BOARD_REVIEW)

        error = refusal(project, to, director, reason="  ")

        assert error.guard == "reason_required"
        assert str(error).startswith("Anna perustelu")
        step(project, to, by=director, reason="Lautakunta palautti valmisteluun.")
        assert project.state == to


# Board review: the budget -------------------------------------------------------------------


def test_the_seed_budget_may_go_to_board_review(director):
    """0,80 € above the 80 % cap is rounding: a warning on the page, no refusal."""
    project = seed_project()
    Project.objects.filter(pk=project.pk).update(state=State.PREPARATION)
    project.refresh_from_db()

    step(project, State.BOARD_REVIEW, by=director)

    assert project.state == State.BOARD_REVIEW


def test_board_review_needs_costs(director):
    project = ProjectFactory(state=State.PREPARATION)

    error = refusal(project, State.BOARD_REVIEW, director)

    assert error.guard == "budget_empty"
    assert str(error).startswith("Kustannusarvio on tyhjä")


def test_board_review_needs_a_balanced_budget_in_total(director):
    project = balanced_project()
    FinancingLineFactory(project=project, year=2024, source=FinancingLine.Source.OWN, amount=Decimal("1"))

    error = refusal(project, State.BOARD_REVIEW, director)

    assert error.guard == "budget_unbalanced"
    assert "kustannukset 1\u00a0000,00\u00a0€, rahoitus 1\u00a0001,00\u00a0€" in str(error)


def test_board_review_needs_a_balanced_budget_every_year(director):
    project = balanced_project(end_date=dt.date(2025, 12, 31))
    BudgetLineFactory(project=project, year=2025, amount=Decimal("100"))
    FinancingLineFactory(project=project, year=2024, source=FinancingLine.Source.OWN, amount=Decimal("100"))

    error = refusal(project, State.BOARD_REVIEW, director)

    assert error.guard == "budget_unbalanced"


def test_board_review_needs_the_years_within_the_project_dates(director):
    project = balanced_project(start_date=dt.date(2025, 1, 1), end_date=dt.date(2025, 12, 31))

    error = refusal(project, State.BOARD_REVIEW, director)

    assert error.guard == "years_outside_dates"
    assert "2024" in str(error)


def test_board_review_refuses_a_euro_above_the_cap(director):
    project = ProjectFactory(state=State.PREPARATION, funding_call=FundingCallFactory(max_aid_rate=Decimal("0.8")))
    BudgetLineFactory(project=project, year=2024, amount=Decimal("1000"))
    FinancingLineFactory(project=project, year=2024, amount=Decimal("801"))
    FinancingLineFactory(project=project, year=2024, source=FinancingLine.Source.OWN, amount=Decimal("199"))

    error = refusal(project, State.BOARD_REVIEW, director)

    assert error.guard == "over_cap"
    assert "enimmäistukiosuuden 80,00\u00a0% (800,00\u00a0€) 1,00\u00a0€" in str(error)


def test_board_review_lists_every_failing_guard(director):
    project = ProjectFactory(
        state=State.PREPARATION,
        start_date=dt.date(2025, 1, 1),
        end_date=dt.date(2025, 12, 31),
        funding_call=FundingCallFactory(max_aid_rate=Decimal("0.5")),
    )
    BudgetLineFactory(project=project, year=2024, category=BudgetLine.Category.STAFF, amount=Decimal("1000"))
    FinancingLineFactory(project=project, year=2024, amount=Decimal("900"))

    guards = [error.guard for error in project.transition_errors(State.BOARD_REVIEW)]

    assert guards == ["budget_unbalanced", "years_outside_dates", "over_cap"]
    assert project.transition_errors(State.PREPARATION)[0].guard == "not_allowed"


def test_board_review_reads_the_budget_from_the_database_not_a_stale_prefetch(director):
    project = Project.objects.prefetch_related("budget_lines", "financing_lines").get(pk=balanced_project().pk)
    list(project.budget_lines.all())
    BudgetLine.objects.filter(project=project).update(amount=Decimal("999"))

    assert refusal(project, State.BOARD_REVIEW, director).guard == "budget_unbalanced"


# Submitted: allowed before the board decided, but flagged -----------------------------------


def test_sending_to_the_funder_before_the_board_decided_is_flagged(director, body):
    item = seed_item(body, checked=False)
    project = item.project

    change = step(project, State.SUBMITTED, by=director, reason="Haun määräaika 15.12.")

    assert project.state == State.SUBMITTED
    assert change.flagged
    assert change.flag_reason.startswith("Lähetetty rahoittajalle ennen toimielimen päätöstä")
    event = AuditEvent.objects.get(action=AuditEvent.Action.STATE_CHANGE)
    assert event.detail["flagged"] is True


def test_sending_to_the_funder_with_no_item_at_all_is_flagged(director):
    project = ProjectFactory(state=State.BOARD_REVIEW)

    assert step(project, State.SUBMITTED, by=director).flagged


def test_sending_to_the_funder_after_the_checked_decision_is_not_flagged(director, body):
    project = seed_item(body, checked=True).project

    change = step(project, State.SUBMITTED, by=director)

    assert not change.flagged
    assert change.flag_reason == ""


# Funding decided: the funder's decision first -----------------------------------------------


def test_funding_decided_needs_the_funders_decision(director):
    project = ProjectFactory(state=State.SUBMITTED, funding_decision_reference="STM/1/2024")

    error = refusal(project, State.FUNDING_DECIDED, director)

    assert error.guard == "funding_decision_missing"
    assert str(error) == ("Rahoittajan päätöstä ei ole kirjattu: puuttuu myönnetty summa, rahoituspäätöksen päivä.")


def test_funding_decided_after_the_decision_is_recorded(director):
    project = decided_project()

    step(project, State.FUNDING_DECIDED, by=director)

    assert project.state == State.FUNDING_DECIDED


def test_the_funders_decision_is_written_together(director):
    project = ProjectFactory(state=State.SUBMITTED)
    version = project.version

    record_funding_decision(
        project,
        granted_amount=Decimal("303924.00"),
        aid_rate=Decimal("0.8000"),
        decided_on=dt.date(2024, 2, 15),
        reference=" STM/123/2024 ",
        by=director,
    )

    project.refresh_from_db()
    assert project.granted_amount == Decimal("303924.00")
    assert project.granted_aid_rate == Decimal("0.8000")
    assert project.funding_decision_date == dt.date(2024, 2, 15)
    assert project.funding_decision_reference == "STM/123/2024"
    assert project.version == version + 1
    latest = project.history.order_by("-history_id").first()
    assert latest.history_user == director
    assert latest.granted_amount == Decimal("303924.00")


def test_the_funders_decision_refuses_impossible_values(director):
    project = ProjectFactory(state=State.SUBMITTED)

    with pytest.raises(ValidationError) as caught:
        record_funding_decision(
            project,
            granted_amount=Decimal("-1"),
            aid_rate=Decimal("1.2"),
            decided_on=dt.date(2024, 2, 15),
            reference=" ",
            by=director,
        )

    assert set(caught.value.message_dict) == {"granted_amount", "granted_aid_rate", "funding_decision_reference"}
    project.refresh_from_db()
    assert project.granted_amount is None


def test_the_funders_decision_waits_until_the_application_was_sent(director):
    project = ProjectFactory(state=State.BOARD_REVIEW)

    with pytest.raises(TransitionError) as caught:
        record_funding_decision(
            project,
            granted_amount=Decimal("1"),
            aid_rate=None,
            decided_on=dt.date(2024, 2, 15),
            reference="X",
            by=director,
        )

    assert caught.value.guard == "not_submitted"
    assert "Toimielimen käsittely" in str(caught.value)
