"""`manage.py run_scheduler`: enqueue the daily background tasks (settings.TASKS_DAILY) when due.

Every minute it enqueues each daily task whose local time today has passed and that has not been
enqueued since (hankehallinta.tasks.enqueue_due_daily_tasks); `manage.py db_worker` runs them. A
scheduler started after the time (a restart, a server down at night) enqueues the day's run at once;
a second scheduler adds nothing but the rare duplicate, which the idempotent daily tasks shrug off.
Run one per installation (docs/background-tasks.md). `--once` checks once and exits, for a cron
line or a systemd timer instead of the long-running process.
"""

from __future__ import annotations

import logging
import time

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DatabaseError, close_old_connections

from hankehallinta.tasks import enqueue_due_daily_tasks, uses_database_queue

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = "Enqueue the daily background tasks (settings.TASKS_DAILY) once their time of day has passed."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--once", action="store_true", help="Check once, enqueue what is due, and exit.")
        parser.add_argument("--interval", type=float, default=60, help="Seconds between checks (default: 60).")

    def handle(self, *args, once: bool, interval: float, **options) -> None:
        if not uses_database_queue():
            raise CommandError("The scheduler needs the database task backend (settings.TASKS).")
        if once:  # an error ends the command with its traceback, for cron to report
            self.enqueue_due()
            return
        self.stdout.write(f"Scheduler started: checking every {interval:g} s.")
        while True:
            close_old_connections()
            try:
                self.enqueue_due()
            except DatabaseError:
                logger.exception("Scheduler: the database did not answer; trying again at the next check")
            time.sleep(interval)

    def enqueue_due(self) -> None:
        for path in enqueue_due_daily_tasks():
            self.stdout.write(f"Enqueued {path}")
