"""Background tasks: the retry policy, the daily schedule, and the failures the administrator sees.

The apps' tasks are django-tasks tasks (the backport of Django 6.0's ``django.tasks``) kept in the
database by django-tasks-db, each run by one ``manage.py db_worker`` (docs/background-tasks.md).
What this module adds to that framework:

- Retries (:func:`retried`). django-tasks runs a task once. A task body wrapped in ``retried`` that
  raises enqueues the same task again, ``attempt`` one higher, after ``RETRY_DELAYS``, up to
  ``MAX_ATTEMPTS`` runs; the failed run itself is still recorded as failed with its traceback. Every
  run is one row in the admin's task results, its attempt in its arguments.
- The daily schedule (:func:`enqueue_due_daily_tasks`): settings.TASKS_DAILY maps a task's dotted
  path to a local time ("00:30"); once that time has passed, the task is enqueued, once a day.
  ``manage.py run_scheduler`` calls it every minute.
- Failures in view (:func:`recent_failure_count`): the administrator's home page counts the failed
  runs of the last ``FAILURE_DAYS`` days and links to the task results in the admin.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy, pgettext_lazy
from django_tasks import task_backends
from django_tasks.base import Task
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.models import DBTaskResult

if TYPE_CHECKING:
    from collections.abc import Iterator

    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

logger = logging.getLogger(__name__)

#: Runs of one task at most: the first and two retries.
MAX_ATTEMPTS = 3
#: The wait before the second and the third run.
RETRY_DELAYS = (dt.timedelta(minutes=5), dt.timedelta(minutes=30))
#: The administrator's home page counts the failed runs of this many days.
FAILURE_DAYS = 7
#: The admin's list of task results (django_tasks_db's app label is "django_tasks_database").
RESULTS_VIEW_PERMISSION = "django_tasks_database.view_dbtaskresult"


# Retries ---------------------------------------------------------------------------------------


@contextlib.contextmanager
def retried(task: Task, *, attempt: int, give_up_on: tuple[type[Exception], ...] = (), **kwargs: Any) -> Iterator[None]:
    """Run the body of `task` (called with `kwargs` and `attempt`); on an exception, enqueue it again.

    The next run gets ``attempt + 1`` and the same `kwargs`, after ``RETRY_DELAYS``, as long as this
    was not run ``MAX_ATTEMPTS``. Exceptions of the `give_up_on` classes are not retried (a document
    too large stays too large). The exception is raised again, so this run is recorded as failed.
    """
    try:
        yield
    except give_up_on:
        raise
    except Exception:
        if attempt < MAX_ATTEMPTS:
            enqueue_retry(task, attempt=attempt + 1, **kwargs)
        else:
            logger.error("Task %s failed %d times: not retried again", task.module_path, attempt)
        raise


def enqueue_retry(task: Task, *, attempt: int, **kwargs: Any) -> None:
    """Enqueue run number `attempt` of `task`, after its delay where the backend can wait."""
    delay = RETRY_DELAYS[min(attempt, len(RETRY_DELAYS) + 1) - 2]
    if task.get_backend().supports_defer:
        task = task.using(run_after=timezone.now() + delay)
    logger.warning("Task %s failed: run %d enqueued", task.module_path, attempt)
    task.enqueue(attempt=attempt, **kwargs)


# The daily schedule ----------------------------------------------------------------------------


def enqueue_due_daily_tasks(now: dt.datetime | None = None) -> list[str]:
    """Enqueue each task of settings.TASKS_DAILY whose local time today has passed and that has not
    been enqueued since; return their paths. Running it again (or in two schedulers) adds nothing."""
    now = timezone.localtime(now)
    enqueued = []
    for path, at in getattr(settings, "TASKS_DAILY", {}).items():
        time_of_day = dt.time.fromisoformat(at)
        due = now.replace(hour=time_of_day.hour, minute=time_of_day.minute, second=0, microsecond=0)
        if now < due or _enqueued_since(path, due):
            continue
        task: Task = import_string(path)
        task.enqueue()
        enqueued.append(path)
    return enqueued


def _enqueued_since(path: str, moment: dt.datetime) -> bool:
    return DBTaskResult.objects.filter(task_path=path, enqueued_at__gte=moment).exists()


def uses_database_queue(alias: str = "default") -> bool:
    """Whether tasks go to the database queue (which the scheduler and the worker need)."""
    return isinstance(task_backends[alias], DatabaseBackend)


# Failures in view ------------------------------------------------------------------------------


def recent_failure_count(days: int = FAILURE_DAYS) -> int:
    """How many task runs failed in the last `days` days (retried runs included)."""
    since = timezone.now() - dt.timedelta(days=days)
    return DBTaskResult.objects.failed().filter(finished_at__gte=since).count()


def sees_task_failures(user: AbstractBaseUser | AnonymousUser) -> bool:
    """Whether `user` is shown the failures: who may open the task results in the admin."""
    return bool(user.is_active and user.is_staff and user.has_perm(RESULTS_VIEW_PERMISSION))


#: django-tasks-db's own texts, which it ships in English only: marked here, so that the project's
#: catalogue gives their Finnish in the admin (hankehallinta/translations.py does so for Django's).
DJANGO_TASKS_TEXTS = [
    gettext_lazy("Task Result"),
    gettext_lazy("Task Results"),
    gettext_lazy("status"),
    gettext_lazy("enqueued at"),
    gettext_lazy("started at"),
    gettext_lazy("finished at"),
    gettext_lazy("args kwargs"),
    gettext_lazy("priority"),
    gettext_lazy("task path"),
    gettext_lazy("worker id"),
    gettext_lazy("queue name"),
    gettext_lazy("backend name"),
    gettext_lazy("run after"),
    gettext_lazy("return value"),
    gettext_lazy("exception class path"),
    gettext_lazy("traceback"),
    pgettext_lazy("Task", "Ready"),
    pgettext_lazy("Task", "Running"),
    pgettext_lazy("Task", "Failed"),
    pgettext_lazy("Task", "Successful"),
]
