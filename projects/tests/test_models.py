"""Database constraints of the projects app: the invariants that fit one row hold in the database."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from projects.models import ApplicationVersion
from testing.factories import FundingCallFactory, ProjectFactory

pytestmark = pytest.mark.django_db


def test_project_end_before_start_is_refused():
    with pytest.raises(IntegrityError), transaction.atomic():
        ProjectFactory(start_date=dt.date(2024, 1, 1), end_date=dt.date(2023, 12, 31))


def test_project_may_start_and_end_on_the_same_day():
    project = ProjectFactory(start_date=dt.date(2024, 1, 1), end_date=dt.date(2024, 1, 1))

    assert project.duration_months == 1


def test_project_duration_is_derived_from_the_dates():
    project = ProjectFactory(start_date=dt.date(2024, 1, 1), end_date=dt.date(2025, 12, 31))

    assert project.duration_months == 24
    assert project.years == [2024, 2025]


def test_negative_granted_amount_is_refused():
    with pytest.raises(IntegrityError), transaction.atomic():
        ProjectFactory(granted_amount=Decimal("-1.00"))


@pytest.mark.parametrize("rate", ["1.0001", "-0.0001"])
def test_funding_call_rate_outside_0_and_1_is_refused(rate):
    with pytest.raises(IntegrityError), transaction.atomic():
        FundingCallFactory(max_aid_rate=Decimal(rate))


def test_funding_call_without_a_cap_is_allowed():
    assert FundingCallFactory(max_aid_rate=None).max_aid_rate is None


def test_version_number_is_unique_per_project():
    project = ProjectFactory()
    ApplicationVersion.objects.create(project=project, number=1, snapshot={}, content_hash="a" * 64)

    with pytest.raises(IntegrityError), transaction.atomic():
        ApplicationVersion.objects.create(project=project, number=1, snapshot={}, content_hash="b" * 64)

    ApplicationVersion.objects.create(project=ProjectFactory(), number=1, snapshot={}, content_hash="a" * 64)
