"""factory_boy factories for every model the tests build, app by app (projects, budgets, decisions),
and `balanced_project()`, a project whose budget balances. Defaults are plain Finnish sample data."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import factory
from factory.django import DjangoModelFactory

from budgets.models import BudgetLine, FinancingLine
from decisions.models import (
    AgendaItem,
    Attachment,
    Attendance,
    Body,
    Meeting,
    Membership,
    NumberingStart,
    Person,
)
from followup.models import AccountMapping, ActualCost, LedgerImport
from projects.models import FundingCall, Indicator, Objective, Project

# projects ---------------------------------------------------------------------------------------


class FundingCallFactory(DjangoModelFactory):
    class Meta:
        model = FundingCall

    funder = "Sosiaali- ja terveysministeriö"
    name = factory.Sequence(lambda n: f"Kehittämishaku {n}")
    max_aid_rate = Decimal("0.8000")


class ProjectFactory(DjangoModelFactory):
    class Meta:
        model = Project

    title = factory.Sequence(lambda n: f"Hanke {n}")
    owning_unit = "Kehittämisyksikkö"
    manager = "Hanna Hankepäällikkö"
    start_date = dt.date(2024, 1, 1)
    end_date = dt.date(2025, 12, 31)
    funding_call = factory.SubFactory(FundingCallFactory)


class ObjectiveFactory(DjangoModelFactory):
    class Meta:
        model = Objective

    project = factory.SubFactory(ProjectFactory)
    order = factory.Sequence(lambda n: n + 1)
    text = factory.Sequence(lambda n: f"Tavoite {n}")


class IndicatorFactory(DjangoModelFactory):
    class Meta:
        model = Indicator

    objective = factory.SubFactory(ObjectiveFactory)
    name = "Yhteisten toimintamallien määrä"
    baseline = "0"
    target = "3"


# budgets ----------------------------------------------------------------------------------------


class BudgetLineFactory(DjangoModelFactory):
    class Meta:
        model = BudgetLine

    project = factory.SubFactory(ProjectFactory)
    category = BudgetLine.Category.STAFF
    year = 2024
    amount = Decimal("1000.00")


class FinancingLineFactory(DjangoModelFactory):
    class Meta:
        model = FinancingLine

    project = factory.SubFactory(ProjectFactory)
    source = FinancingLine.Source.APPLIED
    year = 2024
    amount = Decimal("800.00")


def balanced_project(state: str = Project.State.PREPARATION, **extra) -> Project:
    """1 000 € of costs in 2024, 800 € applied (80 %, the cap) and 200 € own contribution."""
    project = ProjectFactory(state=state, **extra)
    BudgetLineFactory(project=project, year=2024, amount=Decimal("1000"))
    FinancingLineFactory(project=project, year=2024, amount=Decimal("800"))
    FinancingLineFactory(project=project, year=2024, source=FinancingLine.Source.OWN, amount=Decimal("200"))
    return project


def small_project(year: int = 2025, *, cost: str = "1000", applied: str = "600", **extra) -> Project:
    """A one-year project: cost, applied funding and the rest as own contribution."""
    extra.setdefault("start_date", dt.date(year, 1, 1))
    extra.setdefault("end_date", dt.date(year, 12, 31))
    project = ProjectFactory(**extra)
    BudgetLineFactory(project=project, year=year, amount=Decimal(cost))
    FinancingLineFactory(project=project, year=year, amount=Decimal(applied))
    FinancingLineFactory(
        project=project, year=year, source=FinancingLine.Source.OWN, amount=Decimal(cost) - Decimal(applied)
    )
    return project


# decisions --------------------------------------------------------------------------------------

HELSINKI = ZoneInfo("Europe/Helsinki")


class PersonFactory(DjangoModelFactory):
    class Meta:
        model = Person

    first_name = factory.Sequence(lambda n: f"Etunimi{n}")
    last_name = factory.Sequence(lambda n: f"Sukunimi{n}")
    title = "Asiantuntija"


class BodyFactory(DjangoModelFactory):
    class Meta:
        model = Body

    name = factory.Sequence(lambda n: f"Lautakunta {n}")
    organisation = "Pohjois-Karjalan hyvinvointialue"
    appeal_court = "Itä-Suomen hallinto-oikeus"
    registry_email = "kirjaamo@example.fi"


class MembershipFactory(DjangoModelFactory):
    class Meta:
        model = Membership

    person = factory.SubFactory(PersonFactory)
    body = factory.SubFactory(BodyFactory)
    role = Membership.Role.MEMBER
    start_date = dt.date(2023, 1, 1)


class NumberingStartFactory(DjangoModelFactory):
    """A body's year whose § count continues from 101 and meeting numbers from 7."""

    class Meta:
        model = NumberingStart

    body = factory.SubFactory(BodyFactory)
    year = 2025
    first_section = 101
    first_meeting_number = 7


class MeetingFactory(DjangoModelFactory):
    class Meta:
        model = Meeting

    body = factory.SubFactory(BodyFactory)
    year = 2023
    number = factory.Sequence(lambda n: n + 1)
    start = dt.datetime(2023, 11, 20, 14, 0, tzinfo=HELSINKI)
    place = "Joensuu"


class AgendaItemFactory(DjangoModelFactory):
    class Meta:
        model = AgendaItem

    meeting = factory.SubFactory(MeetingFactory)
    order = factory.Sequence(lambda n: n + 1)
    section = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Asia {n}")
    proposal = "Lautakunta päättää hyväksyä asian."


class AttachmentFactory(DjangoModelFactory):
    class Meta:
        model = Attachment

    item = factory.SubFactory(AgendaItemFactory)
    number = factory.Sequence(lambda n: n + 1)
    title = "Liite"


class AttendanceFactory(DjangoModelFactory):
    class Meta:
        model = Attendance

    meeting = factory.SubFactory(MeetingFactory)
    person = factory.SubFactory(PersonFactory)
    capacity = Attendance.Capacity.MEMBER


# followup: actual costs -------------------------------------------------------------------------


class CostUserFactory(DjangoModelFactory):
    """The user who imported or entered a cost, when the test does not care who."""

    class Meta:
        model = "auth.User"
        django_get_or_create = ("username",)

    username = "kirjanpitaja"


class LedgerImportFactory(DjangoModelFactory):
    class Meta:
        model = LedgerImport

    project = factory.SubFactory(ProjectFactory)
    period_start = dt.date(2025, 1, 1)
    period_end = dt.date(2025, 12, 31)
    file_name = "paakirja.csv"
    sha256 = "0" * 64
    imported_by = factory.SubFactory(CostUserFactory)


class ActualCostFactory(DjangoModelFactory):
    """A manual cost by default; give ledger_import (and a row_key) for a ledger row."""

    class Meta:
        model = ActualCost

    project = factory.SubFactory(ProjectFactory)
    date = dt.date(2025, 3, 15)
    account = ""
    description = "Kustannus"
    amount = Decimal("100.00")
    category = BudgetLine.Category.STAFF
    created_by = factory.SubFactory(CostUserFactory)


class AccountMappingFactory(DjangoModelFactory):
    """A project's mapping of an account; give funding_call (and project=None) for a call's."""

    class Meta:
        model = AccountMapping

    project = factory.SubFactory(ProjectFactory)
    account = factory.Sequence(lambda n: str(4000 + n))
    category = BudgetLine.Category.STAFF


# followup: payment claims -----------------------------------------------------------------------


class PaymentClaimFactory(DjangoModelFactory):
    """A drafted claim for the first half of 2025 with no figures; followup.services.claims computes
    real ones (draft_claim, send_claim)."""

    class Meta:
        model = "followup.PaymentClaim"

    project = factory.SubFactory(ProjectFactory)
    number = factory.Sequence(lambda n: n + 1)
    period_start = dt.date(2025, 1, 1)
    period_end = dt.date(2025, 6, 30)
    created_by = factory.SubFactory(CostUserFactory)


# followup: reports ------------------------------------------------------------------------------


class ReportFactory(DjangoModelFactory):
    """A drafted interim report of 2024, due at the end of February 2025."""

    class Meta:
        model = "followup.Report"

    project = factory.SubFactory(ProjectFactory)
    kind = "interim"
    period_start = dt.date(2024, 1, 1)
    period_end = dt.date(2024, 12, 31)
    due_date = dt.date(2025, 2, 28)
    created_by = factory.SubFactory(CostUserFactory)
