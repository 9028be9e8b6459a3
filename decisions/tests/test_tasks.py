"""The background tasks: the daily personal-data removal, the minutes rendered ahead after their
check, retries of a failing task, the administrator's view of failures, and the daily schedule."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult
from freezegun import freeze_time

from decisions import tasks
from decisions.models import Meeting, PrivatePersonData
from decisions.services import publication
from decisions.services.minutes import check_minutes
from hankehallinta import pdf
from hankehallinta.tasks import MAX_ATTEMPTS, RETRY_DELAYS, enqueue_due_daily_tasks
from testing.factories import HELSINKI, AgendaItemFactory, MeetingFactory
from testing.meeting_day import meeting_day
from testing.tasks import DATABASE_TASKS, run_worker

pytestmark = pytest.mark.django_db

REMOVAL = "decisions.tasks.remove_personal_data"


@pytest.fixture
def due_data(body):
    """Two private persons' data whose rectification period ended long ago, and one on a draft item."""
    meeting = MeetingFactory(body=body, state=Meeting.State.PUBLISHED, minutes_published_on=dt.date(2023, 12, 5))
    item = AgendaItemFactory(meeting=meeting, checked_at=dt.datetime(2023, 12, 1, 12, tzinfo=HELSINKI))
    draft = AgendaItemFactory(meeting=MeetingFactory(body=body))
    return [
        PrivatePersonData.objects.create(item=item, text="Maija Meikäläinen"),
        PrivatePersonData.objects.create(item=item, text="Kotikatu 1"),
        PrivatePersonData.objects.create(item=draft, text="Matti Meikäläinen"),
    ]


@pytest.fixture
def database_queue(settings):
    """Tasks go to the database queue, as in production; `run_worker()` runs them."""
    settings.TASKS = DATABASE_TASKS


def removed_on(rows) -> list[dt.date | None]:
    return [PrivatePersonData.objects.get(pk=row.pk).removed_on for row in rows]


def failing_removal(today, dry_run=False):
    raise ConnectionError("the archive did not answer")


# The daily removal ----------------------------------------------------------------------------


def test_removal_task_removes_what_the_command_removes(due_data):
    today = timezone.localdate()
    due = [row.pk for row in publication.remove_personal_data(today, dry_run=True)]

    result = tasks.remove_personal_data.enqueue()

    assert result.status == TaskResultStatus.SUCCESSFUL
    assert result.return_value == {"day": today.isoformat(), "removed": 2, "items": 1}
    assert sorted(due) == [due_data[0].pk, due_data[1].pk]
    assert removed_on(due_data) == [today, today, None]
    assert publication.remove_personal_data(today, dry_run=True) == []  # nothing left for the command


def test_removal_runs_in_the_database_worker(due_data, database_queue):
    tasks.remove_personal_data.enqueue()
    assert removed_on(due_data) == [None, None, None]  # queued, not yet run

    run_worker()

    result = DBTaskResult.objects.get()
    assert result.status == TaskResultStatus.SUCCESSFUL
    assert result.return_value["removed"] == 2
    assert removed_on(due_data)[:2] == [timezone.localdate()] * 2


# Retries and failures -------------------------------------------------------------------------


def test_failing_task_is_retried_after_a_delay_then_given_up(due_data, database_queue, monkeypatch):
    monkeypatch.setattr(publication, "remove_personal_data", failing_removal)
    tasks.remove_personal_data.enqueue()

    run_worker()

    failed = DBTaskResult.objects.get(status=TaskResultStatus.FAILED)
    retry = DBTaskResult.objects.get(status=TaskResultStatus.READY)
    assert "the archive did not answer" in failed.traceback
    assert retry.args_kwargs["kwargs"] == {"attempt": 2}
    assert retry.run_after - failed.finished_at == pytest.approx(RETRY_DELAYS[0], abs=dt.timedelta(seconds=5))

    for _ in range(MAX_ATTEMPTS):  # the delays pass: every waiting run becomes due at once
        DBTaskResult.objects.filter(status=TaskResultStatus.READY).update(run_after=timezone.now())
        run_worker()

    attempts = [row.args_kwargs["kwargs"].get("attempt", 1) for row in DBTaskResult.objects.order_by("enqueued_at")]
    assert attempts == [1, 2, 3]
    assert set(DBTaskResult.objects.values_list("status", flat=True)) == {TaskResultStatus.FAILED}


def test_a_retry_that_succeeds_ends_the_retries(due_data, database_queue, monkeypatch):
    service = publication.remove_personal_data
    monkeypatch.setattr(publication, "remove_personal_data", failing_removal)
    tasks.remove_personal_data.enqueue()
    run_worker()
    monkeypatch.setattr(publication, "remove_personal_data", service)

    DBTaskResult.objects.filter(status=TaskResultStatus.READY).update(run_after=timezone.now())
    run_worker()

    statuses = list(DBTaskResult.objects.order_by("enqueued_at").values_list("status", flat=True))
    assert statuses == [TaskResultStatus.FAILED, TaskResultStatus.SUCCESSFUL]
    assert removed_on(due_data)[:2] == [timezone.localdate()] * 2


def test_administrator_sees_the_failure_on_the_home_page_and_in_the_admin(
    due_data, database_queue, monkeypatch, admin_client, staff_client
):
    monkeypatch.setattr(publication, "remove_personal_data", failing_removal)
    tasks.remove_personal_data.enqueue()
    run_worker()
    failed = DBTaskResult.objects.get(status=TaskResultStatus.FAILED)

    home = admin_client.get(reverse("dashboard"))
    results = admin_client.get(
        reverse("admin:django_tasks_database_dbtaskresult_changelist"), {"status__exact": "FAILED"}
    )
    detail = admin_client.get(reverse("admin:django_tasks_database_dbtaskresult_change", args=[failed.pk]))

    assert 'id="background-tasks"' in home.text
    assert "status__exact=FAILED" in home.text
    assert results.status_code == 200
    assert "remove_personal_data" in results.text
    assert "the archive did not answer" in detail.text  # the traceback
    assert 'id="background-tasks"' not in staff_client.get(reverse("dashboard")).text


# The minutes, rendered ahead ------------------------------------------------------------------


def check_all(meeting: Meeting, user) -> None:
    check_minutes(meeting, checked_on=dt.date(2026, 3, 12), examiners=[], method="electronic", by=user)


def test_minutes_render_is_enqueued_only_when_the_check_commits(
    body, secretary, database_queue, django_capture_on_commit_callbacks
):
    day = meeting_day(body)

    with django_capture_on_commit_callbacks() as callbacks:
        check_all(day.meeting, secretary)
        assert not DBTaskResult.objects.exists()
    for callback in callbacks:
        callback()

    queued = DBTaskResult.objects.get()
    assert queued.task_path == "decisions.tasks.render_minutes_pdf"
    assert queued.args_kwargs["kwargs"] == {"meeting_id": day.meeting.pk}


def test_checking_some_sections_renders_nothing_ahead(
    body, secretary, database_queue, django_capture_on_commit_callbacks
):
    day = meeting_day(body)

    with django_capture_on_commit_callbacks(execute=True):
        check_minutes(
            day.meeting,
            items=[day.first],
            checked_on=dt.date(2026, 3, 12),
            examiners=[],
            method="electronic",
            by=secretary,
        )

    assert not DBTaskResult.objects.exists()  # the minutes are still a draft


def test_first_reader_of_checked_minutes_gets_the_pdf_rendered_ahead(
    body, secretary, staff_client, django_capture_on_commit_callbacks, monkeypatch
):
    day = meeting_day(body)
    with django_capture_on_commit_callbacks(execute=True):
        check_all(day.meeting, secretary)  # the task runs at once here (testing/tasks.py)
    layouts = []
    monkeypatch.setattr(pdf, "_render", lambda job, seconds: layouts.append(job))

    response = staff_client.get(reverse("decisions:meeting_minutes_pdf", args=[day.meeting.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert layouts == []  # served from the cache


# The daily schedule ---------------------------------------------------------------------------


def scheduler_at(moment: dt.datetime) -> list[str]:
    with freeze_time(moment):
        return enqueue_due_daily_tasks()


def test_scheduler_enqueues_the_daily_removal_once_a_day_after_its_time(database_queue, settings):
    settings.TASKS_DAILY = {REMOVAL: "00:30"}
    night = dt.datetime(2026, 3, 12, 0, 10, tzinfo=HELSINKI)

    assert scheduler_at(night) == []
    assert scheduler_at(night.replace(hour=9)) == [REMOVAL]  # a scheduler started late catches up
    assert scheduler_at(night.replace(hour=10)) == []  # already enqueued today
    assert scheduler_at(night + dt.timedelta(days=1, minutes=30)) == [REMOVAL]

    assert DBTaskResult.objects.filter(task_path=REMOVAL).count() == 2


def test_scheduler_command_once_enqueues_what_is_due(database_queue, settings):
    settings.TASKS_DAILY = {REMOVAL: "00:00"}
    out = io.StringIO()

    call_command("run_scheduler", "--once", stdout=out)
    call_command("run_scheduler", "--once", stdout=out)

    assert out.getvalue().count(f"Enqueued {REMOVAL}") == 1
    assert DBTaskResult.objects.filter(task_path=REMOVAL).count() == 1
