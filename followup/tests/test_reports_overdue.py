"""Overdue reports and payment claims on the dashboard: the development director's and the project
manager's, not another staff member's."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from followup.models import Report
from projects.models import Project
from testing.factories import PaymentClaimFactory, ProjectFactory, ReportFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def manager() -> User:
    return User.objects.create_user("hankepaallikko", first_name="Hanna", last_name="Hankepäällikkö")


def _overdue_section(user: User) -> str:
    client = Client()
    client.force_login(user)
    text = client.get(reverse("dashboard")).text
    return (
        text.split('aria-labelledby="overdue-heading"')[1].split("</section>")[0] if "overdue-heading" in text else ""
    )


def _late_project(manager: User) -> Project:
    today = timezone.localdate()
    project = ProjectFactory(title="Myöhässä oleva hanke", state=Project.State.IN_PROGRESS, manager_account=manager)
    ReportFactory(project=project, due_date=today - dt.timedelta(days=1))
    ReportFactory(project=project, kind="final", due_date=today + dt.timedelta(days=30))  # not due yet
    PaymentClaimFactory(project=project, period_end=today - dt.timedelta(days=90))
    return project


def test_overdue_reports_and_claims_are_on_the_directors_and_the_managers_dashboard(director, manager, staff_user):
    _late_project(manager)

    for user in (director, manager):
        section = _overdue_section(user)
        assert "Myöhässä oleva hanke" in section, user
        assert section.count("<li>") == 2, user  # the overdue report and the claim, not the report due later
    assert _overdue_section(staff_user) == ""


def test_a_submitted_report_or_a_closed_project_is_not_overdue(director, manager):
    project = _late_project(manager)
    Report.objects.filter(project=project).update(state=Report.State.SUBMITTED, submitted_at=timezone.now())
    assert _overdue_section(director).count("<li>") == 1  # the claim still is

    Project.objects.filter(pk=project.pk).update(state=Project.State.CLOSED)
    assert _overdue_section(director) == ""


def test_another_managers_projects_are_not_on_a_managers_dashboard(manager):
    _late_project(User.objects.create_user("toinen_paallikko"))

    assert _overdue_section(manager) == ""
