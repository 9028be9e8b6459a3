"""The ledger import: reading a file for a project's preview (nothing written) and, once the
preview is confirmed, writing it in one transaction.

A confirmed import replaces the project's ledger rows in its period: they are deleted (one DELETE),
the file's rows are inserted (one prepared INSERT run in batches of 2 000), the LedgerImport is
created and the import is audited with the file's SHA-256. An error anywhere rolls all of it back.
Importing the same file for the same period again therefore gives the same rows (with the same row
keys, followup.ledger) and no duplicates. Rows whose account has no cost category yet are imported
with category "" (unmapped) and categorised later by the account mapping
(followup.services.costs.save_mappings).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from followup.ledger import LedgerPlan, LedgerRow, read_ledger
from followup.models import AccountMapping, ActualCost, LedgerImport
from hankehallinta.audit import record
from hankehallinta.models import AuditEvent
from hankehallinta.services import ActionRefused

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from projects.models import Project

KIND = "ledger_import"
BATCH_SIZE = 2_000


def plan_import(
    project: Project,
    content: bytes,
    *,
    file_name: str,
    period_start: dt.date,
    period_end: dt.date,
    project_code: str = "",
) -> LedgerPlan:
    """The preview of a file for the project: its rows with their errors, categories and keys. Reads only."""
    plan = read_ledger(
        content,
        file_name=file_name,
        period_start=period_start,
        period_end=period_end,
        project_code=project_code,
        categories=AccountMapping.objects.categories_for(project),
        imported_keys=ActualCost.objects.for_project(project).from_ledger().row_keys(),
    )
    plan.replaced_rows = (
        ActualCost.objects.for_project(project).from_ledger().in_period(period_start, period_end).count()
    )
    return plan


def import_ledger(plan: LedgerPlan, *, project: Project, user: User, include_repeats: bool = False) -> LedgerImport:
    """Write the plan's importable rows for the project in one transaction, replacing the period's
    ledger rows, and audit the import with the file's SHA-256. A plan that cannot be imported is refused."""
    if not plan.can_import:
        raise ActionRefused(_("The file has no rows to import: correct it and upload it again."))
    rows = plan.importable(include_repeats=include_repeats)
    with transaction.atomic():
        replaced = _delete_period(project, plan.period_start, plan.period_end)
        ledger_import = LedgerImport.objects.create(
            project=project,
            period_start=plan.period_start,
            period_end=plan.period_end,
            file_name=plan.file_name[:255],
            sha256=plan.sha256,
            row_count=len(rows),
            imported_by=user,
        )
        insert_rows(project, ledger_import, rows, user=user)
        record(
            AuditEvent.Action.CREATE,
            user=user,
            obj=ledger_import,
            detail={
                "kind": KIND,
                "project": project.pk,
                "file": plan.file_name[:200],
                "sha256": plan.sha256,
                "period": [plan.period_start.isoformat(), plan.period_end.isoformat()],
                "rows": len(rows),
                "replaced": replaced,
                "rows_with_errors": len(plan.error_rows),
                "repeats": len(plan.repeat_rows),
                "repeats_imported": include_repeats,
                "unmapped_accounts": plan.unmapped_accounts[:50],
            },
        )
    return ledger_import


def _delete_period(project: Project, start: dt.date, end: dt.date) -> int:
    """Delete the project's ledger rows dated in the period in one statement; how many there were.

    One DELETE, not Django's collector: the collector would load every row to send its delete
    signal, and the import's own audit event records how many rows the period replaced."""
    table = connection.ops.quote_name(ActualCost._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {table} WHERE project_id = %s AND ledger_import_id IS NOT NULL AND date >= %s AND date <= %s",  # noqa: S608 - the table name is the model's
            [project.pk, connection.ops.adapt_datefield_value(start), connection.ops.adapt_datefield_value(end)],
        )
        return cursor.rowcount


#: The columns the import writes (every concrete column but the id), in the model's order.
def _columns() -> list[str]:
    return [field.column for field in ActualCost._meta.concrete_fields if not field.primary_key]


def insert_rows(project: Project, ledger_import: LedgerImport, rows: list[LedgerRow], *, user: User) -> None:
    """Insert the rows in batches of BATCH_SIZE with one prepared INSERT (executemany).

    This is bulk_create without building a model instance per row, which at 50 000 rows is most of
    the import's time; the values are adapted for the database as Django's fields adapt them."""
    ops = connection.ops
    columns = _columns()
    table = ops.quote_name(ActualCost._meta.db_table)
    sql = (
        f"INSERT INTO {table} ({', '.join(ops.quote_name(c) for c in columns)}) "  # noqa: S608 - names from the model
        f"VALUES ({', '.join(['%s'] * len(columns))})"
    )
    now = ops.adapt_datetimefield_value(timezone.now())
    fixed = {
        "project_id": project.pk,
        "ledger_import_id": ledger_import.pk,
        "hours": None,
        "hourly_rate": None,
        "in_kind": False,
        "created_at": now,
        "created_by_id": user.pk,
    }
    with connection.cursor() as cursor:
        for start in range(0, len(rows), BATCH_SIZE):
            cursor.executemany(sql, [_values(row, columns, fixed, ops) for row in rows[start : start + BATCH_SIZE]])


def _values(row: LedgerRow, columns: list[str], fixed: dict, ops) -> tuple:
    own = {
        "date": ops.adapt_datefield_value(row.date),
        "account": row.account,
        "cost_centre": row.cost_centre,
        "project_code": row.project_code,
        "description": row.description,
        "amount": ops.adapt_decimalfield_value(row.amount, 14, 2),
        "category": row.category,
        "row_key": row.row_key,
    }
    return tuple(own[column] if column in own else fixed[column] for column in columns)
