"""The writes of reporting: the schedule, a new report, its content, its attachments and its submission.

Each is audited with what it wrote. A submitted report no longer changes: saving, attaching or
submitting it again is refused with a message (ActionRefused). Saving and submitting carry the
version the page was opened with: when the report was saved since, StaleVersionError is raised and
nothing is written (the page answers 409).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from followup.models import IndicatorValue, Report, ReportAttachment, ReportNarrative
from followup.reports import planned_reports
from hankehallinta.audit import record
from hankehallinta.models import AuditEvent
from hankehallinta.services import ActionRefused
from hankehallinta.versioning import StaleVersionError
from projects.models import Indicator, Objective

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser
    from django.core.files import File

    from projects.models import Project

KIND = "report"


@dataclass(frozen=True)
class IndicatorEntry:
    """What the report says of one indicator: a number or a text, and a note."""

    number: Decimal | None = None
    text: str = ""
    note: str = ""

    @property
    def is_empty(self) -> bool:
        return self.number is None and not self.text.strip() and not self.note.strip()


def _check_period(start: dt.date, end: dt.date) -> None:
    if end < start:
        raise ActionRefused(_("A report's period cannot end before it starts."), field="period_end")


def _refuse_submitted(report: Report) -> None:
    if report.is_submitted:
        raise ActionRefused(_("The report has been submitted: it can no longer be changed."))


def schedule_reports(project: Project, *, by: AbstractBaseUser) -> list[Report]:
    """Create the reports the schedule asks for (followup.reports.planned_reports) that the project does
    not have yet (the same kind and period); returns the new ones. Needs the funder's decision."""
    if project.funding_decision_date is None:
        raise ActionRefused(_("Record the funder's decision before scheduling the reports."))
    existing = set(Report.objects.for_project(project).values_list("kind", "period_start", "period_end"))
    created = []
    with transaction.atomic():
        for plan in planned_reports(project):
            if (plan.kind, plan.period_start, plan.period_end) in existing:
                continue
            created.append(
                Report.objects.create(
                    project=project,
                    kind=plan.kind,
                    period_start=plan.period_start,
                    period_end=plan.period_end,
                    due_date=plan.due_date,
                    created_by=by,
                )
            )
        for report in created:
            record(AuditEvent.Action.CREATE, user=by, obj=report, detail=_detail(report, scheduled=True))
    return created


def create_report(
    project: Project, *, kind: str, period_start: dt.date, period_end: dt.date, due_date: dt.date, by: AbstractBaseUser
) -> Report:
    """A report outside the schedule (an annual report the funder asked for, say)."""
    if kind not in Report.Kind.values:
        raise ActionRefused(_("Choose the kind of report."), field="kind")
    _check_period(period_start, period_end)
    report = Report.objects.create(
        project=project,
        kind=kind,
        period_start=period_start,
        period_end=period_end,
        due_date=due_date,
        created_by=by,
    )
    record(AuditEvent.Action.CREATE, user=by, obj=report, detail=_detail(report))
    return report


def _locked(report: Report, expected_version: int) -> Report:
    locked = Report.objects.select_for_update().get(pk=report.pk)
    if locked.version != expected_version:
        raise StaleVersionError(locked.version)
    _refuse_submitted(locked)
    return locked


def save_report(
    report: Report,
    *,
    period_start: dt.date,
    period_end: dt.date,
    due_date: dt.date,
    narratives: dict[int, str],
    indicator_values: dict[int, IndicatorEntry],
    expected_version: int,
    by: AbstractBaseUser,
) -> Report:
    """The report's dates, its narrative per objective and its indicator values, together.

    `narratives` maps objective ids, `indicator_values` indicator ids, both of the report's project
    (others are refused); an empty narrative or value removes the stored one."""
    _check_period(period_start, period_end)
    objectives = set(Objective.objects.filter(project_id=report.project_id).values_list("pk", flat=True))
    indicators = set(Indicator.objects.filter(objective__project_id=report.project_id).values_list("pk", flat=True))
    if not set(narratives) <= objectives or not set(indicator_values) <= indicators:
        raise ActionRefused(_("A report tells of its own project's objectives and indicators only."))
    with transaction.atomic():
        locked = _locked(report, expected_version)
        for objective_id, text in narratives.items():
            _save_narrative(locked, objective_id, text.strip())
        for indicator_id, entry in indicator_values.items():
            _save_value(locked, indicator_id, entry)
        locked.period_start, locked.period_end, locked.due_date = period_start, period_end, due_date
        locked.version += 1
        locked.save(update_fields=["period_start", "period_end", "due_date", "version"])
        record(AuditEvent.Action.UPDATE, user=by, obj=locked, detail=_detail(locked))
    _copy_back(locked, report)
    return report


def _save_narrative(report: Report, objective_id: int, text: str) -> None:
    if text:
        ReportNarrative.objects.update_or_create(report=report, objective_id=objective_id, defaults={"text": text})
    else:
        ReportNarrative.objects.filter(report=report, objective_id=objective_id).delete()


def _save_value(report: Report, indicator_id: int, entry: IndicatorEntry) -> None:
    if entry.is_empty:
        IndicatorValue.objects.filter(report=report, indicator_id=indicator_id).delete()
        return
    IndicatorValue.objects.update_or_create(
        report=report,
        indicator_id=indicator_id,
        defaults={"number": entry.number, "text": entry.text.strip(), "note": entry.note.strip()},
    )


def submit_report(report: Report, *, expected_version: int, by: AbstractBaseUser) -> Report:
    """Mark the report as submitted to the funder (who and when); it no longer changes afterwards."""
    with transaction.atomic():
        locked = _locked(report, expected_version)
        locked.state = Report.State.SUBMITTED
        locked.submitted_at = timezone.now()
        locked.submitted_by = by
        locked.version += 1
        locked.save(update_fields=["state", "submitted_at", "submitted_by", "version"])
        record(AuditEvent.Action.STATE_CHANGE, user=by, obj=locked, detail={**_detail(locked), "to": locked.state})
    _copy_back(locked, report)
    return report


def add_report_attachment(report: Report, *, title: str, file: File, by: AbstractBaseUser) -> ReportAttachment:
    """A file attached to a drafted report; the file was accepted by its content and size by the form
    (hankehallinta.uploads.validate_upload), its SHA-256 is kept and audited."""
    _refuse_submitted(report)
    attachment = ReportAttachment(report=report, title=title.strip(), file=file, uploaded_by=by)
    attachment.record_file_hash()
    attachment.save()
    record(
        AuditEvent.Action.CREATE,
        user=by,
        obj=attachment,
        detail={"kind": "report_attachment", "report": report.pk, "sha256": attachment.sha256},
    )
    return attachment


def _detail(report: Report, **extra: object) -> dict[str, object]:
    return {
        "kind": KIND,
        "report_kind": report.kind,
        "project": report.project_id,
        "period": [report.period_start.isoformat(), report.period_end.isoformat()],
        "due_date": report.due_date.isoformat(),
        **extra,
    }


def _copy_back(locked: Report, report: Report) -> None:
    for name in ("period_start", "period_end", "due_date", "state", "submitted_at", "submitted_by_id", "version"):
        setattr(report, name, getattr(locked, name))
