"""The rules of reporting, as plain functions that read and never write.

The schedule (planned_reports): reports follow the funder's decision and the project's dates, by one
simple rule the director can adjust afterwards (every due date stays editable):

- an interim report for each calendar year (the county's budget year) of the project that ends before
  the project does, covering that year within the project's dates, due REPORT_DUE_MONTHS (2) months
  after the year's end;
- a final report covering the whole project, due REPORT_DUE_MONTHS months after its end date; for a
  state grant a use-of-funds report (käyttöselvitys) instead, with the same period and due date. A
  project is a state grant's when its call's funder looks like a ministry (is_state_grant): the name
  says "ministeriö" or "ministry", or it is one of the ministries' abbreviations (STM, OKM ...).

Indicator values: an indicator counts something when its target (or, without one, its baseline) is a
number, possibly followed by one word such as its unit ("120", "75 %", "1 200 henkilöä"); its value
is then entered as a number and shown against the target as a share of it. Other indicators ("a
regional model in use") take a text.

Overdue claims: a payment claim has no due date of its own; a claim still drafted CLAIM_DUE_MONTHS
(2) months after its period ended is overdue (overdue_claims), the way the funders expect claims.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.utils import timezone

from followup.models import IndicatorValue, PaymentClaim, Report
from hankehallinta.formfields import parse_decimal
from hankehallinta.permissions import is_development_director
from projects.lifecycle import ProjectState

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
    from django.db.models import QuerySet

    from projects.models import Indicator, Objective, Project

REPORT_DUE_MONTHS = 2
CLAIM_DUE_MONTHS = 2
#: Ministries' abbreviations as funders write them (a whole word of the funder's name).
MINISTRY_ABBREVIATIONS = frozenset({"STM", "OKM", "TEM", "VM", "SM", "YM", "MMM", "LVM", "OM", "UM", "PLM", "VNK"})
_MINISTRY_WORDS = ("ministeri", "ministry")
#: A number, then at most one word (a unit, "%"): what makes an indicator's target a number.
_NUMBER_THEN_WORD = re.compile(r"^\s*([-−]?\d[\d\s\u00a0\u202f.,]*?)\s*(?:%|[^\d\s]+)?\s*$")


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later, or the month's last day: 31.12.2024 + 2 -> 28.2.2025."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def is_state_grant(project: Project) -> bool:
    """Whether the call's funder looks like a ministry (a state grant reports its use of funds)."""
    funder = project.funder
    words = set(re.findall(r"[A-Za-zÅÄÖåäö]+", funder))
    return any(word in funder.lower() for word in _MINISTRY_WORDS) or bool(words & MINISTRY_ABBREVIATIONS)


@dataclass(frozen=True)
class PlannedReport:
    """One report the schedule asks for."""

    kind: str
    period_start: dt.date
    period_end: dt.date
    due_date: dt.date


def planned_reports(project: Project) -> list[PlannedReport]:
    """The reports of the project by the rule of the module, in due order."""
    start, end = project.start_date, project.end_date
    planned = []
    for year in range(start.year, end.year):
        year_end = dt.date(year, 12, 31)
        period = (max(start, dt.date(year, 1, 1)), year_end)
        planned.append(PlannedReport(Report.Kind.INTERIM, *period, add_months(year_end, REPORT_DUE_MONTHS)))
    last = Report.Kind.USE_OF_FUNDS if is_state_grant(project) else Report.Kind.FINAL
    planned.append(PlannedReport(last, start, end, add_months(end, REPORT_DUE_MONTHS)))
    return planned


# Indicators -----------------------------------------------------------------------------------------


def number_in(text: str) -> Decimal | None:
    """The number a target or baseline states ("1 200 henkilöä" -> 1200, "75 %" -> 75), or None."""
    match = _NUMBER_THEN_WORD.match(text or "")
    if not match:
        return None
    try:
        return parse_decimal(match.group(1).strip().rstrip(".,"))
    except ValidationError:
        return None


def is_numeric(indicator: Indicator) -> bool:
    """Whether the indicator's value is a number: its target (or its baseline, without one) is one."""
    stated = indicator.target.strip() or indicator.baseline.strip()
    return number_in(stated) is not None


def share_of_target(value: Decimal | None, indicator: Indicator) -> Decimal | None:
    """How much of the target the value reached, as a fraction (0.5 is half), or None when either is no
    number or the target is zero."""
    target = number_in(indicator.target)
    if value is None or not target:
        return None
    return value / target


# Overdue --------------------------------------------------------------------------------------------


def overdue_reports(user: AbstractBaseUser | AnonymousUser, *, today: dt.date | None = None) -> QuerySet:
    """The user's overdue reports (Report.objects.overdue().for_user()), oldest due first, with their project."""
    return Report.objects.overdue(today).for_user(user).select_related("project").in_due_order()


def overdue_claims(user: AbstractBaseUser | AnonymousUser, *, today: dt.date | None = None) -> QuerySet:
    """Drafted claims whose period ended more than CLAIM_DUE_MONTHS months ago, of projects not yet
    closed, that are the user's work (all for the development director, their own projects' for a
    project manager), oldest first."""
    if not (user.is_authenticated and user.is_active):
        return PaymentClaim.objects.none()
    cutoff = add_months(today or timezone.localdate(), -CLAIM_DUE_MONTHS)
    claims = PaymentClaim.objects.filter(state=PaymentClaim.State.DRAFTED, period_end__lt=cutoff).exclude(
        project__state__in=ProjectState.ended()
    )
    if not is_development_director(user):
        claims = claims.filter(project__manager_account=user)
    return claims.select_related("project").order_by("period_end", "pk")


def claim_due_date(claim: PaymentClaim) -> dt.date:
    """When a claim is expected: CLAIM_DUE_MONTHS months after its period."""
    return add_months(claim.period_end, CLAIM_DUE_MONTHS)


# The report as read ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class ValueRow:
    """An indicator with the value the report gives it (None: not given) and its share of the target."""

    indicator: Indicator
    value: IndicatorValue | None
    share: Decimal | None


@dataclass(frozen=True)
class ObjectiveReport:
    objective: Objective
    narrative: str
    values: list[ValueRow]


def report_rows(report: Report, objectives: list[Objective]) -> list[ObjectiveReport]:
    """The report per objective (the objectives with their indicators prefetched): what the page
    shows read-only and what the PDF prints."""
    narratives = {row.objective_id: row.text for row in report.narratives.all()}
    values = {row.indicator_id: row for row in report.indicator_values.all()}
    rows = []
    for objective in objectives:
        value_rows = []
        for indicator in objective.indicators.all():
            value = values.get(indicator.pk)
            number = value.number if value is not None else None
            value_rows.append(ValueRow(indicator, value, share_of_target(number, indicator)))
        rows.append(ObjectiveReport(objective, narratives.get(objective.pk, ""), value_rows))
    return rows
