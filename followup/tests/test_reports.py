"""Reports: the schedule from the funder's decision and the project's dates, indicator values saved
against the objectives' targets, the submission and a stale save (409), the report PDF."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from followup.models import IndicatorValue, Report, ReportNarrative
from followup.reports import add_months, is_numeric, planned_reports
from followup.services.reports import schedule_reports
from hankehallinta.models import AuditEvent
from projects.models import Project
from testing.factories import FundingCallFactory, IndicatorFactory, ObjectiveFactory, ProjectFactory, ReportFactory
from testing.pdf import response_pdf_text

pytestmark = pytest.mark.django_db


def _funded(funder: str = "Etelä-Savon ELY-keskus", **extra) -> Project:
    return ProjectFactory(
        start_date=dt.date(2024, 3, 1),
        end_date=dt.date(2026, 6, 30),
        funding_call=FundingCallFactory(funder=funder),
        funding_decision_date=dt.date(2024, 2, 1),
        funding_decision_reference="EURA-123",
        granted_amount=Decimal("300000.00"),
        state=Project.State.IN_PROGRESS,
        **extra,
    )


def test_the_schedule_has_an_interim_report_per_year_and_a_final_report(director):
    project = _funded()

    created = schedule_reports(project, by=director)

    assert [(r.kind, r.period_start, r.period_end, r.due_date) for r in created] == [
        ("interim", dt.date(2024, 3, 1), dt.date(2024, 12, 31), dt.date(2025, 2, 28)),
        ("interim", dt.date(2025, 1, 1), dt.date(2025, 12, 31), dt.date(2026, 2, 28)),
        ("final", dt.date(2024, 3, 1), dt.date(2026, 6, 30), dt.date(2026, 8, 30)),
    ]
    assert AuditEvent.objects.filter(object_type="followup.report", action="create").count() == 3


def test_scheduling_again_adds_only_what_is_missing(director):
    project = _funded()
    schedule_reports(project, by=director)

    assert schedule_reports(project, by=director) == []
    assert Report.objects.filter(project=project).count() == 3


def test_a_ministrys_grant_ends_with_a_use_of_funds_report():
    kinds = [plan.kind for plan in planned_reports(_funded(funder="STM"))]
    ministry = [plan.kind for plan in planned_reports(_funded(funder="Opetus- ja kulttuuriministeriö"))]

    assert kinds[-1] == ministry[-1] == Report.Kind.USE_OF_FUNDS
    assert Report.Kind.FINAL not in kinds


def test_the_due_date_falls_on_the_months_last_day_when_shorter():
    assert add_months(dt.date(2024, 12, 31), 2) == dt.date(2025, 2, 28)
    assert add_months(dt.date(2025, 5, 31), -2) == dt.date(2025, 3, 31)


def test_scheduling_needs_the_funders_decision(director):
    project = ProjectFactory(state=Project.State.SUBMITTED)

    with pytest.raises(Exception, match="rahoittajan päätös"):
        schedule_reports(project, by=director)


def _report_with_indicators():
    project = _funded()
    objective = ObjectiveFactory(project=project, order=1, text="Palveluohjaus paranee")
    counted = IndicatorFactory(objective=objective, name="Ohjatut asiakkaat", baseline="0", target="120", unit="hlöä")
    described = IndicatorFactory(objective=objective, name="Toimintamalli", baseline="", target="Käytössä", unit="")
    report = ReportFactory(project=project)
    return report, objective, counted, described


def _edit_data(client, report, **values) -> dict:
    form = client.get(reverse("followup:report_edit", args=[report.pk])).context["form"]
    data = {name: form[name].value() or "" for name in form.fields}
    return {**data, **values}


def test_indicator_values_are_saved_against_the_targets(director_client):
    report, objective, counted, described = _report_with_indicators()
    url = reverse("followup:report_edit", args=[report.pk])
    data = _edit_data(director_client, report)
    data.update(
        {
            f"narrative-{objective.pk}": "Ohjaus toimii kolmessa kunnassa.",
            f"value-{counted.pk}": "90",
            f"note-{counted.pk}": "Syksyn luku arvio",
            f"value-{described.pk}": "Pilotissa",
        }
    )

    response = director_client.post(url, data)

    assert response.status_code == 302
    assert is_numeric(counted) and not is_numeric(described)
    values = {value.indicator_id: value for value in IndicatorValue.objects.filter(report=report)}
    assert values[counted.pk].number == Decimal("90") and values[counted.pk].note == "Syksyn luku arvio"
    assert values[described.pk].text == "Pilotissa" and values[described.pk].number is None
    assert ReportNarrative.objects.get(report=report).text == "Ohjaus toimii kolmessa kunnassa."
    page = director_client.get(url).text
    assert "120" in page and "75,00" in page  # the target beside the value: 90 of 120


def test_a_number_is_refused_in_finnish_for_a_counted_indicator(director_client):
    report, _objective, counted, _described = _report_with_indicators()
    data = _edit_data(director_client, report, **{f"value-{counted.pk}": "paljon"})

    response = director_client.post(reverse("followup:report_edit", args=[report.pk]), data)

    assert response.status_code == 200
    assert "1 234,50" in response.text  # the form's Finnish example of a number
    assert not IndicatorValue.objects.filter(report=report).exists()


def test_a_stale_save_is_refused_with_409_and_the_first_save_stays(director_client):
    report, objective, _counted, _described = _report_with_indicators()
    url = reverse("followup:report_edit", args=[report.pk])
    first = _edit_data(director_client, report, **{f"narrative-{objective.pk}": "Ensimmäinen"})
    second = _edit_data(director_client, report, **{f"narrative-{objective.pk}": "Toinen"})

    assert director_client.post(url, first).status_code == 302
    stale = director_client.post(url, second)

    assert stale.status_code == 409
    assert "Toinen" in stale.text
    assert ReportNarrative.objects.get(report=report).text == "Ensimmäinen"


def test_submitting_records_who_and_when_and_a_stale_submission_is_409(director_client, director):
    report = ReportFactory(project=_funded())
    url = reverse("followup:report_submit", args=[report.pk])

    assert director_client.post(url, {"version": report.version}).status_code == 302
    report.refresh_from_db()
    assert report.is_submitted and report.submitted_by == director and report.submitted_at is not None

    assert director_client.post(url, {"version": 1}).status_code == 409


def test_a_submitted_report_no_longer_changes(director_client):
    report, objective, _counted, _described = _report_with_indicators()
    data = _edit_data(director_client, report, **{f"narrative-{objective.pk}": "Myöhästynyt"})
    director_client.post(reverse("followup:report_submit", args=[report.pk]), {"version": report.version})

    response = director_client.post(reverse("followup:report_edit", args=[report.pk]), data)

    assert response.status_code == 409
    assert not ReportNarrative.objects.filter(report=report).exists()


def test_the_report_pdf_holds_the_narrative_and_the_indicator_values(director_client, staff_client):
    report, objective, counted, described = _report_with_indicators()
    data = _edit_data(director_client, report)
    data.update(
        {
            f"narrative-{objective.pk}": "Ohjaus toimii kolmessa kunnassa.",
            f"value-{counted.pk}": "1 200,5",
            f"value-{described.pk}": "Pilotissa",
        }
    )
    director_client.post(reverse("followup:report_edit", args=[report.pk]), data)

    text = response_pdf_text(staff_client.get(reverse("followup:report_pdf", args=[report.pk])))

    assert "Ohjaus toimii kolmessa kunnassa." in text
    assert "Ohjatut asiakkaat" in text and "1 200,5" in text and "120" in text
    assert "Toimintamalli" in text and "Pilotissa" in text and "Käytössä" in text
