"""Trigram indexes (pg_trgm) of the project's title and funding decision reference, for the staff
search's project filter (`UPPER(column) LIKE '%fragment%'`). PostgreSQL only: a no-op on SQLite."""
from __future__ import annotations

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

INDEXES = {
    "project_title_trgm": "CREATE INDEX project_title_trgm ON projects_project USING gin (UPPER(title) gin_trgm_ops)",
    "project_reference_trgm": (
        "CREATE INDEX project_reference_trgm ON projects_project "
        "USING gin (UPPER(funding_decision_reference) gin_trgm_ops)"
    ),
}


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for sql in INDEXES.values():
        schema_editor.execute(sql)


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("projects", "0004_funding_calls"),
    ]

    operations = [
        TrigramExtension(),
        migrations.RunPython(create_indexes, drop_indexes),
    ]
