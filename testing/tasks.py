"""Background tasks in tests: run at once, and a failure fails the test.

In production a task is a row in the database that `manage.py db_worker` runs; tests start no
worker, so with that backend a task enqueued by a test would sit in the queue unseen. Every test
therefore runs with django-tasks' immediate backend (the autouse fixture in conftest.py): an
enqueued task runs at once, in the test's process, and its effects are there to assert on. The
immediate backend records a task's exception instead of raising it; :func:`tasks_run_at_once`
makes the test fail with the traceback, so that no task fails silently either.

Tests of the queue itself (retries, the worker, the scheduler, the admin's results) switch to the
database backend with ``settings.TASKS = DATABASE_TASKS`` and run the worker with
:func:`run_worker`: its failures are rows to assert on, not test failures.
"""

from __future__ import annotations

import contextlib
import io
from typing import TYPE_CHECKING, Any
from unittest import mock

import pytest
from django.core.management import call_command
from django_tasks import TaskResultStatus
from django_tasks.backends.immediate import ImmediateBackend
from django_tasks.signals import task_finished

if TYPE_CHECKING:
    from collections.abc import Iterator

    from django_tasks import TaskResult

IMMEDIATE_TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@contextlib.contextmanager
def tasks_run_at_once(settings: Any) -> Iterator[None]:
    """Run every task at once while inside; afterwards, fail with the traceback of any that failed."""
    settings.TASKS = IMMEDIATE_TASKS
    failed: list[TaskResult] = []

    def record(sender: type, task_result: TaskResult, **kwargs: Any) -> None:
        if task_result.status == TaskResultStatus.FAILED:
            failed.append(task_result)

    task_finished.connect(record, sender=ImmediateBackend, weak=False)
    try:
        yield
    finally:
        task_finished.disconnect(record, sender=ImmediateBackend)
    if failed:
        tracebacks = "\n".join(f"{result.task.module_path}:\n{result.errors[-1].traceback}" for result in failed)
        pytest.fail(f"{len(failed)} background task(s) failed:\n{tracebacks}", pytrace=False)


def run_worker() -> None:
    """Run the database queue's worker until no task is ready (`db_worker --batch`), quietly.

    The worker closes "old" database connections between tasks, and inside a test's transaction
    Django counts the connection as such (its autocommit is off): on PostgreSQL that would end the
    test's transaction. Django's test cases keep requests from doing the same; so does this.
    """
    with mock.patch("django_tasks_db.management.commands.db_worker.close_old_connections"):
        call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0, stdout=io.StringIO())
