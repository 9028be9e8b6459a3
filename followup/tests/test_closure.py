"""Closing a project requires the final payment claim sent (or paid) and the final report submitted;
the refusal names what is missing. The closed project shows its story on its page."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from followup.models import PaymentClaim, Report
from projects.lifecycle import TransitionError
from projects.models import Project
from projects.services.lifecycle import transition_project
from testing.factories import PaymentClaimFactory, ProjectFactory, ReportFactory

pytestmark = pytest.mark.django_db


def _closing_project() -> Project:
    return ProjectFactory(
        state=Project.State.CLOSING,
        funding_decision_date=dt.date(2024, 1, 15),
        funding_decision_reference="STM/2024/12",
        granted_amount=Decimal("200000.00"),
    )


def _final_claim(project: Project, state: str = PaymentClaim.State.SENT) -> PaymentClaim:
    return PaymentClaimFactory(project=project, is_final=True, state=state, amount_to_return=Decimal("1234.56"))


def _final_report(project: Project, kind: str = Report.Kind.FINAL) -> Report:
    return ReportFactory(project=project, kind=kind, state=Report.State.SUBMITTED, submitted_at=timezone.now())


def _guards(project: Project) -> set[str]:
    return {error.guard for error in project.transition_errors(Project.State.CLOSED)}


def test_closing_is_refused_without_the_final_claim_and_the_final_report(director):
    project = _closing_project()
    PaymentClaimFactory(project=project, is_final=True)  # drafted, not sent
    ReportFactory(project=project, kind=Report.Kind.FINAL)  # drafted, not submitted

    with pytest.raises(TransitionError) as refused:
        transition_project(project, Project.State.CLOSED, by=director)

    assert refused.value.guard == "final_claim_missing"
    assert _guards(project) == {"final_claim_missing", "final_report_missing"}
    project.refresh_from_db()
    assert project.state == Project.State.CLOSING


def test_the_refusal_names_only_what_is_missing():
    with_claim, with_report = _closing_project(), _closing_project()
    _final_claim(with_claim)
    _final_report(with_report)

    assert _guards(with_claim) == {"final_report_missing"}
    assert _guards(with_report) == {"final_claim_missing"}


def test_closing_is_allowed_with_the_final_claim_and_the_final_report(director):
    project = _closing_project()
    _final_claim(project, state=PaymentClaim.State.PAID)
    _final_report(project, kind=Report.Kind.USE_OF_FUNDS)

    transition_project(project, Project.State.CLOSED, by=director)

    project.refresh_from_db()
    assert project.state == Project.State.CLOSED


def test_the_closed_project_shows_its_story(director, staff_client):
    project = _closing_project()
    _final_claim(project, state=PaymentClaim.State.PAID)
    _final_report(project)
    transition_project(project, Project.State.CLOSED, by=director)

    text = staff_client.get(reverse("projects:detail", args=[project.pk])).text

    story = text.split('aria-labelledby="story-heading"')[1].split("</section>")[0]
    assert "STM/2024/12" in story and "200\u00a0000,00" in story
    assert "1\u00a0234,56" in story  # returned to the funder by the final claim
    assert reverse("followup:report_edit", args=[project.reports.get().pk]) in story
