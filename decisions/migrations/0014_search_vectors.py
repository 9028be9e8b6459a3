"""Stored, indexed search vectors of the agenda items (PostgreSQL; a no-op column on SQLite).

The column `search_vector` is filled by the trigger `search_vector_filled` on every INSERT and UPDATE
(decisions.models.search.SEARCH_VECTOR_SQL) and again when a body is renamed. The existing rows are
filled here by touching only that column: the triggers that freeze checked items watch other columns.
Then the GIN index of the vectors and the trigram index of the register numbers (pg_trgm).
"""
from __future__ import annotations

import django.contrib.postgres.search
import pgtrigger.compiler
import pgtrigger.migrations
from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

INDEXES = {
    "item_search_vector": "CREATE INDEX item_search_vector ON decisions_agendaitem USING gin (search_vector)",
    "item_register_number_trgm": (
        "CREATE INDEX item_register_number_trgm ON decisions_agendaitem USING gin (UPPER(register_number) gin_trgm_ops)"
    ),
}


class TrigramExtensionKept(TrigramExtension):
    """pg_trgm, left in place when this migration is reversed: the projects' indexes use it too."""

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        pass


def fill_and_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    # The vector stays in the row (compressed) rather than in the TOAST table: a search reads and ranks
    # every matching row's vector, three to four times faster so (the long texts are moved out first).
    schema_editor.execute("ALTER TABLE decisions_agendaitem ALTER COLUMN search_vector SET STORAGE MAIN")
    schema_editor.execute("SET LOCAL statement_timeout = 0")  # every row's vector, once
    schema_editor.execute("UPDATE decisions_agendaitem SET search_vector = NULL")
    for sql in INDEXES.values():
        schema_editor.execute(sql)


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("decisions", "0013_decision_handling"),
    ]

    operations = [
        TrigramExtensionKept(),
        migrations.AddField(
            model_name="agendaitem",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(
                editable=False, null=True, serialize=False, verbose_name="search vector"
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="agendaitem",
            trigger=pgtrigger.compiler.Trigger(
                name="search_vector_filled",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func="\nNEW.search_vector :=\n    setweight(to_tsvector('finnish', coalesce(NEW.title, '')), 'A')\n    || setweight(to_tsvector('finnish', coalesce(NEW.proposal, '') || ' ' || coalesce(NEW.decision, '')), 'B')\n    || setweight(to_tsvector('finnish', coalesce(NEW.description, '') || ' ' || coalesce(NEW.register_number, '')\n        || ' ' || coalesce((SELECT name FROM decisions_body WHERE id = NEW.body_id), '')), 'C');\nRETURN NEW;\n",
                    hash="a66bb2a5ee345a31d3af4a2898a6e5203a4c8d3e",
                    operation="INSERT OR UPDATE",
                    pgid="pgtrigger_search_vector_filled_93dd7",
                    table="decisions_agendaitem",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="body",
            trigger=pgtrigger.compiler.Trigger(
                name="item_search_vectors_renamed",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    condition='WHEN (OLD."name" IS DISTINCT FROM (NEW."name"))',
                    func="UPDATE decisions_agendaitem SET search_vector = NULL WHERE body_id = NEW.id; RETURN NULL;",
                    hash="c9c231e967dfea5b7aab3194f3ab49b9d549dccd",
                    operation="UPDATE",
                    pgid="pgtrigger_item_search_vectors_renamed_c788e",
                    table="decisions_body",
                    when="AFTER",
                ),
            ),
        ),
        migrations.RunPython(fill_and_index, drop_indexes),
    ]
