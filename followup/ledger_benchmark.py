"""The ledger import's speed, for the benchmark command: a synthetic ledger file of N rows read and
imported for a project in a transaction that is rolled back (nothing is kept)."""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.db import transaction

from followup.services.imports import import_ledger, plan_import
from projects.models import Project

ACCOUNTS = ("4000", "4100", "4300", "4400", "4500", "4999")
PERIOD_START, PERIOD_END = dt.date(2025, 1, 1), dt.date(2025, 12, 31)


@dataclass(frozen=True)
class LedgerTiming:
    rows: int
    imported: int
    read_seconds: float
    write_seconds: float

    @property
    def seconds(self) -> float:
        return self.read_seconds + self.write_seconds


def synthetic_ledger(rows: int) -> bytes:
    """A semicolon CSV in Finnish of ``rows`` distinct rows dated through 2025."""
    lines = ["Päivämäärä;Tili;Kustannuspaikka;Projekti;Selite;Summa"]
    for number in range(rows):
        day = PERIOD_START + dt.timedelta(days=number % 365)
        euros, cents = divmod(number * 37 % 500_000 + 100, 100)
        lines.append(
            f"{day:%d.%m.%Y};{ACCOUNTS[number % len(ACCOUNTS)]};KP{number % 7};H1;"
            f"Tosite {number + 1};{euros:,}".replace(",", " ")
            + f",{cents:02d}"
        )
    return ("\n".join(lines) + "\n").encode()


class _Rollback(Exception):
    pass


def time_ledger_import(rows: int) -> LedgerTiming:
    """Read and import a synthetic file of ``rows`` rows for the first project; nothing is kept."""
    project = Project.objects.order_by("pk").first()
    if project is None:
        raise ValueError("No project to import for: load the demo or generate volume first.")
    content = synthetic_ledger(rows)
    try:
        with transaction.atomic():
            user = User.objects.filter(is_superuser=True).first() or User.objects.create_user("ledger-benchmark")
            started = time.perf_counter()
            plan = plan_import(
                project, content, file_name="benchmark.csv", period_start=PERIOD_START, period_end=PERIOD_END
            )
            read = time.perf_counter() - started
            started = time.perf_counter()
            ledger_import = import_ledger(plan, project=project, user=user)
            timing = LedgerTiming(rows, ledger_import.row_count, read, time.perf_counter() - started)
            raise _Rollback
    except _Rollback:
        pass
    return timing
