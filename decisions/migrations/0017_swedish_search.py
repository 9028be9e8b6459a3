"""Search in Finnish and in Swedish (decisions.models.search): the trigger `search_vector_filled` reads
the main texts with the configuration of the body's main language, a bilingual body's Swedish texts
and name with the Swedish one; a body's new name, Swedish name or language fills its items' vectors
again. The existing vectors are filled again here, by touching only that column (the triggers that
freeze checked items watch other columns).
"""

from __future__ import annotations

import pgtrigger.compiler
import pgtrigger.migrations
from django.db import migrations


def refill_vectors(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("SET LOCAL statement_timeout = 0")  # every row's vector, once
    schema_editor.execute("UPDATE decisions_agendaitem SET search_vector = NULL")


class Migration(migrations.Migration):
    dependencies = [("decisions", "0016_bilingual_items")]

    operations = [
        pgtrigger.migrations.RemoveTrigger(
            model_name="agendaitem",
            name="search_vector_filled",
        ),
        pgtrigger.migrations.RemoveTrigger(
            model_name="body",
            name="item_search_vectors_renamed",
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="agendaitem",
            trigger=pgtrigger.compiler.Trigger(
                name="search_vector_filled",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    declare="DECLARE item_config regconfig; item_body_name text; item_bilingual boolean; item_body_name_sv text;",
                    func="\nSELECT CASE WHEN body.language = 'sv' THEN 'swedish' ELSE 'finnish' END::regconfig, body.name,\n        body.language = 'fi-sv', body.name_sv\n    INTO item_config, item_body_name, item_bilingual, item_body_name_sv\n    FROM decisions_body body WHERE body.id = NEW.body_id;\nitem_config := coalesce(item_config, 'finnish'::regconfig);\nNEW.search_vector :=\n    setweight(to_tsvector(item_config, coalesce(NEW.title, '')), 'A')\n    || setweight(to_tsvector(item_config, coalesce(NEW.proposal, '') || ' ' || coalesce(NEW.decision, '')), 'B')\n    || setweight(to_tsvector(item_config, coalesce(NEW.description, '') || ' ' || coalesce(NEW.register_number, '')\n        || ' ' || coalesce(item_body_name, '')), 'C');\nIF item_bilingual THEN\n    NEW.search_vector := NEW.search_vector\n        || setweight(to_tsvector('swedish', coalesce(NEW.title_sv, '')), 'A')\n        || setweight(to_tsvector('swedish', coalesce(NEW.proposal_sv, '') || ' ' || coalesce(NEW.decision_sv, '')), 'B')\n        || setweight(to_tsvector('swedish', coalesce(NEW.description_sv, '') || ' '\n            || coalesce(item_body_name_sv, '')), 'C');\nEND IF;\nRETURN NEW;\n",
                    hash="18d8ea239e00291bfc36a40b308e0a970252b78e",
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
                    condition='WHEN (OLD."name" IS DISTINCT FROM (NEW."name") OR OLD."name_sv" IS DISTINCT FROM (NEW."name_sv") OR OLD."language" IS DISTINCT FROM (NEW."language"))',
                    func="UPDATE decisions_agendaitem SET search_vector = NULL WHERE body_id = NEW.id; RETURN NULL;",
                    hash="3d23831e80711e6303aa1ae79508f94d03c41095",
                    operation="UPDATE",
                    pgid="pgtrigger_item_search_vectors_renamed_c788e",
                    table="decisions_body",
                    when="AFTER",
                ),
            ),
        ),
        migrations.RunPython(refill_vectors, refill_vectors),
    ]
